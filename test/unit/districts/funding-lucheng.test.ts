import { describe, expect, it } from 'vitest';
import { lucheng2020 } from '../../../src/lib/geo/funding/lucheng-2020';
import { compound } from '../../fixtures/districts/make';

// Plan wording: 必选类、基础类、完善类、提升类居民出资比例分别为 0、10%、30%、70%;
// 政府补助不超过 400 元/m², 超出部分由居民承担; 加装电梯另行补助; 意愿需 2/3 面积且 2/3 户数同意.
const split = { investment_mandatory_wan: 20, investment_basic_wan: 100, investment_improve_wan: 60, investment_upgrade_wan: 20 };

describe('Lucheng 2020', () => {
  it('leaves the subsidy alone when it is under 400 元/m²', () => {
    // resident share = 20×0 + 100×10 % + 60×30 % + 20×70 % = 0 + 10 + 18 + 14 = 42
    // subsidy = 200 − 42 = 158; cap = 400 元/m² × 5,000 m² / 10,000 = 200 万元 → not binding
    const f = lucheng2020.compound(compound({ investment_wan: 200, floor_area_m2: 5000, extra: split }));
    expect(f.residents_wan).toBeCloseTo(42, 9);
    expect(f.subsidy_wan).toBeCloseTo(158, 9);
    expect(f.flags).toEqual([]);
  });

  it('caps the subsidy at 400 元/m² and makes residents pay the excess', () => {
    // same split, floor 3,000 m²: cap = 400 × 3,000 / 10,000 = 120; subsidy 158 → 120; residents 42 + 38 = 80
    const f = lucheng2020.compound(compound({ id: 'LC-1', name: '水心组团', investment_wan: 200, floor_area_m2: 3000, extra: split }));
    expect(f.subsidy_wan).toBeCloseTo(120, 9);
    expect(f.residents_wan).toBeCloseTo(80, 9);
    expect(f.flags.map((x) => x.code)).toEqual(['lucheng.cap-binding']);
    expect(f.flags[0].en).toContain('subsidy 158 万元 exceeds the cap 120 万元');
  });

  it('takes the compound category for all of its money when the money is not split', () => {
    // improve, 100 万元: residents 30 %, subsidy 70; cap 400 × 10,000 / 10,000 = 400 → not binding
    const f = lucheng2020.compound(compound({ category: 'improve', investment_wan: 100, floor_area_m2: 10000 }));
    expect([f.residents_wan, f.subsidy_wan]).toEqual([30, 70]);
  });

  it('funds lifts outside the profile', () => {
    // 100 万元 of which lift 40: funded 60, upgrade → residents 60 × 70 % = 42, subsidy 18
    const f = lucheng2020.compound(compound({ category: 'upgrade', investment_wan: 100, floor_area_m2: 10000, extra: { investment_lift_wan: 40 } }));
    expect([f.total_wan, f.excluded_wan]).toEqual([60, 40]);
    expect(f.residents_wan).toBeCloseTo(42, 9);
    expect(f.subsidy_wan).toBeCloseTo(18, 9);
  });

  it('takes lifts out of the improve part when the class split includes them', () => {
    // split 0/100/60/20 = 180 = investment, lift 50 inside improve → improve 10
    // residents = 10 + 3 + 14 = 27; total 130; subsidy 103
    const f = lucheng2020.compound(compound({ investment_wan: 180, floor_area_m2: 10000, extra: { ...split, investment_mandatory_wan: 0, investment_lift_wan: 50 } }));
    expect(f.total_wan).toBe(130);
    expect(f.residents_wan).toBeCloseTo(27, 9);
  });

  it('flags consent below two thirds of floor area or households when the ledger records it', () => {
    // 6,000 of 10,000 m² = 60 % < 66.7 %; 80 of 100 households = 80 %
    const c = compound({ households: 100, floor_area_m2: 10000, investment_wan: 10, extra: { consent_floor_area_m2: 6000, consent_households: 80 } });
    const f = lucheng2020.compound(c);
    expect(f.flags.map((x) => [x.code, x.values])).toEqual([['lucheng.consent-below-two-thirds', { area: 0.6, households: 0.8 }]]);
    const ok = lucheng2020.compound(compound({ households: 90, investment_wan: 10, extra: { 同意户数比例: '70%', consent_area_pct: 66.7 } }));
    expect(ok.flags).toEqual([]);
  });

  it('says works may not start until the resident share is in the bank', () => {
    // basic 100 → residents owe 10, ledger says 6 paid
    const f = lucheng2020.compound(compound({ category: 'basic', investment_wan: 100, floor_area_m2: 10000, extra: { funding_residents_wan: 6 } }));
    expect(f.flags.map((x) => [x.code, x.values])).toEqual([['lucheng.resident-share-not-paid', { owed_wan: 10, paid_wan: 6 }]]);
  });
});
