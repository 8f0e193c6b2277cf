// Measuring on the map: lengths, areas and the distance between two features, in metres and m², in a transverse
// Mercator centred on what is measured (scale error below 1e-8 within a city), not in web-map pixels.
import { packPolygons, pointInFeature } from './flat';
import { tmForward } from './project';
import { segSegDist } from './segments';
import type { AreaGeometry, Position } from './types';

/** The central meridian for a set of lon/lat points: their mean longitude. */
function meridianOf(points: readonly Position[]): number {
  let s = 0;
  for (const p of points) s += p[0];
  return points.length ? s / points.length : 0;
}

function project(points: readonly Position[], lon0: number): Float64Array {
  const xy = new Float64Array(2 * points.length);
  points.forEach((p, i) => tmForward(p[0], p[1], lon0, xy, 2 * i));
  return xy;
}

/** Length of a polyline through lon/lat points, metres. */
export function lineLength(points: readonly Position[]): number {
  const xy = project(points, meridianOf(points));
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(xy[2 * i] - xy[2 * i - 2], xy[2 * i + 1] - xy[2 * i - 1]);
  return total;
}

/** Planar area (m²) of projected ring vertices x0, y0, … (closed or not), always >= 0. */
export function ringAreaXY(xy: ArrayLike<number>): number {
  const n = xy.length / 2;
  let s = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) s += xy[2 * j] * xy[2 * i + 1] - xy[2 * i] * xy[2 * j + 1];
  return Math.abs(s) / 2;
}

/** Area of the polygon through lon/lat points (the ring closes itself), m². Self-crossing rings count signed parts. */
export function polygonArea(points: readonly Position[]): number {
  return points.length < 3 ? 0 : ringAreaXY(project(points, meridianOf(points)));
}

/** Perimeter of the polygon through lon/lat points (back to the first), metres. */
export function polygonPerimeter(points: readonly Position[]): number {
  return points.length < 2 ? 0 : lineLength([...points, points[0]]);
}

/**
 * The minimum distance between two polygons (metres): 0 when they touch, overlap or one holds the other — the
 * distance(a, b) of the clusters analysis, measured the same way.
 */
export function featureDistance(a: AreaGeometry, b: AreaGeometry): number {
  const firsts = [a, b].map((g) => (g.type === 'Polygon' ? g.coordinates[0][0] : g.coordinates[0][0][0]));
  const p = packPolygons([a, b], { lon0: meridianOf(firsts) });
  const { xy, ringStart, featureRing } = p;
  // a vertex of one inside the other: they overlap (or one holds the other)
  for (const [f, g] of [[0, 1], [1, 0]]) {
    const v = ringStart[featureRing[f]];
    if (pointInFeature(p, g, xy[2 * v], xy[2 * v + 1])) return 0;
  }
  let best = Infinity;
  for (let ra = featureRing[0]; ra < featureRing[1]; ra++)
    for (let i = ringStart[ra]; i + 1 < ringStart[ra + 1]; i++)
      for (let rb = featureRing[1]; rb < featureRing[2]; rb++)
        for (let j = ringStart[rb]; j + 1 < ringStart[rb + 1]; j++) {
          const d = segSegDist(xy[2 * i], xy[2 * i + 1], xy[2 * i + 2], xy[2 * i + 3], xy[2 * j], xy[2 * j + 1], xy[2 * j + 2], xy[2 * j + 3]);
          if (d < best) best = d;
        }
  return best;
}
