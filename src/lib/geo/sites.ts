// The one entry point for idle land as facility sites: which compounds each parcel can serve, households served,
// compounds left unserved, and the choice of parcels that covers the most households (shared by worker, CLI, bench).
//
// Geometry: compounds, parcels and existing facilities are packed into one layer in the CGCS2000 3° Gauss-Krüger
// zone of the data (project.ts), so the exact polygon distance of the clusters engine (measurePair) serves here
// unchanged. Data spanning several zones is split into regions, as the clusters engine does: each parcel (and
// existing facility) is measured in the zone of its own centre, against the compounds within reach of that zone's
// sources; its list then comes whole from its region. (In one zone for all, 3° off the meridian the scale would be
// off by ~0.14 %, 1.4 m at 1 km.)
//
// Capacity: a parcel with capacity C serves whole compounds nearest first, skipping any that would take it past C
// (first fit by distance), among the compounds no existing facility serves. That list is fixed per parcel, so two
// chosen parcels may list the same compound: it is counted once, and coverage stays a plain weighted coverage.

import { runSteps, runStepsAsync } from './steps';
import type { AreaGeometry, Compound, IdleParcel, MultiPointGeometry, PointGeometry, Position } from './types';
import { lonExtent, packPolygons } from './flat';
import { SegmentFinder } from './adjacency';
import { metresToLonDegrees, zoneMeridian } from './project';
import { centreGrid, reachDistances, reachInto, reachLists, ReachWriter, type ReachLists } from './sites-reach';
import { exactCover, exactMinCover, greedyCover, type SetLists } from './sites-choose';
import { explainShortfall, type Sentence } from './sites-explain';

export type ExistingGeometry = AreaGeometry | PointGeometry | MultiPointGeometry;

export interface SiteOptions {
  /** Walking radius of the facility type, metres. */
  radiusM: number;
  /** Smallest parcel that can host the facility, m² (default 0). Smaller parcels are listed but never chosen. */
  minAreaM2?: number;
  /** Households one facility serves at most (default no limit); see the file comment for how. */
  capacity?: number | null;
  /** Existing facilities of this type (points or polygons, WGS84): compounds within the radius count as covered. */
  existing?: readonly ExistingGeometry[];
  /** Choose this many parcels. */
  k?: number;
  /** Or choose as few as needed to cover this share of all households, 0…1 (with k too: at most k). */
  targetShare?: number;
  /** Solve exactly when at most this many parcels could add households (default 60). */
  exactLimit?: number;
  /** Measure the exact distance of every listed pair (default false; always done for the parcels when capacity is set). */
  distances?: boolean;
  /** The coordinates already are planar metres (tests, fixtures): no projection. */
  planar?: boolean;
  /**
   * The reach, worked out already (siteReach) on exactly these compounds', parcels' and existing facilities'
   * geometries with this radius, distances measured when asked or capacity is set: only the rest is done.
   */
  reach?: SiteReach;
  /** Called with the fraction done, 0…1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface SiteChoice {
  method: 'exact' | 'greedy';
  /** Parcel indices in order of choice. */
  chosen: Int32Array;
  /** Households each choice added, in order. */
  added: Float64Array;
  /** Households covered: by existing facilities plus the chosen parcels. */
  covered: number;
  /** Households the greedy choice covers (equals `covered` when the method is greedy). */
  greedyCovered: number;
  /** No choice of as many parcels covers more than this (= covered when proven exact); households. */
  upperBound: number;
  /** Target mode: no choice reaching the target has fewer parcels than this. */
  minParcels: number;
  /** False when the exact search ran out of budget (then the answer is the best found). */
  proven: boolean;
  /** The target in households, when one was asked (targetShare × total). */
  targetHouseholds: number | null;
}

export interface SiteResult {
  radiusM: number;
  minAreaM2: number;
  capacity: number | null;
  /** Parcel p can serve compound[offsets[p] … offsets[p + 1] - 1] (indices into compounds). */
  offsets: Uint32Array;
  compound: Int32Array;
  /** Exact distance of each listed pair, metres, when measured (options.distances or capacity), else null. */
  distance: Float64Array | null;
  /** Households of the compounds each parcel can serve (all of them, served elsewhere or not). */
  households: Float64Array;
  /** 1 = the parcel is at least minAreaM2. */
  eligible: Uint8Array;
  /** Per compound: 1 = within the radius of an existing facility. */
  existing: Uint8Array;
  /** Per compound: 1 = within the radius of an eligible parcel. */
  reachable: Uint8Array;
  /** Compounds no existing facility serves. */
  unserved: Int32Array;
  /** Unserved compounds with no eligible parcel within the radius either. */
  unreachable: Int32Array;
  /** Per parcel: the compounds it would serve as a new facility (unserved, within capacity), CSR like offsets. */
  serves: SetLists;
  totalHouseholds: number;
  existingHouseholds: number;
  /** Existing plus every eligible parcel at once: the most any choice can cover. */
  maxCoverable: number;
  /** Compounds with no household count (they count as 0). */
  unknownHouseholds: number;
  choice: SiteChoice | null;
  /** Plain-words reasons when a target cannot be met (empty otherwise). */
  shortfall: Sentence[];
  /** Central meridian of the Gauss-Krüger zone used (the first, when several), degrees (NaN when planar). */
  meridian: number;
  /** Central meridians of every region's zone, degrees (empty when planar). */
  meridians: number[];
  timings: { pack: number; reach: number; existing: number; choose: number };
}

/** Features per slice of the radius join between progress reports. */
const SLICE = 1024;

/**
 * Which compounds each parcel reaches and which compounds existing facilities serve: the geometry alone, so the CLI
 * can work it out on a second thread before the compounds' attributes are read.
 */
export interface SiteReach {
  /** Parcel p reaches compound[offsets[p] … offsets[p + 1] - 1] (indices into compounds). */
  offsets: Uint32Array;
  compound: Int32Array;
  /** Exact distance of each listed pair, metres, when asked for (else null). */
  distance: Float64Array | null;
  /** Per compound: 1 = within the radius of an existing facility. */
  served: Uint8Array;
  /** Central meridians of every region's zone, degrees (empty when planar). */
  meridians: number[];
  timings: { pack: number; reach: number; existing: number };
}

export interface ReachOptions {
  radiusM: number;
  /** Measure the exact distance of every listed pair. */
  distances?: boolean;
  planar?: boolean;
}

/** Steps of the analysis: yields the fraction done and returns the result; drive with analyzeSites(Async). */
export function* siteSteps(compounds: readonly Compound[], parcels: readonly IdleParcel[], options: SiteOptions): Generator<number, SiteResult> {
  const { radiusM, minAreaM2 = 0, capacity = null, existing = [], k, targetShare, exactLimit = 60, distances = false, planar = false } = options;
  if (!(radiusM >= 0) || !Number.isFinite(radiusM)) throw new Error(`Radius must be a number of metres >= 0, got ${radiusM}.`);
  if (!(minAreaM2 >= 0)) throw new Error(`Minimum area must be m² >= 0, got ${minAreaM2}.`);
  if (capacity !== null && !(capacity > 0)) throw new Error(`Capacity must be households > 0 (or null for none), got ${capacity}.`);
  if (k !== undefined && !(Number.isInteger(k) && k >= 0)) throw new Error(`k must be a whole number of parcels >= 0, got ${k}.`);
  if (targetShare !== undefined && !(targetShare >= 0 && targetShare <= 1)) throw new Error(`Target share must be between 0 and 1, got ${targetShare}.`);
  const nC = compounds.length, nP = parcels.length;
  const measureDistances = distances || capacity !== null;
  let reached = options.reach;
  if (reached && (reached.offsets.length !== nP + 1 || reached.served.length !== nC || (measureDistances && !reached.distance))) {
    throw new Error('The reach given does not fit these compounds, parcels and options.');
  }
  reached ??= yield* reachSteps(
    compounds.map((c) => c.geometry), parcels.map((p) => p.geometry), existing, { radiusM, distances: measureDistances, planar }, 0.8,
  );
  const { offsets, compound, distance, served } = reached;
  const reach: ReachLists = { offsets, compound };
  const timings = { ...reached.timings, choose: 0 };

  let t = performance.now();
  const hh = new Float64Array(nC);
  let unknownHouseholds = 0, totalHouseholds = 0;
  for (let i = 0; i < nC; i++) {
    const h = compounds[i].households;
    if (h === null || !(h >= 0)) unknownHouseholds++;
    else totalHouseholds += hh[i] = h;
  }
  const eligible = new Uint8Array(nP);
  for (let p = 0; p < nP; p++) eligible[p] = parcels[p].area_m2 >= minAreaM2 ? 1 : 0;
  let existingHouseholds = 0;
  for (let i = 0; i < nC; i++) if (served[i]) existingHouseholds += hh[i];
  timings.reach += performance.now() - t;
  yield 0.8;

  t = performance.now();
  const { sets: serves, reachable, coverable, households } = servingLists(reach, distance, eligible, served, hh, capacity);
  const unserved: number[] = [], unreachable: number[] = [];
  for (let i = 0; i < nC; i++) {
    if (served[i]) continue;
    unserved.push(i);
    if (!reachable[i]) unreachable.push(i);
  }
  const maxCoverable = existingHouseholds + coverable;
  const targetHouseholds = targetShare === undefined ? null : targetShare * totalHouseholds;
  const choice = k === undefined && targetHouseholds === null ? null : choose(serves, hh, { k, targetHouseholds, existingHouseholds, exactLimit });
  timings.choose = performance.now() - t;
  const result: SiteResult = {
    radiusM, minAreaM2, capacity, offsets: reach.offsets, compound: reach.compound, distance, households, eligible,
    existing: served, reachable, unserved: Int32Array.from(unserved), unreachable: Int32Array.from(unreachable), serves,
    totalHouseholds, existingHouseholds, maxCoverable, unknownHouseholds, choice, shortfall: [], meridian: planar ? NaN : reached.meridians[0],
    meridians: reached.meridians, timings,
  };
  result.shortfall = explainShortfall(result, compounds, hh);
  yield 1;
  return result;
}

/** Per list (parcel), the sum of `weight` over its compounds, in list order (households served: result.households). */
function listSums({ offsets, compound }: ReachLists, weight: Float64Array): Float64Array {
  const nP = offsets.length - 1;
  const out = new Float64Array(nP);
  for (let p = 0; p < nP; p++) {
    let sum = 0;
    for (let q = offsets[p]; q < offsets[p + 1]; q++) sum += weight[compound[q]];
    out[p] = sum;
  }
  return out;
}

/** Run the analysis in one go (CLI, bench, tests). */
export function analyzeSites(compounds: readonly Compound[], parcels: readonly IdleParcel[], options: SiteOptions): SiteResult {
  return runSteps(siteSteps(compounds, parcels, options), options);
}

/** Run the analysis, yielding to the event loop about every 30 ms so a worker sees `signal` abort (the promise then rejects). */
export async function analyzeSitesAsync(compounds: readonly Compound[], parcels: readonly IdleParcel[], options: SiteOptions): Promise<SiteResult> {
  return runStepsAsync(siteSteps(compounds, parcels, options), options);
}

/** The reach alone, in one go (the CLI's second thread). */
export function siteReach(
  compounds: readonly AreaGeometry[], parcels: readonly AreaGeometry[], existing: readonly ExistingGeometry[], options: ReachOptions,
): SiteReach {
  return runSteps(reachSteps(compounds, parcels, existing, options, 1));
}

/** Steps of the reach, reporting fractions 0 … `upTo`. */
function* reachSteps(
  compounds: readonly AreaGeometry[], parcels: readonly AreaGeometry[], existing: readonly ExistingGeometry[],
  { radiusM, distances = false, planar = false }: ReachOptions, upTo: number,
): Generator<number, SiteReach> {
  if (!(radiusM >= 0) || !Number.isFinite(radiusM)) throw new Error(`Radius must be a number of metres >= 0, got ${radiusM}.`);
  const nC = compounds.length, nP = parcels.length, nE = existing.length;
  let t = performance.now();
  const geoms: AreaGeometry[] = new Array(nC + nP + nE);
  for (let i = 0; i < nC; i++) geoms[i] = compounds[i];
  for (let i = 0; i < nP; i++) geoms[nC + i] = parcels[i];
  for (let i = 0; i < nE; i++) geoms[nC + nP + i] = asArea(existing[i], i);
  const regions: SiteRegion[] = planar ? [{ lon0: 0, whole: true }] : siteRegions(geoms, nC, nP, radiusM);
  const timings = { pack: performance.now() - t, reach: 0, existing: 0 };

  const served = new Uint8Array(nC);
  // per region: its parcels' lists (local compound indices), later laid out in parcel order with global indices
  const parts: { region: SiteRegion; parcels: Int32Array; targets: Int32Array | null; lists: ReachLists; distance: Float64Array | null }[] = [];
  for (let ri = 0; ri < regions.length; ri++) {
    const region = regions[ri];
    const frac = (x: number): number => (upTo * (ri + x)) / regions.length;
    t = performance.now();
    // the region's layer: its compounds, then its parcels, then its existing facilities
    const targets = region.whole ? null : region.targets!;
    const myParcels = region.whole ? null : region.parcels!;
    const myExisting = region.whole ? null : region.existing!;
    const nT = targets ? targets.length : nC, nPr = myParcels ? myParcels.length : nP, nEr = myExisting ? myExisting.length : nE;
    let subset: Int32Array | undefined;
    if (!region.whole) {
      subset = new Int32Array(nT + nPr + nEr);
      subset.set(targets!);
      for (let k = 0; k < nPr; k++) subset[nT + k] = nC + myParcels![k];
      for (let k = 0; k < nEr; k++) subset[nT + nPr + k] = nC + nP + myExisting![k];
    }
    const packed = packPolygons(geoms, { lon0: region.lon0, planar, subset });
    const finder = new SegmentFinder(packed);
    // lists hold the compounds' indices in the city, whichever region found them
    const grid = centreGrid(packed, nT, radiusM, targets ?? undefined);
    timings.pack += performance.now() - t;
    yield frac(0.1);
    const writer = new ReachWriter(nPr);
    for (let from = 0; from < nPr; from += SLICE) {
      t = performance.now();
      reachInto(finder, grid, nT + from, nT + Math.min(nPr, from + SLICE), radiusM, writer, nT);
      // size the list from the first slice: growing by doubling would allocate (and collect) twice the pairs
      if (from === 0 && nPr > SLICE) writer.reserve(Math.ceil((writer.count * nPr * 1.1) / SLICE) - writer.count);
      timings.reach += performance.now() - t;
      yield frac(0.1 + (0.8 * Math.min(nPr, from + SLICE)) / Math.max(1, nPr));
    }
    t = performance.now();
    // one region's lists are the result; several are joined into a copy
    const lists = writer.lists(region.whole);
    const distance = distances ? reachDistances(finder, lists, nT, radiusM, targets ? packedIndex(targets, nC) : undefined) : null;
    timings.reach += performance.now() - t;
    t = performance.now();
    if (nEr) {
      const ex = reachLists(finder, nT, nT + nPr, nT + nPr + nEr, radiusM, grid);
      for (let q = 0; q < ex.compound.length; q++) served[ex.compound[q]] = 1;
    }
    timings.existing += performance.now() - t;
    parts.push({ region, parcels: myParcels ?? new Int32Array(0), targets, lists, distance });
  }
  t = performance.now();
  const { reach, distance } = parts.length === 1 && parts[0].region.whole ? { reach: parts[0].lists, distance: parts[0].distance } : joinRegions(parts, nP, distances);
  timings.reach += performance.now() - t;
  return { offsets: reach.offsets, compound: reach.compound, distance, served, meridians: planar ? [] : regions.map((r) => r.lon0), timings };
}

/**
 * What each parcel would serve as a new facility: its compounds that no existing facility serves and that have
 * households, nearest first within capacity (first fit); nothing for parcels below the minimum area. Also which
 * compounds an eligible parcel reaches, and the households of the union of all the lists.
 */
function servingLists(
  reach: ReachLists, distance: Float64Array | null, eligible: Uint8Array, served: Uint8Array, hh: Float64Array, capacity: number | null,
): { sets: SetLists; reachable: Uint8Array; coverable: number; households: Float64Array } {
  const reachable = new Uint8Array(hh.length);
  let coverable = 0;
  const nP = reach.offsets.length - 1;
  const offsets = new Uint32Array(nP + 1);
  if (capacity === null || !distance) {
    // without capacity the lists are the reach lists filtered: when nothing is filtered out, share them; the
    // households each parcel reaches summed in the same pass (as listSums does)
    const households = new Float64Array(nP);
    let keep = 0;
    for (let p = 0; p < nP; p++) {
      const e = eligible[p];
      let sum = 0;
      for (let q = reach.offsets[p]; q < reach.offsets[p + 1]; q++) {
        const c = reach.compound[q];
        const h = hh[c];
        sum += h;
        if (!e) continue;
        reachable[c] = 1;
        if (!served[c] && h > 0) keep++;
      }
      households[p] = sum;
    }
    for (let c = 0; c < hh.length; c++) if (reachable[c] && !served[c]) coverable += hh[c];
    if (keep === reach.compound.length) return { sets: { offsets: reach.offsets, items: reach.compound }, reachable, coverable, households };
    const items = new Int32Array(keep);
    let n = 0;
    for (let p = 0; p < nP; p++) {
      if (eligible[p]) {
        for (let q = reach.offsets[p]; q < reach.offsets[p + 1]; q++) {
          const c = reach.compound[q];
          if (!served[c] && hh[c] > 0) items[n++] = c;
        }
      }
      offsets[p + 1] = n;
    }
    return { sets: { offsets, items }, reachable, coverable, households };
  }
  const items = new Int32Array(reach.compound.length);
  const listed = new Uint8Array(hh.length);
  let n = 0;
  let order = new Int32Array(64);
  for (let p = 0; p < nP; p++) {
    const a = reach.offsets[p], b = reach.offsets[p + 1];
    if (eligible[p]) {
      if (order.length < b - a) order = new Int32Array(2 * (b - a));
      const o = order.subarray(0, b - a);
      for (let q = a; q < b; q++) o[q - a] = q;
      o.sort((x, y) => distance[x] - distance[y] || reach.compound[x] - reach.compound[y]);
      let room = capacity;
      for (let i = 0; i < o.length; i++) {
        const c = reach.compound[o[i]];
        reachable[c] = 1;
        if (served[c] || !(hh[c] > 0) || hh[c] > room) continue;
        room -= hh[c];
        items[n++] = c;
      }
    }
    for (let q = offsets[p]; q < n; q++) {
      const c = items[q];
      if (!listed[c]) {
        listed[c] = 1;
        coverable += hh[c];
      }
    }
    offsets[p + 1] = n;
  }
  return { sets: { offsets, items: items.slice(0, n) }, reachable, coverable, households: listSums(reach, hh) };
}

function choose(
  sets: SetLists, hh: Float64Array,
  { k, targetHouseholds, existingHouseholds, exactLimit }: { k?: number; targetHouseholds: number | null; existingHouseholds: number; exactLimit: number },
): SiteChoice {
  const need = targetHouseholds === null ? Infinity : targetHouseholds - existingHouseholds;
  const greedy = greedyCover(sets, hh, { k: k ?? Infinity, target: need });
  let useful = 0;
  for (let s = 0; s + 1 < sets.offsets.length; s++) if (sets.offsets[s + 1] > sets.offsets[s]) useful++;
  const base: SiteChoice = {
    method: 'greedy', chosen: greedy.chosen, added: greedy.gain, covered: existingHouseholds + greedy.value,
    greedyCovered: existingHouseholds + greedy.value,
    upperBound: k === undefined ? Infinity : existingHouseholds + greedy.upperBound,
    minParcels: greedy.minCount, proven: false, targetHouseholds,
  };
  if (useful > exactLimit) return base;
  if (targetHouseholds === null || (need > 0 && greedy.value < need)) {
    // k parcels at most, target (if any) out of reach of greedy: the best k parcels
    if (k === undefined) return { ...base, proven: true };
    const ex = exactCover(sets, hh, k, { start: greedy.chosen });
    const reached = Number.isFinite(need) && ex.value >= need;
    return {
      ...base, method: 'exact', chosen: ex.chosen, added: ex.gain, covered: existingHouseholds + ex.value,
      upperBound: ex.proven ? existingHouseholds + ex.value : base.upperBound, proven: ex.proven,
      minParcels: reached ? ex.chosen.length : base.minParcels,
    };
  }
  // the target is met by greedy: the fewest parcels that meet it
  const ex = exactMinCover(sets, hh, need, { fromK: Math.max(1, greedy.minCount), toK: greedy.chosen.length });
  if (!ex) return base;
  return {
    ...base, method: 'exact', chosen: ex.chosen, added: ex.gain, covered: existingHouseholds + ex.value,
    upperBound: base.upperBound, minParcels: ex.proven ? ex.chosen.length : base.minParcels, proven: ex.proven,
  };
}

/** A part of the data measured in one Gauss-Krüger zone; `whole`: everything, in that zone. */
interface SiteRegion {
  lon0: number;
  whole: boolean;
  /** Compounds within reach of the region's sources, ascending. */
  targets?: Int32Array;
  /** Parcels (0-based among parcels) whose centre lies in the zone. */
  parcels?: Int32Array;
  /** Existing facilities (0-based among them) whose centre lies in the zone. */
  existing?: Int32Array;
}

/**
 * One region per zone holding the centre of a parcel or existing facility (the layer is compounds, then parcels,
 * then existing facilities); one whole region when that is a single zone (the usual case).
 */
function siteRegions(geoms: readonly AreaGeometry[], nC: number, nP: number, radiusM: number): SiteRegion[] {
  const { lonRange, maxAbsLat } = lonExtent(geoms);
  const zones = new Map<number, number[]>();
  for (let i = nC; i < geoms.length; i++) {
    const z = zoneMeridian((lonRange[2 * i] + lonRange[2 * i + 1]) / 2);
    if (!Number.isFinite(z)) continue;
    const list = zones.get(z);
    if (list) list.push(i);
    else zones.set(z, [i]);
  }
  if (zones.size <= 1) {
    let z = zones.keys().next().value;
    if (z === undefined) {
      // no sources: nothing to measure; the compounds' own zone for the record
      let sum = 0, n = 0;
      for (let i = 0; i < nC; i++) {
        if (!Number.isFinite(lonRange[2 * i])) continue;
        sum += lonRange[2 * i];
        n++;
      }
      z = n ? zoneMeridian(sum / n) : 114;
    }
    return [{ lon0: z, whole: true }];
  }
  const margin = metresToLonDegrees(radiusM + 10, maxAbsLat);
  return [...zones.keys()].sort((a, b) => a - b).map((lon0) => {
    const sources = zones.get(lon0)!;
    let lo = Infinity, hi = -Infinity;
    for (const i of sources) {
      if (lonRange[2 * i] < lo) lo = lonRange[2 * i];
      if (lonRange[2 * i + 1] > hi) hi = lonRange[2 * i + 1];
    }
    const targets: number[] = [];
    for (let c = 0; c < nC; c++) if (lonRange[2 * c] <= hi + margin && lonRange[2 * c + 1] >= lo - margin) targets.push(c);
    return {
      lon0, whole: false, targets: Int32Array.from(targets),
      parcels: Int32Array.from(sources.filter((i) => i < nC + nP), (i) => i - nC),
      existing: Int32Array.from(sources.filter((i) => i >= nC + nP), (i) => i - nC - nP),
    };
  });
}

/** The regions' lists (of compound indices in the city) laid out in parcel order. */
function joinRegions(
  parts: readonly { parcels: Int32Array; lists: ReachLists; distance: Float64Array | null }[],
  nP: number, withDistance: boolean,
): { reach: ReachLists; distance: Float64Array | null } {
  const offsets = new Uint32Array(nP + 1);
  for (const { parcels, lists } of parts) for (let k = 0; k < parcels.length; k++) offsets[parcels[k] + 1] = lists.offsets[k + 1] - lists.offsets[k];
  for (let p = 0; p < nP; p++) offsets[p + 1] += offsets[p];
  const compound = new Int32Array(offsets[nP]);
  const distance = withDistance ? new Float64Array(offsets[nP]) : null;
  for (const { parcels, lists, distance: d } of parts) {
    for (let k = 0; k < parcels.length; k++) {
      const a = lists.offsets[k], b = lists.offsets[k + 1], at = offsets[parcels[k]];
      compound.set(lists.compound.subarray(a, b), at);
      if (distance && d) distance.set(d.subarray(a, b), at);
    }
  }
  return { reach: { offsets, compound }, distance };
}

/** Where each compound of the city is in a region's packed layer (targets[k] is at k), -1 elsewhere. */
function packedIndex(targets: Int32Array, nC: number): Int32Array {
  const at = new Int32Array(nC).fill(-1);
  for (let k = 0; k < targets.length; k++) at[targets[k]] = k;
  return at;
}

/** Points become degenerate rings (one zero-length segment): the polygon distance then is the point's distance. */
function asArea(g: ExistingGeometry, i: number): AreaGeometry {
  const dot = (p: Position): Position[][] => [[p, p]];
  switch (g?.type) {
    case 'Polygon':
    case 'MultiPolygon':
      return g;
    case 'Point':
      return { type: 'Polygon', coordinates: dot(g.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map(dot) };
    default:
      throw new Error(`Existing facility ${i} has geometry type ${(g as { type?: string } | null)?.type ?? 'none'}; expected a point or a polygon.`);
  }
}

/** The result's buffers, each once, for `postMessage(result, transferables(result))` from a worker. */
export function transferables(r: SiteResult): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (o: object): void => {
    for (const v of Object.values(o)) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) out.add(v.buffer);
  };
  add(r);
  add(r.serves);
  if (r.choice) add(r.choice);
  return [...out];
}
