// Shapes shared by the policy profiles. Money is in 万元 (10,000 yuan) throughout;
// per-m² rates are in 元/m², converted as rate × m² / 10,000.

import type { EligibilityRule } from '../eligibility';
import type { Compound, FeatureId } from '../types';

/** A finding worth a planner's attention: a machine code plus one sentence each in zh and en. */
export interface Flag {
  code: string;
  zh: string;
  en: string;
  id?: FeatureId;
  district?: string;
  /** The numbers the sentence quotes, for tables and tests. */
  values?: Record<string, number>;
}

/** Who pays what, in 万元. Each profile's JSDoc says how its plan defines `subsidy_wan`. */
export interface Funding {
  /** Investment the policy funds (after anything it excludes, e.g. Lucheng's lifts). */
  total_wan: number;
  /** Investment funded outside the policy (Lucheng: lift installation). */
  excluded_wan: number;
  residents_wan: number;
  /** Enterprises, including utilities (专营单位) when the ledger lists them. */
  enterprises_wan: number;
  /** Higher-level grants: central + provincial, from the ledger's funding sources. */
  grants_wan: number;
  subsidy_wan: number;
  /** The city's and the district's parts of the subsidy; null when the plan does not split it. */
  subsidy_city_wan: number | null;
  subsidy_district_wan: number | null;
  /** A reward paid on top (Xinxiang: 30 % of the district's own input when on time). */
  reward_wan: number;
}

export type FundingKey = keyof Funding;

export interface CompoundFunding extends Funding {
  id: FeatureId;
  name: string;
  district: string;
  flags: Flag[];
}

export interface DistrictFunding extends Funding {
  district: string;
  compounds: number;
  /** District- or plan-level findings only; compound findings stay on the compounds. */
  flags: Flag[];
}

/** A city's money rules. Pure: the same compounds always give the same result. */
export interface Policy {
  id: string;
  label: { zh: string; en: string };
  /** Who is eligible under this plan. */
  rule: EligibilityRule;
  /** The Funding fields this plan says something about, in the order a table shows them. */
  columns: readonly FundingKey[];
  compound(c: Compound): CompoundFunding;
  /** District-level rules (rewards, shares); gets the sum of its compounds' funding. */
  district?(sum: DistrictFunding, compounds: readonly Compound[]): DistrictFunding;
  /** Plan-level rules over every compound (Suzhou's 15 % of the plan's households). */
  plan?(sum: DistrictFunding, compounds: readonly Compound[]): DistrictFunding;
}
