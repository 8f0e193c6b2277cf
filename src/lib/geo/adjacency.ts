// Neighbours within a gap, and the length of wall two compounds share, for candidate pairs (candidates.ts):
//   distance(a, b)  the exact minimum distance (segment to segment, then containment, holes respected);
//   wall(a, b)      ½ (|∂a within d + 1 m of b| + |∂b within d + 1 m of a|), d = distance(a, b), measured exactly
//                   per segment as a union of intervals (segments.ts), plus the stretches lying inside the other.
// Both come from one gathering of each feature's segments near the other. Boxes only ever prune; every number
// comes from exact segment geometry. Big features get a segment R-tree (flatbush) for the searches.

import Flatbush from 'flatbush';
import type { PackedPolygons } from './flat';
import { pointInFeature } from './flat';
import type { PairList } from './candidates';
import { frameInterval, segSegDist } from './segments';

/** Features with more segments than this get their own segment R-tree. */
const SMALL = 128;
/** Segment lists longer than this are searched through the other feature's R-tree, not scanned. */
const LONG = 64;

/** Finds a feature's boundary segments near a box; builds and keeps an R-tree for big features. */
export class SegmentFinder {
  readonly p: PackedPolygons;
  private trees = new Map<number, { tree: Flatbush; seg: Int32Array }>();
  private slots: Int32Array | null = null;
  constructor(p: PackedPolygons) {
    this.p = p;
  }

  /** Position of a segment (by start vertex) in the current list of the other side, for long lists. */
  get slot(): Int32Array {
    return (this.slots ??= new Int32Array(this.p.xy.length >> 1));
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

  /**
   * Whether point (x, y) is inside feature f (even-odd over all rings, so holes are outside); for big features
   * only the segments the ray to the east can cross are visited, through the R-tree.
   */
  contains(f: number, x: number, y: number): boolean {
    const { xy, ringStart, featureRing, bbox } = this.p;
    const nseg = ringStart[featureRing[f + 1]] - ringStart[featureRing[f]] - (featureRing[f + 1] - featureRing[f]);
    if (nseg <= SMALL) return pointInFeature(this.p, f, x, y);
    if (x < bbox[4 * f] || x > bbox[4 * f + 2] || y < bbox[4 * f + 1] || y > bbox[4 * f + 3]) return false;
    const { tree, seg } = this.tree(f, nseg);
    let inside = false;
    tree.search(x, y, bbox[4 * f + 2], y, (i) => {
      const k = seg[i];
      const x1 = xy[2 * k], y1 = xy[2 * k + 1], x2 = xy[2 * k + 2], y2 = xy[2 * k + 3];
      if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
      return false;
    });
    return inside;
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

/** Scratch space reused from pair to pair (no allocation in the loops). */
export interface PairScratch {
  bufA: { arr: Int32Array };
  bufB: { arr: Int32Array };
  /** segments of the other side near one segment, when the lists are long */
  bufC: { arr: Int32Array };
  /** segment frames (x, y, ux, uy, length) of the two lists */
  fa: Float64Array;
  fb: Float64Array;
  /** intervals on the current segment of a; intervals on b's segments as (segment, from, to) */
  iv: Float64Array;
  ivb: Float64Array;
  order: Int32Array;
  t: Float64Array;
  /** wall(a, b) of the last pair measured with walls, metres. */
  wall: number;
}

export function pairScratch(): PairScratch {
  return {
    bufA: { arr: new Int32Array(64) }, bufB: { arr: new Int32Array(64) }, bufC: { arr: new Int32Array(64) }, fa: new Float64Array(320), fb: new Float64Array(320),
    iv: new Float64Array(64), ivb: new Float64Array(192), order: new Int32Array(64), t: new Float64Array(2), wall: 0,
  };
}

/**
 * The exact minimum distance between features a and b if it is <= maxM, else Infinity: 0 when the boundaries
 * touch or cross or one lies inside the other (not in a hole). With `walls`, also wall(a, b) into `s.wall`.
 * Both come from one gathering of the segments near the other feature.
 * @param maxM largest distance of interest, metres
 */
export function measurePair(finder: SegmentFinder, a: number, b: number, maxM: number, s: PairScratch = pairScratch(), walls = true): number {
  const p = finder.p;
  const { xy, bbox } = p;
  // a wall looks 1 m beyond the distance, so gather that much further when walls are wanted
  const m = walls ? maxM + 1 : maxM;
  let na = finder.near(a, bbox[4 * b] - m, bbox[4 * b + 1] - m, bbox[4 * b + 2] + m, bbox[4 * b + 3] + m, s.bufA);
  let nb = na === 0 ? 0 : finder.near(b, bbox[4 * a] - m, bbox[4 * a + 1] - m, bbox[4 * a + 2] + m, bbox[4 * a + 3] + m, s.bufB);
  let best = Infinity;
  const ka = s.bufA.arr, kb = s.bufB.arr;
  for (let i = 0; i < na && best > 0; i++) {
    const k = ka[i];
    const x1 = xy[2 * k], y1 = xy[2 * k + 1], x2 = xy[2 * k + 2], y2 = xy[2 * k + 3];
    const e = best < maxM ? best : maxM;
    const minX = (x1 < x2 ? x1 : x2) - e, maxX = (x1 > x2 ? x1 : x2) + e;
    const minY = (y1 < y2 ? y1 : y2) - e, maxY = (y1 > y2 ? y1 : y2) + e;
    // long lists (big polygons sharing a long boundary): ask b's segment index instead of scanning the list
    const long = nb > LONG;
    const nq = long ? finder.near(b, minX, minY, maxX, maxY, s.bufC) : nb;
    const kq = long ? s.bufC.arr : kb;
    for (let j = 0; j < nq; j++) {
      const q = kq[j];
      const qx1 = xy[2 * q], qy1 = xy[2 * q + 1], qx2 = xy[2 * q + 2], qy2 = xy[2 * q + 3];
      if ((qx1 < qx2 ? qx1 : qx2) > maxX || (qx1 > qx2 ? qx1 : qx2) < minX || (qy1 < qy2 ? qy1 : qy2) > maxY || (qy1 > qy2 ? qy1 : qy2) < minY) continue;
      const d = segSegDist(x1, y1, x2, y2, qx1, qy1, qx2, qy2);
      if (d < best) {
        best = d;
        if (d === 0) break;
      }
    }
  }
  if (best > 0 && (ringInside(finder, a, b) || ringInside(finder, b, a))) best = 0;
  if (!(best <= maxM)) return Infinity;
  if (walls) {
    // the lists hold every segment within r = best + 1 <= maxM + 1 of the other feature
    // (when a had no segment near b, b may still lie inside a: gather b's segments now)
    if (na === 0) nb = finder.near(b, bbox[4 * a] - m, bbox[4 * a + 1] - m, bbox[4 * a + 2] + m, bbox[4 * a + 3] + m, s.bufB);
    const r = best + 1;
    // keep only the segments near the other feature's box widened by r (lists were gathered at maxM + 1)
    na = keepNear(p, s.bufA.arr, na, b, r);
    nb = keepNear(p, s.bufB.arr, nb, a, r);
    s.wall = wallFromLists(finder, s.bufA.arr, na, s.bufB.arr, nb, a, b, r, best === 0, s);
  }
  return best;
}

/** Compact the segment list `k` to those whose box meets feature f's box widened by r; returns the new count. */
function keepNear(p: PackedPolygons, k: Int32Array, count: number, f: number, r: number): number {
  const { xy, bbox } = p;
  const x0 = bbox[4 * f] - r, y0 = bbox[4 * f + 1] - r, x1 = bbox[4 * f + 2] + r, y1 = bbox[4 * f + 3] + r;
  let out = 0;
  for (let i = 0; i < count; i++) {
    const q = k[i];
    const qx1 = xy[2 * q], qy1 = xy[2 * q + 1], qx2 = xy[2 * q + 2], qy2 = xy[2 * q + 3];
    if ((qx1 < qx2 ? qx1 : qx2) > x1 || (qx1 > qx2 ? qx1 : qx2) < x0 || (qy1 < qy2 ? qy1 : qy2) > y1 || (qy1 > qy2 ? qy1 : qy2) < y0) continue;
    k[out++] = q;
  }
  return out;
}

/** Whether some ring of `inner` lies inside `outer`, given that their boundaries do not meet. */
function ringInside(finder: SegmentFinder, inner: number, outer: number): boolean {
  const { xy, ringStart, featureRing } = finder.p;
  for (let r = featureRing[inner]; r < featureRing[inner + 1]; r++) {
    const k = ringStart[r];
    if (finder.contains(outer, xy[2 * k], xy[2 * k + 1])) return true;
  }
  return false;
}

/** Frames x, y, ux, uy, length of the listed segments, into `out` (5 per segment). */
function frames(xy: Float64Array, k: Int32Array, n: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const q = k[i];
    const x = xy[2 * q], y = xy[2 * q + 1];
    const dx = xy[2 * q + 2] - x, dy = xy[2 * q + 3] - y;
    const len = Math.sqrt(dx * dx + dy * dy);
    out[5 * i] = x;
    out[5 * i + 1] = y;
    out[5 * i + 2] = len > 0 ? dx / len : 0;
    out[5 * i + 3] = len > 0 ? dy / len : 0;
    out[5 * i + 4] = len;
  }
}

/**
 * wall(a, b) from the segment lists of a (`ka`) and b (`kb`), which hold every segment of each within r of the
 * other feature's box: each pair of segments is visited once and gives the stretch of both within r of the other.
 * Stretches of one segment are merged; the gaps between them are > r from the other boundary, so each lies wholly
 * inside or outside the other feature and, when the two can overlap (distance 0), one point-in-polygon test decides.
 */
function wallFromLists(
  finder: SegmentFinder, ka: Int32Array, na: number, kb: Int32Array, nb: number, a: number, b: number, r: number, mayOverlap: boolean, s: PairScratch,
): number {
  const p = finder.p;
  const long = nb > LONG;
  const slot = long ? finder.slot : null;
  if (slot) for (let j = 0; j < nb; j++) slot[kb[j]] = j;
  if (s.fa.length < 5 * na) s.fa = new Float64Array(10 * na);
  if (s.fb.length < 5 * nb) s.fb = new Float64Array(10 * nb);
  if (s.iv.length < 2 * nb) s.iv = new Float64Array(4 * nb);
  if (s.ivb.length < 3 * na * nb) s.ivb = new Float64Array(6 * na * nb);
  const fa = s.fa, fb = s.fb, t = s.t;
  frames(p.xy, ka, na, fa);
  frames(p.xy, kb, nb, fb);
  const ivb = s.ivb;
  let mb = 0;
  let total = 0;
  for (let i = 0; i < na; i++) {
    const px = fa[5 * i], py = fa[5 * i + 1], ux = fa[5 * i + 2], uy = fa[5 * i + 3], len = fa[5 * i + 4];
    if (len === 0) continue;
    const ex = px + ux * len, ey = py + uy * len;
    const minX = (px < ex ? px : ex) - r, maxX = (px > ex ? px : ex) + r, minY = (py < ey ? py : ey) - r, maxY = (py > ey ? py : ey) + r;
    const iv = s.iv;
    let m = 0;
    const nq = slot ? finder.near(b, minX, minY, maxX, maxY, s.bufC) : nb;
    for (let h = 0; h < nq; h++) {
      const j = slot ? slot[s.bufC.arr[h]] : h;
      const cx = fb[5 * j], cy = fb[5 * j + 1], vx = fb[5 * j + 2], vy = fb[5 * j + 3], mj = fb[5 * j + 4];
      if (mj === 0) continue;
      const dx = cx + vx * mj, dy = cy + vy * mj;
      if ((cx < dx ? cx : dx) > maxX || (cx > dx ? cx : dx) < minX || (cy < dy ? cy : dy) > maxY || (cy > dy ? cy : dy) < minY) continue;
      const wx = px - cx, wy = py - cy;
      if (frameInterval(wx, wy, ux, uy, len, vx, vy, mj, r, t)) {
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
      if (frameInterval(-wx, -wy, vx, vy, mj, ux, uy, len, r, t)) {
        ivb[3 * mb] = j;
        ivb[3 * mb + 1] = t[0];
        ivb[3 * mb + 2] = t[1];
        mb++;
      }
    }
    total += covered(iv, m, len, mayOverlap, finder, b, px, py, ux, uy);
  }
  // b's stretches grouped by segment (counting sort), then sorted by start within each;
  // order[0 … mb) receives the grouping, order[mb … mb + nb] the group ends (no views: nothing allocated per pair)
  if (s.order.length < mb + nb + 1) s.order = new Int32Array(2 * (mb + nb + 1));
  const order = s.order;
  for (let j = 0; j <= nb; j++) order[mb + j] = 0;
  for (let k = 0; k < mb; k++) order[mb + ivb[3 * k] + 1]++;
  for (let j = 0; j < nb; j++) order[mb + j + 1] += order[mb + j];
  if (s.iv.length < 2 * mb) s.iv = new Float64Array(2 * mb);
  const iv = s.iv;
  for (let k = 0; k < mb; k++) order[order[mb + ivb[3 * k]]++] = k;
  // order[mb + j] now holds the end of group j
  let from = 0;
  for (let j = 0; j < nb; j++) {
    const len = fb[5 * j + 4];
    const to = order[mb + j];
    if (len === 0) {
      from = to;
      continue;
    }
    let m = 0;
    for (let g = from; g < to; g++) {
      const k = order[g];
      const lo = ivb[3 * k + 1];
      let at = m++;
      while (at > 0 && iv[2 * at - 2] > lo) {
        iv[2 * at] = iv[2 * at - 2];
        iv[2 * at + 1] = iv[2 * at - 1];
        at--;
      }
      iv[2 * at] = lo;
      iv[2 * at + 1] = ivb[3 * k + 2];
    }
    total += covered(iv, m, len, mayOverlap, finder, a, fb[5 * j], fb[5 * j + 1], fb[5 * j + 2], fb[5 * j + 3]);
    from = to;
  }
  return total / 2;
}

/** Length covered by the sorted intervals on a segment of length len, plus the gaps lying inside feature f. */
function covered(
  iv: Float64Array, m: number, len: number, mayBeInside: boolean, finder: SegmentFinder, f: number, x: number, y: number, ux: number, uy: number,
): number {
  let total = 0;
  let reach = 0;
  for (let j = 0; j < m; j++) {
    const lo = iv[2 * j], hi = iv[2 * j + 1];
    if (lo > reach) {
      if (mayBeInside) total += gapInside(finder, f, x, y, ux, uy, reach, lo);
      total += hi - lo;
      reach = hi;
    } else if (hi > reach) {
      total += hi - reach;
      reach = hi;
    }
  }
  if (reach < len && mayBeInside) total += gapInside(finder, f, x, y, ux, uy, reach, len);
  return total;
}

function gapInside(finder: SegmentFinder, b: number, x: number, y: number, ux: number, uy: number, t0: number, t1: number): number {
  const t = (t0 + t1) / 2;
  return finder.contains(b, x + t * ux, y + t * uy) ? t1 - t0 : 0;
}

/** Neighbour pairs with their distances and walls, metres. */
export interface PairMeasures extends PairList {
  distance: Float64Array;
  wall: Float64Array;
}

/**
 * The exact distance and wall of every candidate pair, keeping those within `maxGapM`.
 * @param maxGapM gap tolerance in metres
 * @param range optional [from, to) slice of the candidates (for chunked runs)
 */
export function measurePairs(finder: SegmentFinder, cand: PairList, maxGapM: number, range: [number, number] = [0, cand.a.length]): PairMeasures {
  const [from, to] = range;
  const out: PairMeasures = { a: new Int32Array(to - from), b: new Int32Array(to - from), distance: new Float64Array(to - from), wall: new Float64Array(to - from) };
  const n = measureInto(finder, cand, maxGapM, from, to, out, 0, pairScratch());
  return { a: out.a.slice(0, n), b: out.b.slice(0, n), distance: out.distance.slice(0, n), wall: out.wall.slice(0, n) };
}

/** measurePairs writing into `out` from index `at`; returns the next free index. */
export function measureInto(
  finder: SegmentFinder, cand: PairList, maxGapM: number, from: number, to: number, out: PairMeasures, at: number, s: PairScratch,
): number {
  for (let i = from; i < to; i++) {
    const d = measurePair(finder, cand.a[i], cand.b[i], maxGapM, s);
    if (d > maxGapM) continue;
    out.a[at] = cand.a[i];
    out.b[at] = cand.b[i];
    out.distance[at] = d;
    out.wall[at++] = s.wall;
  }
  return at;
}
