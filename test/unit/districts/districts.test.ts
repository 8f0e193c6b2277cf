import { describe, expect, it } from 'vitest';
import { aggregateByDistrict, groupByDistrict, matchesFilter } from '../../../src/lib/geo/districts';
import { RULES } from '../../../src/lib/geo/eligibility';
import { compound } from '../../fixtures/districts/make';

describe('aggregateByDistrict', () => {
  const compounds = [
    compound({ district: '红旗区', buildings: 3, households: 120, floor_area_m2: 8000, investment_wan: 150.5 }),
    compound({ district: '卫滨区', buildings: 2, households: 60, floor_area_m2: 4000, investment_wan: 80 }),
    compound({ district: '红旗区', buildings: 5, households: 200, floor_area_m2: 12000, investment_wan: 249.5 }),
    compound({ district: '卫滨区', plan_year: 2021, buildings: 9, households: 900 }),
  ];

  it('sums every measure per district in first-seen order', () => {
    const { districts, total } = aggregateByDistrict(compounds, { filter: { planYear: 2020 } });
    expect(districts.map((d) => [d.district, d.compounds, d.buildings, d.households, d.floor_area_m2, d.investment_wan])).toEqual([
      ['红旗区', 2, 8, 320, 20000, 400],
      ['卫滨区', 1, 2, 60, 4000, 80],
    ]);
    expect([total.compounds, total.buildings, total.households, total.floor_area_m2, total.investment_wan]).toEqual([3, 10, 380, 24000, 480]);
  });

  it('counts missing values instead of treating them as zero silently', () => {
    const { districts } = aggregateByDistrict([
      compound({ district: 'A', households: null, investment_wan: 5 }),
      compound({ district: 'A', households: 7, investment_wan: null }),
    ]);
    expect(districts[0].households).toBe(7);
    expect(districts[0].missing).toEqual({ buildings: 0, households: 1, floor_area_m2: 0, investment_wan: 1 });
  });

  it('puts listed districts first, in the given order, even when they have no compounds', () => {
    const { districts } = aggregateByDistrict(compounds, { order: ['封丘县', '卫滨区'] });
    expect(districts.map((d) => [d.district, d.compounds])).toEqual([
      ['封丘县', 0],
      ['卫滨区', 2],
      ['红旗区', 2],
    ]);
  });

  it('uses the located district only when the compound has none of its own', () => {
    const cs = [compound({ district: '' }), compound({ district: 'B' }), compound({ district: ' ' })];
    const { districts } = aggregateByDistrict(cs, { assigned: ['A', 'A', null] });
    expect(districts.map((d) => [d.district, d.compounds])).toEqual([
      ['A', 1],
      ['B', 1],
      ['(未分区 no district)', 1],
    ]);
  });

  it('filters by category, stage or raw status, and eligibility', () => {
    const cs = [
      compound({ district: 'A', category: 'improve', status: '施工中', year_built: 1990 }),
      compound({ district: 'A', category: 'basic', status: '已竣工验收', year_built: 2003 }),
      compound({ district: 'A', category: null, status: 'design', year_built: null }),
    ];
    expect(cs.map((c) => matchesFilter(c, { category: ['improve', 'basic'] }))).toEqual([true, true, false]);
    expect(cs.map((c) => matchesFilter(c, { status: 'works' }))).toEqual([true, false, false]);
    expect(cs.map((c) => matchesFilter(c, { status: '已竣工验收' }))).toEqual([false, true, false]);
    expect(cs.map((c) => matchesFilter(c, { eligibleUnder: RULES.core }))).toEqual([true, false, false]);
    expect(cs.map((c) => matchesFilter(c, { eligibleUnder: RULES['suzhou-2021'] }))).toEqual([true, true, false]);
  });

  it('counts compounds per work stage', () => {
    const cs = ['摸底调查', '施工', '竣工验收', '未开工', ''].map((status) => compound({ district: 'A', status }));
    expect(aggregateByDistrict(cs).districts[0].stages).toEqual({ survey: 1, design: 0, tender: 0, works: 1, acceptance: 1, unknown: 2 });
  });

  it('groups the same compounds the aggregation counts', () => {
    const groups = groupByDistrict(compounds, { filter: { planYear: 2020 } });
    expect([...groups].map(([d, g]) => [d, g.length])).toEqual([
      ['红旗区', 2],
      ['卫滨区', 1],
    ]);
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(compounds);
    aggregateByDistrict(compounds, { order: ['X'] });
    expect(compounds).toEqual(copy);
  });
});
