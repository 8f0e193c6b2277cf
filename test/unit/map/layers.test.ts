import { describe, expect, it } from 'vitest';
import { geojsonToBinary } from '@loaders.gl/gis';
import { buildLayers, categoryColors, outlinedInView, WALLS_MIN_ZOOM, withFillColors } from '../../../src/lib/map/layers';
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

describe('outlines of a large layer', () => {
  const input = (outlined: number[] | null): Parameters<typeof buildLayers>[0] => {
    const compounds = [compound(0, 'upgrade'), compound(1, 'basic'), compound(2, null)];
    return {
      compounds, mask: new Uint8Array([1, 1, 1]), fill: categoryColors(compounds, new Uint8Array([1, 1, 1])), overlays: [], parcels: [],
      compoundsBinary: null, parcelsBinary: null, districts: [], selected: null, outlined,
      views: { compounds: { visible: true, opacity: 1 }, parcels: { visible: true, opacity: 1 }, districts: { visible: true, opacity: 1 } },
      fontFamily: 'sans-serif',
    };
  };
  // compound i covers x ∈ [2i, 2i + 1], y ∈ [0, 1]
  const boxes = [0, 0, 1, 1, 2, 0, 3, 1, 4, 0, 5, 1];
  const search = ([w, s, e, n]: [number, number, number, number]): number[] => {
    const hits: number[] = [];
    for (let i = 0; i < boxes.length / 4; i++) if (boxes[4 * i] <= e && boxes[4 * i + 2] >= w && boxes[4 * i + 1] <= n && boxes[4 * i + 3] >= s) hits.push(i);
    return hits.reverse();
  };

  it('outlines the compounds in view, in index order, and none when zoomed out or with no view', () => {
    expect(outlinedInView({ box: [1.5, 0.5, 4.2, 2], zoom: WALLS_MIN_ZOOM }, search)).toEqual([1, 2]);
    expect(outlinedInView({ box: [1.5, 0.5, 4.2, 2], zoom: WALLS_MIN_ZOOM - 0.01 }, search)).toEqual([]);
    expect(outlinedInView(null, search)).toEqual([]);
    expect(outlinedInView({ box: [10, 0, 11, 1], zoom: 18 }, search)).toEqual([]);
  });

  it('draws every outline with the fills for a small layer, and a separate outline layer of the chosen ones for a large one', () => {
    const small = buildLayers(input(null));
    expect(small.find((l) => l.id === 'compounds')?.props).toMatchObject({ stroked: true, filled: true });
    expect(small.some((l) => l.id === 'compound-outlines')).toBe(false);
    const large = buildLayers(input([0, 2]));
    expect(large.find((l) => l.id === 'compounds')?.props).toMatchObject({ stroked: false, filled: true });
    const outlines = large.find((l) => l.id === 'compound-outlines');
    expect((outlines?.props.data as { properties: { index: number } }[]).map((f) => f.properties.index)).toEqual([0, 2]);
    expect(outlines?.props).toMatchObject({ stroked: true, filled: false, pickable: false });
    // zoomed out: fills only, no outline layer
    expect(buildLayers(input([])).some((l) => l.id === 'compound-outlines')).toBe(false);
  });
});
