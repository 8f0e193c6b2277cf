// Residents' consent as a ledger records it: agreeing floor area and agreeing households, either
// as counts (consent_floor_area_m2, 同意户数) or as shares (consent_households_pct, 同意面积比例).

import type { Compound } from '../types';
import { cellNumber } from './money';

export interface Consent {
  /** Share (0–1) of the floor area whose owners agree; null when the ledger does not say. */
  area: number | null;
  /** Share (0–1) of the households that agree; null when the ledger does not say. */
  households: number | null;
}

const AREA = /consent.*(area|floor)|同意.*面积|面积.*同意/i;
const HOUSEHOLDS = /consent.*(household|hh)|同意.*户|户.*同意/i;
const RATIO = /pct|percent|ratio|share|比例|比率|占比|%|％/i;

/** Consent shares of a compound, from counts (divided by its floor area / households) or ratios. */
export function consentOf(c: Compound): Consent {
  const out: Consent = { area: null, households: null };
  for (const [key, value] of Object.entries(c.extra)) {
    const n = cellNumber(typeof value === 'string' ? value.replace(/[%％]$/, '') : value);
    if (n === null) continue;
    const which = AREA.test(key) ? 'area' : HOUSEHOLDS.test(key) ? 'households' : null;
    if (!which) continue;
    if (RATIO.test(key) || (typeof value === 'string' && /[%％]$/.test(value.trim()))) {
      // 66.7 and 0.667 both mean two thirds: a ratio column above 1 is a percentage.
      out[which] = n > 1 ? n / 100 : n;
    } else {
      const whole = which === 'area' ? c.floor_area_m2 : c.households;
      if (whole) out[which] = n / whole;
    }
  }
  return out;
}
