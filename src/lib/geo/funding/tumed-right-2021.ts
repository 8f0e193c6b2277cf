// Tumed Right Banner 2021 (土默特右旗): residents pay 30 元/m² for replacing in-home heating
// pipes where the compound's heating is renovated.

import { RULES } from '../eligibility';
import type { Compound } from '../types';
import { compoundWho, flag } from './flags';
import { heatingRenovated, perM2ToWan } from './money';
import { ledgerFunding } from './ledger';
import type { CompoundFunding, Policy } from './types';

/** Residents' charge for in-home heating pipes, 元 per m² of floor area. */
export const HEATING_YUAN_PER_M2 = 30;

/** Residents pay 30 元/m² × floor area / 10,000 万元 when heating is renovated, nothing otherwise. */
function compound(c: Compound): CompoundFunding {
  if (!heatingRenovated(c)) return ledgerFunding(c, { residentsWan: 0 });
  if (c.floor_area_m2 === null) {
    const f = ledgerFunding(c, { residentsWan: 0 });
    f.flags.push(flag('tumed.no-floor-area', compoundWho(c), '改造供热但没有建筑面积，无法计算居民每平方米 30 元', 'heating is renovated but there is no floor area to charge residents 30 元/m² on'));
    return f;
  }
  return ledgerFunding(c, { residentsWan: perM2ToWan(HEATING_YUAN_PER_M2, c.floor_area_m2) });
}

export const tumedRight2021: Policy = {
  id: 'tumed-right-2021',
  label: { zh: '土默特右旗 2021', en: 'Tumed Right 2021' },
  rule: RULES['tumed-right-2021'],
  columns: ['residents_wan', 'grants_wan', 'subsidy_wan'],
  compound,
};
