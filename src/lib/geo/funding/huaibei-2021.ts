// Huaibei 2021 (淮北): residents plus enterprises pay at least 20 % of total investment; the
// government subsidy — total minus higher-level grants, residents and enterprises — is split
// city : district 1 : 1.

import { RULES } from '../eligibility';
import type { Compound } from '../types';
import { compoundFunding } from './apply';
import { compoundWho, districtWho, flag, fmt, missingInvestmentFlag, pct, sourcesExceedFlag, type Who } from './flags';
import { enterprisesOf, grantsOf, hasSources, orZero, sourcesOf } from './money';
import type { CompoundFunding, DistrictFunding, Flag, Policy } from './types';

/** Residents + enterprises must reach this share of total investment. */
export const MIN_SELF_SHARE = 0.2;
/** City's part of the subsidy (city : district = 1 : 1). */
export const CITY_SHARE = 0.5;

function selfShareFlag(who: Who, self: number, total: number): Flag[] {
  if (total <= 0 || self >= MIN_SELF_SHARE * total) return [];
  const share = self / total;
  return [
    flag(
      'huaibei.self-share-below-20',
      who,
      `居民和企业出资 ${fmt(self)} 万元，占总投资 ${fmt(total)} 万元的 ${pct(share)}%，低于 20%`,
      `residents and enterprises pay ${fmt(self)} 万元, ${pct(share)} % of the total ${fmt(total)} 万元, below 20 %`,
      { self_wan: self, total_wan: total, share },
    ),
  ];
}

/** Enterprises include utilities (专营单位); higher-level grants are central + provincial. */
function compound(c: Compound): CompoundFunding {
  const who = compoundWho(c);
  const total = orZero(c.investment_wan);
  const s = sourcesOf(c);
  const known = hasSources(s);
  const residents = orZero(s.residents);
  const enterprises = enterprisesOf(s);
  const grants = grantsOf(s);
  const subsidy = total - grants - residents - enterprises;
  const flags = [
    ...missingInvestmentFlag(c),
    ...(known
      ? selfShareFlag(who, residents + enterprises, total)
      : [flag('funding.no-sources', who, '台账没有资金来源，无法核对 20% 自筹比例，补助按总投资计', 'the ledger has no funding sources, so the 20 % floor cannot be checked; subsidy taken as the whole investment')]),
    ...sourcesExceedFlag(who, total, subsidy),
  ];
  return compoundFunding(
    c,
    {
      total_wan: total,
      residents_wan: residents,
      enterprises_wan: enterprises,
      grants_wan: grants,
      subsidy_wan: subsidy,
      subsidy_city_wan: subsidy * CITY_SHARE,
      subsidy_district_wan: subsidy * (1 - CITY_SHARE),
    },
    flags,
  );
}

/** The 20 % floor also checked on the district's sums, when its ledger has funding sources. */
function district(sum: DistrictFunding, compounds: readonly Compound[]): DistrictFunding {
  if (!compounds.some((c) => hasSources(sourcesOf(c)))) return sum;
  const f = selfShareFlag(districtWho(sum.district), sum.residents_wan + sum.enterprises_wan, sum.total_wan);
  return f.length ? { ...sum, flags: [...sum.flags, ...f] } : sum;
}

export const huaibei2021: Policy = {
  id: 'huaibei-2021',
  label: { zh: '淮北 2021', en: 'Huaibei 2021' },
  rule: RULES['huaibei-2021'],
  columns: ['residents_wan', 'enterprises_wan', 'grants_wan', 'subsidy_wan', 'subsidy_city_wan', 'subsidy_district_wan'],
  compound,
  district,
};
