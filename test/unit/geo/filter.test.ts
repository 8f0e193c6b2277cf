import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterMask, matchesFilter } from '../../../src/lib/geo/filter';
import type { Compound } from '../../../src/lib/geo/types';

const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
function compound(over: Partial<Compound>): Compound {
  return {
    id: 1, name: '纺织厂家属院', district: '卫滨区', street: '', year_built: 1990, buildings: 3, households: 120,
    floor_area_m2: 9000, investment_wan: 300, category: 'basic', plan_year: 2020, status: '', extra: {}, geometry: square, ...over,
  };
}

describe('compound filter', () => {
  it('passes everything when empty', () => {
    expect(matchesFilter(compound({}), EMPTY_FILTER)).toBe(true);
    expect(matchesFilter(compound({ year_built: null, category: null, plan_year: null }), EMPTY_FILTER)).toBe(true);
  });

  it('keeps a year range inclusive and drops compounds with no year', () => {
    const f = { ...EMPTY_FILTER, yearMin: 1980, yearMax: 1999 };
    expect(matchesFilter(compound({ year_built: 1980 }), f)).toBe(true);
    expect(matchesFilter(compound({ year_built: 1999 }), f)).toBe(true);
    expect(matchesFilter(compound({ year_built: 2000 }), f)).toBe(false);
    expect(matchesFilter(compound({ year_built: null }), f)).toBe(false);
  });

  it('matches district, category, plan year and their "none" choices', () => {
    expect(matchesFilter(compound({ district: '红旗区' }), { ...EMPTY_FILTER, district: '卫滨区' })).toBe(false);
    expect(matchesFilter(compound({ category: 'upgrade' }), { ...EMPTY_FILTER, category: 'basic' })).toBe(false);
    expect(matchesFilter(compound({ category: null }), { ...EMPTY_FILTER, category: 'none' })).toBe(true);
    expect(matchesFilter(compound({ category: 'basic' }), { ...EMPTY_FILTER, category: 'none' })).toBe(false);
    expect(matchesFilter(compound({ plan_year: 2021 }), { ...EMPTY_FILTER, planYear: 2020 })).toBe(false);
    expect(matchesFilter(compound({ plan_year: null }), { ...EMPTY_FILTER, planYear: 'none' })).toBe(true);
  });

  it('builds a scope mask with one byte per compound', () => {
    const cs = [compound({ year_built: 1985 }), compound({ year_built: 2003 }), compound({ year_built: 1999 })];
    expect([...filterMask(cs, { ...EMPTY_FILTER, yearMax: 1999 })]).toEqual([1, 0, 1]);
  });
});
