// Who may be renovated (DOMAIN.md "Who is eligible"): a build-year rule plus exclusion categories.
// The core rule is "built before 2000"; each city's plan tightens or widens it (see RULES).

import type { Compound } from './types';

/** Why a compound is excluded whatever its age. */
export type Exclusion =
  | 'shanty-town' // 棚户区改造: demolish and rebuild instead
  | 'self-built' // 自建房 areas
  | 'urban-village' // 城中村
  | 'dangerous' // C/D-grade dangerous buildings (Lucheng)
  | 'hollow-slab' // hollow-core-slab structures (Lucheng)
  | 'sangong-yiye'; // already renovated under 三供一业 (Xinxiang)

/**
 * Words that mark an exclusion in a ledger, as seen in district ledgers: either a value of a
 * type/remark column ("类型: 城中村", "备注: 已纳入棚改") or a yes/no column named after it ("是否城中村: 是").
 */
const MARKERS: Record<Exclusion, RegExp> = {
  'shanty-town': /棚改|棚户|shanty/i,
  'self-built': /自建房|自建住房|self[- ]?built/i,
  'urban-village': /城中村|urban[- ]?village/i,
  dangerous: /[CD]\s*级危|危房[CD]|危险房屋|dangerous/i,
  'hollow-slab': /空心板|hollow[- ]?(core)?[- ]?slab/i,
  'sangong-yiye': /三供一业|sangong/i,
};

/** Columns whose values may name an exclusion; other columns (names, addresses) are never read. */
const TYPE_COLUMN = /类型|类别|性质|备注|说明|结构|鉴定|排除|type|kind|class|note|remark|structure|exclu/i;
const YES = /^(是|有|y|yes|true|1|√)$/i;

export interface EligibilityRule {
  id: string;
  /** Last build year admitted (inclusive). */
  lastYear: number;
  /** First year of an extension band (Suzhou 2000–2005): admitted, but reported as `extended`. */
  extendedFrom?: number;
  excludes: readonly Exclusion[];
}

const CORE_EXCLUDES: readonly Exclusion[] = ['shanty-town', 'self-built', 'urban-village'];

/** The eligibility variants named by the five plans. */
export const RULES = {
  /** Built before 2000. */
  core: { id: 'core', lastYear: 1999, excludes: CORE_EXCLUDES },
  'huaibei-2021': { id: 'huaibei-2021', lastYear: 1999, excludes: CORE_EXCLUDES },
  /** 1999 or earlier; also no C/D-grade dangerous buildings or hollow-core slabs. */
  'lucheng-2020': { id: 'lucheng-2020', lastYear: 1999, excludes: [...CORE_EXCLUDES, 'dangerous', 'hollow-slab'] },
  /** Not those already done under 三供一业. */
  'xinxiang-2020': { id: 'xinxiang-2020', lastYear: 1999, excludes: [...CORE_EXCLUDES, 'sangong-yiye'] },
  'tumed-right-2021': { id: 'tumed-right-2021', lastYear: 1999, excludes: CORE_EXCLUDES },
  /** Tumed Right's energy-saving retrofit: buildings from before 2008. */
  'tumed-right-2021-energy': { id: 'tumed-right-2021-energy', lastYear: 2007, excludes: CORE_EXCLUDES },
  /** Up to 2005; 2000–2005 compounds capped at 15 % of the plan's households (see funding/suzhou-2021). */
  'suzhou-2021': { id: 'suzhou-2021', lastYear: 2005, extendedFrom: 2000, excludes: CORE_EXCLUDES },
} as const satisfies Record<string, EligibilityRule>;

export type EligibilityStatus = 'eligible' | 'extended' | 'too-new' | 'excluded' | 'unknown-year';

export interface Eligibility {
  status: EligibilityStatus;
  /** null when the build year is missing and nothing excludes the compound. */
  eligible: boolean | null;
  exclusions: Exclusion[];
}

/** Exclusion categories named by a compound's extra attributes. */
export function exclusionsOf(extra: Readonly<Record<string, unknown>>): Exclusion[] {
  const found = new Set<Exclusion>();
  for (const [key, value] of Object.entries(extra)) {
    const text = typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
    if (!text) continue;
    for (const [kind, re] of Object.entries(MARKERS) as [Exclusion, RegExp][]) {
      if ((TYPE_COLUMN.test(key) && re.test(text)) || (re.test(key) && YES.test(text))) found.add(kind);
    }
  }
  return [...found];
}

/** Whether a compound may be renovated under `rule` (default: the core before-2000 rule). */
export function eligibility(compound: Compound, rule: EligibilityRule = RULES.core): Eligibility {
  const exclusions = exclusionsOf(compound.extra).filter((e) => rule.excludes.includes(e));
  if (exclusions.length) return { status: 'excluded', eligible: false, exclusions };
  const y = compound.year_built;
  if (y === null || !Number.isFinite(y)) return { status: 'unknown-year', eligible: null, exclusions };
  if (y > rule.lastYear) return { status: 'too-new', eligible: false, exclusions };
  if (rule.extendedFrom !== undefined && y >= rule.extendedFrom) return { status: 'extended', eligible: true, exclusions };
  return { status: 'eligible', eligible: true, exclusions };
}
