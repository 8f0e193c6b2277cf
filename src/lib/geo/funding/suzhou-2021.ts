// Suzhou 2021 (宿州): compounds built up to 2005 are eligible, but those from 2000–2005 may be at
// most 15 % of the plan's households.

import { eligibility, RULES } from '../eligibility';
import type { Compound } from '../types';
import { compoundWho, districtWho, flag, pct, type Who } from './flags';
import { ledgerFunding } from './ledger';
import type { CompoundFunding, DistrictFunding, Flag, Policy } from './types';

/** Most households that 2000–2005 compounds may hold, as a share of the plan's households. */
export const MAX_EXTENDED_SHARE = 0.15;

/** Households of the 2000–2005 compounds and of all compounds (missing households count 0). */
export function extendedHouseholds(compounds: readonly Compound[]): { extended: number; all: number } {
  let extended = 0;
  let all = 0;
  for (const c of compounds) {
    const h = c.households ?? 0;
    all += h;
    if (eligibility(c, RULES['suzhou-2021']).status === 'extended') extended += h;
  }
  return { extended, all };
}

function capFlag(who: Who, compounds: readonly Compound[]): Flag[] {
  const { extended, all } = extendedHouseholds(compounds);
  if (all <= 0 || extended <= MAX_EXTENDED_SHARE * all) return [];
  const share = extended / all;
  return [
    flag(
      'suzhou.extended-over-15',
      who,
      `2000–2005 年小区 ${extended} 户，占计划 ${all} 户的 ${pct(share)}%，超过 15%`,
      `2000–2005 compounds hold ${extended} of the plan's ${all} households, ${pct(share)} %, over 15 %`,
      { extended, households: all, share },
    ),
  ];
}

function compound(c: Compound): CompoundFunding {
  const f = ledgerFunding(c);
  const e = eligibility(c, RULES['suzhou-2021']);
  if (e.eligible !== false) return f;
  const why = e.status === 'too-new' ? { zh: `建成于 ${c.year_built} 年，晚于 2005 年`, en: `built in ${c.year_built}, after 2005` } : { zh: `属于排除类型（${e.exclusions.join('、')}）`, en: `excluded (${e.exclusions.join(', ')})` };
  f.flags.push(flag('suzhou.not-eligible', compoundWho(c), why.zh, why.en)); // f is fresh, not an input
  return f;
}

const withFlags = (sum: DistrictFunding, flags: Flag[]): DistrictFunding => (flags.length ? { ...sum, flags: [...sum.flags, ...flags] } : sum);

export const suzhou2021: Policy = {
  id: 'suzhou-2021',
  label: { zh: '宿州 2021', en: 'Suzhou 2021' },
  rule: RULES['suzhou-2021'],
  columns: ['residents_wan', 'grants_wan', 'subsidy_wan'],
  compound,
  district: (sum, cs) => withFlags(sum, capFlag(districtWho(sum.district), cs)),
  plan: (sum, cs) => withFlags(sum, capFlag({ zh: '全部计划', en: 'the whole plan', where: {} }, cs)),
};
