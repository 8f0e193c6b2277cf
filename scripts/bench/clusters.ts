// Bench section: neighbours within 10 m + walls + clusters (+ renovation units) on the sample city's
// generator at 2k, 20k and 200k compounds, plus two degenerate synthetic cities.
import { existsSync, readFileSync } from 'node:fs';
import { ClusterCache, analyzeClustersSync } from '../../src/lib/geo/analyze';
import type { Compound } from '../../src/lib/geo/types';
import { syntheticCity } from './synthetic';
import type { BenchCase } from './harness';

async function sampleCity(n: number): Promise<Compound[]> {
  const { generateCity } = await import('../city/generate');
  return generateCity({ seed: 20200, compounds: n }).compounds;
}

function vertices(cs: readonly Compound[]): number {
  let v = 0;
  for (const c of cs) {
    const polys = c.geometry.type === 'Polygon' ? [c.geometry.coordinates] : c.geometry.coordinates;
    for (const p of polys) for (const r of p) v += r.length;
  }
  return v;
}

function runCase(label: string, make: () => Promise<Compound[]>): BenchCase {
  return {
    label,
    async prepare() {
      return make();
    },
    run(compounds: Compound[], measure) {
      const cache = new ClusterCache();
      const t0 = measure.now();
      const r = analyzeClustersSync(compounds, { gapM: 10, units: false }, cache);
      const total = measure.now() - t0;
      const t1 = measure.now();
      analyzeClustersSync(compounds, { gapM: 10 }, cache);
      const unitsMs = measure.now() - t1;
      const t2 = measure.now();
      analyzeClustersSync(compounds, { gapM: 1, units: false }, cache);
      const regapMs = measure.now() - t2;
      return {
        compounds: compounds.length,
        vertices: vertices(compounds),
        regions: r.meridians.length,
        'pack ms': r.timings.pack,
        'index ms': r.timings.index,
        'candidates ms': r.timings.candidates,
        'distances + walls ms': r.timings.measure,
        'clusters ms': r.timings.clusters,
        'total ms': total,
        'units ms': unitsMs,
        'gap 1 m again ms': regapMs,
        pairs: r.pairs.a.length,
        clusters: r.clusters.count,
      };
    },
  };
}

const WUHAN = '/work/shared/data/real/wuhan-communities-gistools/wuhan_whhp_wgs84.geojson';

/** The real Wuhan community mosaic (974 polygons, 161k vertices), read in place when present. */
async function wuhan(): Promise<Compound[]> {
  type F = { properties: Record<string, number | null>; geometry: Compound['geometry'] };
  const fc = JSON.parse(readFileSync(WUHAN, 'utf8')) as { features: F[] };
  return fc.features.map((f, i) => ({
    id: f.properties.FID_1 ?? i, name: '', district: '', street: '', year_built: null, buildings: null,
    households: f.properties.Avg_Pop ?? null, floor_area_m2: null, investment_wan: null, category: null, plan_year: null,
    status: '', extra: {}, geometry: f.geometry,
  }));
}

export const name = 'clusters';
export const title = 'Neighbours within 10 m, walls, clusters (analyzeClusters)';
export const notes = [
  'total = pack (flatten, project to Gauss-Krüger metres) + index (box grid) + candidates (box pairs within the gap) + distances + walls (exact, one pass per candidate) + clusters (radix-sorted pair order, union-find, totals); the city is generated before timing, GC included.',
  'units: renovation units 1500-4000 households from the cached pairs; "gap 1 m again": the same compounds at another gap, served from the cache.',
];

export function cases(sizes: number[]): BenchCase[] {
  return [
    ...sizes.map((n) => runCase(`sample city ${n / 1000}k`, () => sampleCity(n))),
    runCase('degenerate: one row of 20k', async () => syntheticCity({ seed: 7, compounds: 20000, row: true })),
    runCase('degenerate: 20k × ~84 vertices', async () => syntheticCity({ seed: 8, compounds: 20000, edgeVertices: 20 })),
    ...(existsSync(WUHAN) ? [runCase('real: Wuhan communities (shared/data)', wuhan)] : []),
  ];
}
