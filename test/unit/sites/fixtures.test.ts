import { describe, it, expect } from 'vitest';
import { analyzeSites, analyzeSitesAsync, transferables, type SiteOptions } from '../../../src/lib/geo/sites';
import { DEFAULT_FACILITIES, LIFE_CIRCLE_RADIUS_M, checkFacility, facilityType } from '../../../src/lib/geo/facilities';
import { planarScene, wgs84Point, wgs84Scene } from './scene';

const ids = (r: ReturnType<typeof analyzeSites>, p: number, names: string[]): string[] =>
  Array.from(r.compound.subarray(r.offsets[p], r.offsets[p + 1]), (i) => names[i]).sort();

function run(options: Partial<SiteOptions> = {}): { r: ReturnType<typeof analyzeSites>; names: string[] } {
  const { compounds, parcels } = planarScene();
  const r = analyzeSites(compounds, parcels, { radiusM: 100, planar: true, distances: true, ...options });
  return { r, names: compounds.map((c) => String(c.id)) };
}

function distanceOf(r: ReturnType<typeof analyzeSites>, names: string[], p: number, id: string): number {
  for (let q = r.offsets[p]; q < r.offsets[p + 1]; q++) if (names[r.compound[q]] === id) return r.distance![q];
  return NaN;
}

describe('which compounds a parcel can serve', () => {
  it('serves a compound it touches, at distance 0', () => {
    const { r, names } = run();
    expect(ids(r, 0, names)).toContain('A');
    expect(distanceOf(r, names, 0, 'A')).toBe(0);
  });

  it('serves a compound exactly at the radius, and not when the radius is a millimetre shorter', () => {
    const { r, names } = run();
    expect(ids(r, 0, names)).toEqual(['A', 'B', 'F']);
    expect(distanceOf(r, names, 0, 'B')).toBeCloseTo(100, 9);
    expect(ids(run({ radiusM: 99.999 }).r, 0, names)).toEqual(['A', 'F']);
  });

  it('does not serve a compound whose box is within the radius but whose polygon faces away', () => {
    const { r, names } = run();
    expect(ids(r, 1, names)).toEqual([]);
    expect(ids(run({ radiusM: 155.5 }).r, 1, names)).toEqual([]);
    expect(ids(run({ radiusM: 155.6 }).r, 1, names)).toEqual(['D']);
  });

  it('serves a compound reached only by its far corner, at the corner distance', () => {
    const { r, names } = run();
    expect(ids(r, 2, names)).toEqual(['E']);
    expect(distanceOf(r, names, 2, 'E')).toBeCloseTo(90, 9);
  });

  it('measures from inside a hole to the hole edge: holes are not part of the compound', () => {
    const { r, names } = run();
    expect(ids(r, 3, names)).toEqual(['H']);
    expect(distanceOf(r, names, 3, 'H')).toBeCloseTo(80, 9);
    expect(ids(run({ radiusM: 79 }).r, 3, names)).toEqual([]);
  });

  it('serves a multipolygon compound through its nearest part', () => {
    const { r, names } = run();
    expect(ids(r, 4, names)).toEqual(['M']);
    expect(distanceOf(r, names, 4, 'M')).toBeCloseTo(50, 9);
  });

  it('sums the households of every compound a parcel can serve', () => {
    const { r } = run();
    expect(Array.from(r.households)).toEqual([550, 0, 500, 600, 700]);
  });

  it('gives the same lists on WGS84 input projected to the Gauss-Krüger zone, exact radius included', () => {
    const { compounds, parcels } = wgs84Scene();
    const r = analyzeSites(compounds, parcels, { radiusM: 100 });
    const names = compounds.map((c) => String(c.id));
    expect(r.meridian).toBe(114);
    expect([0, 1, 2, 3, 4].map((p) => ids(r, p, names))).toEqual([['A', 'B', 'F'], [], ['E'], ['H'], ['M']]);
  });
});

describe('coverage, existing facilities and capacity', () => {
  it('counts compounds near an existing facility (a point) as covered, and chooses among the rest', () => {
    const { compounds, parcels } = wgs84Scene();
    const existing = [{ type: 'Point' as const, coordinates: wgs84Point(-50, 50) }];
    const r = analyzeSites(compounds, parcels, { radiusM: 100, existing, k: 1 });
    expect(r.existingHouseholds).toBe(200);
    expect(r.existing[0]).toBe(1);
    expect(Array.from(r.unserved, (i) => compounds[i].id)).toEqual(['F', 'B', 'D', 'E', 'H', 'M']);
    expect(r.choice!.method).toBe('exact');
    expect(Array.from(r.choice!.chosen)).toEqual([4]);
    expect(r.choice!.covered).toBe(900);
  });

  it('with capacity, a parcel serves whole compounds nearest first and skips those that would overflow it', () => {
    const served = (capacity: number): number[] => {
      const { r } = run({ capacity });
      return Array.from(r.serves.items.subarray(r.serves.offsets[0], r.serves.offsets[1]));
    };
    expect(served(1000)).toEqual([0, 1, 2]);
    expect(served(260)).toEqual([0, 1]);
    expect(served(150)).toEqual([1]);
  });

  it('picks the k parcels covering the most households, in order of choice with their added households', () => {
    const { r } = run({ k: 3 });
    expect(Array.from(r.choice!.chosen)).toEqual([4, 3, 0]);
    expect(Array.from(r.choice!.added)).toEqual([700, 600, 550]);
    expect(r.choice!.covered).toBe(1850);
    expect(r.choice!.upperBound).toBe(1850);
    expect(r.totalHouseholds).toBe(2750);
  });

  it('never chooses a parcel below the minimum area, and says in plain words why a target cannot be met', () => {
    const { r } = run({ minAreaM2: 500, targetShare: 1 });
    expect(r.eligible[2]).toBe(0);
    expect(Array.from(r.choice!.chosen)).not.toContain(2);
    expect(r.maxCoverable).toBe(1850);
    expect(r.shortfall[0].en).toBe('900 households in 2 compounds have no parcel of at least 500 m² within 100 m (1 of these compounds, 500 households, have only smaller parcels nearby).');
    expect(r.shortfall[0].zh).toBe('2 个小区共 900 户，100 米内没有面积不小于 500 m² 的闲置地块（其中 1 个小区、500 户附近只有更小的地块）。');
    expect(r.shortfall[1].en).toContain('at most 1,850 of 2,750 households (67.3 %)');
  });

  it('chooses as few parcels as reach a target share', () => {
    const { r } = run({ targetShare: 0.45 });
    expect(r.choice!.chosen.length).toBe(2);
    expect(r.choice!.covered).toBeGreaterThanOrEqual(0.45 * 2750);
    expect(r.choice!.minParcels).toBe(2);
    expect(r.shortfall).toEqual([]);
  });

  it('says when k parcels are too few for the target', () => {
    const { r } = run({ k: 1, targetShare: 0.5 });
    expect(r.shortfall[0].en).toBe('1 parcel covers at most 700 households (25.5 %), short of the 50.0 % target; it needs at least 3 parcels.');
  });
});

describe('the entry point', () => {
  it('does not mutate its input', () => {
    const { compounds, parcels } = planarScene();
    const before = JSON.stringify([compounds, parcels]);
    analyzeSites(compounds, parcels, { radiusM: 100, planar: true, k: 2, capacity: 300 });
    expect(JSON.stringify([compounds, parcels])).toBe(before);
  });

  it('hands every result buffer over for transfer exactly once', () => {
    const { r } = run({ k: 2 });
    const buffers = transferables(r);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).toContain(r.offsets.buffer);
    expect(buffers).toContain(r.choice!.chosen.buffer);
    const copy = structuredClone(r, { transfer: buffers });
    expect(Array.from(copy.households)).toEqual([550, 0, 500, 600, 700]);
  });

  it('reports progress and stops when aborted', async () => {
    const { compounds, parcels } = planarScene();
    const seen: number[] = [];
    await analyzeSitesAsync(compounds, parcels, { radiusM: 100, planar: true, onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    const ac = new AbortController();
    ac.abort(new Error('stale'));
    await expect(analyzeSitesAsync(compounds, parcels, { radiusM: 100, planar: true, signal: ac.signal })).rejects.toThrow('stale');
  });

  it('names the bad option value', () => {
    const { compounds, parcels } = planarScene();
    expect(() => analyzeSites(compounds, parcels, { radiusM: -1 })).toThrow('-1');
    expect(() => analyzeSites(compounds, parcels, { radiusM: 100, k: 1.5 })).toThrow('1.5');
    expect(() => analyzeSites(compounds, parcels, { radiusM: 100, targetShare: 90 })).toThrow('90');
  });
});

describe('facility types', () => {
  it('has the eight default types, each valid, with radii of their life circle', () => {
    expect(DEFAULT_FACILITIES.map((f) => f.id)).toEqual([
      'elderly-day-care', 'childcare', 'community-clinic', 'canteen', 'service-station', 'parking', 'ev-charging', 'parcel-station',
    ]);
    for (const f of DEFAULT_FACILITIES) {
      expect(checkFacility(f)).toBe(f);
      expect(f.radiusM).toBe(LIFE_CIRCLE_RADIUS_M[f.lifeCircle]);
    }
  });

  it('names an unknown type and a bad radius', () => {
    expect(() => facilityType('gym')).toThrow('"gym"');
    expect(() => checkFacility({ ...DEFAULT_FACILITIES[0], radiusM: -5 })).toThrow('-5');
  });
});

describe('compounds far bigger than the rest', () => {
  it('are still found, checked one by one outside the grid', () => {
    const { compounds, parcels } = planarScene();
    // a 5 km long strip, 60 m south of parcel P2 (400,350)–(430,380) and 30 m north of P4, among compounds ~100 m across
    const strip = { ...compounds[0], id: 'S', households: 10, geometry: { type: 'Polygon' as const, coordinates: [[[-2000, 250], [3000, 250], [3000, 290], [-2000, 290], [-2000, 250]]] } };
    const r = analyzeSites([...compounds, strip], parcels, { radiusM: 100, planar: true });
    const names = [...compounds, strip].map((c) => String(c.id));
    expect([0, 1, 2, 3, 4].map((p) => ids(r, p, names))).toEqual([['A', 'B', 'F'], ['S'], ['E'], ['H', 'S'], ['M']]);
  });
});
