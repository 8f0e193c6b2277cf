// The funding split a ledger states itself, for plans whose money rules add to it rather than
// replace it: higher-level grants, residents and enterprises as listed; the local subsidy is the rest.

import type { Compound } from '../types';
import { compoundFunding } from './apply';
import { compoundWho, missingInvestmentFlag, sourcesExceedFlag } from './flags';
import { enterprisesOf, grantsOf, orZero, sourcesOf } from './money';
import type { CompoundFunding } from './types';

export interface LedgerOptions {
  /** Residents' payment in 万元 set by the plan; default: the ledger's own residents column. */
  residentsWan?: number;
}

/**
 * subsidy = total − grants − residents − enterprises (万元). The subsidy's city and district parts
 * are the ledger's city and district columns when it has them, else null (not split).
 */
export function ledgerFunding(c: Compound, { residentsWan }: LedgerOptions = {}): CompoundFunding {
  const s = sourcesOf(c);
  const total = orZero(c.investment_wan);
  const residents = residentsWan ?? orZero(s.residents);
  const enterprises = enterprisesOf(s);
  const grants = grantsOf(s);
  const subsidy = total - grants - residents - enterprises;
  const split = s.city !== null || s.district !== null;
  return compoundFunding(
    c,
    {
      total_wan: total,
      residents_wan: residents,
      enterprises_wan: enterprises,
      grants_wan: grants,
      subsidy_wan: subsidy,
      subsidy_city_wan: split ? orZero(s.city) : null,
      subsidy_district_wan: split ? orZero(s.district) : null,
    },
    [...missingInvestmentFlag(c), ...sourcesExceedFlag(compoundWho(c), total, subsidy)],
  );
}
