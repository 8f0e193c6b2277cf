import type { Category, Compound } from './types';

/** What the planner narrowed the compounds to. Empty / null members do not filter. */
export interface CompoundFilter {
  district: string;
  yearMin: number | null;
  yearMax: number | null;
  category: Category | 'none' | '';
  planYear: number | 'none' | null;
}

export const EMPTY_FILTER: CompoundFilter = { district: '', yearMin: null, yearMax: null, category: '', planYear: null };

/** True when `c` passes every set member of `f`. A year range excludes compounds with no year. */
export function matchesFilter(c: Compound, f: CompoundFilter): boolean {
  if (f.district && c.district !== f.district) return false;
  if (f.yearMin !== null && (c.year_built === null || c.year_built < f.yearMin)) return false;
  if (f.yearMax !== null && (c.year_built === null || c.year_built > f.yearMax)) return false;
  if (f.category === 'none' ? c.category !== null : f.category && c.category !== f.category) return false;
  if (f.planYear === 'none' ? c.plan_year !== null : f.planYear !== null && c.plan_year !== f.planYear) return false;
  return true;
}

/** One byte per compound: 1 when it passes the filter (the scope mask analyses take). */
export function filterMask(compounds: readonly Compound[], f: CompoundFilter): Uint8Array {
  const mask = new Uint8Array(compounds.length);
  for (let i = 0; i < compounds.length; i++) mask[i] = matchesFilter(compounds[i], f) ? 1 : 0;
  return mask;
}
