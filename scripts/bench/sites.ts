// Bench section: idle parcels within 1,000 m of compounds (the radius join and households served), then the lazy
// greedy choice of 50 parcels and of as few as cover 90 % of households, on the sample city's generator at
// 2k, 20k and 200k compounds (about one parcel per ten compounds), plus a degenerate case.
import { analyzeSites } from '../../src/lib/geo/sites';
import type { Compound, IdleParcel } from '../../src/lib/geo/types';
import type { BenchCase } from './harness';

interface City {
  compounds: Compound[];
  parcels: IdleParcel[];
}

async function sampleCity(n: number): Promise<City> {
  const { generateCity } = await import('../city/generate');
  const { compounds, parcels } = generateCity({ seed: 20200, compounds: n });
  return { compounds, parcels };
}

/** Degenerate: every parcel in one spot, so each reaches the same few thousand compounds. */
async function stackedParcels(n: number): Promise<City> {
  const { compounds, parcels } = await sampleCity(n);
  const one = parcels[0].geometry;
  return { compounds, parcels: parcels.map((p) => ({ ...p, geometry: one })) };
}

function runCase(label: string, make: () => Promise<City>, radiusM = 1000): BenchCase {
  return {
    label,
    prepare: make,
    run({ compounds, parcels }: City, measure) {
      const t0 = measure.now();
      const r = analyzeSites(compounds, parcels, { radiusM });
      const total = measure.now() - t0;
      const t1 = measure.now();
      const k = analyzeSites(compounds, parcels, { radiusM, k: 50, exactLimit: 0 });
      const kMs = measure.now() - t1 - (k.timings.pack + k.timings.reach + k.timings.existing);
      const t2 = measure.now();
      const share = analyzeSites(compounds, parcels, { radiusM, targetShare: 0.9, exactLimit: 0 });
      const shareMs = measure.now() - t2 - (share.timings.pack + share.timings.reach + share.timings.existing);
      const c = k.choice!;
      return {
        compounds: compounds.length,
        parcels: parcels.length,
        pairs: r.compound.length,
        'pack ms': r.timings.pack,
        'radius join ms': r.timings.reach,
        'lists ms': r.timings.choose,
        'total ms': total,
        'greedy k=50 ms': kMs,
        'k=50 covered %': (100 * c.covered) / r.totalHouseholds,
        'bound gap %': (100 * (c.upperBound - c.covered)) / Math.max(1, c.upperBound),
        'greedy 90 % ms': shareMs,
        'parcels for 90 %': share.choice!.chosen.length,
        // -1: no choice reaches 90 % (Infinity does not survive the trip to the parent process)
        'at least': Number.isFinite(share.choice!.minParcels) ? share.choice!.minParcels : -1,
      };
    },
  };
}

export const name = 'sites';
export const title = 'Idle parcels within 1,000 m: radius join, households served, site choice (analyzeSites)';
export const notes = [
  'total = pack (flatten all layers, project to Gauss-Krüger metres) + radius join (sparse grid of compound box centres; whole cells inside the radius taken at once, box bounds, vertex pairs, polygon-to-box bound, exact measurePair last) + lists (serving lists, unserved compounds); the city is generated before timing, GC included.',
  'greedy k=50 / 90 %: the lazy greedy alone (the join\'s own time taken out); bound gap: how far greedy could be from the optimum by the best online bound (Leskovec et al.) or 1 - 1/e; "at least": the lower bound on parcels any choice reaching 90 % needs (-1: no choice reaches it).',
];

export function cases(sizes: number[]): BenchCase[] {
  return [
    ...sizes.map((n) => runCase(`sample city ${n / 1000}k`, () => sampleCity(n))),
    runCase('degenerate: 2k parcels stacked in one spot, 20k compounds', () => stackedParcels(20000)),
  ];
}
