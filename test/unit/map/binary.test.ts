import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { geojsonToBinary } from '@loaders.gl/gis';
import { FlatArea, flatAreasFrom, flatAreasOf } from '../../../src/lib/geo/flat-area';
import type { AreaGeometry } from '../../../src/lib/geo/types';
import { polygonsBinary } from '../../../src/lib/map/binary';

/** loaders.gl's conversion, as the load worker made it before (on a copy: it reverses rings of its input in place). */
function reference(geometries: readonly AreaGeometry[]): unknown {
  const features = structuredClone(geometries).map((geometry, index) => ({ type: 'Feature', geometry, properties: { index } }));
  return geojsonToBinary(features as Parameters<typeof geojsonToBinary>[0], { fixRingWinding: true, triangulate: true, PositionDataType: Float64Array, numericPropKeys: ['index'] });
}

/** Structural equality where typed arrays must have the same type and the same bytes (fast on large arrays). */
function same(a: unknown, b: unknown, path = 'binary'): void {
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    expect(Object.prototype.toString.call(a), path).toBe(Object.prototype.toString.call(b));
    const x = a as Uint8Array, y = b as Uint8Array;
    expect(Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength)), path).toBe(true);
  } else if (a && typeof a === 'object' && b && typeof b === 'object') {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
    for (const k of Object.keys(a)) same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
  } else expect(a, path).toEqual(b);
}

const coord = fc.integer({ min: -2000, max: 2000 }).map((v) => 113.9 + v / 10000);
/** a closed ring of 3–8 random points in either direction (self-crossing allowed: earcut must agree on those too) */
const ring = fc.array(fc.tuple(coord, coord), { minLength: 3, maxLength: 8 }).map((pts) => [...pts.map(([x, y]) => [x, y]), [pts[0][0], pts[0][1]]]);
const polygon = fc.array(ring, { minLength: 1, maxLength: 3 });
const geometry: fc.Arbitrary<AreaGeometry> = fc.oneof(
  polygon.map((coordinates) => ({ type: 'Polygon', coordinates }) as AreaGeometry),
  fc.array(polygon, { minLength: 1, maxLength: 3 }).map((coordinates) => ({ type: 'MultiPolygon', coordinates }) as AreaGeometry),
);

describe('polygons as deck.gl binary data', () => {
  it('equals loaders.gl geojsonToBinary on random polygons and multipolygons with holes, either winding', () => {
    fc.assert(
      fc.property(fc.array(geometry, { minLength: 1, maxLength: 12 }), (geometries) => {
        const before = structuredClone(geometries);
        same(polygonsBinary(geometries), reference(geometries));
        // the input is left as it was
        expect(geometries).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('reads FlatAreas (FlatGeobuf loads) from their store: the same arrays, the store left as it was', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(geometry, fc.boolean()), { minLength: 1, maxLength: 12 }), (items) => {
        const geometries = items.map(([g]) => g);
        const flat = flatAreasFrom(flatAreasOf(geometries));
        // some flat, some nested, as after a load that repaired a few
        const mixed = items.map(([g, asFlat], i) => (asFlat ? (flat[i] as unknown as AreaGeometry) : g));
        const store = (flat[0] as FlatArea).store.xy.slice();
        same(polygonsBinary(mixed), reference(geometries));
        expect((flat[0] as FlatArea).store.xy).toEqual(store);
      }),
      { numRuns: 300 },
    );
  });

  it('uses 32-bit indices past 65,535 vertices or features, as loaders.gl does', () => {
    const square = (i: number): AreaGeometry => ({ type: 'Polygon', coordinates: [[[i, 0], [i, 1], [i + 1, 1], [i + 1, 0], [i, 0]]] });
    const many = Array.from({ length: 70_000 }, (_, i) => square(i * 2));
    const out = polygonsBinary(many);
    same(out, reference(many));
    expect(out.polygons!.globalFeatureIds.value).toBeInstanceOf(Uint32Array);
    expect(out.polygons!.polygonIndices.value).toBeInstanceOf(Uint32Array);
    expect(out.polygons!.triangles!.value.length).toBe(70_000 * 6);
  });
});
