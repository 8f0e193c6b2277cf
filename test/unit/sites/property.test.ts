import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { analyzeSites } from '../../../src/lib/geo/sites';
import { exactCover, exactMinCover, greedyCover, type SetLists } from '../../../src/lib/geo/sites-choose';
import type { AreaGeometry, Compound, IdleParcel, Position } from '../../../src/lib/geo/types';
import { coverage, exhaustive, refDistance } from './reference';

const close = (ring: Position[]): Position[] => [...ring, ring[0]];

function star(cx: number, cy: number, radii: number[], turn: number, scale = 1): Position[] {
  return close(radii.map((r, i) => {
    const t = turn + (2 * Math.PI * i) / radii.length;
    return [cx + scale * r * Math.cos(t), cy + scale * r * Math.sin(t)];
  }));
}

// planar metres: rectangles on a 10 m grid (touching, exactly-at-radius cases) and stars with holes and second parts
const rect = fc
  .record({ x: fc.integer({ min: 0, max: 40 }), y: fc.integer({ min: 0, max: 40 }), w: fc.integer({ min: 1, max: 6 }), h: fc.integer({ min: 1, max: 6 }) })
  .map(({ x, y, w, h }): AreaGeometry => ({ type: 'Polygon', coordinates: [close([[x * 10, y * 10], [(x + w) * 10, y * 10], [(x + w) * 10, (y + h) * 10], [x * 10, (y + h) * 10]])] }));
const starPoly = fc
  .record({
    cx: fc.double({ min: 0, max: 400, noNaN: true }), cy: fc.double({ min: 0, max: 400, noNaN: true }),
    radii: fc.array(fc.double({ min: 4, max: 60, noNaN: true }), { minLength: 3, maxLength: 9 }),
    turn: fc.double({ min: 0, max: 6.3, noNaN: true }), hole: fc.boolean(), multi: fc.boolean(),
  })
  .map(({ cx, cy, radii, turn, hole, multi }): AreaGeometry => {
    const poly = hole ? [star(cx, cy, radii, turn), star(cx, cy, radii, turn, 0.3).reverse()] : [star(cx, cy, radii, turn)];
    return multi ? { type: 'MultiPolygon', coordinates: [poly, [star(cx + 150, cy - 40, radii.map((r) => r / 2), turn)]] } : { type: 'Polygon', coordinates: poly };
  });
const shape = fc.oneof(rect, starPoly);

const compoundOf = (g: AreaGeometry, i: number, households: number): Compound => ({
  id: `C${i}`, name: '', district: '', street: '', year_built: null, buildings: null, households, floor_area_m2: null,
  investment_wan: null, category: null, plan_year: null, status: '', extra: {}, geometry: g,
});
const parcelOf = (g: AreaGeometry, i: number, area: number): IdleParcel => ({ id: `P${i}`, area_m2: area, current_use: '', owner: '', note: '', extra: {}, geometry: g });

describe('the radius query against a brute-force reference', () => {
  it('lists exactly the compounds within the radius of each parcel, and sums their households', () => {
    fc.assert(
      fc.property(
        fc.array(shape, { minLength: 1, maxLength: 14 }), fc.array(shape, { minLength: 1, maxLength: 6 }),
        fc.oneof(fc.constantFrom(0, 10, 50, 100), fc.double({ min: 0, max: 300, noNaN: true })),
        (cg, pg, radiusM) => {
          const compounds = cg.map((g, i) => compoundOf(g, i, 10 + i));
          const parcels = pg.map((g, i) => parcelOf(g, i, 100));
          const r = analyzeSites(compounds, parcels, { radiusM, planar: true, distances: true });
          pg.forEach((p, j) => {
            const want = cg.map((c, i) => (refDistance(c, p) <= radiusM + 1e-6 ? i : -1)).filter((i) => i >= 0);
            const got = Array.from(r.compound.subarray(r.offsets[j], r.offsets[j + 1])).sort((a, b) => a - b);
            expect(got).toEqual(want);
            expect(r.households[j]).toBe(want.reduce((s, i) => s + 10 + i, 0));
            for (let q = r.offsets[j]; q < r.offsets[j + 1]; q++) expect(r.distance![q]).toBeCloseTo(refDistance(cg[r.compound[q]], p), 6);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

// small random set systems: lists of item indices with integer weights
const system = fc
  .record({
    weight: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 16 }),
    lists: fc.array(fc.array(fc.nat(), { maxLength: 7 }), { minLength: 1, maxLength: 10 }),
  })
  .map(({ weight, lists }) => ({ weight, lists: lists.map((l) => [...new Set(l.map((i) => i % weight.length))]) }));

function toSets(lists: number[][]): SetLists {
  const offsets = new Uint32Array(lists.length + 1);
  lists.forEach((l, i) => (offsets[i + 1] = offsets[i] + l.length));
  return { offsets, items: Int32Array.from(lists.flat()) };
}

describe('site choice against exhaustive search', () => {
  it('the exact solver matches the best subset of at most k, and greedy stays within its reported bound', () => {
    fc.assert(
      fc.property(system, fc.integer({ min: 1, max: 5 }), ({ weight, lists }, k) => {
        const sets = toSets(lists);
        const w = Float64Array.from(weight);
        const { best } = exhaustive(lists, weight, k);
        const ex = exactCover(sets, w, k);
        expect(ex.proven).toBe(true);
        expect(ex.value).toBe(best);
        expect(ex.chosen.length).toBeLessThanOrEqual(k);
        expect(coverage(lists, weight, Array.from(ex.chosen))).toBe(best);
        expect(Array.from(ex.gain).reduce((s, g) => s + g, 0)).toBe(best);
        const g = greedyCover(sets, w, { k });
        expect(coverage(lists, weight, Array.from(g.chosen))).toBe(g.value);
        expect(g.value).toBeLessThanOrEqual(best);
        expect(g.upperBound).toBeGreaterThanOrEqual(best);
        expect(g.value).toBeGreaterThanOrEqual((1 - 1 / Math.E) * best - 1e-9);
      }),
      { numRuns: 400 },
    );
  });

  it('the fewest sets reaching a target match exhaustive search, and greedy never claims fewer are possible', () => {
    fc.assert(
      fc.property(system, fc.double({ min: 0.05, max: 1, noNaN: true }), ({ weight, lists }, share) => {
        const sets = toSets(lists);
        const w = Float64Array.from(weight);
        const target = share * coverage(lists, weight, lists.map((_, i) => i));
        const { fewest } = exhaustive(lists, weight, lists.length, target);
        const g = greedyCover(sets, w, { target });
        expect(g.minCount).toBeLessThanOrEqual(fewest);
        if (target > 0) expect(g.value).toBeGreaterThanOrEqual(target);
        const ex = exactMinCover(sets, w, target, { fromK: Math.max(1, g.minCount), toK: g.chosen.length });
        expect(ex).not.toBeNull();
        expect(ex!.chosen.length).toBe(fewest);
        expect(ex!.value).toBeGreaterThanOrEqual(target);
      }),
      { numRuns: 300 },
    );
  });

  it('analyzeSites solves small cities exactly: its choice is the best k parcels of their serving lists', () => {
    fc.assert(
      fc.property(fc.array(shape, { minLength: 1, maxLength: 12 }), fc.array(shape, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 4 }), (cg, pg, k) => {
        const compounds = cg.map((g, i) => compoundOf(g, i, 10 + 7 * i));
        const parcels = pg.map((g, i) => parcelOf(g, i, 100));
        const r = analyzeSites(compounds, parcels, { radiusM: 60, planar: true, k });
        const lists = pg.map((_, j) => Array.from(r.serves.items.subarray(r.serves.offsets[j], r.serves.offsets[j + 1])));
        const { best } = exhaustive(lists, compounds.map((c) => c.households!), k);
        expect(r.choice!.method).toBe('exact');
        expect(r.choice!.covered).toBe(best);
        expect(r.choice!.upperBound).toBe(best);
        expect(r.choice!.greedyCovered).toBeLessThanOrEqual(best);
      }),
      { numRuns: 100 },
    );
  });
});
