// Parse the numbers, years and classes found in Chinese ledgers: "1,234", "1 234", "１２３", "12.5万", "1998年", "1990年代".
import type { Category } from '../geo/types';

/** A number and the unit text written after it (NFKC, spaces removed), e.g. "12.5万元" → {value: 12.5, unit: '万元'}. */
export interface Quantity {
  value: number;
  unit: string;
}

const EMPTY = new Set(['', '-', '--', '—', '——', '/', '无', '暂无', '不详', 'n/a', 'na', 'null', 'none', '?', '？']);

/**
 * Read a number with its trailing unit. Accepted: JS numbers; strings after NFKC (full-width digits, commas and
 * spaces become ASCII): "1234", "-12.5", "1,234.5" and "1 234" (thousands separators only in groups of three,
 * so "1,5" is refused as ambiguous), "12.5万元", "3栋". Returns null for empty markers ("", "-", "无", "不详") and anything else.
 */
export function parseQuantity(v: unknown): Quantity | null {
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v, unit: '' } : null;
  if (typeof v === 'bigint') return { value: Number(v), unit: '' };
  if (typeof v !== 'string') return null;
  const s = v.normalize('NFKC').trim().replace(/\u00a0|\u2009|\u202f/g, ' ');
  if (EMPTY.has(s.toLowerCase())) return null;
  const m = /^([-+]?)(\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)(\.\d+)?\s*(.*)$/.exec(s) ?? /^([-+]?)()(\.\d+)\s*(.*)$/.exec(s);
  if (!m) return null;
  const unit = m[4].replace(/\s+/g, '');
  // A unit must not start with a digit or separator ("1,5" or "12 3"): refuse rather than guess.
  if (/^[\d.,]/.test(unit)) return null;
  const value = Number(`${m[1]}${m[2].replace(/[, ]/g, '') || '0'}${m[3] ?? ''}`);
  return Number.isFinite(value) ? { value, unit } : null;
}

/** A plain number: like parseQuantity, with a leading 万 (×10⁴) or 亿 (×10⁸) in the unit applied; other unit text ignored. */
export function parseNumber(v: unknown): number | null {
  const q = parseQuantity(v);
  if (!q) return null;
  if (q.unit.startsWith('万')) return q.value * 1e4;
  if (q.unit.startsWith('亿')) return q.value * 1e8;
  return q.value;
}

/**
 * A year from a ledger cell. "1998", 1998, "1998年", "1998年6月", "1998-06-01", "1998.6" → 1998;
 * a decade "1990年代" / "90年代" → 1990 (its first year: eligibility rules compare with "before 2000", and every year of
 * the 1990s passes, so the start is the honest summary); a range "1995-1998" / "1995～1998" → 1995 (the earliest part);
 * two digits "98年" → 1998 (≥ 50 → 19xx, else 20xx); a Date → its UTC year. Years outside 1800…2100 → null.
 */
export function parseYear(v: unknown): number | null {
  if (v instanceof Date) return plausible(v.getUTCFullYear());
  if (typeof v === 'number') return Number.isInteger(v) ? plausible(v) : plausible(Math.floor(v));
  if (typeof v !== 'string') return null;
  const s = v.normalize('NFKC').trim();
  const four = /(?:^|\D)(\d{4})(?!\d)/.exec(s);
  if (four) return plausible(Number(four[1]));
  const two = /^(\d{2})\s*年/.exec(s);
  if (two) {
    const n = Number(two[1]);
    return n >= 50 ? 1900 + n : 2000 + n;
  }
  return null;
}

function plausible(y: number): number | null {
  return y >= 1800 && y <= 2100 ? y : null;
}

const CATEGORY_WORDS: [Category, RegExp][] = [
  ['upgrade', /提升|upgrade/i],
  ['improve', /完善|improve/i],
  ['basic', /基础|basic/i],
  ['mandatory', /必选|必改|mandatory/i],
];

/**
 * A renovation class from 基础类/完善类/提升类/必选类 or basic/improve/upgrade/mandatory (any case, with or without 类).
 * A cell naming several classes ("基础类+完善类") gets the highest one named: a compound is listed under the
 * most ambitious class of works it receives.
 */
export function parseCategory(v: unknown): Category | null {
  if (typeof v !== 'string') return null;
  const s = v.normalize('NFKC');
  for (const [cat, re] of CATEGORY_WORDS) if (re.test(s)) return cat;
  return null;
}

/** A trimmed string, or '' for null/undefined; numbers are written plainly. */
export function parseText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}
