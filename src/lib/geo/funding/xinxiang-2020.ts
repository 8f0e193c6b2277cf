// Xinxiang 2020 (新乡): the city adds a reward of 30 % of a district's own fiscal input when the
// district finishes on time, nothing when late.

import { RULES } from '../eligibility';
import { stageOf } from '../stages';
import type { Compound } from '../types';
import { districtWho, flag, fmt } from './flags';
import { ledgerFunding } from './ledger';
import type { DistrictFunding, Policy } from './types';

/** Reward as a share of the district's own fiscal input. */
export const REWARD_SHARE = 0.3;

export interface XinxiangOptions {
  /**
   * Whether a district finished on time. Default: on time when every one of its compounds has
   * reached acceptance (验收) — the plan's deadline has passed for any ledger read this way.
   */
  onTime?: (district: string, compounds: readonly Compound[]) => boolean;
}

const allAccepted = (_d: string, cs: readonly Compound[]): boolean => cs.length > 0 && cs.every((c) => stageOf(c.status) === 'acceptance');

/**
 * The district's own fiscal input is its ledger's district column; a ledger without one is taken to
 * have the district pay the whole local subsidy (flagged).
 */
export function xinxiang2020({ onTime = allAccepted }: XinxiangOptions = {}): Policy {
  function district(sum: DistrictFunding, compounds: readonly Compound[]): DistrictFunding {
    const who = districtWho(sum.district);
    const flags = [...sum.flags];
    let own = sum.subsidy_district_wan;
    if (own === null) {
      own = sum.subsidy_wan;
      flags.push(flag('xinxiang.assumed-district-input', who, `台账没有区级财政投入，按地方补助 ${fmt(own)} 万元计`, `the ledger has no district fiscal input; taken as the local subsidy, ${fmt(own)} 万元`, { own_wan: own }));
    }
    const potential = REWARD_SHARE * own;
    if (onTime(sum.district, compounds)) return { ...sum, subsidy_district_wan: own, reward_wan: potential, flags };
    const done = compounds.filter((c) => stageOf(c.status) === 'acceptance').length;
    flags.push(
      flag(
        'xinxiang.not-on-time',
        who,
        `${compounds.length} 个项目中 ${done} 个已验收，未按期完成，不计奖励（按期可得 ${fmt(potential)} 万元）`,
        `${done} of ${compounds.length} projects accepted; not finished on time, so no reward (${fmt(potential)} 万元 if on time)`,
        { accepted: done, projects: compounds.length, potential_wan: potential },
      ),
    );
    return { ...sum, subsidy_district_wan: own, reward_wan: 0, flags };
  }
  return {
    id: 'xinxiang-2020',
    label: { zh: '新乡 2020', en: 'Xinxiang 2020' },
    rule: RULES['xinxiang-2020'],
    columns: ['grants_wan', 'subsidy_wan', 'subsidy_district_wan', 'reward_wan'],
    compound: (c) => ledgerFunding(c),
    district,
  };
}
