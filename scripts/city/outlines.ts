// Synthetic district outlines: Voronoi cells of the district seeds clipped to the prefecture
// outline, densified and bent by one smooth warp field so that neighbours keep a common border.

import type { Position } from '../../src/lib/geo/types';
import { offsetKm, roundDeg } from './frame';

type Pt = [number, number];

/** Keeps the part of a polygon on the side of the bisector nearer to `a` than to `b` (Sutherland–Hodgman). */
function clipNearer(poly: Pt[], a: Pt, b: Pt): Pt[] {
  const nx = b[0] - a[0], ny = b[1] - a[1];
  const c = (nx * (a[0] + b[0])) / 2 + (ny * (a[1] + b[1])) / 2;
  const side = (p: Pt): number => c - (nx * p[0] + ny * p[1]);
  const out: Pt[] = [];
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i] as Pt, q = poly[(i + 1) % poly.length] as Pt;
    const sp = side(p), sq = side(q);
    if (sp >= 0) out.push(p);
    if (sp >= 0 !== sq >= 0) {
      const t = sp / (sp - sq);
      out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
    }
  }
  return out;
}

/** A smooth displacement, km, weaker near the core city so its small districts keep their shape. */
function warp([x, y]: Pt): Pt {
  const amp = 0.12 + 0.7 * Math.min(1, Math.hypot(x, y) / 20);
  return [
    x + amp * (Math.sin(y / 2.3 + 1) + 0.5 * Math.sin((x + y) / 0.9)),
    y + amp * (Math.sin(x / 2.7 + 2) + 0.5 * Math.sin((x - y) / 1.1)),
  ];
}

function densify(poly: Pt[], stepKm: number): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i] as Pt, q = poly[(i + 1) % poly.length] as Pt;
    const n = Math.max(1, Math.ceil(Math.hypot(q[0] - p[0], q[1] - p[1]) / stepKm - 1e-6));
    for (let k = 0; k < n; k++) out.push([p[0] + ((q[0] - p[0]) * k) / n, p[1] + ((q[1] - p[1]) * k) / n]);
  }
  return out;
}

/**
 * One closed lon/lat ring per seed: its Voronoi cell within the outline, warped.
 * @param seedsKm district seeds, km east/north of (lon0, lat0)
 * @param outlineKm the outline every cell is clipped to, km
 */
export function districtRings(
  seedsKm: readonly Pt[],
  outlineKm: readonly Pt[],
  options: { lon0: number; lat0: number; stepKm?: number },
): Position[][] {
  const { lon0, lat0, stepKm = 0.4 } = options;
  return seedsKm.map((a, i) => {
    let cell: Pt[] = outlineKm.slice();
    seedsKm.forEach((b, j) => {
      if (j !== i) cell = clipNearer(cell, a, b);
    });
    if (cell.length < 3) throw new Error(`District seed ${i} at ${a.join(',')} km has an empty cell; move it inside the outline.`);
    const ring: Position[] = densify(cell, stepKm).map((p) => {
      const [x, y] = warp(p);
      const [lon, lat] = offsetKm(lon0, lat0, x, y);
      return [roundDeg(lon), roundDeg(lat)];
    });
    ring.push(ring[0] as Position);
    return ring;
  });
}

/** An axis-aligned square ring, lon/lat, for the synthetic districts of a grown city. */
export function squareRing(centreKm: Pt, halfKm: number, options: { lon0: number; lat0: number }): Position[] {
  const { lon0, lat0 } = options;
  const [cx, cy] = centreKm;
  const corners: Pt[] = [[cx - halfKm, cy - halfKm], [cx + halfKm, cy - halfKm], [cx + halfKm, cy + halfKm], [cx - halfKm, cy + halfKm]];
  const ring: Position[] = corners.map(([x, y]) => {
    const [lon, lat] = offsetKm(lon0, lat0, x, y);
    return [roundDeg(lon), roundDeg(lat)];
  });
  ring.push(ring[0] as Position);
  return ring;
}

/** Even–odd point-in-ring test in lon/lat. */
export function inRing(lon: number, lat: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
