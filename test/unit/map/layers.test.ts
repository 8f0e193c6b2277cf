import { describe, expect, it } from 'vitest';
import { geojsonToBinary } from '@loaders.gl/gis';
import { categoryColors, withFillColors } from '../../../src/lib/map/layers';
import { CATEGORY_COLORS } from '../../../src/lib/map/colors';
import type { Compound } from '../../../src/lib/geo/types';

const box = (x: number, holes = false): Compound['geometry'] => ({
  type: 'Polygon',
  coordinates: [
    [[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]],
    ...(holes ? [[[x + 0.2, 0.2], [x + 0.4, 0.2], [x + 0.4, 0.4], [x + 0.2, 0.2]]] : []),
  ],
});
const compound = (i: number, category: Compound['category'], holes = false): Compound => ({
  id: i, name: `c${i}`, district: '', street: '', year_built: null, buildings: null, households: null, floor_area_m2: null,
  investment_wan: null, category, plan_year: null, status: '', extra: {}, geometry: box(i * 2, holes),
});

describe('per-vertex fill colours for binary compounds', () => {
  const compounds = [compound(0, 'upgrade'), compound(1, null, true), compound(2, 'basic')];
  const binary = geojsonToBinary(
    compounds.map((c, index) => ({ type: 'Feature', geometry: c.geometry, properties: { index } })) as Parameters<typeof geojsonToBinary>[0],
    { fixRingWinding: true, triangulate: true, PositionDataType: Float64Array, numericPropKeys: ['index'] },
  );

  it('colours every vertex by its compound category, faint outside the filter', () => {
    const mask = new Uint8Array([1, 1, 0]);
    const out = withFillColors(binary, categoryColors(compounds, mask));
    const colors = (out.polygons as unknown as { attributes: { getFillColor: { value: Uint8Array } } }).attributes.getFillColor.value;
    const ids = binary.polygons!.globalFeatureIds.value;
    expect(colors.length).toBe(ids.length * 4);
    const expected = [CATEGORY_COLORS.upgrade, CATEGORY_COLORS.none, CATEGORY_COLORS.basic];
    for (let v = 0; v < ids.length; v++) {
      const i = ids[v];
      // vertices of compound i lie in x ∈ [2i, 2i + 1]
      expect(Math.floor(binary.polygons!.positions.value[2 * v] / 2)).toBe(i);
      expect([...colors.slice(4 * v, 4 * v + 3)]).toEqual(expected[i].slice(0, 3));
      expect(colors[4 * v + 3]).toBe(mask[i] ? 170 : 28);
    }
  });

  it('reuses the colours for the same mask and does not touch its input', () => {
    const colors = categoryColors(compounds, new Uint8Array([1, 0, 1]));
    const a = withFillColors(binary, colors);
    expect(withFillColors(binary, colors)).toBe(a);
    expect(withFillColors(binary, categoryColors(compounds, new Uint8Array([1, 0, 1])))).not.toBe(a);
    expect((binary.polygons as unknown as { attributes?: unknown }).attributes).toBeUndefined();
  });
});
