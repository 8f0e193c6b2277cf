import { describe, expect, it } from 'vitest';
import { summarise } from '../../../src/lib/print/summary';
import type { Compound } from '../../../src/lib/geo/types';

const c = (district: string, households: number | null, investment_wan: number | null): Compound => ({
  id: district + households,
  name: '',
  district,
  street: '',
  year_built: null,
  buildings: null,
  households,
  floor_area_m2: 1000,
  investment_wan,
  category: null,
  plan_year: null,
  status: '',
  extra: {},
  geometry: { type: 'Polygon', coordinates: [] },
});

describe('print summary', () => {
  const cs = [c('甲', 10, 5), c('乙', 20, null), c('甲', null, 7), c('丙', 1, 1)];

  it('sums what is kept per group, listed groups first, missing values adding nothing', () => {
    const { rows, total } = summarise(cs, (_, i) => i !== 3, (x) => x.district, ['乙', '丁']);
    expect(rows.map((r) => [r.key, r.compounds, r.households, r.investment_wan])).toEqual([
      ['乙', 1, 20, 0],
      ['丁', 0, 0, 0],
      ['甲', 2, 10, 12],
    ]);
    expect(total).toMatchObject({ compounds: 3, households: 30, floor_area_m2: 3000, investment_wan: 12 });
  });

  it('does not mutate its input', () => {
    const before = JSON.stringify(cs);
    summarise(cs, () => true, (x) => x.district);
    expect(JSON.stringify(cs)).toBe(before);
  });
});
