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
