// Polygons as deck.gl binary data (flattened and triangulated), written straight from the nested coordinates.
// The same arrays as loaders.gl's geojsonToBinary(features, { fixRingWinding: true, triangulate: true,
// PositionDataType: Float64Array, numericPropKeys: ['index'] }) with properties { index } — test/unit/map/binary.test.ts
// compares them — in a quarter of the time at national scale (that one first copies every ring into an
// intermediate flat GeoJSON, point by point, and reverses wrongly wound rings of the input in place; this one leaves
// the input alone). Pure: runs in the load worker.
import { earcut, getPolygonSignedArea } from '@math.gl/polygon';
import type { BinaryFeatureCollection } from '@loaders.gl/schema';
import { FlatArea } from '../geo/flat-area';
import type { AreaGeometry } from '../geo/types';

type Ids = Uint16Array | Uint32Array;
const ids = (n: number, big: boolean): Ids => (big ? new Uint32Array(n) : new Uint16Array(n));

/** Feature i is geometry i; its vertices carry numeric property `index` = i (how the map picks it). */
export function polygonsBinary(geometries: readonly AreaGeometry[]): BinaryFeatureCollection {
  let positionsCount = 0, polygonsCount = 0, ringsCount = 0;
  for (const g of geometries) {
    if (g instanceof FlatArea) {
      polygonsCount += g.partRanges().length;
      ringsCount += g.rings;
      positionsCount += g.store.ring[g.r0 + g.rings] - g.store.ring[g.r0];
      continue;
    }
    for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
      polygonsCount++;
      for (const ring of poly) {
        ringsCount++;
        positionsCount += ring.length;
      }
    }
  }
  const n = geometries.length;
  const bigIndex = positionsCount > 65535;
  const positions = new Float64Array(positionsCount * 2);
  const polygonIndices = ids(polygonsCount + 1, bigIndex);
  const primitivePolygonIndices = ids(ringsCount + 1, bigIndex);
  const globalFeatureIds = ids(positionsCount, n > 65535);
  const featureIds = ids(positionsCount, n > 65535);
  const IndexType = n > 2 ** 24 ? Float64Array : Float32Array;
  const index = new IndexType(positionsCount);
  const triangles: number[] = [];
  const properties: Record<string, never>[] = [];
  let vertex = 0, polygon = 0, ring = 0;
  let polyStart = 0;
  let holes: number[] = [], areas: number[] = [];
  const beginPolygon = (): void => {
    polyStart = vertex;
    polygonIndices[polygon++] = polyStart;
    holes = [];
    areas = [];
  };
  /** ring k of the polygon now holds vertices ringStart … vertex - 1: wind it, note it */
  const endRing = (k: number, ringStart: number): void => {
    primitivePolygonIndices[ring++] = ringStart;
    if (k > 0) holes.push(ringStart - polyStart);
    let area = getPolygonSignedArea(positions, { start: 2 * ringStart, end: 2 * vertex });
    // the outer ring counter-clockwise and holes clockwise in loaders.gl's sense (its "ccw" is area < 0)
    if ((k === 0 && !(area < 0)) || (k > 0 && area < 0)) {
      for (let a = ringStart, b = vertex - 1; a < b; a++, b--) {
        const x = positions[2 * a], y = positions[2 * a + 1];
        positions[2 * a] = positions[2 * b];
        positions[2 * a + 1] = positions[2 * b + 1];
        positions[2 * b] = x;
        positions[2 * b + 1] = y;
      }
      area = -area;
    }
    areas.push(area);
  };
  const endPolygon = (): void => {
    const local = earcut(positions.subarray(2 * polyStart, 2 * vertex), holes, 2, areas);
    for (let t = 0; t < local.length; t++) triangles.push(polyStart + local[t]);
  };
  for (let f = 0; f < n; f++) {
    const g = geometries[f];
    const start = vertex;
    if (g instanceof FlatArea) {
      // straight from the flat store: its nested coordinates are never built
      const { xy, ring: ends } = g.store;
      for (const [from, to] of g.partRanges()) {
        beginPolygon();
        for (let r = from; r < to; r++) {
          const a = ends[g.r0 + r], b = ends[g.r0 + r + 1];
          const ringStart = vertex;
          positions.set(xy.subarray(2 * a, 2 * b), 2 * vertex);
          vertex += b - a;
          endRing(r - from, ringStart);
        }
        endPolygon();
      }
    } else {
      for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
        beginPolygon();
        poly.forEach((r, k) => {
          const ringStart = vertex;
          for (const p of r) {
            positions[2 * vertex] = p[0];
            positions[2 * vertex + 1] = p[1];
            vertex++;
          }
          endRing(k, ringStart);
        });
        endPolygon();
      }
    }
    globalFeatureIds.fill(f, start, vertex);
    featureIds.fill(f, start, vertex);
    index.fill(f, start, vertex);
    properties.push({});
  }
  polygonIndices[polygonsCount] = positionsCount;
  primitivePolygonIndices[ringsCount] = positionsCount;
  const empty = { value: new Float64Array(0), size: 2 };
  return {
    shape: 'binary-feature-collection',
    points: {
      type: 'Point', positions: empty, globalFeatureIds: { value: ids(0, n > 65535), size: 1 }, featureIds: { value: new Uint16Array(0), size: 1 },
      numericProps: { index: { value: new IndexType(0), size: 1 } }, properties: [], fields: [],
    },
    lines: {
      type: 'LineString', pathIndices: { value: new Uint16Array(1), size: 1 }, positions: { value: new Float64Array(0), size: 2 },
      globalFeatureIds: { value: ids(0, n > 65535), size: 1 }, featureIds: { value: new Uint16Array(0), size: 1 },
      numericProps: { index: { value: new IndexType(0), size: 1 } }, properties: [], fields: [],
    },
    polygons: {
      type: 'Polygon',
      polygonIndices: { value: polygonIndices, size: 1 },
      primitivePolygonIndices: { value: primitivePolygonIndices, size: 1 },
      positions: { value: positions, size: 2 },
      globalFeatureIds: { value: globalFeatureIds, size: 1 },
      featureIds: { value: featureIds, size: 1 },
      numericProps: { index: { value: index, size: 1 } },
      properties,
      fields: [],
      triangles: { value: new Uint32Array(triangles), size: 1 },
    },
  } as unknown as BinaryFeatureCollection;
}
