// Where a wall stands, for the map: the stretches of compound a's boundary within d + 1 m of compound b's boundary
// (a's half of wall(a, b), adjacency.ts), as lon/lat paths. Worked out with the same segment-to-segment interval as
// the wall length (segments.ts frameInterval), in a local frame around a (metres east and north of its first vertex,
// by the GRS80 radii of curvature there): over one compound that frame is off by centimetres at most, and it only
// places the picture; the wall lengths the app reports are the engine's.

import Flatbush from 'flatbush';
import { frameInterval } from './segments';
import type { AreaGeometry, Position } from './types';

/** GRS80 semi-major axis (m) and first eccentricity squared. */
const A = 6378137, E2 = 0.0066943800229;

function rings(g: AreaGeometry): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/** Closed rings' segments in the local frame: x1, y1, ux, uy, length per segment, and each segment's lon/lat ends. */
function frames(g: AreaGeometry, lon0: number, lat0: number, kx: number, ky: number): { f: Float64Array; ends: Position[][]; ringFirst: boolean[] } {
  const segs: number[] = [];
  const ends: Position[][] = [];
  const ringFirst: boolean[] = [];
  for (const r of rings(g)) {
    if (r.length < 2) continue;
    const closed = r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1] ? r : [...r, r[0]];
    for (let i = 0; i + 1 < closed.length; i++) {
      const x1 = (closed[i][0] - lon0) * kx, y1 = (closed[i][1] - lat0) * ky;
      const dx = (closed[i + 1][0] - lon0) * kx - x1, dy = (closed[i + 1][1] - lat0) * ky - y1;
      const len = Math.hypot(dx, dy);
      segs.push(x1, y1, len > 0 ? dx / len : 0, len > 0 ? dy / len : 0, len);
      ends.push([closed[i], closed[i + 1]]);
      ringFirst.push(i === 0);
    }
  }
  return { f: Float64Array.from(segs), ends, ringFirst };
}

/**
 * The stretches of a's boundary within `distanceM` + 1 m of b's boundary, as lon/lat paths (consecutive stretches
 * along a ring joined into one path).
 * @param distanceM distance(a, b) in metres, as the engine measured it
 * @param tally counts the work done (segments framed plus segment pairs compared), for a caller that budgets it
 */
export function wallPaths(a: AreaGeometry, b: AreaGeometry, distanceM: number, tally?: { pairs: number }): Position[][] {
  const first = rings(a)[0]?.[0];
  if (!first) return [];
  const [lon0, lat0] = first;
  // metres per degree east and north at a's first vertex: prime vertical and meridian radii of curvature
  const phi = (lat0 * Math.PI) / 180, w = 1 - E2 * Math.sin(phi) ** 2;
  const kx = ((A / Math.sqrt(w)) * Math.cos(phi) * Math.PI) / 180;
  const ky = ((A * (1 - E2)) / w ** 1.5) * (Math.PI / 180);
  const FA = frames(a, lon0, lat0, kx, ky), FB = frames(b, lon0, lat0, kx, ky);
  const r = distanceM + 1;
  const na = FA.ends.length, nb = FB.ends.length;
  if (tally) tally.pairs += na + nb;
  // each side's box widened by r: the other side's segments outside it have no stretch
  const box = (F: { f: Float64Array }, n: number): number[] => {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let j = 0; j < n; j++) {
      const x = F.f[5 * j], y = F.f[5 * j + 1];
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
    return [x0 - r, y0 - r, x1 + r, y1 + r];
  };
  const meets = (F: { f: Float64Array }, j: number, [x0, y0, x1, y1]: number[]): boolean => {
    const px = F.f[5 * j], py = F.f[5 * j + 1], len = F.f[5 * j + 4];
    const ex = px + F.f[5 * j + 2] * len, ey = py + F.f[5 * j + 3] * len;
    return Math.max(px, ex) >= x0 && Math.min(px, ex) <= x1 && Math.max(py, ey) >= y0 && Math.min(py, ey) <= y1;
  };
  const [bx0, by0, bx1, by1] = box(FB, nb);
  const aBox = box(FA, na);
  // only b's segments near a can face it
  const nearB: number[] = [];
  for (let j = 0; j < nb; j++) if (FB.f[5 * j + 4] > 0 && meets(FB, j, aBox)) nearB.push(j);
  // detailed outlines (a mosaic of communities): an R-tree over b's segments, so each of a's segments meets only its
  // own and a point-in-b test crosses only the segments its ray to the east meets
  let tree: Flatbush | null = null;
  const treeSeg: number[] = [];
  if (nb > 32) {
    tree = new Flatbush(nb);
    for (let j = 0; j < nb; j++) {
      const px = FB.f[5 * j], py = FB.f[5 * j + 1], len = FB.f[5 * j + 4];
      const ex = px + FB.f[5 * j + 2] * len, ey = py + FB.f[5 * j + 3] * len;
      tree.add(Math.min(px, ex), Math.min(py, ey), Math.max(px, ex), Math.max(py, ey));
      treeSeg.push(j);
    }
    tree.finish();
  }
  /** Whether the local point (x, y) is inside b: even-odd over b's segments (holes outside). */
  const insideB = (x: number, y: number): boolean => {
    let odd = false;
    const cross = (j: number): void => {
      const x1 = FB.f[5 * j], y1 = FB.f[5 * j + 1], len = FB.f[5 * j + 4];
      const x2 = x1 + FB.f[5 * j + 2] * len, y2 = y1 + FB.f[5 * j + 3] * len;
      if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) odd = !odd;
    };
    if (tree) for (const h of tree.search(x, y, bx1, y)) cross(treeSeg[h]);
    else for (let j = 0; j < nb; j++) cross(j);
    return odd;
  };
  const t = new Float64Array(2);
  const paths: Position[][] = [];
  let open: Position[] | null = null;
  for (let i = 0; i < na; i++) {
    if (FA.ringFirst[i]) open = null;
    const px = FA.f[5 * i], py = FA.f[5 * i + 1], ux = FA.f[5 * i + 2], uy = FA.f[5 * i + 3], len = FA.f[5 * i + 4];
    const ex = px + ux * len, ey = py + uy * len;
    const iv: [number, number][] = [];
    if (len > 0 && Math.max(px, ex) >= bx0 && Math.min(px, ex) <= bx1 && Math.max(py, ey) >= by0 && Math.min(py, ey) <= by1) {
      const segBox = [Math.min(px, ex) - r, Math.min(py, ey) - r, Math.max(px, ex) + r, Math.max(py, ey) + r];
      const candidates = tree ? tree.search(segBox[0], segBox[1], segBox[2], segBox[3]).map((h) => treeSeg[h]) : nearB;
      if (tally) tally.pairs += candidates.length;
      for (const j of candidates) {
        if (FB.f[5 * j + 4] === 0 || (!tree && !meets(FB, j, segBox))) continue;
        const cx = FB.f[5 * j], cy = FB.f[5 * j + 1], vx = FB.f[5 * j + 2], vy = FB.f[5 * j + 3], m = FB.f[5 * j + 4];
        if (frameInterval(px - cx, py - cy, ux, uy, len, vx, vy, m, r, t)) iv.push([t[0], t[1]]);
      }
    }
    iv.sort((p, q) => p[0] - q[0]);
    // merged stretches of this segment, as lon/lat
    const [s0, s1] = FA.ends[i];
    const at = (u: number): Position => [s0[0] + (s1[0] - s0[0]) * (u / len), s0[1] + (s1[1] - s0[1]) * (u / len)];
    let lo = NaN, hi = NaN;
    const flush = (): void => {
      if (!(hi > lo)) return;
      // continue the open path when this stretch starts where the previous segment's ended
      if (open && lo === 0) open.push(at(hi));
      else {
        open = [at(lo), at(hi)];
        paths.push(open);
      }
      if (hi < len) open = null;
    };
    // where the two may overlap, the stretches between lying inside b count too (as for the wall length)
    if (distanceM === 0 && len > 0) {
      const gaps: [number, number][] = [];
      let reach = 0;
      for (const [l, h] of iv) {
        if (l > reach) gaps.push([reach, l]);
        reach = Math.max(reach, h);
      }
      if (reach < len) gaps.push([reach, len]);
      for (const [g0, g1] of gaps) {
        const mid = (g0 + g1) / 2;
        if (insideB(px + ux * mid, py + uy * mid)) iv.push([g0, g1]);
      }
      iv.sort((p, q) => p[0] - q[0]);
    }
    for (const [l, h] of iv) {
      if (l > hi) {
        flush();
        lo = l;
        hi = h;
      } else if (!(hi >= l)) {
        lo = l;
        hi = h;
      } else if (h > hi) hi = h;
    }
    flush();
    if (!iv.length || hi < len) open = null;
  }
  return paths;
}
