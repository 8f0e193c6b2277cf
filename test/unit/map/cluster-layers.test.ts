import { describe, expect, it } from 'vitest';
import { analyzeClustersSync } from '../../../src/lib/geo/analyze';
import { compoundBoxes } from '../../../src/lib/geo/boxes';
import type { Compound } from '../../../src/lib/geo/types';
import { CLUSTER_DETAIL_MIN_ZOOM, clusterColorIndex, clusterLayers } from '../../../src/lib/map/cluster-layers';

// Two pairs of compounds ~30 km apart near Xinxiang; each pair shares a wall, and a third compound stands 6 m
// east of the second of the western pair (a bridged gap at 10 m).
const M = 1 / 111_320;
const square = (id: number, x0: number, y0: number, w = 100): Compound => {
  const lon = 113.9 + x0 * M / Math.cos((35.3 * Math.PI) / 180);
  const lat = 35.3 + y0 * M;
  const dx = (w * M) / Math.cos((35.3 * Math.PI) / 180), dy = w * M;
  return {
    id, name: `c${id}`, district: '', street: '', year_built: null, buildings: null, households: 100, floor_area_m2: null,
    investment_wan: null, category: null, plan_year: null, status: '', extra: {},
    geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + dx, lat], [lon + dx, lat + dy], [lon, lat + dy], [lon, lat]]] },
  };
};
const compounds = [square(1, 0, 0), square(2, 100, 0), square(3, 206, 0), square(4, 30_000, 0), square(5, 30_100, 0)];
const result = analyzeClustersSync(compounds, { gapM: 10 });
const boxes = compoundBoxes(compounds);
const input = { result, compounds, boxes, colorIndex: clusterColorIndex(result, boxes), selected: null, fontFamily: 'sans-serif' };
const count = (layers: ReturnType<typeof clusterLayers>, id: string): number => (layers.find((l) => l.id === id)?.props.data as unknown[] | undefined)?.length ?? 0;
const west: [number, number, number, number] = [113.899, 35.299, 113.905, 35.302];

describe('cluster overlays of a large layer', () => {
  it('draws every hull, wall and gap without a view (a small layer)', () => {
    const all = clusterLayers(input);
    expect(count(all, 'cluster-hulls')).toBe(2);
    expect(count(all, 'cluster-gaps')).toBe(1);
    expect(count(all, 'cluster-walls')).toBeGreaterThanOrEqual(2);
  });

  it('draws only what meets the view, and nothing zoomed out or before the map has a view', () => {
    const near = clusterLayers({ ...input, view: { box: west, zoom: 15 } });
    expect(count(near, 'cluster-hulls')).toBe(1);
    expect(count(near, 'cluster-gaps')).toBe(1);
    const walls = near.find((l) => l.id === 'cluster-walls')?.props.data as { path: number[][] }[];
    // only the western pair's wall, on the line between compounds 1 and 2
    expect(walls.length).toBeGreaterThan(0);
    for (const w of walls) for (const p of w.path) expect(p[0]).toBeLessThan(113.905);
    expect(clusterLayers({ ...input, view: { box: west, zoom: CLUSTER_DETAIL_MIN_ZOOM - 0.5 } })).toEqual([]);
    expect(clusterLayers({ ...input, view: null })).toEqual([]);
    const east = clusterLayers({ ...input, view: { box: [114.2, 35.299, 114.3, 35.302], zoom: 15 } });
    expect(count(east, 'cluster-hulls')).toBe(1);
    expect(count(east, 'cluster-gaps')).toBe(0);
  });
});
