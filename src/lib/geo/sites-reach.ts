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
import { pointSegDist2 } from './segments';

/** Distances within this much above the radius count as within: the projection rounds at about 1e-9 m. */
export const RADIUS_TOLERANCE_M = 1e-6;

/** Source → compounds lists: source s reaches compound[offsets[s] … offsets[s + 1] - 1]. */
export interface ReachLists {
  offsets: Uint32Array;
  compound: Int32Array;
}

/**
 * A sparse grid over the compounds' box centres (features 0 … nTargets - 1 of the packed layer): only cells holding
 * compounds are stored, sorted by key = row · columns + column, so a query finds a row's cells by binary search.
 */
export interface CentreGrid {
  cell: number;
  originX: number;
  originY: number;
  columns: number;
  rows: number;
  /** Keys of the non-empty cells, ascending. */
  cellKey: Float64Array;
  /** Compounds of the i-th non-empty cell: items[cellStart[i] … cellStart[i + 1] - 1]. */
  cellStart: Uint32Array;
  items: Int32Array;
  /** The items' boxes in item order (minX, minY, maxX, maxY), for a linear scan. */
  itemBox: Float64Array;
  /** Union of the boxes of each non-empty cell's compounds. */
  cellBox: Float64Array;
  /** Largest half-extent of a compound in the grid, metres (how far a box reaches beyond its centre). */
  reachX: number;
  reachY: number;
  /** Compounds much bigger than the rest, checked against every source instead. */
  big: Int32Array;
  /** What a list holds for items[k] and big[k]: the compound's feature index, or the caller's number for it (centreGrid). */
  itemIds: Int32Array;
  bigIds: Int32Array;
}

/**
 * Index compounds 0 … nTargets - 1 of the packed layer by the centre of their box, in cells sized for `radiusM`.
 * @param radiusM the radius queries will use, metres
 * @param numbers what the lists hold for compound f: numbers[f] (e.g. its index in the whole city when the layer
 *   holds a region's compounds); default f itself
 */
export function centreGrid(p: PackedPolygons, nTargets: number, radiusM: number, numbers?: Int32Array): CentreGrid {
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
  // cells of about a fifth of the radius: the cells wholly inside the radius are taken whole, only the
  // compounds of cells across the radius's edge are tested one by one; keys (row · columns + column) stay exact
  let cell = Math.max(radiusM / 5, typical / 2, 1);
  while ((spanX / cell + 2) * (spanY / cell + 2) > 2 ** 52 || spanX / cell > 2 ** 28 || spanY / cell > 2 ** 28) cell *= 2;
  const columns = Math.floor(spanX / cell) + 1, rows = Math.floor(spanY / cell) + 1;
  const big: number[] = [];
  let reachX = 0, reachY = 0;
  const col = new Int32Array(nTargets), row = new Int32Array(nTargets);
  let m = 0;
  for (let f = 0; f < nTargets; f++) {
    const x0 = bbox[4 * f], y0 = bbox[4 * f + 1], x1 = bbox[4 * f + 2], y1 = bbox[4 * f + 3];
    const w = x1 - x0, h = y1 - y0;
    if (w > bigLimit || h > bigLimit) {
      big.push(f);
      col[f] = row[f] = -1;
      continue;
    }
    if (w / 2 > reachX) reachX = w / 2;
    if (h / 2 > reachY) reachY = h / 2;
    col[f] = Math.floor(((x0 + x1) / 2 - minX) / cell);
    row[f] = Math.floor(((y0 + y1) / 2 - minY) / cell);
    m++;
  }
  // two stable counting sorts (by column, then by row): items in key order in O(n + rows + columns)
  const byCol = countingSort(col, columns, null, m);
  const items = countingSort(row, rows, byCol, m);
  const itemBox = new Float64Array(4 * m);
  let cells = 0;
  let last = -1;
  for (let k = 0; k < m; k++) {
    const f = items[k];
    const key = row[f] * columns + col[f];
    if (key !== last) {
      cells++;
      last = key;
    }
    itemBox[4 * k] = bbox[4 * f];
    itemBox[4 * k + 1] = bbox[4 * f + 1];
    itemBox[4 * k + 2] = bbox[4 * f + 2];
    itemBox[4 * k + 3] = bbox[4 * f + 3];
  }
  const cellKey = new Float64Array(cells);
  const cellStart = new Uint32Array(cells + 1);
  const cellBox = new Float64Array(4 * cells);
  let c = -1;
  last = -1;
  for (let k = 0; k < m; k++) {
    const key = row[items[k]] * columns + col[items[k]];
    if (key !== last) {
      c++;
      last = key;
      cellKey[c] = key;
      cellStart[c] = k;
      cellBox[4 * c] = cellBox[4 * c + 1] = Infinity;
      cellBox[4 * c + 2] = cellBox[4 * c + 3] = -Infinity;
    }
    if (itemBox[4 * k] < cellBox[4 * c]) cellBox[4 * c] = itemBox[4 * k];
    if (itemBox[4 * k + 1] < cellBox[4 * c + 1]) cellBox[4 * c + 1] = itemBox[4 * k + 1];
    if (itemBox[4 * k + 2] > cellBox[4 * c + 2]) cellBox[4 * c + 2] = itemBox[4 * k + 2];
    if (itemBox[4 * k + 3] > cellBox[4 * c + 3]) cellBox[4 * c + 3] = itemBox[4 * k + 3];
  }
  cellStart[cells] = m;
  const bigItems = Int32Array.from(big);
  return {
    cell, originX: minX, originY: minY, columns, rows, cellKey, cellStart, items, itemBox, cellBox, reachX, reachY, big: bigItems,
    itemIds: numbers ? items.map((f) => numbers[f]) : items,
    bigIds: numbers ? bigItems.map((f) => numbers[f]) : bigItems,
  };
}

/** Indices f with key[f] >= 0 (m of them), stably ordered by key (0 … buckets - 1), taken in the order of `within`. */
function countingSort(key: Int32Array, buckets: number, within: Int32Array | null, m: number): Int32Array {
  const start = new Uint32Array(buckets + 1);
  for (let f = 0; f < key.length; f++) if (key[f] >= 0) start[key[f] + 1]++;
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const out = new Int32Array(m);
  const n = within ? within.length : key.length;
  for (let j = 0; j < n; j++) {
    const f = within ? within[j] : j;
    if (key[f] >= 0) out[start[key[f]]++] = f;
  }
  return out;
}

/** First index i with keys[i] >= key. */
function lowerBound(keys: Float64Array, key: number): number {
  let lo = 0, hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where reachLists writes: one growing list shared by consecutive source slices. */
export class ReachWriter {
  offsets: Uint32Array;
  compound = new Int32Array(1 << 16);
  count = 0;
  constructor(nSources: number) {
    this.offsets = new Uint32Array(nSources + 1);
  }
  reserve(n: number): void {
    if (this.count + n <= this.compound.length) return;
    const next = new Int32Array(Math.max(2 * this.compound.length, this.count + n));
    next.set(this.compound.subarray(0, this.count));
    this.compound = next;
  }
  /** The lists; trimmed by a copy only when more than a quarter of the buffer is slack (and `trim`: not when they will be copied anyway). */
  lists(trim = true): ReachLists {
    const c = this.compound;
    return { offsets: this.offsets, compound: !trim || this.count * 4 >= c.length * 3 ? c.subarray(0, this.count) : c.slice(0, this.count) };
  }
}

/**
 * For each source feature s in [from, to) of the packed layer, the compounds (features 0 … nTargets - 1) whose
 * polygons come within `radiusM` of it (edge to edge; 0 when they touch or overlap; holes are outside), written to
 * `w` as list s - base. Run it on consecutive slices of the sources to report progress between them.
 * @param radiusM radius, metres (>= 0)
 * @param grid the compounds' grid (centreGrid), built once for every slice
 */
export function reachInto(
  finder: SegmentFinder, grid: CentreGrid, from: number, to: number, radiusM: number, w: ReachWriter, base: number,
): void {
  if (!(radiusM >= 0) || !Number.isFinite(radiusM)) throw new Error(`Radius must be a number of metres >= 0, got ${radiusM}.`);
  const { bbox, xy, ringStart, featureRing } = finder.p;
  const r = radiusM + RADIUS_TOLERANCE_M;
  const r2 = r * r;
  const scratch = pairScratch();
  const { cell, originX, originY, columns, rows, cellKey, cellStart, items, itemBox, cellBox, big, itemIds, bigIds } = grid;
  const qx = r + grid.reachX, qy = r + grid.reachY;
  for (let s = from; s < to; s++) {
    const sx0 = bbox[4 * s], sy0 = bbox[4 * s + 1], sx1 = bbox[4 * s + 2], sy1 = bbox[4 * s + 3];
    const c0 = Math.max(0, Math.floor((sx0 - qx - originX) / cell)), c1 = Math.min(columns - 1, Math.floor((sx1 + qx - originX) / cell));
    const w0 = Math.max(0, Math.floor((sy0 - qy - originY) / cell)), w1 = Math.min(rows - 1, Math.floor((sy1 + qy - originY) / cell));
    const v0 = ringStart[featureRing[s]], v1 = ringStart[featureRing[s + 1]];
    for (let row = w0; row <= w1; row++) {
      const end = row * columns + c1;
      for (let c = lowerBound(cellKey, row * columns + c0); c < cellKey.length && cellKey[c] <= end; c++) {
        const a = cellStart[c], e = cellStart[c + 1];
        const fx0 = cellBox[4 * c], fy0 = cellBox[4 * c + 1], fx1 = cellBox[4 * c + 2], fy1 = cellBox[4 * c + 3];
        const gx = fx0 > sx1 ? fx0 - sx1 : sx0 > fx1 ? sx0 - fx1 : 0;
        const gy = fy0 > sy1 ? fy0 - sy1 : sy0 > fy1 ? sy0 - fy1 : 0;
        if (gx * gx + gy * gy > r2) continue;
        const ex = fx1 - sx0 > sx1 - fx0 ? fx1 - sx0 : sx1 - fx0;
        const ey = fy1 - sy0 > sy1 - fy0 ? fy1 - sy0 : sy1 - fy0;
        w.reserve(e - a);
        const out = w.compound;
        let n = w.count;
        if (ex * ex + ey * ey <= r2) {
          // every point of every compound in the cell is within r of every point of the source (a cell holds a
          // handful: a loop costs less than a subarray and set)
          for (let k = a; k < e; k++) out[n++] = itemIds[k];
          w.count = n;
          continue;
        }
        for (let k = a; k < e; k++) {
          const bx0 = itemBox[4 * k], by0 = itemBox[4 * k + 1], bx1 = itemBox[4 * k + 2], by1 = itemBox[4 * k + 3];
          const hx = bx0 > sx1 ? bx0 - sx1 : sx0 > bx1 ? sx0 - bx1 : 0;
          const hy = by0 > sy1 ? by0 - sy1 : sy0 > by1 ? sy0 - by1 : 0;
          if (hx * hx + hy * hy > r2) continue;
          const f = items[k];
          const fx = bx1 - sx0 > sx1 - bx0 ? bx1 - sx0 : sx1 - bx0;
          const fy = by1 - sy0 > sy1 - by0 ? by1 - sy0 : sy1 - by0;
          if (fx * fx + fy * fy <= r2 || fringe(finder, xy, ringStart, featureRing, f, s, v0, v1, r, r2, scratch)) out[n++] = itemIds[k];
        }
        w.count = n;
      }
    }
    for (let k = 0; k < big.length; k++) {
      const f = big[k];
      const bx0 = bbox[4 * f], by0 = bbox[4 * f + 1], bx1 = bbox[4 * f + 2], by1 = bbox[4 * f + 3];
      const hx = bx0 > sx1 ? bx0 - sx1 : sx0 > bx1 ? sx0 - bx1 : 0;
      const hy = by0 > sy1 ? by0 - sy1 : sy0 > by1 ? sy0 - by1 : 0;
      if (hx * hx + hy * hy > r2) continue;
      if (!fringe(finder, xy, ringStart, featureRing, f, s, v0, v1, r, r2, scratch)) continue;
      w.reserve(1);
      w.compound[w.count++] = bigIds[k];
    }
    w.offsets[s - base + 1] = w.count;
  }
}

/**
 * A pair the boxes cannot decide: any vertex pair within r says "in"; when the boxes are apart, the distance from
 * either polygon to the other's box (a lower bound) above r says "out"; else the exact distance decides.
 */
function fringe(
  finder: SegmentFinder, xy: Float64Array, ringStart: Uint32Array, featureRing: Uint32Array,
  f: number, s: number, v0: number, v1: number, r: number, r2: number, scratch: ReturnType<typeof pairScratch>,
): boolean {
  const u0 = ringStart[featureRing[f]], u1 = ringStart[featureRing[f + 1]];
  for (let i = v0; i < v1; i++) {
    const x = xy[2 * i], y = xy[2 * i + 1];
    for (let j = u0; j < u1; j++) {
      const dx = xy[2 * j] - x, dy = xy[2 * j + 1] - y;
      if (dx * dx + dy * dy <= r2) return true;
    }
  }
  const bbox = finder.p.bbox;
  const apart = bbox[4 * f] > bbox[4 * s + 2] || bbox[4 * s] > bbox[4 * f + 2] || bbox[4 * f + 1] > bbox[4 * s + 3] || bbox[4 * s + 1] > bbox[4 * f + 3];
  if (apart && (polygonBoxFar(xy, ringStart, featureRing, s, bbox, f, r2) || polygonBoxFar(xy, ringStart, featureRing, f, bbox, s, r2))) return false;
  return measurePair(finder, f, s, r, scratch, false) <= r;
}

/**
 * Whether feature a lies further than r (r2 = r²) from the box of feature b, the boxes being apart (so neither
 * holds a point of the other). Two disjoint segment sets are nearest at an endpoint of one of them: a vertex of a
 * against the filled box, or a corner of the box against a segment of a.
 */
function polygonBoxFar(xy: Float64Array, ringStart: Uint32Array, featureRing: Uint32Array, a: number, bbox: Float64Array, b: number, r2: number): boolean {
  const x0 = bbox[4 * b], y0 = bbox[4 * b + 1], x1 = bbox[4 * b + 2], y1 = bbox[4 * b + 3];
  const v0 = ringStart[featureRing[a]], v1 = ringStart[featureRing[a + 1]];
  for (let i = v0; i < v1; i++) {
    const x = xy[2 * i], y = xy[2 * i + 1];
    const dx = x < x0 ? x0 - x : x > x1 ? x - x1 : 0, dy = y < y0 ? y0 - y : y > y1 ? y - y1 : 0;
    if (dx * dx + dy * dy <= r2) return false;
  }
  for (let ring = featureRing[a]; ring < featureRing[a + 1]; ring++) {
    for (let k = ringStart[ring], end = ringStart[ring + 1] - 1; k < end; k++) {
      const ax = xy[2 * k], ay = xy[2 * k + 1], bx = xy[2 * k + 2], by = xy[2 * k + 3];
      if (pointSegDist2(x0, y0, ax, ay, bx, by) <= r2 || pointSegDist2(x1, y0, ax, ay, bx, by) <= r2 ||
        pointSegDist2(x0, y1, ax, ay, bx, by) <= r2 || pointSegDist2(x1, y1, ax, ay, bx, by) <= r2) return false;
    }
  }
  return true;
}

/**
 * reachInto for sources [from, to) in one go, as fresh lists.
 * @param radiusM radius, metres (>= 0)
 */
export function reachLists(finder: SegmentFinder, nTargets: number, from: number, to: number, radiusM: number, grid?: CentreGrid): ReachLists {
  const w = new ReachWriter(Math.max(0, to - from));
  reachInto(finder, grid ?? centreGrid(finder.p, nTargets, radiusM), from, to, radiusM, w, from);
  return w.lists();
}

/**
 * Exact distances (metres) of every listed pair, in list order: source from + s to each of its compounds.
 * Used for "nearest first" and for reports; the lists themselves never need them.
 * @param feature the packed feature of a listed number, when the lists hold the grid's `numbers` (default: itself)
 */
export function reachDistances(finder: SegmentFinder, lists: ReachLists, from: number, radiusM: number, feature?: Int32Array): Float64Array {
  const { offsets, compound } = lists;
  const out = new Float64Array(compound.length);
  const scratch = pairScratch();
  const r = radiusM + RADIUS_TOLERANCE_M;
  for (let s = 0; s + 1 < offsets.length; s++) {
    for (let k = offsets[s]; k < offsets[s + 1]; k++) out[k] = measurePair(finder, feature ? feature[compound[k]] : compound[k], from + s, r, scratch, false);
  }
  return out;
}
