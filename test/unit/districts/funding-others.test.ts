import { describe, expect, it } from 'vitest';
import { applyPolicy } from '../../../src/lib/geo/funding/apply';
import { suzhou2021 } from '../../../src/lib/geo/funding/suzhou-2021';
import { tumedRight2021 } from '../../../src/lib/geo/funding/tumed-right-2021';
import { xinxiang2020 } from '../../../src/lib/geo/funding/xinxiang-2020';
import { compound } from '../../fixtures/districts/make';

describe('Xinxiang 2020', () => {
  // Plan wording: 按期完成的, 市级按县(市、区)本级财政投入的 30% 给予奖补.
  it('rewards 30 % of the district own fiscal input when every project is accepted', () => {
    // district input 400 + 600 = 1,000 → reward 300
    const cs = [
      compound({ district: '卫滨区', status: '已验收', investment_wan: 900, extra: { funding_district_wan: 400 } }),
      compound({ district: '卫滨区', status: '竣工验收', investment_wan: 1000, extra: { funding_district_wan: 600 } }),
    ];
    const r = applyPolicy(cs, xinxiang2020());
    expect(r.districts[0].subsidy_district_wan).toBe(1000);
    expect(r.districts[0].reward_wan).toBe(300);
    expect(r.total.reward_wan).toBe(300);
  });

  it('pays nothing when the district is late and says what it would have been', () => {
    const cs = [
      compound({ district: '红旗区', status: '已验收', extra: { funding_district_wan: 400 } }),
      compound({ district: '红旗区', status: '施工', extra: { funding_district_wan: 600 } }),
    ];
    const d = applyPolicy(cs, xinxiang2020()).districts[0];
    expect(d.reward_wan).toBe(0);
    expect(d.flags.map((x) => [x.code, x.values])).toEqual([['xinxiang.not-on-time', { accepted: 1, projects: 2, potential_wan: 300 }]]);
  });

  it('lets the caller say who finished on time, and assumes the local subsidy is district money when unlisted', () => {
    // no sources: local subsidy = investment 100 + 50 = 150 → reward 45
    const cs = [compound({ district: 'A', investment_wan: 100 }), compound({ district: 'A', investment_wan: 50 })];
    const d = applyPolicy(cs, xinxiang2020({ onTime: (name) => name === 'A' })).districts[0];
    expect(d.reward_wan).toBeCloseTo(45, 9);
    expect(d.flags.map((x) => x.code)).toEqual(['xinxiang.assumed-district-input']);
  });
});

describe('Tumed Right 2021', () => {
  // Plan wording: 户内供热管网改造, 居民按每平方米 30 元出资.
  it('charges residents 30 元/m² where heating is renovated', () => {
    // 30 元/m² × 5,000 m² / 10,000 = 15 万元; subsidy = 200 − 15 = 185
    const f = tumedRight2021.compound(compound({ floor_area_m2: 5000, investment_wan: 200, extra: { 改造内容: '屋面防水、供热管网、道路' } }));
    expect([f.residents_wan, f.subsidy_wan]).toEqual([15, 185]);
  });

  it('charges nothing where heating is not renovated', () => {
    const f = tumedRight2021.compound(compound({ floor_area_m2: 5000, investment_wan: 200, extra: { heating_renovated: '否' } }));
    expect([f.residents_wan, f.subsidy_wan]).toEqual([0, 200]);
  });

  it('flags a heating compound with no floor area to charge on', () => {
    const f = tumedRight2021.compound(compound({ floor_area_m2: null, extra: { heating_renovated: true } }));
    expect(f.flags.map((x) => x.code)).toEqual(['tumed.no-floor-area']);
  });
});

describe('Suzhou 2021', () => {
  // Plan wording: 建成于 2005 年底前; 2000 年至 2005 年建成的小区户数不超过计划总户数的 15%.
  it('accepts 2000–2005 compounds holding exactly 15 % of the plan households', () => {
    // 150 of 850 + 150 = 1,000 households = 15 % → not over
    const cs = [compound({ district: 'A', year_built: 1995, households: 850 }), compound({ district: 'B', year_built: 2003, households: 150 })];
    expect(applyPolicy(cs, suzhou2021).total.flags).toEqual([]);
  });

  it('flags the plan and the district when 2000–2005 compounds hold over 15 %', () => {
    // 160 of 1,000 = 16 % over the plan; district B alone: 160 of 160 = 100 %
    const cs = [compound({ district: 'A', year_built: 1995, households: 840 }), compound({ district: 'B', year_built: 2003, households: 160 })];
    const r = applyPolicy(cs, suzhou2021);
    expect(r.total.flags.map((x) => [x.code, x.values])).toEqual([['suzhou.extended-over-15', { extended: 160, households: 1000, share: 0.16 }]]);
    expect(r.total.flags[0].en).toBe("the whole plan: 2000–2005 compounds hold 160 of the plan's 1000 households, 16 %, over 15 %");
    expect(r.districts.map((d) => d.flags.length)).toEqual([0, 1]);
  });

  it('flags compounds built after 2005', () => {
    const f = suzhou2021.compound(compound({ year_built: 2008 }));
    expect(f.flags.map((x) => [x.code, x.en])).toEqual([['suzhou.not-eligible', expect.stringContaining('built in 2008, after 2005')]]);
  });
});

describe('applyPolicy', () => {
  it('does not mutate its input', () => {
    const cs = [compound({ district: 'A', year_built: 2003, extra: { funding_residents_wan: 5 } }), compound({ district: '' })];
    const copy = structuredClone(cs);
    applyPolicy(cs, suzhou2021, { assigned: [null, 'B'], order: ['C'] });
    applyPolicy(cs, xinxiang2020());
    expect(cs).toEqual(copy);
  });

  it('gives each compound result the district it is counted in, and keeps listed empty districts', () => {
    const r = applyPolicy([compound({ district: '' }), compound({ district: 'A' })], tumedRight2021, { assigned: ['B', null], order: ['C'] });
    expect(r.compounds.map((c) => c.district)).toEqual(['B', 'A']);
    expect(r.districts.map((d) => [d.district, d.compounds])).toEqual([['C', 0], ['B', 1], ['A', 1]]);
    expect(r.total.compounds).toBe(2);
  });
});
