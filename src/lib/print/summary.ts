// The key figures printed under a map: compounds, households, floor area and investment of what is shown,
// per group (district, category). Pure.
import type { Compound } from '../geo/types';

export interface SummaryRow {
  key: string;
  compounds: number;
  households: number;
  /** m² */
  floor_area_m2: number;
  /** 万元 */
  investment_wan: number;
}

const row = (key: string): SummaryRow => ({ key, compounds: 0, households: 0, floor_area_m2: 0, investment_wan: 0 });

/**
 * Sums of the compounds `keep` admits, one row per group in `order` (groups not listed follow as first met),
 * and the total. Missing values add nothing. Does not mutate its input.
 */
export function summarise(
  compounds: readonly Compound[],
  keep: (c: Compound, i: number) => boolean,
  groupOf: (c: Compound) => string,
  order: readonly string[] = [],
): { rows: SummaryRow[]; total: SummaryRow } {
  const rows = new Map<string, SummaryRow>(order.map((k) => [k, row(k)]));
  const total = row('');
  compounds.forEach((c, i) => {
    if (!keep(c, i)) return;
    const k = groupOf(c);
    let r = rows.get(k);
    if (!r) rows.set(k, (r = row(k)));
    for (const t of [r, total]) {
      t.compounds++;
      t.households += c.households ?? 0;
      t.floor_area_m2 += c.floor_area_m2 ?? 0;
      t.investment_wan += c.investment_wan ?? 0;
    }
  });
  return { rows: [...rows.values()], total };
}
