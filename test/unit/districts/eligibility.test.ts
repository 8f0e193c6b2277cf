import { describe, expect, it } from 'vitest';
import { eligibility, exclusionsOf, RULES } from '../../../src/lib/geo/eligibility';
import { compound } from '../../fixtures/districts/make';

describe('eligibility', () => {
  it('admits compounds built before 2000 under the core rule', () => {
    expect([1999, 2000].map((y) => eligibility(compound({ year_built: y })).status)).toEqual(['eligible', 'too-new']);
  });

  it('admits 2000–2005 compounds in Suzhou as an extension and refuses 2006', () => {
    expect([1999, 2000, 2005, 2006].map((y) => eligibility(compound({ year_built: y }), RULES['suzhou-2021']).status)).toEqual([
      'eligible',
      'extended',
      'extended',
      'too-new',
    ]);
  });

  it('covers buildings before 2008 for Tumed Right energy retrofits', () => {
    expect(eligibility(compound({ year_built: 2007 }), RULES['tumed-right-2021-energy']).eligible).toBe(true);
    expect(eligibility(compound({ year_built: 2008 }), RULES['tumed-right-2021-energy']).eligible).toBe(false);
  });

  it('says it does not know when the build year is missing', () => {
    expect(eligibility(compound({ year_built: null }))).toEqual({ status: 'unknown-year', eligible: null, exclusions: [] });
  });

  it('excludes urban villages, shanty towns and self-built areas whatever their age', () => {
    expect(eligibility(compound({ extra: { 类型: '城中村' } })).exclusions).toEqual(['urban-village']);
    expect(eligibility(compound({ extra: { 备注: '已纳入棚改计划' } })).status).toBe('excluded');
    expect(eligibility(compound({ extra: { 是否自建房: '是' } })).status).toBe('excluded');
    expect(eligibility(compound({ extra: { 是否自建房: '否' } })).status).toBe('eligible');
  });

  it('reads exclusion words only from type or remark columns, not from names or addresses', () => {
    expect(exclusionsOf({ 地址: '城中村路12号', 小区名称: '棚改新苑' })).toEqual([]);
  });

  it('applies the city-specific exclusions only under that city rule', () => {
    const slab = compound({ extra: { 结构: '预制空心板' } });
    expect(eligibility(slab, RULES['lucheng-2020']).exclusions).toEqual(['hollow-slab']);
    expect(eligibility(slab, RULES.core).status).toBe('eligible');
    const done = compound({ extra: { 备注: '已实施三供一业改造' } });
    expect(eligibility(done, RULES['xinxiang-2020']).status).toBe('excluded');
    const danger = compound({ extra: { 鉴定: 'D级危房' } });
    expect(eligibility(danger, RULES['lucheng-2020']).exclusions).toEqual(['dangerous']);
  });
});
