// Attribute values edited by hand in the table: checked like the loader checks a file's values, kept by compound id
// (so they hold after a reload of the same file), and applied over the loaded compounds in order.
import { CATEGORIES, type Category, type Compound } from './types';

export const EDITABLE_FIELDS = ['name', 'district', 'street', 'year_built', 'buildings', 'households', 'floor_area_m2', 'investment_wan', 'category', 'plan_year', 'status'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type EditValue = string | number | null;

export interface AttributeEdit {
  id: string;
  field: EditableField;
  value: EditValue;
}

type Problem = { zh: string; en: string };

const WHOLE = new Set<EditableField>(['buildings', 'households']);
const YEAR = new Set<EditableField>(['year_built', 'plan_year']);
const NUMBER = new Set<EditableField>(['year_built', 'buildings', 'households', 'floor_area_m2', 'investment_wan', 'plan_year']);

export function isEditable(field: string): field is EditableField {
  return (EDITABLE_FIELDS as readonly string[]).includes(field);
}

/**
 * The value typed for a field, or why it cannot be taken. Empty text clears a number (null). Numbers take the
 * thousands separators and full-width digits people type; counts are whole and >= 0, years 1900–2100, amounts >= 0;
 * a category is one of the four policy categories (by key or by its Chinese name).
 */
export function parseEdit(field: EditableField, text: string, categoryNames: Readonly<Record<Category, string>>): { value: EditValue } | { problem: Problem } {
  const t = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[，,\s]/g, (c) => (NUMBER.has(field) ? '' : c));
  if (field === 'category') {
    if (!t) return { value: null };
    const hit = CATEGORIES.find((c) => c === t || categoryNames[c] === t);
    return hit ? { value: hit } : { problem: { zh: `类别只能是：${CATEGORIES.map((c) => categoryNames[c]).join('、')}`, en: `The category must be one of ${CATEGORIES.join(', ')}` } };
  }
  if (!NUMBER.has(field)) {
    if (field === 'name' && !t) return { problem: { zh: '小区名称不能为空', en: 'The name cannot be empty' } };
    return { value: t };
  }
  if (!t) return { value: null };
  const n = Number(t);
  if (!Number.isFinite(n)) return { problem: { zh: `“${text}”不是数字`, en: `"${text}" is not a number` } };
  if (n < 0) return { problem: { zh: '不能为负数', en: 'It cannot be negative' } };
  if (WHOLE.has(field) && !Number.isInteger(n)) return { problem: { zh: '须为整数', en: 'It must be a whole number' } };
  if (YEAR.has(field) && !(Number.isInteger(n) && n >= 1900 && n <= 2100)) return { problem: { zh: '年份须在 1900–2100 之间', en: 'A year must be between 1900 and 2100' } };
  return { value: n };
}

/** The changes an edit list makes to `base`, by index (the last edit of a field wins), and ids not found. */
export function resolveEdits(base: readonly Compound[], edits: readonly AttributeEdit[]): { changes: { index: number; field: EditableField; value: EditValue }[]; missing: string[] } {
  if (!edits.length) return { changes: [], missing: [] };
  // an id the file repeats names every compound that has it (the loader warned about the repeat)
  const index = new Map<string, number[]>();
  base.forEach((c, i) => index.set(String(c.id), [...(index.get(String(c.id)) ?? []), i]));
  const last = new Map<string, { index: number; field: EditableField; value: EditValue }>();
  const missing: string[] = [];
  for (const e of edits) {
    const at = index.get(e.id);
    if (!at) {
      if (!missing.includes(e.id)) missing.push(e.id);
      continue;
    }
    for (const i of at) last.set(`${i}\u0000${e.field}`, { index: i, field: e.field, value: e.value });
  }
  return { changes: [...last.values()], missing };
}

/** The compounds with the changes made (new objects where changed; `base` itself when nothing changes). */
export function applyChanges<T extends Compound>(base: readonly T[], changes: readonly { index: number; field: EditableField; value: EditValue }[]): T[] {
  if (!changes.length) return base as T[];
  const out = base.slice();
  for (const { index, field, value } of changes) out[index] = { ...out[index], [field]: value };
  return out;
}

