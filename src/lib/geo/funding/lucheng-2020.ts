// Lucheng 2020 (温州鹿城): residents pay 0 / 10 / 30 / 70 % of the mandatory / basic / improve /
// upgrade parts; the subsidy (total minus the resident share) is capped at 400 元 per m² of floor
// area and residents pay whatever exceeds the cap; lift installation is funded separately.
// Consent: owners of ≥ 2/3 of the floor area AND ≥ 2/3 of the households.

import { RULES } from '../eligibility';
import type { Category, Compound } from '../types';
import { compoundFunding } from './apply';
import { consentOf } from './consent';
import { compoundWho, flag, fmt, missingInvestmentFlag, pct } from './flags';
import { grantsOf, liftCost, perM2ToWan, sourcesOf } from './money';
import { investmentByClass, sharedPart, splitSum } from './split';
import type { CompoundFunding, Flag, Policy } from './types';

/** Residents' share of each class's investment. */
export const RESIDENT_SHARE: Readonly<Record<Category, number>> = { mandatory: 0, basic: 0.1, improve: 0.3, upgrade: 0.7 };
/** Subsidy cap in 元 per m² of floor area. */
export const CAP_YUAN_PER_M2 = 400;
/** Consent needed on both floor area and households. */
export const CONSENT = 2 / 3;

function consentFlags(c: Compound): Flag[] {
  const { area, households } = consentOf(c);
  const short: string[] = [];
  if (area !== null && area < CONSENT) short.push(`area ${pct(area)}`);
  if (households !== null && households < CONSENT) short.push(`households ${pct(households)}`);
  if (!short.length) return [];
  return [
    flag(
      'lucheng.consent-below-two-thirds',
      compoundWho(c),
      `同意比例不足三分之二（面积 ${area === null ? '—' : pct(area) + '%'}，户数 ${households === null ? '—' : pct(households) + '%'}）`,
      `consent below two thirds (${short.map((s) => s + ' %').join(', ')})`,
      { ...(area !== null ? { area } : {}), ...(households !== null ? { households } : {}) },
    ),
  ];
}

/** Resident share by class, capped subsidy; `grants_wan` reports the ledger's higher-level grants within the subsidy. */
function compound(c: Compound): CompoundFunding {
  const flags: Flag[] = [...missingInvestmentFlag(c)];
  const lifts = liftCost(c);
  const { split, flags: splitFlags } = investmentByClass(c, lifts);
  flags.push(...splitFlags);
  const total = splitSum(split);
  const share = sharedPart(split, RESIDENT_SHARE);
  let subsidy = total - share;
  let residents = share;
  if (c.floor_area_m2 === null) {
    flags.push(flag('lucheng.no-floor-area', compoundWho(c), '没有建筑面积，无法核对每平方米 400 元上限', 'has no floor area, so the 400 元/m² cap cannot be checked'));
  } else {
    const cap = perM2ToWan(CAP_YUAN_PER_M2, c.floor_area_m2);
    if (subsidy > cap) {
      flags.push(
        flag(
          'lucheng.cap-binding',
          compoundWho(c),
          `补助 ${fmt(subsidy)} 万元超过上限 ${fmt(cap)} 万元（400 元/m² × ${fmt(c.floor_area_m2)} m²），超出 ${fmt(subsidy - cap)} 万元由居民承担`,
          `subsidy ${fmt(subsidy)} 万元 exceeds the cap ${fmt(cap)} 万元 (400 元/m² × ${fmt(c.floor_area_m2)} m²); residents pay the ${fmt(subsidy - cap)} 万元 above it`,
          { subsidy_wan: subsidy, cap_wan: cap },
        ),
      );
      residents += subsidy - cap;
      subsidy = cap;
    }
  }
  const paid = sourcesOf(c).residents;
  if (paid !== null && paid < residents - 1e-9) {
    flags.push(
      flag('lucheng.resident-share-not-paid', compoundWho(c), `居民应出资 ${fmt(residents)} 万元，到位 ${fmt(paid)} 万元，未足额不得开工`, `residents owe ${fmt(residents)} 万元 but ${fmt(paid)} 万元 is in; works may not start until all of it is`, { owed_wan: residents, paid_wan: paid }),
    );
  }
  flags.push(...consentFlags(c));
  return compoundFunding(
    c,
    {
      total_wan: total,
      excluded_wan: lifts,
      residents_wan: residents,
      grants_wan: grantsOf(sourcesOf(c)),
      subsidy_wan: subsidy,
    },
    flags,
  );
}

export const lucheng2020: Policy = {
  id: 'lucheng-2020',
  label: { zh: '鹿城 2020', en: 'Lucheng 2020' },
  rule: RULES['lucheng-2020'],
  columns: ['excluded_wan', 'residents_wan', 'subsidy_wan'],
  compound,
};
