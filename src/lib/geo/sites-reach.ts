// Which compounds lie within a radius of each source (idle parcel or existing facility): a radius join over one
// packed layer holding both, answered as CSR lists (offsets + compound indices).
//
// Compounds go into a uniform grid by the centre of their box. For each source, the cells within the radius are
// scanned and each compound decided by three tests, cheapest first:
//   box gap > r                         → out (the boxes' gap bounds the polygons' distance from below);
//   farthest box corners <= r           → in  (no two points of the boxes are further apart);
//   otherwise (the fringe)              → some vertex pair within r is in, else the exact distance (measurePair).
// Boxes only ever prune or accept whole; every undecided pair gets exact segment geometry.

import type { PackedPolygons } from './flat';
import { measurePair, pairScratch, type SegmentFinder } from './adjacency';

/** Distances within this much above the radius count as within: the projection rounds at about 1e-9 m. */
export const RADIUS_TOLERANCE_M = 1e-6;

/** Source → compounds lists: source s reaches compound[offsets[s] … offsets[s + 1] - 1]. */
export interface ReachLists {
  offsets: Uint32Array;
  compound: Int32Array;
}

/** A grid over the compounds' box centres (features 0 … nTargets - 1 of the packed layer). */
export interface CentreGrid {
  cell: number;
  originX: number;
  originY: number;
  columns: number;
  rows: number;
  /** Compounds of cell c: items[cellStart[c] … cellStart[c + 1] - 1]. */
  cellStart: Uint32Array;
  items: Int32Array;
  /** Largest half-extent of a compound in the grid, metres (how far a box reaches beyond its centre). */
  reachX: number;
  reachY: number;
  /** Compounds much bigger than the rest, checked against every source instead. */
  big: Int32Array;
}

/**
 * Index compounds 0 … nTargets - 1 of the packed layer by the centre of their box, in cells sized for `radiusM`.
 * @param radiusM the radius queries will use, metres
 */
export function centreGrid(p: PackedPolygons, nTargets: number, radiusM: number): CentreGrid {
  const { bbox } = p;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const sample = new Float64Array(Math.min(nTargets, 4096));
  for (let f = 0; f < nTargets; f++) {
    const cx = (bbox[4 * f] + bbox[4 * f + 2]) / 2, cy = (bbox[4 * f + 1] + bbox[4 * f + 3]) / 2;
    if (cx < minX) minX = cx;
    if (cy < minY) minY = cy;
    if (cx > maxX) maxX = cx;
    if (cy > maxY) maxY = cy;
  }
  for (let i = 0; i < sample.length; i++) {
    const f = Math.floor((i * nTargets) / sample.length);
    sample[i] = Math.max(bbox[4 * f + 2] - bbox[4 * f], bbox[4 * f + 3] - bbox[4 * f + 1]);
  }
  sample.sort();
  const typical = sample.length ? sample[sample.length >> 1] : 1;
  // boxes far bigger than the typical one would widen every query: they are checked one by one
  const bigLimit = Math.max(8 * typical, radiusM, 1);
  if (nTargets === 0) minX = minY = maxX = maxY = 0;
  const spanX = maxX - minX, spanY = maxY - minY;
  // cells about half the radius (a query scans ~(2r / cell + 2)² cells), never below a typical compound,
  // and no more than ~4M cells
  let cell = Math.max(radiusM / 2, typical, 1);
  while ((spanX / cell + 1) * (spanY / cell + 1) > 4e6) cell *= 2;
  const columns = Math.floor(spanX / cell) + 1, rows = Math.floor(spanY / cell) + 1;
  const cellOfF = new Int32Array(nTargets);
  const cellStart = new Uint32Array(columns * rows + 1);
  const big: number[] = [];
  let reachX = 0, reachY = 0;
  for (let f = 0; f < nTargets; f++) {
    const w = bbox[4 * f + 2] - bbox[4 * f], h = bbox[4 * f + 3] - bbox[4 * f + 1];
    if (w > bigLimit || h > bigLimit) {
      big.push(f);
      cellOfF[f] = -1;
      continue;
    }
    if (w / 2 > reachX) reachX = w / 2;
    if (h / 2 > reachY) reachY = h / 2;
    const cx = (bbox[4 * f] + bbox[4 * f + 2]) / 2, cy = (bbox[4 * f + 1] + bbox[4 * f + 3]) / 2;
    const c = Math.floor((cy - minY) / cell) * columns + Math.floor((cx - minX) / cell);
    cellOfF[f] = c;
    cellStart[c + 1]++;
  }
  for (let c = 0; c < columns * rows; c++) cellStart[c + 1] += cellStart[c];
  const items = new Int32Array(nTargets - big.length);
  const at = cellStart.slice(0, columns * rows);
  for (let f = 0; f < nTargets; f++) if (cellOfF[f] >= 0) items[at[cellOfF[f]]++] = f;
  return { cell, originX: minX, originY: minY, columns, rows, cellStart, items, reachX, reachY, big: Int32Array.from(big) };
}

/**
 * For each source feature s in [from, to) of the packed layer, the compounds (features 0 … nTargets - 1) whose
 * polygons come within `radiusM` of it (edge to edge; 0 when they touch or overlap; holes are outside).
 * Run it on slices of the sources (and concatenate) to report progress between them.
 * @param radiusM radius, metres (>= 0)
 * @param grid the compounds' grid (centreGrid), built once for every slice
 */
export function reachLists(finder: SegmentFinder, nTargets: number, from: number, to: number, radiusM: number, grid?: CentreGrid): ReachLists {
  if (!(radiusM >= 0) || !Number.isFinite(radiusM)) throw new Error(`Radius must be a number of metres >= 0, got ${radiusM}.`);
  const p = finder.p;
  const { bbox, xy, ringStart, featureRing } = p;
  const g = grid ?? centreGrid(p, nTargets, radiusM);
  const r = radiusM + RADIUS_TOLERANCE_M;
  const r2 = r * r;
  const nSources = Math.max(0, to - from);
  const offsets = new Uint32Array(nSources + 1);
  let out = new Int32Array(Math.max(1024, nSources * 16));
  let count = 0;
  const scratch = pairScratch();
  const { cell, originX, originY, columns, rows, cellStart, items, big } = g;
  const qx = r + g.reachX, qy = r + g.reachY;
  for (let s = from; s < to; s++) {
    const sx0 = bbox[4 * s], sy0 = bbox[4 * s + 1], sx1 = bbox[4 * s + 2], sy1 = bbox[4 * s + 3];
    const c0 = Math.max(0, Math.floor((sx0 - qx - originX) / cell)), c1 = Math.min(columns - 1, Math.floor((sx1 + qx - originX) / cell));
    const w0 = Math.max(0, Math.floor((sy0 - qy - originY) / cell)), w1 = Math.min(rows - 1, Math.floor((sy1 + qy - originY) / cell));
    const v0 = ringStart[featureRing[s]], v1 = ringStart[featureRing[s + 1]];
    const test = (f: number): boolean => {
      const fx0 = bbox[4 * f], fy0 = bbox[4 * f + 1], fx1 = bbox[4 * f + 2], fy1 = bbox[4 * f + 3];
      const gx = fx0 > sx1 ? fx0 - sx1 : sx0 > fx1 ? sx0 - fx1 : 0;
      const gy = fy0 > sy1 ? fy0 - sy1 : sy0 > fy1 ? sy0 - fy1 : 0;
      if (gx * gx + gy * gy > r2) return false;
      const ex = fx1 - sx0 > sx1 - fx0 ? fx1 - sx0 : sx1 - fx0;
      const ey = fy1 - sy0 > sy1 - fy0 ? fy1 - sy0 : sy1 - fy0;
      if (ex * ex + ey * ey <= r2) return true;
      // the fringe: any vertex pair within r decides "in" without the exact distance
      const u0 = ringStart[featureRing[f]], u1 = ringStart[featureRing[f + 1]];
      for (let i = v0; i < v1; i++) {
        const x = xy[2 * i], y = xy[2 * i + 1];
        for (let j = u0; j < u1; j++) {
          const dx = xy[2 * j] - x, dy = xy[2 * j + 1] - y;
          if (dx * dx + dy * dy <= r2) return true;
        }
      }
      return measurePair(finder, f, s, r, scratch, false) <= r;
    };
    for (let w = w0; w <= w1; w++) {
      for (let c = w * columns + c0, end = w * columns + c1; c <= end; c++) {
        for (let k = cellStart[c], e = cellStart[c + 1]; k < e; k++) {
          const f = items[k];
          if (!test(f)) continue;
          if (count === out.length) out = grow(out);
          out[count++] = f;
        }
      }
    }
    for (let k = 0; k < big.length; k++) {
      if (!test(big[k])) continue;
      if (count === out.length) out = grow(out);
      out[count++] = big[k];
    }
    offsets[s - from + 1] = count;
  }
  return { offsets, compound: out.slice(0, count) };
}

/** Lists of consecutive source slices joined into one. */
export function joinLists(parts: readonly ReachLists[]): ReachLists {
  let sources = 0, pairs = 0;
  for (const p of parts) {
    sources += p.offsets.length - 1;
    pairs += p.compound.length;
  }
  const offsets = new Uint32Array(sources + 1);
  const compound = new Int32Array(pairs);
  let s = 0, k = 0;
  for (const p of parts) {
    for (let i = 1; i < p.offsets.length; i++) offsets[++s] = k + p.offsets[i];
    compound.set(p.compound, k);
    k += p.compound.length;
  }
  return { offsets, compound };
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const next = new Int32Array(a.length * 2);
  next.set(a);
  return next;
}

/**
 * Exact distances (metres) of every listed pair, in list order: source from + s to each of its compounds.
 * Used for "nearest first" and for reports; the lists themselves never need them.
 */
export function reachDistances(finder: SegmentFinder, lists: ReachLists, from: number, radiusM: number): Float64Array {
  const { offsets, compound } = lists;
  const out = new Float64Array(compound.length);
  const scratch = pairScratch();
  const r = radiusM + RADIUS_TOLERANCE_M;
  for (let s = 0; s + 1 < offsets.length; s++) {
    for (let k = offsets[s]; k < offsets[s + 1]; k++) out[k] = measurePair(finder, compound[k], from + s, r, scratch, false);
  }
  return out;
}
