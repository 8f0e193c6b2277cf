// The policy profiles by id. Each plan's rules live in its own module; this only names them.

import { customPolicy, type CustomProfile } from './custom';
import { huaibei2021 } from './huaibei-2021';
import { lucheng2020 } from './lucheng-2020';
import { suzhou2021 } from './suzhou-2021';
import { tumedRight2021 } from './tumed-right-2021';
import { xinxiang2020, type XinxiangOptions } from './xinxiang-2020';
import type { Policy } from './types';

export const POLICY_IDS = ['huaibei-2021', 'lucheng-2020', 'xinxiang-2020', 'tumed-right-2021', 'suzhou-2021'] as const;
export type PolicyId = (typeof POLICY_IDS)[number];

export const isPolicyId = (id: string): id is PolicyId => (POLICY_IDS as readonly string[]).includes(id);

export interface PolicyOptions {
  xinxiang?: XinxiangOptions;
}

/** A built-in profile by id. */
export function policyById(id: PolicyId, options: PolicyOptions = {}): Policy {
  switch (id) {
    case 'huaibei-2021':
      return huaibei2021;
    case 'lucheng-2020':
      return lucheng2020;
    case 'xinxiang-2020':
      return xinxiang2020(options.xinxiang);
    case 'tumed-right-2021':
      return tumedRight2021;
    case 'suzhou-2021':
      return suzhou2021;
  }
}

/** A user's own profile. */
export const policyFromProfile = (profile: CustomProfile): Policy => customPolicy(profile);

export { applyPolicy, type PolicyResult } from './apply';
export { DEFAULT_CUSTOM, parseCustomProfile, type CustomProfile } from './custom';
export type { CompoundFunding, DistrictFunding, Flag, Funding, FundingKey, Policy } from './types';
