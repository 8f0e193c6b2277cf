// The one entry point for neighbours, walls, clusters and renovation units, shared by the worker, the
// CLI, the bench and the tests.
//
// Regions: compounds are projected to the CGCS2000 3° Gauss-Krüger zone nearest them (project.ts).
// Data inside one zone (a city) is one region. Data spanning zones is cut into one region per zone;
// a compound joins every zone its longitude range reaches, widened by the largest gap, so each pair
// within the gap has a zone holding both, and a pair is kept only in the westernmost such zone.
//
// The cache keeps the exact pairs (distance and wall) found at the largest gap asked so far: a smaller
// gap or another scope only filters them and recomputes components; walls depend on distance(a, b) alone.

import type { AreaGeometry, Compound } from './types';
import { runSteps, runStepsAsync } from './steps';
import { lonExtent, packPolygons, type LonExtent, type PackedPolygons } from './flat';
import { measureInto, pairScratch, SegmentFinder } from './adjacency';
import { boxGrid, candidatePairs } from './candidates';
import { clusterPairs, pairOrder, categoryIndex, type ClusterTable, type CompoundAttrs, type PairTable } from './clusters';
import { neighbourGraph, renovationUnits, type UnitTable } from './units';
import { pairsWithOverrides, resolveOverrides, type ClusterOverride, type ResolvedOverrides } from './overrides';
import { metresToLonDegrees, zoneMeridian } from './project';

export const GAP_PRESETS_M = { wallsOnly: 1, acrossLanes: 10, acrossBranchRoads: 25 } as const;

export interface ClusterOptions {
  /** Gap tolerance, metres (default 10, "across lanes"). */
  gapM?: number;
  /** 1 = compound in scope (the current filter); default all. */
  scope?: Uint8Array;
  /** Renovation-unit bounds in households (default 1500–4000); false to skip units. */
  units?: { min?: number; max?: number } | false;
  /** The planner's overrides (compounds taken out, compounds joined), by compound id; applied at any gap. */
  overrides?: readonly ClusterOverride[];
  /** Called with the fraction done, 0…1 (async runs only report between chunks). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Milliseconds spent in each step of the last run (0 for steps served from the cache). */
export interface ClusterTimings {
  /** flatten and project to metres */
  pack: number;
  /** the box grid */
  index: number;
  /** candidate pairs from the grid */
  candidates: number;
  /** exact distances and walls of the candidates */
  measure: number;
  /** pair order, components, totals, units */
  clusters: number;
}

export interface ClusterResult {
  gapM: number;
  /** Pairs within the gap among compounds in scope, a < b, sorted by a then b (indices into compounds). */
  pairs: PairTable;
  clusters: ClusterTable;
  units: UnitTable | null;
  /** The overrides applied (null when none were given): who was taken out, which pairs joined, ids not found. */
  manual: ResolvedOverrides | null;
  /** Central meridians (degrees) of the transverse Mercator regions used. */
  meridians: number[];
  timings: ClusterTimings;
}

/** Reusable state between runs on the same compounds array (pass the same object again). */
export class ClusterCache {
  compounds: readonly Compound[] | null = null;
  /** Largest gap the pairs were computed at, metres. */
  gapM = -1;
  pairs: PairTable | null = null;
  extent: LonExtent | null = null;
  order: Int32Array | null = null;
  attrs: CompoundAttrs | null = null;
  meridians: number[] = [];
  packs = new Map<string, { packed: PackedPolygons; finder: SegmentFinder }>();
}

const CHUNK = 20000;

/**
 * Neighbours, walls, clusters and units in steps: yields the fraction done between chunks and returns the result.
 * Drive it with `analyzeClustersSync` or `analyzeClusters`.
 */
export function* clusterSteps(
  compounds: readonly Compound[],
  { gapM = GAP_PRESETS_M.acrossLanes, scope, units = {}, overrides }: ClusterOptions = {},
  cache: ClusterCache = new ClusterCache(),
): Generator<number, ClusterResult> {
  if (!(gapM >= 0) || !Number.isFinite(gapM)) throw new Error(`Gap must be a number of metres >= 0, got ${gapM}.`);
  const n = compounds.length;
  if (scope && scope.length !== n) throw new Error(`Scope has ${scope.length} entries for ${n} compounds.`);
  if (cache.compounds !== compounds) {
    Object.assign(cache, new ClusterCache());
    cache.compounds = compounds;
  }
  const timings: ClusterTimings = { pack: 0, index: 0, candidates: 0, measure: 0, clusters: 0 };
  if (!cache.pairs || gapM > cache.gapM) {
    const all = yield* computePairs(compounds.map((c) => c.geometry), gapM, cache, timings);
    cache.pairs = all;
    cache.gapM = gapM;
    const t = performance.now();
    cache.order = pairOrder(all.distance);
    timings.clusters += performance.now() - t;
  }
  const t0 = performance.now();
  cache.attrs ??= compoundAttrs(compounds);
  let all = cache.pairs;
  let order = cache.order!;
  let measured = all;
  // the planner's overrides change the pairs the clusters are made of (not the pairs measured)
  const manual = overrides?.length ? resolveOverrides(compounds.map((c) => c.id), overrides) : null;
  if (manual && (manual.joins.length || manual.out.includes(1))) {
    ({ effective: all, measured } = pairsWithOverrides(all, manual));
    order = pairOrder(all.distance);
  }
  const clusters = clusterPairs(n, all, order, cache.attrs, { gapM, scope });
  let unitTable: UnitTable | null = null;
  if (units) {
    const graph = neighbourGraph(n, all, { gapM, scope });
    unitTable = renovationUnits(clusters, graph, cache.attrs.households, { ...units, ids: compounds.map((c) => c.id) });
  }
  const pairs = filterPairs(measured, gapM, scope);
  timings.clusters += performance.now() - t0;
  yield 1;
  return { gapM, pairs, clusters, units: unitTable, manual, meridians: cache.meridians.slice(), timings };
}

/** Run the analysis to the end in one go (CLI, bench, tests). */
export function analyzeClustersSync(compounds: readonly Compound[], options: ClusterOptions = {}, cache?: ClusterCache): ClusterResult {
  return runSteps(clusterSteps(compounds, options, cache), options);
}

/**
 * Run the analysis, yielding to the event loop about every 30 ms so a worker can report progress and
 * notice `signal` being aborted (then the promise rejects with the signal's reason).
 */
export async function analyzeClusters(compounds: readonly Compound[], options: ClusterOptions = {}, cache?: ClusterCache): Promise<ClusterResult> {
  return runStepsAsync(clusterSteps(compounds, options, cache), options);
}

/** Neighbours within the gap with their distances and walls, from the geometries alone (the CLI's second thread). */
export function neighbourPairs(geoms: readonly AreaGeometry[], gapM: number): NeighbourPairs {
  const cache = new ClusterCache();
  const pairs = runSteps(computePairs(geoms, gapM, cache, { pack: 0, index: 0, candidates: 0, measure: 0, clusters: 0 }));
  return { pairs, order: pairOrder(pairs.distance), meridians: cache.meridians };
}

/** What neighbourPairs finds: the pairs, their order by distance (clusters.ts pairOrder) and the regions' meridians. */
export interface NeighbourPairs {
  pairs: PairTable;
  order: Int32Array;
  meridians: number[];
}

/**
 * A cache holding what neighbourPairs found on exactly these compounds' geometries, in this order, at `gapM`: the
 * analysis at that gap or less then only forms clusters. The caller vouches for the geometries being the same.
 */
export function seededCache(compounds: readonly Compound[], gapM: number, found: NeighbourPairs): ClusterCache {
  const cache = new ClusterCache();
  cache.compounds = compounds;
  cache.gapM = gapM;
  cache.pairs = found.pairs;
  cache.order = found.order;
  cache.meridians = found.meridians;
  return cache;
}

function* computePairs(geoms: readonly AreaGeometry[], gapM: number, cache: ClusterCache, timings: ClusterTimings): Generator<number, PairTable> {
  let t = performance.now();
  const extent = (cache.extent ??= lonExtent(geoms));
  const regions = planRegions(extent, gapM);
  timings.pack += performance.now() - t;
  cache.meridians = regions.map((r) => r.lon0);
  const parts: PairTable[] = [];
  for (let ri = 0; ri < regions.length; ri++) {
    const region = regions[ri];
    const base = ri / regions.length;
    const scale = 1 / regions.length;
    t = performance.now();
    const key = `${region.lon0}:${region.subset ? region.subset.length : -1}:${region.subset ? region.subset[0] : -1}`;
    let entry = cache.packs.get(key);
    if (!entry) {
      const packed = packPolygons(geoms, { lon0: region.lon0, subset: region.subset });
      entry = { packed, finder: new SegmentFinder(packed) };
      cache.packs.set(key, entry);
    }
    const { packed, finder } = entry;
    timings.pack += performance.now() - t;
    yield base + 0.1 * scale;
    t = performance.now();
    const grid = boxGrid(packed, gapM);
    timings.index += performance.now() - t;
    t = performance.now();
    const cand = candidatePairs(packed, gapM, grid);
    timings.candidates += performance.now() - t;
    yield base + 0.2 * scale;
    const m = cand.a.length;
    const pairs: PairTable = { a: new Int32Array(m), b: new Int32Array(m), distance: new Float64Array(m), wall: new Float64Array(m) };
    const scratch = pairScratch();
    let count = 0;
    for (let from = 0; from < m; from += CHUNK) {
      t = performance.now();
      const to = Math.min(m, from + CHUNK);
      count = measureInto(finder, cand, gapM, from, to, pairs, count, scratch);
      timings.measure += performance.now() - t;
      yield base + (0.2 + (0.8 * to) / m) * scale;
    }
    const found: PairTable = {
      a: pairs.a.subarray(0, count), b: pairs.b.subarray(0, count), distance: pairs.distance.subarray(0, count), wall: pairs.wall.subarray(0, count),
    };
    parts.push(region.subset ? toGlobal(packed, found, region.accept) : found);
  }
  const all = concat(parts);
  return regions.length > 1 ? sortPairs(all, geoms.length) : all;
}

interface Region {
  lon0: number;
  subset?: Int32Array;
  /** Keep a pair of compounds (global indices) found in this region? */
  accept?: (a: number, b: number) => boolean;
}

/** One region per 3° Gauss-Krüger zone the data reaches (usually one). */
function planRegions(extent: LonExtent, gapM: number): Region[] {
  const { lonRange, maxAbsLat } = extent;
  const n = lonRange.length / 2;
  const margin = metresToLonDegrees(gapM + 10, maxAbsLat);
  const zlo = new Int32Array(n), zhi = new Int32Array(n);
  let first = Infinity, last = -Infinity, sumLon = 0;
  for (let i = 0; i < n; i++) {
    zlo[i] = zoneMeridian(lonRange[2 * i] - margin) / 3;
    zhi[i] = zoneMeridian(lonRange[2 * i + 1] + margin) / 3;
    sumLon += (lonRange[2 * i] + lonRange[2 * i + 1]) / 2;
    if (zlo[i] < first) first = zlo[i];
    if (zhi[i] > last) last = zhi[i];
  }
  if (n === 0) return [{ lon0: 114 }];
  if (first === last) return [{ lon0: zoneMeridian(sumLon / n) }];
  const regions: Region[] = [];
  for (let z = first; z <= last; z++) {
    const members: number[] = [];
    let owns = false;
    for (let i = 0; i < n; i++) {
      if (zlo[i] <= z && z <= zhi[i]) {
        members.push(i);
        if (zlo[i] === z) owns = true;
      }
    }
    if (!owns) continue;
    regions.push({ lon0: z * 3, subset: Int32Array.from(members), accept: (a, b) => Math.max(zlo[a], zlo[b]) === z });
  }
  return regions;
}

function toGlobal(p: PackedPolygons, d: PairTable, accept?: (a: number, b: number) => boolean): PairTable {
  const m = d.a.length;
  const a = new Int32Array(m), b = new Int32Array(m), distance = new Float64Array(m), w = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < m; i++) {
    let u = p.source[d.a[i]], v = p.source[d.b[i]];
    if (u > v) [u, v] = [v, u];
    if (accept && !accept(u, v)) continue;
    a[k] = u;
    b[k] = v;
    distance[k] = d.distance[i];
    w[k++] = d.wall[i];
  }
  return { a: a.subarray(0, k), b: b.subarray(0, k), distance: distance.subarray(0, k), wall: w.subarray(0, k) };
}

function concat(parts: PairTable[]): PairTable {
  if (parts.length === 1) return parts[0];
  const m = parts.reduce((s, p) => s + p.a.length, 0);
  const out: PairTable = { a: new Int32Array(m), b: new Int32Array(m), distance: new Float64Array(m), wall: new Float64Array(m) };
  let k = 0;
  for (const p of parts) {
    out.a.set(p.a, k);
    out.b.set(p.b, k);
    out.distance.set(p.distance, k);
    out.wall.set(p.wall, k);
    k += p.a.length;
  }
  return out;
}

/** Pairs in order of a, then b: two stable counting sorts (by b, then by a), O(pairs + compounds). */
function sortPairs(p: PairTable, n: number): PairTable {
  const byB = countingOrder(p.b, n, null);
  return pick(p, countingOrder(p.a, n, byB));
}

function countingOrder(key: Int32Array, n: number, within: Int32Array | null): Int32Array {
  const m = key.length;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) start[key[i] + 1]++;
  for (let k = 0; k < n; k++) start[k + 1] += start[k];
  const out = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const i = within ? within[j] : j;
    out[start[key[i]]++] = i;
  }
  return out;
}

function pick(p: PairTable, idx: ArrayLike<number>): PairTable {
  const m = idx.length;
  const out: PairTable = { a: new Int32Array(m), b: new Int32Array(m), distance: new Float64Array(m), wall: new Float64Array(m) };
  for (let k = 0; k < m; k++) {
    const i = idx[k];
    out.a[k] = p.a[i];
    out.b[k] = p.b[i];
    out.distance[k] = p.distance[i];
    out.wall[k] = p.wall[i];
  }
  return out;
}

function filterPairs(p: PairTable, gapM: number, scope?: Uint8Array): PairTable {
  const keep = (i: number): boolean => p.distance[i] <= gapM && (!scope || (scope[p.a[i]] === 1 && scope[p.b[i]] === 1));
  let m = 0;
  for (let i = 0; i < p.a.length; i++) if (keep(i)) m++;
  const idx = new Int32Array(m);
  for (let i = 0, k = 0; i < p.a.length; i++) if (keep(i)) idx[k++] = i;
  return pick(p, idx);
}

/** The numbers the totals are summed from, as typed arrays (NaN = missing). */
export function compoundAttrs(compounds: readonly Compound[]): CompoundAttrs {
  const n = compounds.length;
  const v = (x: number | null): number => (x === null ? NaN : x);
  const out: CompoundAttrs = {
    households: new Float64Array(n), buildings: new Float64Array(n), floorArea: new Float64Array(n),
    investment: new Float64Array(n), category: new Int8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const c = compounds[i];
    out.households[i] = v(c.households);
    out.buildings[i] = v(c.buildings);
    out.floorArea[i] = v(c.floor_area_m2);
    out.investment[i] = v(c.investment_wan);
    out.category[i] = categoryIndex(c.category);
  }
  return out;
}

/** The result's buffers, each once, for `postMessage(result, transferables(result))` from a worker. */
export function transferables(r: ClusterResult): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (o: object): void => {
    for (const v of Object.values(o)) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) out.add(v.buffer);
  };
  add(r.pairs);
  add(r.clusters);
  if (r.units) add(r.units);
  if (r.manual) add(r.manual);
  return [...out];
}
