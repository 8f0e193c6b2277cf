import { describe, expect, it } from 'vitest';
import { applyPolicy } from '../../../src/lib/geo/funding/apply';
import { huaibei2021 } from '../../../src/lib/geo/funding/huaibei-2021';
import { compound } from '../../fixtures/districts/make';

// Plan wording: 居民和企业出资不低于总投资的 20%; 政府补助 = 总投资 − 上级补助 − 居民 − 企业, 市、区 1:1 分担.
const sources = (central: number, provincial: number, residents: number, enterprises: number) => ({
  funding_central_wan: central,
  funding_provincial_wan: provincial,
  funding_residents_wan: residents,
  funding_enterprises_wan: enterprises,
});

describe('Huaibei 2021', () => {
  it('splits the subsidy left after grants, residents and enterprises 1 : 1 between city and district', () => {
    // total 500; grants 200 + 50 = 250; residents 60 + enterprises 40 = 100 (exactly 20 %, passes)
    // subsidy = 500 − 250 − 100 = 150 → city 75, district 75
    const f = huaibei2021.compound(compound({ investment_wan: 500, extra: sources(200, 50, 60, 40) }));
    expect(f).toMatchObject({ total_wan: 500, grants_wan: 250, residents_wan: 60, enterprises_wan: 40, subsidy_wan: 150, subsidy_city_wan: 75, subsidy_district_wan: 75 });
    expect(f.flags).toEqual([]);
  });

  it('flags a compound whose residents and enterprises pay less than 20 %', () => {
    // residents 30 + enterprises 40 = 70 of 500 = 14 % < 20 %; subsidy = 500 − 250 − 70 = 180 → 90 / 90
    const f = huaibei2021.compound(compound({ id: 'HB-7', name: '建设新村', investment_wan: 500, extra: sources(200, 50, 30, 40) }));
    expect(f.subsidy_city_wan).toBe(90);
    expect(f.subsidy_district_wan).toBe(90);
    expect(f.flags.map((x) => x.code)).toEqual(['huaibei.self-share-below-20']);
    expect(f.flags[0].en).toBe('compound "建设新村" (HB-7): residents and enterprises pay 70 万元, 14 % of the total 500 万元, below 20 %');
    expect(f.flags[0].zh).toContain('14%');
  });

  it('counts utilities as enterprises', () => {
    // residents 50 + enterprises 20 + utilities 30 = 100 of 500 = 20 %: no flag; subsidy = 500 − 100 = 400
    const f = huaibei2021.compound(compound({ investment_wan: 500, extra: { funding_residents_wan: 50, funding_enterprises_wan: 20, funding_utilities_wan: 30 } }));
    expect([f.enterprises_wan, f.subsidy_wan, f.flags.length]).toEqual([50, 400, 0]);
  });

  it('says the floor cannot be checked when the ledger has no funding sources', () => {
    const f = huaibei2021.compound(compound({ investment_wan: 300 }));
    expect(f.subsidy_wan).toBe(300);
    expect(f.flags.map((x) => x.code)).toEqual(['funding.no-sources']);
  });

  it('checks the 20 % floor on district sums too', () => {
    // A: 25 of 100 (passes); B: 10 of 100 (fails) → district 35 of 200 = 17.5 % < 20 %
    const cs = [
      compound({ district: '相山区', investment_wan: 100, extra: { funding_residents_wan: 25 } }),
      compound({ district: '相山区', investment_wan: 100, extra: { funding_residents_wan: 10 } }),
    ];
    const r = applyPolicy(cs, huaibei2021);
    expect(r.districts[0].flags.map((x) => [x.code, x.district, x.values?.share])).toEqual([['huaibei.self-share-below-20', '相山区', 0.175]]);
    expect(r.total.subsidy_city_wan).toBe(82.5); // (75 + 90) / 2
    expect(r.flags).toHaveLength(2);
  });
});
