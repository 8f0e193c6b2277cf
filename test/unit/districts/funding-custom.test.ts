import { describe, expect, it } from 'vitest';
import { customPolicy, DEFAULT_CUSTOM, parseCustomProfile } from '../../../src/lib/geo/funding/custom';
import { lucheng2020 } from '../../../src/lib/geo/funding/lucheng-2020';
import { compound } from '../../fixtures/districts/make';

describe('custom profile', () => {
  it('reproduces Lucheng when given Lucheng shares, cap and lift rule', () => {
    const p = customPolicy({ ...DEFAULT_CUSTOM, residentShares: { mandatory: 0, basic: 0.1, improve: 0.3, upgrade: 0.7 }, capYuanPerM2: 400, excludeLifts: true });
    for (const c of [
      compound({ category: 'improve', investment_wan: 200, floor_area_m2: 3000 }),
      compound({ category: 'basic', investment_wan: 50, floor_area_m2: 3000, extra: { investment_lift_wan: 10 } }),
    ]) {
      const a = p.compound(c);
      const b = lucheng2020.compound(c);
      expect([a.residents_wan, a.subsidy_wan, a.excluded_wan]).toEqual([b.residents_wan, b.subsidy_wan, b.excluded_wan]);
    }
  });

  it('splits the subsidy by the saved ratio after grants and checks the self-share floor', () => {
    // basic 100 at 10 % → residents 10; grants 30; subsidy = 100 − 10 − 30 = 60; city : district = 2 : 1 → 40 / 20
    // self share 10 % < 20 % → flagged
    const p = customPolicy({ ...DEFAULT_CUSTOM, residentShares: { ...DEFAULT_CUSTOM.residentShares, basic: 0.1 }, split: { city: 2, district: 1 }, minSelfShare: 0.2 });
    const f = p.compound(compound({ category: 'basic', investment_wan: 100, extra: { funding_central_wan: 30 } }));
    expect([f.residents_wan, f.grants_wan, f.subsidy_wan, f.subsidy_city_wan, f.subsidy_district_wan]).toEqual([10, 30, 60, 40, 20]);
    expect(f.flags.map((x) => x.code)).toEqual(['custom.self-share-below-min']);
  });

  it('survives a save and load through JSON', () => {
    const saved = { ...DEFAULT_CUSTOM, name: '我的方案', capYuanPerM2: 350, split: { city: 1, district: 1 } };
    expect(parseCustomProfile(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
  });

  it('refuses a saved profile with a share above 1, naming the field', () => {
    expect(() => parseCustomProfile({ residentShares: { upgrade: 7 } })).toThrow('residentShares.upgrade must be a number from 0 to 1, got 7.');
  });
});
