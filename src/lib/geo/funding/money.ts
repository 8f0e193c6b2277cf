// Reading money out of a ledger's extra columns: investment split by class, funding sources,
// lift costs, works lists. English keys as the sample data writes them, plus common Chinese headers.

import type { Category, Compound } from '../types';

/** A number from a cell: numbers as they are, numeric strings ("1,200.5") parsed, else null. */
export function cellNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.replace(/[,，\s]/g, '');
  if (!s) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

// investment_basic_wan / basic_wan / 基础类投资（万元）
const CLASS_KEYS: [Category, RegExp][] = [
  ['mandatory', /^(investment_)?mandatory(_wan)?$|必选类/i],
  ['basic', /^(investment_)?basic(_wan)?$|基础类/i],
  ['improve', /^(investment_)?improve(_wan)?$|完善类/i],
  ['upgrade', /^(investment_)?upgrade(_wan)?$|提升类/i],
];

export type ClassSplit = Record<Category, number>;

/** The compound's investment by class in 万元, or null when the ledger does not split it. */
export function classSplit(c: Compound): ClassSplit | null {
  const split: ClassSplit = { mandatory: 0, basic: 0, improve: 0, upgrade: 0 };
  let any = false;
  for (const [key, value] of Object.entries(c.extra)) {
    const n = cellNumber(value);
    if (n === null) continue;
    const hit = CLASS_KEYS.find(([, re]) => re.test(key));
    if (hit) {
      split[hit[0]] += n;
      any = true;
    }
  }
  return any ? split : null;
}

export type Source = 'central' | 'provincial' | 'city' | 'district' | 'residents' | 'enterprises' | 'utilities';
export const SOURCES: readonly Source[] = ['central', 'provincial', 'city', 'district', 'residents', 'enterprises', 'utilities'];

// funding_central_wan / 中央补助资金（万元）: Chinese keys must also name money, so 居民户数 is not read.
const MONEY_WORD = /资金|补助|补贴|出资|财政|筹|万元|投入|奖补/;
const SOURCE_KEYS: [Source, RegExp, RegExp][] = [
  ['central', /^funding_central(_wan)?$/i, /中央/],
  ['provincial', /^funding_provincial(_wan)?$/i, /省/],
  ['city', /^funding_city(_wan)?$/i, /市级|市财政|市本级/],
  ['district', /^funding_district(_wan)?$/i, /区级|县级|区县|区财政|县财政|旗财政|旗级/],
  ['residents', /^funding_residents(_wan)?$/i, /居民|业主/],
  ['enterprises', /^funding_enterprises(_wan)?$/i, /企业|社会/],
  ['utilities', /^funding_utilities(_wan)?$/i, /专营|管线/],
];

/** Funding sources in 万元 as the ledger lists them; null when the ledger has no such column. */
export type Sources = Record<Source, number | null>;

export function sourcesOf(c: Compound): Sources {
  const out: Sources = { central: null, provincial: null, city: null, district: null, residents: null, enterprises: null, utilities: null };
  for (const [key, value] of Object.entries(c.extra)) {
    const n = cellNumber(value);
    if (n === null) continue;
    const hit = SOURCE_KEYS.find(([, en, zh]) => en.test(key) || (zh.test(key) && MONEY_WORD.test(key)));
    if (hit) out[hit[0]] = (out[hit[0]] ?? 0) + n;
  }
  return out;
}

export const hasSources = (s: Sources): boolean => SOURCES.some((k) => s[k] !== null);
export const orZero = (v: number | null): number => v ?? 0;
/** Higher-level grants: central + provincial. */
export const grantsOf = (s: Sources): number => orZero(s.central) + orZero(s.provincial);
/** Enterprises including utilities (专营单位 are enterprises in the plans' wording). */
export const enterprisesOf = (s: Sources): number => orZero(s.enterprises) + orZero(s.utilities);

/** Lift installation cost in 万元 (investment_lift_wan / 加装电梯投资), or 0. */
export function liftCost(c: Compound): number {
  let sum = 0;
  for (const [key, value] of Object.entries(c.extra)) {
    if (/^(investment_)?lifts?(_wan)?$|电梯/i.test(key)) sum += cellNumber(value) ?? 0;
  }
  return sum;
}

const YES = /^(是|有|y|yes|true|1|√)$/i;
const HEATING = /供热|供暖|暖气|采暖|heating/i;

/**
 * Whether the compound's heating is renovated: a yes/no column named after heating
 * (heating_renovated: 是) or a works-list column (改造内容, works) that mentions it.
 */
export function heatingRenovated(c: Compound): boolean {
  return Object.entries(c.extra).some(([key, value]) => {
    const text = typeof value === 'boolean' ? String(value) : typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    if (HEATING.test(key)) return YES.test(text);
    return /改造内容|改造项目|建设内容|works|content|items/i.test(key) && HEATING.test(text);
  });
}

/** Round 万元 to 4 decimals (1 yuan) so sums of shares compare cleanly in tests and tables. */
export const yuan = (wan: number): number => Math.round(wan * 1e4) / 1e4;

/** Rate in 元/m² times floor area in m², in 万元. */
export const perM2ToWan = (yuanPerM2: number, m2: number): number => (yuanPerM2 * m2) / 1e4;
