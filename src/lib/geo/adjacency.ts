// Neighbours within a gap, and the length of wall two compounds share.
//
// Three passes over a packed layer (flat.ts), each a pure function of typed arrays:
//   candidatePairs  boxes within the gap, from a packed R-tree (flatbush) over the features;
//   pairDistances   the exact minimum distance of each candidate (segment-segment, then containment);
//   pairWalls       wall(a, b) = ½ (|∂a within d+1 m of b| + |∂b within d+1 m of a|), d = distance(a, b),
//                   measured exactly per segment as a union of intervals (segments.ts).
// Boxes only ever prune; every number comes from exact segment geometry.

import Flatbush from 'flatbush';
import type { PackedPolygons } from './flat';
import { pointInFeature } from './flat';
import { segSegDist, withinInterval } from './segments';

/** Candidate or neighbour pairs, as indices into the packed layer, a < b. */
export interface PairList {
  a: Int32Array;
  b: Int32Array;
}

/** A packed uniform grid over the features' boxes: (cell, feature) entries sorted by cell. */
export interface BoxGrid {
  /** Cell size, metres. */
  cell: number;
  originX: number;
  originY: number;
  columns: number;
  /** cell · n + feature, ascending. */
  entries: Float64Array;
  /** Features too big for the grid (more than MAX_CELLS cells), compared with every box instead. */
  big: Int32Array;
  /** Half the gap the boxes were widened by on every side, metres. */
  half: number;
}

const MAX_CELLS = 1024;

/**
 * Index the features' boxes, widened by half the gap on every side, in a uniform grid whose cells are
 * about the size of a typical box. Two widened boxes meet exactly when the boxes are within the gap.
 * @param gapM gap tolerance in metres (>= 0)
 */
export function boxGrid(p: PackedPolygons, gapM: number): BoxGrid {
  if (!(gapM >= 0)) throw new Error(`Gap must be a number of metres >= 0, got ${gapM}.`);
  const { n, bbox } = p;
  // a hair wider than half the gap, so boxes exactly `gapM` apart are never lost to rounding
  const half = gapM / 2 + 1e-9 * (1 + gapM);
  let originX = Infinity, originY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const sample = new Float64Array(Math.min(n, 4096));
  for (let f = 0; f < n; f++) {
    if (bbox[4 * f] < originX) originX = bbox[4 * f];
    if (bbox[4 * f + 1] < originY) originY = bbox[4 * f + 1];
    if (bbox[4 * f + 2] > maxX) maxX = bbox[4 * f + 2];
    if (bbox[4 * f + 3] > maxY) maxY = bbox[4 * f + 3];
  }
  for (let i = 0; i < sample.length; i++) {
    const f = Math.floor((i * n) / sample.length);
    sample[i] = Math.max(bbox[4 * f + 2] - bbox[4 * f], bbox[4 * f + 3] - bbox[4 * f + 1]);
  }
  sample.sort();
  originX -= half;
  originY -= half;
  const span = Math.max(maxX + half - originX, maxY + half - originY, 1);
  let cell = Math.max((sample[sample.length >> 1] ?? 1) + 2 * half, span / 4096, 1e-3);
  // cell · n + feature must stay an exact integer in a double
  while ((span / cell + 2) ** 2 * Math.max(n, 1) > 2 ** 52) cell *= 2;
  const columns = Math.floor(span / cell) + 2;
  let count = 0;
  const big: number[] = [];
  for (let f = 0; f < n; f++) {
    const cells = (cellOf(bbox[4 * f + 2] + half, originX, cell) - cellOf(bbox[4 * f] - half, originX, cell) + 1) *
      (cellOf(bbox[4 * f + 3] + half, originY, cell) - cellOf(bbox[4 * f + 1] - half, originY, cell) + 1);
    if (cells > MAX_CELLS) big.push(f);
    else count += cells;
  }
  const entries = new Float64Array(count);
  let k = 0;
  let b = 0;
  for (let f = 0; f < n; f++) {
    if (big[b] === f) {
      b++;
      continue;
    }
    const x0 = cellOf(bbox[4 * f] - half, originX, cell), x1 = cellOf(bbox[4 * f + 2] + half, originX, cell);
    const y0 = cellOf(bbox[4 * f + 1] - half, originY, cell), y1 = cellOf(bbox[4 * f + 3] + half, originY, cell);
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) entries[k++] = (y * columns + x) * n + f;
  }
  entries.sort();
  return { cell, originX, originY, columns, entries, big: Int32Array.from(big), half };
}

function cellOf(v: number, origin: number, cell: number): number {
  return Math.floor((v - origin) / cell);
}

/**
 * All pairs of features whose bounding boxes come within `gapM` of each other, a < b, sorted by a then b.
 * @param gapM gap tolerance in metres (>= 0)
 */
export function candidatePairs(p: PackedPolygons, gapM: number, grid: BoxGrid = boxGrid(p, gapM)): PairList {
  const { n, bbox } = p;
  const { entries, half, cell, originX, originY, columns } = grid;
  let keys = new Float64Array(Math.max(16, entries.length));
  let count = 0;
  const isBig = new Uint8Array(n);
  for (const f of grid.big) isBig[f] = 1;
  for (let s = 0; s < entries.length; ) {
    const c = Math.floor(entries[s] / n);
    let e = s + 1;
    while (e < entries.length && Math.floor(entries[e] / n) === c) e++;
    for (let i = s; i < e; i++) {
      const fi = entries[i] - c * n;
      const ax0 = bbox[4 * fi] - half, ay0 = bbox[4 * fi + 1] - half, ax1 = bbox[4 * fi + 2] + half, ay1 = bbox[4 * fi + 3] + half;
      for (let j = i + 1; j < e; j++) {
        const fj = entries[j] - c * n;
        const bx0 = bbox[4 * fj] - half, by0 = bbox[4 * fj + 1] - half;
        if (bx0 > ax1 || by0 > ay1 || bbox[4 * fj + 2] + half < ax0 || bbox[4 * fj + 3] + half < ay0) continue;
        // report the pair only in the cell holding the lower-left corner of the boxes' overlap
        const rx = ax0 > bx0 ? ax0 : bx0, ry = ay0 > by0 ? ay0 : by0;
        if (cellOf(ry, originY, cell) * columns + cellOf(rx, originX, cell) !== c) continue;
        if (count === keys.length) keys = growF(keys);
        keys[count++] = fi < fj ? fi * n + fj : fj * n + fi;
      }
    }
    s = e;
  }
  for (const fi of grid.big) {
    const ax0 = bbox[4 * fi] - half, ay0 = bbox[4 * fi + 1] - half, ax1 = bbox[4 * fi + 2] + half, ay1 = bbox[4 * fi + 3] + half;
    for (let fj = 0; fj < n; fj++) {
      if (fj === fi || (isBig[fj] && fj < fi)) continue;
      if (bbox[4 * fj] - half > ax1 || bbox[4 * fj + 1] - half > ay1 || bbox[4 * fj + 2] + half < ax0 || bbox[4 * fj + 3] + half < ay0) continue;
      if (count === keys.length) keys = growF(keys);
      keys[count++] = fi < fj ? fi * n + fj : fj * n + fi;
    }
  }
  const sorted = keys.subarray(0, count).sort();
  const a = new Int32Array(count), b = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const ai = Math.floor(sorted[i] / n);
    a[i] = ai;
    b[i] = sorted[i] - ai * n;
  }
  return { a, b };
}

function growF(arr: Float64Array): Float64Array<ArrayBuffer> {
  const next = new Float64Array(arr.length * 2);
  next.set(arr);
  return next;
}

/** Features with more segments than this get their own segment R-tree. */
const SMALL = 32;

/** Finds a feature's boundary segments near a box; builds and keeps an R-tree for big features. */
export class SegmentFinder {
  readonly p: PackedPolygons;
  private trees = new Map<number, { tree: Flatbush; seg: Int32Array }>();
  constructor(p: PackedPolygons) {
    this.p = p;
  }

  /**
   * Writes the start vertex of every segment of feature f whose box meets the query box into
   * `buf.arr` and returns how many there are (a segment runs from vertex k to k + 1).
   */
  near(f: number, minX: number, minY: number, maxX: number, maxY: number, buf: { arr: Int32Array }): number {
    const { xy, ringStart, featureRing } = this.p;
    const r0 = featureRing[f], r1 = featureRing[f + 1];
    const nseg = ringStart[r1] - ringStart[r0] - (r1 - r0);
    if (buf.arr.length < nseg) buf.arr = new Int32Array(Math.max(nseg, buf.arr.length * 2));
    const out = buf.arr;
    let count = 0;
    if (nseg <= SMALL) {
      for (let r = r0; r < r1; r++) {
        const end = ringStart[r + 1] - 1;
        for (let k = ringStart[r]; k < end; k++) {
          const x1 = xy[2 * k], y1 = xy[2 * k + 1], x2 = xy[2 * k + 2], y2 = xy[2 * k + 3];
          if ((x1 < x2 ? x1 : x2) <= maxX && (x1 > x2 ? x1 : x2) >= minX && (y1 < y2 ? y1 : y2) <= maxY && (y1 > y2 ? y1 : y2) >= minY) {
            out[count++] = k;
          }
        }
      }
      return count;
    }
    const { tree, seg } = this.tree(f, nseg);
    tree.search(minX, minY, maxX, maxY, (i) => {
      out[count++] = seg[i];
      return false;
    });
    return count;
  }

  private tree(f: number, nseg: number): { tree: Flatbush; seg: Int32Array } {
    let t = this.trees.get(f);
    if (t) return t;
    const { xy, ringStart, featureRing } = this.p;
    const tree = new Flatbush(nseg);
    const seg = new Int32Array(nseg);
    let i = 0;
    for (let r = featureRing[f]; r < featureRing[f + 1]; r++) {
      const end = ringStart[r + 1] - 1;
      for (let k = ringStart[r]; k < end; k++) {
        const x1 = xy[2 * k], y1 = xy[2 * k + 1], x2 = xy[2 * k + 2], y2 = xy[2 * k + 3];
        tree.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
        seg[i++] = k;
      }
    }
    tree.finish();
    t = { tree, seg };
    this.trees.set(f, t);
    return t;
  }
}

/**
 * The exact minimum distance between features a and b if it is <= maxM, else Infinity.
 * 0 when the boundaries touch or cross, or when one lies inside the other (not inside a hole).
 * @param maxM largest distance of interest, metres
 */
export function featureDistance(
  finder: SegmentFinder, a: number, b: number, maxM: number,
  bufA: { arr: Int32Array } = { arr: new Int32Array(64) }, bufB: { arr: Int32Array } = { arr: new Int32Array(64) },
): number {
  const { xy, bbox } = finder.p;
  const na = finder.near(a, bbox[4 * b] - maxM, bbox[4 * b + 1] - maxM, bbox[4 * b + 2] + maxM, bbox[4 * b + 3] + maxM, bufA);
  if (na === 0) return ringInside(finder.p, a, b) || ringInside(finder.p, b, a) ? 0 : Infinity;
  const nb = finder.near(b, bbox[4 * a] - maxM, bbox[4 * a + 1] - maxM, bbox[4 * a + 2] + maxM, bbox[4 * a + 3] + maxM, bufB);
  let best = Infinity;
  const ka = bufA.arr, kb = bufB.arr;
  for (let i = 0; i < na && best > 0; i++) {
    const k = ka[i];
    const x1 = xy[2 * k], y1 = xy[2 * k + 1], x2 = xy[2 * k + 2], y2 = xy[2 * k + 3];
    const e = best < maxM ? best : maxM;
    const minX = (x1 < x2 ? x1 : x2) - e, maxX = (x1 > x2 ? x1 : x2) + e;
    const minY = (y1 < y2 ? y1 : y2) - e, maxY = (y1 > y2 ? y1 : y2) + e;
    for (let j = 0; j < nb; j++) {
      const m = kb[j];
      const qx1 = xy[2 * m], qy1 = xy[2 * m + 1], qx2 = xy[2 * m + 2], qy2 = xy[2 * m + 3];
      if ((qx1 < qx2 ? qx1 : qx2) > maxX || (qx1 > qx2 ? qx1 : qx2) < minX || (qy1 < qy2 ? qy1 : qy2) > maxY || (qy1 > qy2 ? qy1 : qy2) < minY) continue;
      const d = segSegDist(x1, y1, x2, y2, qx1, qy1, qx2, qy2);
      if (d < best) {
        best = d;
        if (d === 0) break;
      }
    }
  }
  if (best > 0 && (ringInside(finder.p, a, b) || ringInside(finder.p, b, a))) best = 0;
  return best <= maxM ? best : Infinity;
}

/** Whether some ring of `inner` lies inside `outer`, given that their boundaries do not meet. */
function ringInside(p: PackedPolygons, inner: number, outer: number): boolean {
  const { xy, ringStart, featureRing, bbox } = p;
  for (let r = featureRing[inner]; r < featureRing[inner + 1]; r++) {
    const k = ringStart[r];
    const x = xy[2 * k], y = xy[2 * k + 1];
    if (x < bbox[4 * outer] || x > bbox[4 * outer + 2] || y < bbox[4 * outer + 1] || y > bbox[4 * outer + 3]) continue;
    if (pointInFeature(p, outer, x, y)) return true;
  }
  return false;
}

/** Neighbour pairs with their distances, metres. */
export interface PairDistances extends PairList {
  distance: Float64Array;
}

/**
 * The exact distance of every candidate pair, keeping those within `maxGapM`.
 * @param maxGapM gap tolerance in metres
 * @param range optional [from, to) slice of the candidates (for chunked runs)
 */
export function pairDistances(finder: SegmentFinder, cand: PairList, maxGapM: number, range: [number, number] = [0, cand.a.length]): PairDistances {
  const [from, to] = range;
  const a = new Int32Array(to - from);
  const b = new Int32Array(to - from);
  const distance = new Float64Array(to - from);
  const bufA = { arr: new Int32Array(64) }, bufB = { arr: new Int32Array(64) };
  let count = 0;
  for (let i = from; i < to; i++) {
    const d = featureDistance(finder, cand.a[i], cand.b[i], maxGapM, bufA, bufB);
    if (d <= maxGapM) {
      a[count] = cand.a[i];
      b[count] = cand.b[i];
      distance[count++] = d;
    }
  }
  return { a: a.slice(0, count), b: b.slice(0, count), distance: distance.slice(0, count) };
}

/** Scratch space reused across wall computations. */
export interface WallScratch {
  bufA: { arr: Int32Array };
  bufB: { arr: Int32Array };
  iv: Float64Array;
  t: Float64Array;
}

export function wallScratch(): WallScratch {
  return { bufA: { arr: new Int32Array(64) }, bufB: { arr: new Int32Array(64) }, iv: new Float64Array(64), t: new Float64Array(2) };
}

/**
 * wall(a, b) in metres: ½ × (length of a's boundary within d + 1 m of b + length of b's boundary within d + 1 m of a),
 * where "within r of b" includes lying inside b.
 * @param distanceM distance(a, b) in metres
 */
export function wallLength(finder: SegmentFinder, a: number, b: number, distanceM: number, s: WallScratch = wallScratch()): number {
  const r = distanceM + 1;
  return (boundaryWithin(finder, a, b, r, distanceM === 0, s) + boundaryWithin(finder, b, a, r, distanceM === 0, s)) / 2;
}

/** Length of feature a's boundary within r of feature b (or inside b when `mayBeInside`), metres. */
function boundaryWithin(finder: SegmentFinder, a: number, b: number, r: number, mayBeInside: boolean, s: WallScratch): number {
  const p = finder.p;
  const { xy, bbox } = p;
  const na = finder.near(a, bbox[4 * b] - r, bbox[4 * b + 1] - r, bbox[4 * b + 2] + r, bbox[4 * b + 3] + r, s.bufA);
  if (na === 0) return 0;
  // b's segments near a, gathered once; each segment of a then only box-tests this short list
  const nb = finder.near(b, bbox[4 * a] - r, bbox[4 * a + 1] - r, bbox[4 * a + 2] + r, bbox[4 * a + 3] + r, s.bufB);
  if (s.iv.length < 2 * nb) s.iv = new Float64Array(2 * nb);
  const ka = s.bufA.arr, kb = s.bufB.arr, t = s.t;
  let total = 0;
  for (let i = 0; i < na; i++) {
    const k = ka[i];
    const x1 = xy[2 * k], y1 = xy[2 * k + 1], x2 = xy[2 * k + 2], y2 = xy[2 * k + 3];
    const dx = x2 - x1, dy = y2 - y1;
    const len = Math.sqrt(dx * dx + dy * dy);
    if (len === 0) continue;
    const ux = dx / len, uy = dy / len;
    const minX = (x1 < x2 ? x1 : x2) - r, maxX = (x1 > x2 ? x1 : x2) + r;
    const minY = (y1 < y2 ? y1 : y2) - r, maxY = (y1 > y2 ? y1 : y2) + r;
    const iv = s.iv;
    let m = 0;
    for (let j = 0; j < nb; j++) {
      const q = kb[j];
      const qx1 = xy[2 * q], qy1 = xy[2 * q + 1], qx2 = xy[2 * q + 2], qy2 = xy[2 * q + 3];
      if ((qx1 < qx2 ? qx1 : qx2) > maxX || (qx1 > qx2 ? qx1 : qx2) < minX || (qy1 < qy2 ? qy1 : qy2) > maxY || (qy1 > qy2 ? qy1 : qy2) < minY) continue;
      if (withinInterval(x1, y1, ux, uy, len, qx1, qy1, qx2, qy2, r, t)) {
        // insertion sort by start as we go: a segment rarely meets more than a few others
        let at = m++;
        while (at > 0 && iv[2 * at - 2] > t[0]) {
          iv[2 * at] = iv[2 * at - 2];
          iv[2 * at + 1] = iv[2 * at - 1];
          at--;
        }
        iv[2 * at] = t[0];
        iv[2 * at + 1] = t[1];
      }
    }
    // union of the sorted intervals; the gaps between them are > r from b's boundary, so each gap lies
    // wholly inside or wholly outside b and one point-in-polygon test at its middle decides it
    let reach = 0;
    for (let j = 0; j < m; j++) {
      const lo = iv[2 * j], hi = iv[2 * j + 1];
      if (lo > reach) {
        if (mayBeInside) total += gapInside(p, b, x1, y1, ux, uy, reach, lo);
        total += hi - lo;
        reach = hi;
      } else if (hi > reach) {
        total += hi - reach;
        reach = hi;
      }
    }
    if (reach < len && mayBeInside) total += gapInside(p, b, x1, y1, ux, uy, reach, len);
  }
  return total;
}

function gapInside(p: PackedPolygons, b: number, x: number, y: number, ux: number, uy: number, t0: number, t1: number): number {
  const t = (t0 + t1) / 2;
  return pointInFeature(p, b, x + t * ux, y + t * uy) ? t1 - t0 : 0;
}

/**
 * wall(a, b) for every pair, metres.
 * @param range optional [from, to) slice of the pairs (for chunked runs)
 */
export function pairWalls(finder: SegmentFinder, pairs: PairDistances, range: [number, number] = [0, pairs.a.length], out: Float64Array = new Float64Array(pairs.a.length)): Float64Array {
  const s = wallScratch();
  for (let i = range[0]; i < range[1]; i++) out[i] = wallLength(finder, pairs.a[i], pairs.b[i], pairs.distance[i], s);
  return out;
}
