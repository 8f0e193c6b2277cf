// Polygons packed into flat typed arrays: projected vertices, ring offsets, feature offsets, boxes.
// All arrays are plain typed arrays, so a packed layer moves to a worker by transfer.
// Parts of a multipolygon are not kept apart: every test in the engine (segment distances, even-odd
// point-in-polygon over all rings) gives the same answer for a multipolygon as for its rings side by side.

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

/** Polygons flattened as they come (lon/lat), before projection: one walk over the nested arrays. */
export interface FlatRings {
  n: number;
  /** Vertex coordinates lon0, lat0, lon1, lat1, … in degrees; every ring closed. */
  lonlat: Float64Array;
  ringStart: Uint32Array;
  featureRing: Uint32Array;
  /** Longitude range of feature f at 2f, 2f + 1, degrees. */
  lonRange: Float64Array;
  /** Largest |latitude| of any vertex, degrees. */
  maxAbsLat: number;
}

/**
 * Flatten polygons into typed arrays, closing rings that are not closed.
 * @param geoms WGS84 polygons or multipolygons (or planar metres, for packPolygons' `planar`)
 */
export function flattenRings(geoms: readonly AreaGeometry[]): FlatRings {
  const n = geoms.length;
  let nRings = 0;
  let nVerts = 0;
  for (let f = 0; f < n; f++) {
    const g = geoms[f];
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') throw new Error(`Feature ${f} has geometry type ${(g as { type: string }).type}; expected Polygon or MultiPolygon.`);
    for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
      for (const ring of poly) {
        if (ring.length < 2) continue;
        nRings++;
        nVerts += ring.length + 1;
      }
    }
  }
  const lonlat = new Float64Array(nVerts * 2);
  const ringStart = new Uint32Array(nRings + 1);
  const featureRing = new Uint32Array(n + 1);
  const lonRange = new Float64Array(n * 2);
  const st = { r: 0, v: 0, lo: 0, hi: 0, lat: 0 };
  for (let f = 0; f < n; f++) {
    const g = geoms[f];
    featureRing[f] = st.r;
    st.lo = Infinity;
    st.hi = -Infinity;
    if (g.type === 'Polygon') {
      for (const ring of g.coordinates) if (ring.length >= 2) addRing(ring, f, lonlat, ringStart, st);
    } else {
      for (const poly of g.coordinates) for (const ring of poly) if (ring.length >= 2) addRing(ring, f, lonlat, ringStart, st);
    }
    if (featureRing[f] === st.r) throw new Error(`Feature ${f} has no polygon ring with 2 or more vertices.`);
    lonRange[2 * f] = st.lo;
    lonRange[2 * f + 1] = st.hi;
  }
  ringStart[st.r] = st.v;
  featureRing[n] = st.r;
  return { n, lonlat: lonlat.subarray(0, 2 * st.v), ringStart, featureRing, lonRange, maxAbsLat: st.lat };
}

function addRing(
  ring: number[][], f: number, out: Float64Array, ringStart: Uint32Array,
  st: { r: number; v: number; lo: number; hi: number; lat: number },
): void {
  let v = st.v;
  ringStart[st.r++] = v;
  const start = v;
  for (let k = 0; k < ring.length; k++) {
    const x = ring[k][0], y = ring[k][1];
    if (!(x === x && y === y) || x === Infinity || x === -Infinity || y === Infinity || y === -Infinity) {
      throw new Error(`Feature ${f} has a vertex that is not a finite number: [${x}, ${y}].`);
    }
    out[2 * v] = x;
    out[2 * v + 1] = y;
    if (x < st.lo) st.lo = x;
    if (x > st.hi) st.hi = x;
    const ay = y < 0 ? -y : y;
    if (ay > st.lat) st.lat = ay;
    v++;
  }
  // close the ring when the source did not
  if (out[2 * v - 2] !== out[2 * start] || out[2 * v - 1] !== out[2 * start + 1]) {
    out[2 * v] = out[2 * start];
    out[2 * v + 1] = out[2 * start + 1];
    v++;
  }
  st.v = v;
}

/**
 * Project flattened rings to transverse Mercator metres on `lon0` (all features, or a subset).
 * Without a subset the ring and feature offsets are shared with `flat`, not copied.
 * @param options.lon0 central meridian, degrees
 * @param options.subset indices of the features to keep, in order
 * @param options.planar the coordinates already are metres: copy them, do not project (tests, GK data)
 */
export function projectRings(
  flat: FlatRings,
  { lon0, subset, planar = false }: { lon0: number; subset?: Int32Array; planar?: boolean },
): PackedPolygons {
  let { ringStart, featureRing } = flat;
  let n = flat.n;
  let source: Int32Array;
  const src = flat.lonlat;
  let xy: Float64Array;
  if (!subset) {
    source = new Int32Array(n);
    for (let f = 0; f < n; f++) source[f] = f;
    xy = new Float64Array(src.length);
    if (planar) xy.set(src);
    else {
      if (flat.maxAbsLat > 90) throw new Error(`Latitude ${flat.maxAbsLat} is out of range; expected WGS84 lon/lat.`);
      for (let v = 0; v < src.length; v += 2) tmForward(src[v], src[v + 1], lon0, xy, v);
    }
  } else {
    source = subset;
    n = subset.length;
    let nRings = 0, nVerts = 0;
    for (const f of subset) {
      nRings += flat.featureRing[f + 1] - flat.featureRing[f];
      nVerts += flat.ringStart[flat.featureRing[f + 1]] - flat.ringStart[flat.featureRing[f]];
    }
    ringStart = new Uint32Array(nRings + 1);
    featureRing = new Uint32Array(n + 1);
    xy = new Float64Array(nVerts * 2);
    let r = 0, v = 0;
    for (let i = 0; i < n; i++) {
      const f = subset[i];
      featureRing[i] = r;
      const shift = v - flat.ringStart[flat.featureRing[f]];
      for (let q = flat.featureRing[f]; q < flat.featureRing[f + 1]; q++) ringStart[r++] = flat.ringStart[q] + shift;
      const v0 = flat.ringStart[flat.featureRing[f]], v1 = flat.ringStart[flat.featureRing[f + 1]];
      for (let k = v0; k < v1; k++, v++) {
        if (planar) {
          xy[2 * v] = src[2 * k];
          xy[2 * v + 1] = src[2 * k + 1];
        } else tmForward(src[2 * k], src[2 * k + 1], lon0, xy, 2 * v);
      }
    }
    ringStart[r] = v;
    featureRing[n] = r;
  }
  const bbox = new Float64Array(n * 4);
  for (let f = 0; f < n; f++) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    const end = ringStart[featureRing[f + 1]];
    for (let k = ringStart[featureRing[f]]; k < end; k++) {
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
  return { n, lon0, xy, ringStart, featureRing, bbox, source };
}

/**
 * Pack polygons into flat arrays, projected to transverse Mercator metres on `lon0`.
 * @param geoms WGS84 polygons or multipolygons
 * @param options.lon0 central meridian, degrees
 * @param options.subset indices of `geoms` to pack (default all, in order)
 * @param options.planar the coordinates already are metres: copy them, do not project (tests, GK data)
 */
export function packPolygons(
  geoms: readonly AreaGeometry[],
  options: { lon0: number; subset?: Int32Array; planar?: boolean },
): PackedPolygons {
  return projectRings(flattenRings(geoms), options);
}

/** First and one-past-last vertex index of feature f (segments are consecutive pairs inside each ring). */
export function featureVertexRange(p: PackedPolygons, f: number): [number, number] {
  return [p.ringStart[p.featureRing[f]], p.ringStart[p.featureRing[f + 1]]];
}

/** Number of boundary segments of feature f. */
export function segmentCount(p: PackedPolygons, f: number): number {
  return p.ringStart[p.featureRing[f + 1]] - p.ringStart[p.featureRing[f]] - (p.featureRing[f + 1] - p.featureRing[f]);
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
