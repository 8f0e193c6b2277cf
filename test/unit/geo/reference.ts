// A brute-force reference for the adjacency engine: every pair, every segment pair, no index, no pruning;
// walls by numeric search (ternary search for the nearest point, bisection for the crossings of d + 1 m),
// point-in-polygon by ray casting. Slow and independent of src/lib/geo/adjacency.ts by construction.
import type { PackedPolygons } from '../../../src/lib/geo/flat';

type Seg = [number, number, number, number];

function segments(p: PackedPolygons, f: number): Seg[] {
  const out: Seg[] = [];
  for (let r = p.featureRing[f]; r < p.featureRing[f + 1]; r++) {
    for (let k = p.ringStart[r]; k < p.ringStart[r + 1] - 1; k++) out.push([p.xy[2 * k], p.xy[2 * k + 1], p.xy[2 * k + 2], p.xy[2 * k + 3]]);
  }
  return out;
}

function ptSeg(x: number, y: number, s: Seg): number {
  const [ax, ay, bx, by] = s;
  const dx = bx - ax, dy = by - ay;
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2));
  return Math.hypot(ax + t * dx - x, ay + t * dy - y);
}

function cross(o: number[], a: number[], b: number[]): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function segDist(s: Seg, q: Seg): number {
  const p1 = [s[0], s[1]], p2 = [s[2], s[3]], q1 = [q[0], q[1]], q2 = [q[2], q[3]];
  const c1 = cross(p1, p2, q1), c2 = cross(p1, p2, q2), c3 = cross(q1, q2, p1), c4 = cross(q1, q2, p2);
  if (c1 * c2 < 0 && c3 * c4 < 0) return 0;
  return Math.min(ptSeg(s[0], s[1], q), ptSeg(s[2], s[3], q), ptSeg(q[0], q[1], s), ptSeg(q[2], q[3], s));
}

/** Ray casting to +x, counting crossings over all rings (odd = inside), written apart from flat.ts. */
function inside(p: PackedPolygons, f: number, x: number, y: number): boolean {
  let crossings = 0;
  for (const [ax, ay, bx, by] of segments(p, f)) {
    if ((ay <= y && by > y) || (by <= y && ay > y)) {
      const xi = ax + ((y - ay) / (by - ay)) * (bx - ax);
      if (xi > x) crossings++;
    }
  }
  return crossings % 2 === 1;
}

export function refDistance(p: PackedPolygons, a: number, b: number): number {
  const sa = segments(p, a), sb = segments(p, b);
  let best = Infinity;
  for (const s of sa) for (const q of sb) best = Math.min(best, segDist(s, q));
  if (best > 0) {
    for (let r = p.featureRing[a]; r < p.featureRing[a + 1]; r++) {
      const k = p.ringStart[r];
      if (inside(p, b, p.xy[2 * k], p.xy[2 * k + 1])) return 0;
    }
    for (let r = p.featureRing[b]; r < p.featureRing[b + 1]; r++) {
      const k = p.ringStart[r];
      if (inside(p, a, p.xy[2 * k], p.xy[2 * k + 1])) return 0;
    }
  }
  return best;
}

/** The stretch [t0, t1] of segment s (parameter in metres) within r of q, by ternary search and bisection. */
function nearStretch(s: Seg, q: Seg, r: number): [number, number] | null {
  const len = Math.hypot(s[2] - s[0], s[3] - s[1]);
  if (len === 0) return null;
  // boxes further apart than r cannot be within r (only saves time)
  if (Math.min(q[0], q[2]) - Math.max(s[0], s[2]) > r || Math.min(s[0], s[2]) - Math.max(q[0], q[2]) > r) return null;
  if (Math.min(q[1], q[3]) - Math.max(s[1], s[3]) > r || Math.min(s[1], s[3]) - Math.max(q[1], q[3]) > r) return null;
  const f = (t: number): number => ptSeg(s[0] + ((s[2] - s[0]) * t) / len, s[1] + ((s[3] - s[1]) * t) / len, q);
  let lo = 0, hi = len;
  for (let i = 0; i < 100; i++) {
    const m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
    if (f(m1) <= f(m2)) hi = m2;
    else lo = m1;
  }
  const tm = (lo + hi) / 2;
  if (f(tm) > r) return null;
  const cross = (inside: number, outside: number): number => {
    if (f(outside) <= r) return outside;
    for (let i = 0; i < 64; i++) {
      const mid = (inside + outside) / 2;
      if (f(mid) <= r) inside = mid;
      else outside = mid;
    }
    return (inside + outside) / 2;
  };
  return [cross(tm, 0), cross(tm, len)];
}

function lengthWithin(p: PackedPolygons, a: number, b: number, r: number, d: number): number {
  const sb = segments(p, b);
  let total = 0;
  for (const s of segments(p, a)) {
    const len = Math.hypot(s[2] - s[0], s[3] - s[1]);
    const iv = sb.map((q) => nearStretch(s, q, r)).filter((x): x is [number, number] => x !== null).sort((x, y) => x[0] - y[0]);
    // covered stretches, then the uncovered ones that lie inside b (only possible when the two meet)
    let reach = 0;
    const gaps: [number, number][] = [];
    for (const [lo, hi] of iv) {
      if (lo > reach) gaps.push([reach, lo]);
      if (hi > reach) {
        total += hi - Math.max(lo, reach);
        reach = hi;
      }
    }
    if (reach < len) gaps.push([reach, len]);
    if (d === 0) {
      for (const [g0, g1] of gaps) {
        const t = (g0 + g1) / 2;
        if (inside(p, b, s[0] + ((s[2] - s[0]) * t) / len, s[1] + ((s[3] - s[1]) * t) / len)) total += g1 - g0;
      }
    }
  }
  return total;
}

export function refWall(p: PackedPolygons, a: number, b: number, d: number): number {
  return (lengthWithin(p, a, b, d + 1, d) + lengthWithin(p, b, a, d + 1, d)) / 2;
}

/** All pairs within gap, a < b, with distance and wall. */
export function refPairs(p: PackedPolygons, gapM: number): { a: number; b: number; distance: number; wall: number }[] {
  const out: { a: number; b: number; distance: number; wall: number }[] = [];
  for (let a = 0; a < p.n; a++) {
    for (let b = a + 1; b < p.n; b++) {
      const d = refDistance(p, a, b);
      if (d <= gapM) out.push({ a, b, distance: d, wall: refWall(p, a, b, d) });
    }
  }
  return out;
}

/** For each feature, the smallest index in its connected component. */
export function refComponents(n: number, pairs: { a: number; b: number }[]): number[] {
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const { a, b } of pairs) {
    adj[a].push(b);
    adj[b].push(a);
  }
  const label = new Array<number>(n).fill(-1);
  for (let s = 0; s < n; s++) {
    if (label[s] >= 0) continue;
    const stack = [s];
    label[s] = s;
    while (stack.length) {
      for (const v of adj[stack.pop()!]) {
        if (label[v] < 0) {
          label[v] = s;
          stack.push(v);
        }
      }
    }
  }
  return label;
}
