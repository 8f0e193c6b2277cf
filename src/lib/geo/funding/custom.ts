// A policy profile the user edits and saves: residents' shares by class, a subsidy cap per m²,
// the city : district split, a floor on residents + enterprises, lifts in or out, a heating charge.

import type { EligibilityRule } from '../eligibility';
import { CATEGORIES, type Category, type Compound } from '../types';
import { compoundFunding } from './apply';
import { compoundWho, flag, fmt, missingInvestmentFlag, pct } from './flags';
import { enterprisesOf, grantsOf, heatingRenovated, liftCost, perM2ToWan, sourcesOf } from './money';
import { investmentByClass, sharedPart, splitSum } from './split';
import type { CompoundFunding, Flag, Policy } from './types';

export interface CustomProfile {
  id: string;
  name: string;
  /** Residents' share (0–1) of each class's investment. */
  residentShares: Record<Category, number>;
  /** Cap on government money (grants + subsidy), 元 per m² of floor area; null for none. */
  capYuanPerM2: number | null;
  /** City : district parts of the subsidy, e.g. { city: 1, district: 1 }; null when not split. */
  split: { city: number; district: number } | null;
  /** Least share (0–1) of total that residents + enterprises must pay; null for none. */
  minSelfShare: number | null;
  /** Fund lift installation outside the profile. */
  excludeLifts: boolean;
  /** Residents' charge where heating is renovated, 元/m²; null for none. */
  heatingYuanPerM2: number | null;
  /** Last build year admitted. */
  lastYear: number;
}

export const DEFAULT_CUSTOM: CustomProfile = {
  id: 'custom',
  name: '自定义 custom',
  residentShares: { mandatory: 0, basic: 0, improve: 0, upgrade: 0 },
  capYuanPerM2: null,
  split: null,
  minSelfShare: null,
  excludeLifts: false,
  heatingYuanPerM2: null,
  lastYear: 1999,
};

function num(v: unknown, path: string, { min = 0, max = Infinity, nullable = false } = {}): number | null {
  if (v === null && nullable) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new RangeError(`${path} must be a number from ${min} to ${max}${nullable ? ' or null' : ''}, got ${JSON.stringify(v)}.`);
  }
  return v;
}

/** A saved profile read back (e.g. from JSON); throws a RangeError naming the bad field. Missing fields take the defaults. */
export function parseCustomProfile(value: unknown): CustomProfile {
  if (typeof value !== 'object' || value === null) throw new RangeError(`a custom profile must be an object, got ${JSON.stringify(value)}.`);
  const v = { ...DEFAULT_CUSTOM, ...(value as Partial<CustomProfile>) };
  const shares = { ...DEFAULT_CUSTOM.residentShares, ...(v.residentShares ?? {}) };
  const split = v.split === null ? null : { city: num(v.split?.city, 'split.city') as number, district: num(v.split?.district, 'split.district') as number };
  if (split && split.city + split.district <= 0) throw new RangeError('split.city + split.district must be above 0, got 0.');
  return {
    id: String(v.id),
    name: String(v.name),
    residentShares: Object.fromEntries(CATEGORIES.map((k) => [k, num(shares[k], `residentShares.${k}`, { max: 1 })])) as Record<Category, number>,
    capYuanPerM2: num(v.capYuanPerM2, 'capYuanPerM2', { nullable: true }),
    split,
    minSelfShare: num(v.minSelfShare, 'minSelfShare', { max: 1, nullable: true }),
    excludeLifts: Boolean(v.excludeLifts),
    heatingYuanPerM2: num(v.heatingYuanPerM2, 'heatingYuanPerM2', { nullable: true }),
    lastYear: num(v.lastYear, 'lastYear', { min: 1900, max: 2100 }) as number,
  };
}

/** The policy a custom profile describes. Government money = total − residents − enterprises, capped; subsidy = that − grants. */
export function customPolicy(profile: CustomProfile): Policy {
  const p = parseCustomProfile(profile);
  const rule: EligibilityRule = { id: p.id, lastYear: p.lastYear, excludes: ['shanty-town', 'self-built', 'urban-village'] };
  function compound(c: Compound): CompoundFunding {
    const who = compoundWho(c);
    const lifts = p.excludeLifts ? liftCost(c) : 0;
    const { split, flags: splitFlags } = investmentByClass(c, lifts);
    const flags: Flag[] = [...missingInvestmentFlag(c), ...splitFlags];
    const s = sourcesOf(c);
    const total = splitSum(split);
    const enterprises = enterprisesOf(s);
    const grants = grantsOf(s);
    let residents = sharedPart(split, p.residentShares);
    if (p.heatingYuanPerM2 !== null && c.floor_area_m2 !== null && heatingRenovated(c)) residents += perM2ToWan(p.heatingYuanPerM2, c.floor_area_m2);
    let government = total - residents - enterprises;
    if (p.capYuanPerM2 !== null && c.floor_area_m2 !== null) {
      const cap = perM2ToWan(p.capYuanPerM2, c.floor_area_m2);
      if (government > cap) {
        flags.push(flag('custom.cap-binding', who, `政府资金 ${fmt(government)} 万元超过上限 ${fmt(cap)} 万元，超出部分由居民承担`, `government money ${fmt(government)} 万元 exceeds the cap ${fmt(cap)} 万元; residents pay the rest`, { government_wan: government, cap_wan: cap }));
        residents += government - cap;
        government = cap;
      }
    }
    if (p.minSelfShare !== null && total > 0 && residents + enterprises < p.minSelfShare * total) {
      const share = (residents + enterprises) / total;
      flags.push(flag('custom.self-share-below-min', who, `居民和企业出资占 ${pct(share)}%，低于 ${pct(p.minSelfShare)}%`, `residents and enterprises pay ${pct(share)} %, below ${pct(p.minSelfShare)} %`, { share, min: p.minSelfShare }));
    }
    const subsidy = government - grants;
    // The district takes what the city does not, so the two parts always add up to the subsidy.
    const city = p.split ? (subsidy * p.split.city) / (p.split.city + p.split.district) : null;
    return compoundFunding(
      c,
      {
        total_wan: total,
        excluded_wan: lifts,
        residents_wan: residents,
        enterprises_wan: enterprises,
        grants_wan: grants,
        subsidy_wan: subsidy,
        subsidy_city_wan: city,
        subsidy_district_wan: city === null ? null : subsidy - city,
      },
      flags,
    );
  }
  return {
    id: p.id,
    label: { zh: p.name, en: p.name },
    rule,
    columns: ['excluded_wan', 'residents_wan', 'enterprises_wan', 'grants_wan', 'subsidy_wan', 'subsidy_city_wan', 'subsidy_district_wan'],
    compound,
  };
}
