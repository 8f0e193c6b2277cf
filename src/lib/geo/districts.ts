// Per-district sums of the plan's measures (compounds, buildings, households, floor area, investment),
// over any filter. A district's row order is the order in which it first appears, unless told otherwise.

import { eligibility, type EligibilityRule } from './eligibility';
import { emptyStageCounts, stageOf, type Stage, type StageCounts } from './stages';
import type { Category, Compound } from './types';

/** Summed measures of one district (or of all of them). Missing values add nothing and are counted. */
export interface DistrictTotals {
  district: string;
  compounds: number;
  buildings: number;
  households: number;
  /** m² (the plans print 万m²: divide by 10,000). */
  floor_area_m2: number;
  /** 万元 (10,000 yuan). */
  investment_wan: number;
  /** Compounds whose value was missing, per measure: a non-zero count means the sum is a lower bound. */
  missing: { buildings: number; households: number; floor_area_m2: number; investment_wan: number };
  stages: StageCounts;
}

export const MEASURES = ['compounds', 'buildings', 'households', 'floor_area_m2', 'investment_wan'] as const;
export type Measure = (typeof MEASURES)[number];
const SUMMED = ['buildings', 'households', 'floor_area_m2', 'investment_wan'] as const;

/** Keep compounds matching every given criterion; a list means "any of these". */
export interface CompoundFilter {
  planYear?: number | readonly number[];
  category?: Category | readonly Category[];
  /** A raw status text or a stage name (survey, design, tender, works, acceptance). */
  status?: string | readonly string[];
  /** Keep only compounds this rule admits (unknown build years are dropped). */
  eligibleUnder?: EligibilityRule;
}

const asList = <T>(v: T | readonly T[]): readonly T[] => (Array.isArray(v) ? v : [v as T]);

/** Whether a compound passes the filter. */
export function matchesFilter(c: Compound, filter: CompoundFilter): boolean {
  if (filter.planYear !== undefined && !asList(filter.planYear).includes(c.plan_year as number)) return false;
  if (filter.category !== undefined && (c.category === null || !asList(filter.category).includes(c.category))) return false;
  if (filter.status !== undefined) {
    const wanted = asList(filter.status);
    const stage = stageOf(c.status);
    if (!wanted.includes(c.status) && !(stage && wanted.includes(stage))) return false;
  }
  if (filter.eligibleUnder && eligibility(c, filter.eligibleUnder).eligible !== true) return false;
  return true;
}

export function emptyTotals(district: string): DistrictTotals {
  return {
    district,
    compounds: 0,
    buildings: 0,
    households: 0,
    floor_area_m2: 0,
    investment_wan: 0,
    missing: { buildings: 0, households: 0, floor_area_m2: 0, investment_wan: 0 },
    stages: emptyStageCounts(),
  };
}

/** Add one compound into a running total (the total is the caller's own, fresh object). */
function add(t: DistrictTotals, c: Compound): void {
  t.compounds++;
  for (const k of SUMMED) {
    const v = c[k];
    if (v === null || !Number.isFinite(v)) t.missing[k]++;
    else t[k] += v;
  }
  const stage: Stage | null = stageOf(c.status);
  t.stages[stage ?? 'unknown']++;
}

export interface AggregateOptions {
  filter?: CompoundFilter;
  /**
   * District per compound index, used when a compound's own `district` is blank
   * (e.g. from `locateDistricts`). Null entries stay unassigned.
   */
  assigned?: readonly (string | null)[];
  /** Row name for compounds with no district at all. */
  unassignedName?: string;
  /** Districts listed here come first, in this order, even with no compounds; others follow as first seen. */
  order?: readonly string[];
}

export interface DistrictAggregate {
  districts: DistrictTotals[];
  total: DistrictTotals;
}

/** The district a compound counts towards, or null. */
export function districtOf(c: Compound, i: number, assigned?: readonly (string | null)[]): string | null {
  const own = c.district.trim();
  return own || assigned?.[i] || null;
}

/**
 * Sums per district. Compounds are filtered first; compounds without a district go to one
 * `unassignedName` row rather than being dropped.
 */
export function aggregateByDistrict(
  compounds: readonly Compound[],
  { filter = {}, assigned, unassignedName = '(未分区 no district)', order = [] }: AggregateOptions = {},
): DistrictAggregate {
  const rows = new Map<string, DistrictTotals>();
  for (const name of order) if (!rows.has(name)) rows.set(name, emptyTotals(name));
  const total = emptyTotals('合计 total');
  compounds.forEach((c, i) => {
    if (!matchesFilter(c, filter)) return;
    const name = districtOf(c, i, assigned) ?? unassignedName;
    let row = rows.get(name);
    if (!row) rows.set(name, (row = emptyTotals(name)));
    add(row, c);
    add(total, c);
  });
  return { districts: [...rows.values()], total };
}

/** Group compounds (after filtering) by district, keeping first-seen order. */
export function groupByDistrict(
  compounds: readonly Compound[],
  { filter = {}, assigned, unassignedName = '(未分区 no district)' }: AggregateOptions = {},
): Map<string, Compound[]> {
  const groups = new Map<string, Compound[]>();
  compounds.forEach((c, i) => {
    if (!matchesFilter(c, filter)) return;
    const name = districtOf(c, i, assigned) ?? unassignedName;
    const g = groups.get(name);
    if (g) g.push(c);
    else groups.set(name, [c]);
  });
  return groups;
}
