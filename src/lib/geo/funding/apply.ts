// Run a policy over compounds: funding per compound, summed per district and for the whole plan.

import { groupByDistrict, type AggregateOptions } from '../districts';
import type { Compound } from '../types';
import type { CompoundFunding, DistrictFunding, Flag, Funding, Policy } from './types';

/** A Funding with every amount zero (split parts null, i.e. "not split"). */
export function zeroFunding(): Funding {
  return {
    total_wan: 0,
    excluded_wan: 0,
    residents_wan: 0,
    enterprises_wan: 0,
    grants_wan: 0,
    subsidy_wan: 0,
    subsidy_city_wan: null,
    subsidy_district_wan: null,
    reward_wan: 0,
  };
}

/**
 * A compound's result: its amounts (missing ones zero, split parts null) and flags. Built as one
 * literal on purpose: object spread with overridden keys is ~30 µs per call on Node 20.
 */
export function compoundFunding(c: Compound, f: Partial<Funding>, flags: Flag[] = []): CompoundFunding {
  return {
    id: c.id,
    name: c.name,
    district: c.district,
    flags,
    total_wan: f.total_wan ?? 0,
    excluded_wan: f.excluded_wan ?? 0,
    residents_wan: f.residents_wan ?? 0,
    enterprises_wan: f.enterprises_wan ?? 0,
    grants_wan: f.grants_wan ?? 0,
    subsidy_wan: f.subsidy_wan ?? 0,
    subsidy_city_wan: f.subsidy_city_wan ?? null,
    subsidy_district_wan: f.subsidy_district_wan ?? null,
    reward_wan: f.reward_wan ?? 0,
  };
}

const addNullable = (a: number | null, b: number | null): number | null => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));

/** Sum of fundings (split parts stay null only when every part is null). */
export function sumFunding(district: string, items: readonly Funding[]): DistrictFunding {
  const s: DistrictFunding = { district, compounds: items.length, flags: [], ...zeroFunding() };
  for (const f of items) {
    s.total_wan += f.total_wan;
    s.excluded_wan += f.excluded_wan;
    s.residents_wan += f.residents_wan;
    s.enterprises_wan += f.enterprises_wan;
    s.grants_wan += f.grants_wan;
    s.subsidy_wan += f.subsidy_wan;
    s.subsidy_city_wan = addNullable(s.subsidy_city_wan, f.subsidy_city_wan);
    s.subsidy_district_wan = addNullable(s.subsidy_district_wan, f.subsidy_district_wan);
    s.reward_wan += f.reward_wan;
  }
  return s;
}

export interface PolicyResult {
  policy: string;
  /** In the order of the filtered compounds, grouped by district. */
  compounds: CompoundFunding[];
  districts: DistrictFunding[];
  total: DistrictFunding;
  /** Every flag: compounds', districts' and the plan's. */
  flags: Flag[];
}

/** Apply `policy` to the compounds that pass the filter (see aggregateByDistrict for the options). */
export function applyPolicy(compounds: readonly Compound[], policy: Policy, options: AggregateOptions = {}): PolicyResult {
  const groups = groupByDistrict(compounds, options);
  const byDistrict = new Map<string, DistrictFunding>();
  const perCompound: CompoundFunding[] = [];
  const all: Compound[] = [];
  for (const [name, group] of groups) {
    // The compound takes the district it is counted in (its own, or the located one).
    const funded = group.map((c) => {
      const f = policy.compound(c);
      f.district = name; // a fresh object from the policy, not the input
      return f;
    });
    perCompound.push(...funded);
    all.push(...group);
    const sum = sumFunding(name, funded);
    byDistrict.set(name, policy.district ? policy.district(sum, group) : sum);
  }
  for (const name of options.order ?? []) {
    if (!byDistrict.has(name)) byDistrict.set(name, sumFunding(name, []));
  }
  const ordered = [...(options.order ?? []), ...groups.keys()].filter((n, i, a) => a.indexOf(n) === i);
  const districts = ordered.map((n) => byDistrict.get(n)!);
  let total = sumFunding('合计 total', districts);
  total.compounds = perCompound.length;
  if (policy.plan) total = policy.plan(total, all);
  const flags = [...perCompound.flatMap((c) => c.flags), ...districts.flatMap((d) => d.flags), ...total.flags];
  return { policy: policy.id, compounds: perCompound, districts, total, flags };
}
