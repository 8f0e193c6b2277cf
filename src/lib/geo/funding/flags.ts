// Building flags: who they are about, and numbers printed the way the plans print them.

import type { Compound } from '../types';
import type { Flag } from './types';

/** A number with at most `digits` decimals and no trailing zeros: 1221, 3.5, 100.36. */
export function fmt(x: number, digits = 2): string {
  const r = Math.round(x * 10 ** digits) / 10 ** digits;
  return String(Object.is(r, -0) ? 0 : r);
}

/** A share as a percentage with one decimal: 0.1667 → "16.7". */
export const pct = (share: number): string => fmt(share * 100, 1);

export interface Who {
  zh: string;
  en: string;
  where: Pick<Flag, 'id' | 'district'>;
}

export function compoundWho(c: Compound): Who {
  return { zh: `小区“${c.name}”（${String(c.id)}）`, en: `compound "${c.name}" (${String(c.id)})`, where: { id: c.id } };
}

export function districtWho(district: string): Who {
  return { zh: district, en: `district ${district}`, where: { district } };
}

/** One flag: code, the two sentences after the subject, and the numbers they quote. */
/** What each kind of finding is about, in a few words (the panel groups compound findings under these). */
export const FLAG_KINDS: Readonly<Record<string, { zh: string; en: string }>> = {
  'funding.no-investment': { zh: '没有投资额', en: 'no investment' },
  'funding.no-category': { zh: '投资未分类且没有改造类别', en: 'investment not split and no category' },
  'funding.no-sources': { zh: '台账没有资金来源', en: 'no funding sources in the ledger' },
  'funding.sources-exceed-total': { zh: '各方资金超过总投资', en: 'funding sources exceed the total investment' },
  'funding.split-mismatch': { zh: '分类投资与总投资不符', en: 'class split does not match the total' },
  'custom.cap-binding': { zh: '政府资金超过上限', en: 'government money over the cap' },
  'custom.self-share-below-min': { zh: '居民和企业出资比例不足', en: 'residents and enterprises pay too little' },
  'lucheng.cap-binding': { zh: '补助超过每平方米上限', en: 'subsidy over the per-m² cap' },
  'lucheng.consent-below-two-thirds': { zh: '同意比例不足三分之二', en: 'consent below two thirds' },
  'lucheng.no-floor-area': { zh: '没有建筑面积，无法核对上限', en: 'no floor area to check the cap' },
  'lucheng.resident-share-not-paid': { zh: '居民出资未足额到位', en: 'residents have not paid their share' },
  'suzhou.not-eligible': { zh: '不符合补助条件', en: 'not eligible for the subsidy' },
  'tumed.no-floor-area': { zh: '供热改造没有建筑面积', en: 'heating renovated but no floor area' },
  'xinxiang.assumed-district-input': { zh: '没有区级财政投入，按地方补助计', en: 'no district fiscal input; local subsidy assumed' },
  'xinxiang.not-on-time': { zh: '未按期完成，不计奖励', en: 'not finished on time; no reward' },
};

export function flag(code: string, who: Who, zh: string, en: string, values?: Record<string, number>): Flag {
  return { code, zh: `${who.zh}：${zh}`, en: `${who.en}: ${en}`, ...who.where, ...(values ? { values } : {}) };
}

/** The usual compound-level data gaps shared by every profile. */
export function missingInvestmentFlag(c: Compound): Flag[] {
  return c.investment_wan === null
    ? [flag('funding.no-investment', compoundWho(c), '没有投资额，按 0 计', 'has no investment; counted as 0')]
    : [];
}

export function sourcesExceedFlag(who: Who, total: number, subsidy: number): Flag[] {
  return subsidy < 0
    ? [
        flag(
          'funding.sources-exceed-total',
          who,
          `各方资金合计超过总投资 ${fmt(total)} 万元 ${fmt(-subsidy)} 万元`,
          `funding sources exceed the total ${fmt(total)} 万元 by ${fmt(-subsidy)} 万元`,
          { excess_wan: -subsidy },
        ),
      ]
    : [];
}
