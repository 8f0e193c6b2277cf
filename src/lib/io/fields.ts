// Recognise which column holds which compound / parcel field, with units, from Chinese and English names.
import type { CompoundField } from '../geo/types';
import { parseQuantity } from './values';

/** Idle-parcel attributes (the parcel's area is always computed from its geometry). */
export type ParcelField = 'current_use' | 'owner' | 'note';
export type MappableField = CompoundField | ParcelField;

/** One field bound to one column; `scale` multiplies the column's plain numbers into canonical units (m², 万元). */
export interface FieldBinding {
  column: string;
  /** Canonical value = number × scale (floor area in m², investment in 万元; 1 for everything else). */
  scale: number;
  /** The unit as understood, e.g. '万m²', '元', or '' when there is none. */
  unit: string;
  /** Where the unit came from: the column name, the values (heuristic, worth confirming), the default, or the user. */
  unitSource: 'name' | 'values' | 'default' | 'user';
}

export interface FieldMatch {
  fields: Partial<Record<MappableField, FieldBinding>>;
  /** Columns bound to no field, in source order. */
  unmatched: string[];
  columns: string[];
  /** columnSetKey(columns), to remember a manual mapping for this column set. */
  key: string;
}

/** Names matched only whole: as substrings they would steal columns ("小区户数" is households, not name). */
const EXACT_ONLY = new Set(['小区', '名称', '类型', '年度', '现状', '用途', '批次']);

/** Names per field (compared after normalisation: NFKC, lower case, no spaces, no bracketed unit). */
export const FIELD_NAMES: Record<MappableField, string[]> = {
  id: ['id', '编号', '小区编号', '项目编号', '代码', '小区代码', '编码', 'code', 'compound_id', 'bh'],
  name: ['name', '小区名称', '小区名', '名称', '项目名称', '小区', 'compound', 'compound_name', 'xqmc', 'mc'],
  district: ['district', '所属区县', '区县', '所属区', '行政区', '区', '县区', '县', '县（市、区）', '区县名称', '所属区县名称', 'county', 'qx'],
  street: ['street', '街道', '乡镇', '所属街道', '街道名称', '街道办', '乡镇街道', '街道（乡镇）', '所属街道办事处', '乡', 'township', 'subdistrict', 'jd'],
  year_built: ['year_built', '建成年代', '建成年份', '建成时间', '竣工年份', '竣工时间', '建设年代', '建成年度', '建筑年代', 'built', 'year', 'jcnd'],
  buildings: ['buildings', '楼栋数', '栋数', '楼幢数', '幢数', '楼栋', '楼栋数量', 'n_buildings', 'building_count', 'blocks', 'lds'],
  households: ['households', '户数', '住户数', '总户数', '居民户数', '户', 'n_households', 'flats', 'units', 'hs'],
  floor_area_m2: ['floor_area_m2', '建筑面积', '总建筑面积', '房屋建筑面积', '改造面积', 'floor_area', 'gfa', 'jzmj'],
  investment_wan: ['investment_wan', '计划投资', '总投资', '投资', '估算投资', '投资估算', '计划总投资', '概算投资', '投资额', 'investment', 'cost', 'budget', 'tz'],
  category: ['category', '改造类别', '改造类型', '类别', '类型', '改造内容类别', 'class'],
  plan_year: ['plan_year', '计划年度', '改造年度', '实施年度', '计划改造年度', '年度', '批次', 'year_planned'],
  status: ['status', '状态', '进度', '改造进度', '实施进度', '项目状态', '进展', 'progress'],
  current_use: ['current_use', '现状用途', '用途', '现状', '土地用途', 'use', 'land_use'],
  owner: ['owner', '权属', '权属单位', '权属人', '产权单位', '所有权人', 'ownership'],
  note: ['note', '备注', '说明', 'notes', 'remark', 'remarks', 'comment'],
};

/**
 * Match columns to fields. Per column, the best name wins: exact name (after normalisation) beats a name contained in
 * the column (Chinese names of 2+ characters as substrings, English names as whole `_`/space-separated tokens); among
 * contained names the earliest in the column wins ("街道名称" → street, not name), then the longest. Each field takes
 * at most one column and each column one field, best scores first (a unit in the name breaks a tie), then column order.
 * Units: from the column name ('(万m²)', '（㎡）', '(万元)', '(元)', '亿元'), else from `sampleRows` (see unitFromValues),
 * else the canonical unit.
 */
export function matchFields(columns: readonly string[], sampleRows: readonly Record<string, unknown>[] = []): FieldMatch {
  type Cand = { field: MappableField; column: string; col: number; score: number };
  const cands: Cand[] = [];
  columns.forEach((column, col) => {
    const best = bestField(column);
    // Between equal names, the one stating its unit ("建筑面积（万㎡）" over "建筑面积") is the safer column.
    const unitBonus = best && (best.field === 'floor_area_m2' || best.field === 'investment_wan') && unitFromName(best.field, column) ? 1 : 0;
    if (best) cands.push({ field: best.field, column, col, score: best.score + unitBonus });
  });
  cands.sort((a, b) => b.score - a.score || a.col - b.col);
  const fields: FieldMatch['fields'] = {};
  const used = new Set<string>();
  for (const c of cands) {
    if (fields[c.field] || used.has(c.column)) continue;
    fields[c.field] = bind(c.field, c.column, sampleRows);
    used.add(c.column);
  }
  return { fields, unmatched: columns.filter((c) => !used.has(c)), columns: [...columns], key: columnSetKey(columns) };
}

function bestField(column: string): { field: MappableField; score: number } | null {
  const n = normaliseColumn(column);
  if (!n) return null;
  const tokens = n.split(/[_\-.\s/]+/);
  let best: { field: MappableField; score: number } | null = null;
  for (const [field, names] of Object.entries(FIELD_NAMES) as [MappableField, string[]][]) {
    for (const raw of names) {
      const name = normaliseColumn(raw);
      let score = 0;
      if (n === name) score = 1000;
      else if (!EXACT_ONLY.has(raw) && /[^ -~]/.test(name) && name.length >= 2 && n.includes(name)) score = 500 - n.indexOf(name) * 10 + name.length;
      else if (/^[ -~]+$/.test(name) && name.length >= 3 && tokens.includes(name)) score = 400 - tokens.indexOf(name) * 10 + name.length;
      if (score && (!best || score > best.score)) best = { field, score };
    }
  }
  return best;
}

/** Column name for matching: NFKC, lower case, bracketed unit text and spaces removed. */
export function normaliseColumn(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/\s+/g, '')
    .trim();
}

/** Bind a column to a field, working out the unit and scale. */
export function bind(field: MappableField, column: string, sampleRows: readonly Record<string, unknown>[] = []): FieldBinding {
  if (field !== 'floor_area_m2' && field !== 'investment_wan') return { column, scale: 1, unit: '', unitSource: 'default' };
  const named = unitFromName(field, column);
  if (named) return { column, ...named, unitSource: 'name' };
  const byValues = unitFromValues(field, sampleRows.map((r) => r[column]));
  if (byValues) return { column, ...byValues, unitSource: 'values' };
  return { column, ...(field === 'floor_area_m2' ? { scale: 1, unit: 'm²' } : { scale: 1, unit: '万元' }), unitSource: 'default' };
}

/** Unit written in a column name, e.g. '建筑面积(万m²)' → ×10 000 to m²; '总投资（元）' → ×0.0001 to 万元. */
export function unitFromName(field: 'floor_area_m2' | 'investment_wan', column: string): { scale: number; unit: string } | null {
  const s = column.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  if (field === 'floor_area_m2') {
    if (/万(m2|m²|㎡|平方米|平米|平方)/.test(s) || /_wan(m2)?$/.test(s)) return { scale: 1e4, unit: '万m²' };
    if (/公顷|hectare|_ha$/.test(s)) return { scale: 1e4, unit: 'ha' };
    if (/m2|m²|㎡|平方米|平米|sqm/.test(s)) return { scale: 1, unit: 'm²' };
    return null;
  }
  if (/亿元/.test(s)) return { scale: 1e4, unit: '亿元' };
  if (/万元|_wan$|wan_yuan|万/.test(s)) return { scale: 1, unit: '万元' };
  if (/元|yuan|cny|rmb/.test(s)) return { scale: 1e-4, unit: '元' };
  return null;
}

/**
 * Unit guessed from the values when the name says none (flagged unitSource 'values' so the UI can ask):
 * - floor area: the median positive value < 100 and the largest < 1 000 → 万m². No compound has less than 100 m² of
 *   floor area (a lone six-storey building has ~2 000 m²), while in 万m² a compound is typically 0.2–30.
 * - investment: the median positive value > 100 000 → 元. 100 000 万元 (1 billion yuan) for one compound is not
 *   credible (city plans average a few hundred 万元 per compound), while in 元 it is 100 000 yuan, which is.
 * Needs at least 3 numbers; otherwise null.
 */
export function unitFromValues(field: 'floor_area_m2' | 'investment_wan', values: readonly unknown[]): { scale: number; unit: string } | null {
  const nums = values
    .map((v) => parseQuantity(v))
    .filter((q): q is NonNullable<typeof q> => q !== null && q.unit === '' && q.value > 0)
    .map((q) => q.value)
    .sort((a, b) => a - b);
  if (nums.length < 3) return null;
  const median = nums[Math.floor(nums.length / 2)];
  const max = nums[nums.length - 1];
  if (field === 'floor_area_m2') return median < 100 && max < 1000 ? { scale: 1e4, unit: '万m²' } : { scale: 1, unit: 'm²' };
  return median > 1e5 ? { scale: 1e-4, unit: '元' } : { scale: 1, unit: '万元' };
}

/**
 * A stable key for a set of columns (order and case of the file do not matter; NFKC applied), so a UI can remember
 * the user's manual mapping for files with the same columns. Form: `cols<count>-<FNV-1a hex>`.
 */
export function columnSetKey(columns: readonly string[]): string {
  const joined = [...new Set(columns.map((c) => c.normalize('NFKC').trim().toLowerCase()))].sort().join('\u001f');
  let h = 0x811c9dc5;
  for (let i = 0; i < joined.length; i++) {
    h ^= joined.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `cols${columns.length}-${h.toString(16).padStart(8, '0')}`;
}

/** A user's override for one field: a column (unit from its name), a column with an explicit scale, or null to unbind. */
export type FieldOverride = string | null | { column: string; scale: number; unit?: string };

/**
 * Apply manual choices to a match; returns a new match (the input is not changed). Binding a column already used by
 * another field moves it: the other field is unbound.
 */
export function applyManualMapping(match: FieldMatch, overrides: Partial<Record<MappableField, FieldOverride>>): FieldMatch {
  const fields: FieldMatch['fields'] = { ...match.fields };
  for (const [field, o] of Object.entries(overrides) as [MappableField, FieldOverride | undefined][]) {
    if (o === undefined) continue;
    if (o === null) {
      delete fields[field];
      continue;
    }
    const column = typeof o === 'string' ? o : o.column;
    for (const [f, b] of Object.entries(fields) as [MappableField, FieldBinding][]) if (b.column === column && f !== field) delete fields[f];
    fields[field] = typeof o === 'string' ? bind(field, column) : { column, scale: o.scale, unit: o.unit ?? '', unitSource: 'user' };
  }
  const used = new Set(Object.values(fields).map((b) => b.column));
  return { ...match, fields, unmatched: match.columns.filter((c) => !used.has(c)) };
}

export { toCompounds, toParcels } from './records';
