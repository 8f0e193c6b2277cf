import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { analyzeClustersSync } from '../../../src/lib/geo/analyze';
import { packPolygons } from '../../../src/lib/geo/flat';
import { measurePairs, SegmentFinder } from '../../../src/lib/geo/adjacency';
import { candidatePairs } from '../../../src/lib/geo/candidates';
import type { AreaGeometry } from '../../../src/lib/geo/types';
import { compound } from './helpers';

const DIR = '/work/shared/data/real/wuhan-communities-gistools/';
type FC = { features: { properties: { FID_1: number }; geometry: AreaGeometry }[] };

describe.runIf(existsSync(DIR))('the real Wuhan community mosaic (974 polygons, EPSG:4547 and a WGS84 copy)', () => {
  const ll = JSON.parse(readFileSync(DIR + 'wuhan_whhp_wgs84.geojson', 'utf8')) as FC;
  const gk = JSON.parse(readFileSync(DIR + 'wuhan_whhp_epsg4547.geojson', 'utf8')) as FC;
  const compounds = ll.features.map((f) => compound(f.properties.FID_1, f.geometry));
  const r = analyzeClustersSync(compounds, { gapM: 1 });

  it('finds a neighbour within 1 m for 972 of the 974 polygons, as the mosaic is gap-free', () => {
    const touched = new Set([...r.pairs.a, ...r.pairs.b]);
    expect(touched.size).toBe(972);
  });

  it('measures the same pairs, distances and walls from WGS84 as in the data’s own Gauss-Krüger zone', () => {
    // the WGS84 copy is rounded to 1e-7 degrees (about 1 cm), which bounds the agreement
    const p = packPolygons(gk.features.map((f) => f.geometry), { lon0: 114, planar: true });
    const ref = measurePairs(new SegmentFinder(p), candidatePairs(p, 1), 1);
    const refMap = new Map(Array.from(ref.a, (a, i) => [`${a}-${ref.b[i]}`, i]));
    const ours = new Map(Array.from(r.pairs.a, (a, i) => [`${a}-${r.pairs.b[i]}`, i]));
    for (const [key, i] of ours) {
      const j = refMap.get(key);
      if (j === undefined) {
        expect(r.pairs.distance[i]).toBeGreaterThan(0.97);
        continue;
      }
      expect(Math.abs(r.pairs.distance[i] - ref.distance[j])).toBeLessThan(0.03);
      expect(Math.abs(r.pairs.wall[i] - ref.wall[j])).toBeLessThan(0.05 + 1e-4 * ref.wall[j]);
    }
    for (const [key, j] of refMap) if (!ours.has(key)) expect(ref.distance[j]).toBeGreaterThan(0.97);
    expect(r.meridians).toEqual([114]);
  });
});
