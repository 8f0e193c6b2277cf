// Brute-force references for the sites engine, written apart from src/lib/geo: every pair, every segment pair,
// no index and no bounds; coverage by trying every subset.
import type { AreaGeometry, Position } from '../../../src/lib/geo/types';

type Seg = [number, number, number, number];

function rings(g: AreaGeometry): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

function segments(g: AreaGeometry): Seg[] {
  const out: Seg[] = [];
  for (const r of rings(g)) {
    const closed = r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1] ? r : [...r, r[0]];
    for (let i = 0; i + 1 < closed.length; i++) out.push([closed[i][0], closed[i][1], closed[i + 1][0], closed[i + 1][1]]);
  }
  return out;
}

function ptSeg(x: number, y: number, [ax, ay, bx, by]: Seg): number {
  const dx = bx - ax, dy = by - ay;
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2));
  return Math.hypot(ax + t * dx - x, ay + t * dy - y);
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function segDist(s: Seg, q: Seg): number {
  const o1 = orient(s[0], s[1], s[2], s[3], q[0], q[1]), o2 = orient(s[0], s[1], s[2], s[3], q[2], q[3]);
  const o3 = orient(q[0], q[1], q[2], q[3], s[0], s[1]), o4 = orient(q[0], q[1], q[2], q[3], s[2], s[3]);
  if (o1 * o2 < 0 && o3 * o4 < 0) return 0;
  return Math.min(ptSeg(s[0], s[1], q), ptSeg(s[2], s[3], q), ptSeg(q[0], q[1], s), ptSeg(q[2], q[3], s));
}

/** Even-odd over every ring, so holes are outside. */
function inside(g: AreaGeometry, x: number, y: number): boolean {
  let odd = false;
  for (const [ax, ay, bx, by] of segments(g)) if ((ay <= y) !== (by <= y) && x < ax + ((y - ay) / (by - ay)) * (bx - ax)) odd = !odd;
  return odd;
}

/** Minimum planar distance between two polygons (0 when they touch, cross or one holds the other). */
export function refDistance(a: AreaGeometry, b: AreaGeometry): number {
  let best = Infinity;
  for (const s of segments(a)) for (const q of segments(b)) best = Math.min(best, segDist(s, q));
  if (best === 0) return 0;
  for (const r of rings(a)) if (inside(b, r[0][0], r[0][1])) return 0;
  for (const r of rings(b)) if (inside(a, r[0][0], r[0][1])) return 0;
  return best;
}

/** Weight of the union of the chosen lists. */
export function coverage(lists: number[][], weight: number[], chosen: number[]): number {
  const seen = new Set<number>();
  for (const s of chosen) for (const i of lists[s]) seen.add(i);
  let w = 0;
  for (const i of seen) w += weight[i];
  return w;
}

/** Best coverage over every subset of at most k lists, and the fewest lists reaching `target` (Infinity if none). */
export function exhaustive(lists: number[][], weight: number[], k: number, target = Infinity): { best: number; fewest: number } {
  let best = 0;
  let fewest = target <= 0 ? 0 : Infinity;
  const m = lists.length;
  for (let mask = 1; mask < 1 << m; mask++) {
    const chosen: number[] = [];
    for (let s = 0; s < m; s++) if (mask & (1 << s)) chosen.push(s);
    const v = coverage(lists, weight, chosen);
    if (chosen.length <= k && v > best) best = v;
    if (v >= target && chosen.length < fewest) fewest = chosen.length;
  }
  return { best, fewest };
}
