// Pure helpers of the districts charts and tables: display units and stacked shares.
import type { Measure } from '../../geo/districts';

/** A measure in the units the plans print: floor area in 万m², investment in 万元, counts as they are. */
export function displayValue(value: number, measure: Measure): number {
  return measure === 'floor_area_m2' ? value / 1e4 : value;
}

/** Decimal places a measure is shown with. */
export function displayDigits(measure: Measure): number {
  return measure === 'floor_area_m2' ? 2 : measure === 'investment_wan' ? 1 : 0;
}

/** The i18n key of a measure's unit, or null for counts. */
export function unitKey(measure: Measure): 'wan_m2' | 'wan_yuan' | null {
  return measure === 'floor_area_m2' ? 'wan_m2' : measure === 'investment_wan' ? 'wan_yuan' : null;
}

export interface Segment {
  index: number;
  value: number;
  /** start and width as shares of the positive total (0–1) */
  start: number;
  share: number;
}

/**
 * Segments of a 100 % stacked bar. Negative or missing parts are left out of the bar (their number
 * still shows in the labels); an all-zero row gives no segments.
 */
export function stack(values: readonly (number | null)[]): Segment[] {
  let total = 0;
  for (const v of values) if (v !== null && v > 0) total += v;
  if (total <= 0) return [];
  const out: Segment[] = [];
  let start = 0;
  values.forEach((v, index) => {
    if (v === null || v <= 0) return;
    out.push({ index, value: v, start, share: v / total });
    start += v / total;
  });
  return out;
}

/** A round axis maximum at or above `max` (1, 2, 2.5 or 5 × 10^k). */
export function niceMax(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}
