import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { analyzeClustersSync } from '../../../src/lib/geo/analyze';
import type { AreaGeometry } from '../../../src/lib/geo/types';
import { compound, gkToWgs84 } from './helpers';

const DIR = new URL('../../fixtures/geo/', import.meta.url);

interface Fixture {
  description: string;
  expected: { gap_m: number; pairs: [string, string, number, number][]; clusters: string[][] }[];
  features: { properties: { id: string; households: number }; geometry: AreaGeometry }[];
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.geojson'));

describe('hand-built fixtures (EPSG:4547 metres, expected values computed by hand)', () => {
  it('covers every acceptance case', () => {
    for (const name of ['t-junction', 'sliver', 'overlap', 'lane', 'corner', 'hole', 'multipolygon', 'slanted-wall']) {
      expect(files).toContain(`${name}.geojson`);
    }
  });

  for (const file of files) {
    const fx = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Fixture;
    const compounds = fx.features.map((f) => compound(f.properties.id, gkToWgs84(f.geometry), f.properties.households));
    for (const exp of fx.expected) {
      it(`${file.replace('.geojson', '')} at gap ${exp.gap_m} m: ${fx.description}`, () => {
        const r = analyzeClustersSync(compounds, { gapM: exp.gap_m });
        const got = Array.from(r.pairs.a, (a, i) => [compounds[a].id, compounds[r.pairs.b[i]].id, r.pairs.distance[i], r.pairs.wall[i]] as const);
        expect(got.map((p) => `${p[0]}-${p[1]}`)).toEqual(exp.pairs.map((p) => `${p[0]}-${p[1]}`));
        got.forEach((p, i) => {
          expect(p[2]).toBeCloseTo(exp.pairs[i][2], 6);
          expect(p[3]).toBeCloseTo(exp.pairs[i][3], 6);
        });
        const clusters = Array.from({ length: r.clusters.count }, (_, c) =>
          Array.from(r.clusters.memberIndex.subarray(r.clusters.memberStart[c], r.clusters.memberStart[c + 1]), (i) => compounds[i].id),
        );
        expect(clusters).toEqual(exp.clusters);
      });
    }
  }
});
