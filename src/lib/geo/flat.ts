// Polygons packed into flat typed arrays: projected vertices, ring offsets, feature offsets, boxes.
// All arrays are plain typed arrays, so a packed layer moves to a worker by transfer.
// Parts of a multipolygon are not kept apart: every test in the engine (segment distances, even-odd
// point-in-polygon over all rings) gives the same answer for a multipolygon as for its rings side by side.

import { FlatArea } from './flat-area';
import type { AreaGeometry } from './types';
import { tmForward } from './project';

export interface PackedPolygons {
  /** Number of features. */
  n: number;
  /** Central meridian of the transverse Mercator the vertices are in, degrees. */
  lon0: number;
  /** Vertex coordinates x0, y0, x1, y1, … in metres; every ring is closed (last vertex = first). */
  xy: Float64Array;
  /** Ring r spans vertices ringStart[r] … ringStart[r + 1] - 1 (length rings + 1). */
  ringStart: Uint32Array;
  /** Feature f spans rings featureRing[f] … featureRing[f + 1] - 1 (length n + 1). */
  featureRing: Uint32Array;
  /** Bounding box of feature f at 4f … 4f + 3: minX, minY, maxX, maxY in metres. */
  bbox: Float64Array;
  /** Index of each packed feature in the caller's array (features can be a subset). */
  source: Int32Array;
}

/** Longitude range of every feature and the largest |latitude|, degrees: what choosing regions needs. */
export interface LonExtent {
  /** Feature f spans longitudes lonRange[2f] … lonRange[2f + 1]. */
  lonRange: Float64Array;
  maxAbsLat: number;
}

/** One read-only walk over the coordinates: each feature's longitude range. */
export function lonExtent(geoms: readonly AreaGeometry[]): LonExtent {
  const n = geoms.length;
  const lonRange = new Float64Array(2 * n);
  let maxAbsLat = 0;
  for (let f = 0; f < n; f++) {
    const g = geoms[f];
    let lo = Infinity, hi = -Infinity;
    if (g instanceof FlatArea) {
      // all of its vertices are one run of the store
      const { xy, ring } = g.store;
      for (let k = ring[g.r0], end = ring[g.r0 + g.rings]; k < end; k++) {
        const x = xy[2 * k], y = xy[2 * k + 1];
        if (x < lo) lo = x;
        if (x > hi) hi = x;
        if (y > maxAbsLat) maxAbsLat = y;
        else if (-y > maxAbsLat) maxAbsLat = -y;
      }
      lonRange[2 * f] = lo;
      lonRange[2 * f + 1] = hi;
      continue;
    }
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (let pi = 0; pi < polys.length; pi++) {
      const poly = polys[pi];
      for (let ri = 0; ri < poly.length; ri++) {
        const ring = poly[ri];
        for (let k = 0; k < ring.length; k++) {
          const x = ring[k][0], y = ring[k][1];
          if (x < lo) lo = x;
          if (x > hi) hi = x;
          if (y > maxAbsLat) maxAbsLat = y;
          else if (-y > maxAbsLat) maxAbsLat = -y;
        }
      }
    }
    lonRange[2 * f] = lo;
    lonRange[2 * f + 1] = hi;
  }
  return { lonRange, maxAbsLat };
}

/**
 * Pack polygons into flat arrays, projected to transverse Mercator metres on `lon0`: one pass over the rings
 * to size the arrays, one over the coordinates to project them, with rings closed where the source did not.
 * @param geoms WGS84 polygons or multipolygons
 * @param options.lon0 central meridian, degrees
 * @param options.subset indices of `geoms` to pack (default all, in order)
 * @param options.planar the coordinates already are metres: copy them, do not project (tests, GK data)
 */
export function packPolygons(
  geoms: readonly AreaGeometry[],
  { lon0, subset, planar = false }: { lon0: number; subset?: Int32Array; planar?: boolean },
): PackedPolygons {
  const n = subset ? subset.length : geoms.length;
  let source: Int32Array;
  if (subset) source = subset;
  else {
    source = new Int32Array(n);
    for (let f = 0; f < n; f++) source[f] = f;
  }
  let nRings = 0;
  let nVerts = 0;
  for (let f = 0; f < n; f++) {
    const g = geoms[source[f]];
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
      throw new Error(`Feature ${source[f]} has geometry type ${(g as { type: string }).type}; expected Polygon or MultiPolygon.`);
    }
    if (g instanceof FlatArea) {
      const ring = g.store.ring;
      for (let k = g.r0; k < g.r0 + g.rings; k++) {
        if (ring[k + 1] - ring[k] < 2) continue;
        nRings++;
        nVerts += ring[k + 1] - ring[k] + 1;
      }
      continue;
    }
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (let pi = 0; pi < polys.length; pi++) {
      const poly = polys[pi];
      for (let ri = 0; ri < poly.length; ri++) {
        if (poly[ri].length < 2) continue;
        nRings++;
        nVerts += poly[ri].length + 1;
      }
    }
  }
  const xy = new Float64Array(nVerts * 2);
  const ringStart = new Uint32Array(nRings + 1);
  const featureRing = new Uint32Array(n + 1);
  const bbox = new Float64Array(n * 4);
  let r = 0;
  let v = 0;
  for (let f = 0; f < n; f++) {
    const g = geoms[source[f]];
    featureRing[f] = r;
    const first = v;
    if (g instanceof FlatArea) {
      const { xy: src, ring } = g.store;
      for (let k = g.r0; k < g.r0 + g.rings; k++) {
        if (ring[k + 1] - ring[k] < 2) continue;
        ringStart[r++] = v;
        const start = v;
        for (let q = ring[k]; q < ring[k + 1]; q++) vertexInto(xy, v++, src[2 * q], src[2 * q + 1], lon0, planar, source[f]);
        v = closeRing(xy, start, v);
      }
    } else {
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      for (let pi = 0; pi < polys.length; pi++) {
        const poly = polys[pi];
        for (let ri = 0; ri < poly.length; ri++) {
          const ring = poly[ri];
          if (ring.length < 2) continue;
          ringStart[r++] = v;
          const start = v;
          for (let k = 0; k < ring.length; k++) vertexInto(xy, v++, ring[k][0], ring[k][1], lon0, planar, source[f]);
          v = closeRing(xy, start, v);
        }
      }
    }
    if (featureRing[f] === r) throw new Error(`Feature ${source[f]} has no polygon ring with 2 or more vertices.`);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let k = first; k < v; k++) {
      const x = xy[2 * k], y = xy[2 * k + 1];
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
    bbox[4 * f] = minX;
    bbox[4 * f + 1] = minY;
    bbox[4 * f + 2] = maxX;
    bbox[4 * f + 3] = maxY;
  }
  ringStart[r] = v;
  featureRing[n] = r;
  return { n, lon0, xy: xy.subarray(0, 2 * v), ringStart, featureRing, bbox, source };
}

/** Vertex v of the packed array from lon/lat (projected) or planar metres (copied); refuses what it cannot use. */
function vertexInto(xy: Float64Array, v: number, lon: number, lat: number, lon0: number, planar: boolean, feature: number): void {
  if (planar) {
    xy[2 * v] = lon;
    xy[2 * v + 1] = lat;
  } else if (lat >= -90 && lat <= 90 && lon - lon0 < 360 && lon0 - lon < 360) tmForward(lon, lat, lon0, xy, 2 * v);
  else throw new Error(`Feature ${feature} has an invalid vertex [${lon}, ${lat}]; expected WGS84 lon/lat.`);
  const x = xy[2 * v], y = xy[2 * v + 1];
  if (!(x === x && y === y)) throw new Error(`Feature ${feature} has a vertex that is not a finite number: [${lon}, ${lat}].`);
}

/** Close the ring that started at vertex `start` when the source did not; returns the next free vertex. */
function closeRing(xy: Float64Array, start: number, v: number): number {
  if (xy[2 * v - 2] === xy[2 * start] && xy[2 * v - 1] === xy[2 * start + 1]) return v;
  xy[2 * v] = xy[2 * start];
  xy[2 * v + 1] = xy[2 * start + 1];
  return v + 1;
}

/**
 * Whether point (x, y) is inside feature f by the even-odd rule over all its rings (so holes are outside).
 * Points exactly on the boundary may go either way; callers only ask about points off the boundary.
 */
export function pointInFeature(p: PackedPolygons, f: number, x: number, y: number): boolean {
  const { xy, ringStart, bbox } = p;
  if (x < bbox[4 * f] || x > bbox[4 * f + 2] || y < bbox[4 * f + 1] || y > bbox[4 * f + 3]) return false;
  let inside = false;
  for (let r = p.featureRing[f]; r < p.featureRing[f + 1]; r++) {
    const end = ringStart[r + 1];
    for (let k = ringStart[r]; k < end - 1; k++) {
      const x1 = xy[2 * k], y1 = xy[2 * k + 1];
      const x2 = xy[2 * k + 2], y2 = xy[2 * k + 3];
      if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
    }
  }
  return inside;
}
