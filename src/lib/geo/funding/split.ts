// Investment by renovation class, for plans whose shares differ by class (Lucheng, custom profiles).

import { CATEGORIES, type Category, type Compound } from '../types';
import { compoundWho, flag, fmt } from './flags';
import { classSplit, orZero, type ClassSplit } from './money';
import type { Flag } from './types';

export const splitSum = (s: ClassSplit): number => CATEGORIES.reduce((a, k) => a + s[k], 0);

/** Σ class amount × share, in 万元. */
export const sharedPart = (s: ClassSplit, shares: Readonly<Record<Category, number>>): number =>
  CATEGORIES.reduce((a, k) => a + s[k] * shares[k], 0);

/**
 * The investment in each class (万元) without `liftsWan`. A ledger split that adds up to the whole
 * investment includes the lifts (an improve item), so they come out of `improve`; a compound whose
 * money is not split takes its category for all of it (basic, flagged, when it has none).
 */
export function investmentByClass(c: Compound, liftsWan = 0): { split: ClassSplit; flags: Flag[] } {
  const ledger = classSplit(c);
  const invest = c.investment_wan;
  const flags: Flag[] = [];
  if (ledger) {
    const split = { ...ledger };
    const total = splitSum(split);
    if (invest !== null && Math.abs(total - invest) < 0.01) split.improve = Math.max(0, split.improve - liftsWan);
    else if (invest !== null && Math.abs(total - (invest - liftsWan)) >= 0.01) {
      flags.push(
        flag(
          'funding.split-mismatch',
          compoundWho(c),
          `分类投资合计 ${fmt(total)} 万元与总投资 ${fmt(invest)} 万元不符，按分类投资计`,
          `the class split adds up to ${fmt(total)} 万元, not the investment ${fmt(invest)} 万元; the split is used`,
          { split_wan: total, investment_wan: invest },
        ),
      );
    }
    return { split, flags };
  }
  const split: ClassSplit = { mandatory: 0, basic: 0, improve: 0, upgrade: 0 };
  split[c.category ?? 'basic'] = orZero(invest) - liftsWan;
  if (!c.category) {
    flags.push(flag('funding.no-category', compoundWho(c), '投资未分类且没有改造类别，按基础类计', 'investment is not split by class and has no category; taken as basic'));
  }
  return { split, flags };
}
