// The load report: what was repaired, what deserves a look, what was excluded — one bilingual sentence per finding,
// each naming the file, the feature and its row; plus the checks that need a field mapping, and the size limit.
import type { FeatureId, RawFeature } from '../geo/types';
import { sentence, UserError } from './errors';
import type { FieldMatch, MappableField } from './fields';
import type { NoteCode } from './repair';
import { parseQuantity, parseYear } from './values';

export type IssueCode =
  | NoteCode
  | 'skipped-by-format'
  | 'duplicate-id'
  | 'formula-text'
  | 'encoding-guessed'
  | 'truncated'
  | 'missing-field'
  | 'non-numeric';

/** One finding. `row` is 0-based (printed 1-based); null row and id for findings about the whole file. */
export interface Issue {
  code: IssueCode;
  row: number | null;
  id: FeatureId | null;
  /** Whole sentences, starting with file, feature and row. */
  en: string;
  zh: string;
}

/** The report of one load: repaired features (kept), warnings (kept), excluded features (not loaded). */
export interface LoadReport {
  repairs: Issue[];
  warnings: Issue[];
  excluded: Issue[];
}

/** One finding as sentences; an id equal to the row (the fallback id) is not printed, the row says it. */
export function issue(code: IssueCode, file: string, row: number | null, id: FeatureId | null, en: string, zh: string): Issue {
  if (id === row) id = null;
  const s = sentence({ file, id: id ?? undefined, row: row ?? undefined }, en, zh);
  return { code, row, id, en: s.en, zh: s.zh };
}

/** Default refusal size: 1.5 GiB, about what one browser tab can parse before it dies. */
export const DEFAULT_MAX_BYTES = 1.5 * 1024 ** 3;

/**
 * The largest file worth trying on a device with `deviceMemoryGB` of memory (navigator.deviceMemory, which browsers
 * round down and cap at 8): a parsed GeoJSON takes several times its size as objects, so one sixth of the memory,
 * never more than DEFAULT_MAX_BYTES and never less than 256 MB. Unknown memory: DEFAULT_MAX_BYTES.
 */
export function maxBytesFor(deviceMemoryGB: number | undefined): number {
  if (!deviceMemoryGB || !(deviceMemoryGB > 0)) return DEFAULT_MAX_BYTES;
  return Math.max(256 * 1024 ** 2, Math.min(DEFAULT_MAX_BYTES, (deviceMemoryGB * 1024 ** 3) / 6));
}

/** Refuse a file larger than `maxBytes` before reading it (the worker can call this with File.size). */
export function checkSize(file: string, size: number, maxBytes = DEFAULT_MAX_BYTES): void {
  if (size <= maxBytes) return;
  throw new UserError(
    `is ${bytesText(size)}, more than the ${bytesText(maxBytes)} this device can load; split it, or convert it to FlatGeobuf (.fgb) and load one area at a time`,
    `有 ${bytesText(size)}，超过本设备可加载的 ${bytesText(maxBytes)}；请拆分文件，或转为 FlatGeobuf（.fgb）后按范围分块加载`,
    { file },
  );
}

/** 1.5 GB, 320 MB, 12 KB: binary units, one decimal below 10. */
function bytesText(n: number): string {
  const [v, unit] = n >= 1024 ** 3 ? [n / 1024 ** 3, 'GB'] : n >= 1024 ** 2 ? [n / 1024 ** 2, 'MB'] : [n / 1024, 'KB'];
  return `${v < 10 ? Math.round(v * 10) / 10 : Math.round(v)} ${unit}`;
}

/** Warnings for ids used by more than one feature (every later use, naming the first). */
export function duplicateIds(file: string, features: readonly RawFeature[]): Issue[] {
  // ids are nearly always all different: a table of our own hashes says so (a Map or Set first hashes each
  // freshly parsed string, ~0.2 s for 200k ids); only when two ids are equal are the first rows looked up, to name them
  if (allDifferent(features)) return [];
  // numbers and strings apart, so 7 and "7" are different ids, without building a key string per feature
  const firstNum = new Map<number, number>();
  const firstStr = new Map<string, number>();
  const out: Issue[] = [];
  for (const f of features) {
    const first: Map<FeatureId, number> = typeof f.id === 'number' ? firstNum : firstStr;
    const prev = first.get(f.id);
    if (prev === undefined) first.set(f.id, f.row);
    else {
      out.push(
        issue('duplicate-id', file, f.row, f.id, `the id ${String(f.id)} is also used by row ${prev + 1}; joins and exports by id will be ambiguous`, `编号 ${String(f.id)} 与第 ${prev + 1} 行重复；按编号关联和导出将无法区分`),
      );
    }
  }
  return out;
}

/** Whether no two features have equal ids (===: 7 and "7" differ), by open addressing on a hash of each id. */
function allDifferent(features: readonly RawFeature[]): boolean {
  const n = features.length;
  let size = 1024;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const slot = new Int32Array(size).fill(-1);
  const bits = new Float64Array(1);
  const words = new Int32Array(bits.buffer);
  for (let i = 0; i < n; i++) {
    const id = features[i].id;
    // FNV-1a over the characters of a string, or over the two words of a number (salted apart)
    let h = 0x811c9dc5;
    if (typeof id === 'string') {
      for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
    } else {
      bits[0] = id === 0 ? 0 : id;
      h = Math.imul(Math.imul(h ^ 0x5bd1e995 ^ words[0], 0x01000193) ^ words[1], 0x01000193);
    }
    for (let at = (h ^ (h >>> 15)) & mask; ; at = (at + 1) & mask) {
      const j = slot[at];
      if (j < 0) {
        slot[at] = i;
        break;
      }
      if (features[j].id === id) return false;
    }
  }
  return true;
}

/** Warnings for text cells starting with "=" (a spreadsheet would run them as formulas); they are kept verbatim. */
export function formulaCells(file: string, features: readonly RawFeature[], max = 100): Issue[] {
  const out: Issue[] = [];
  for (const f of features) {
    const props = f.properties;
    for (const k in props) {
      const v = props[k];
      if (typeof v === 'string' && v.startsWith('=') && out.length < max && Object.hasOwn(props, k)) {
        const cut = v.length > 30 ? `${v.slice(0, 27)}...` : v;
        out.push(issue('formula-text', file, f.row, f.id, `${k} holds "${cut}", which looks like a spreadsheet formula; kept as text, never run`, `${k} 的值“${cut}”像电子表格公式；按文本保留，不会执行`));
      }
    }
  }
  return out;
}

const NUMERIC: readonly MappableField[] = ['households', 'buildings', 'floor_area_m2', 'investment_wan'];

/**
 * Checks that need the field mapping: a missing required field (one file-level warning each) and cells of numeric
 * fields (households, buildings, floor area, investment, year built) that are not numbers ("约200户", "不详" as text
 * where a count is expected) — those are left empty by toCompounds and kept verbatim in `extra`.
 */
export function checkFields(
  layer: { file: string; features: readonly RawFeature[] },
  match: FieldMatch,
  { required = ['name'] as readonly MappableField[], max = 200 }: { required?: readonly MappableField[]; max?: number } = {},
): Issue[] {
  const out: Issue[] = [];
  for (const field of required) {
    if (!match.fields[field]) {
      out.push(issue('missing-field', layer.file, null, null, `has no ${field} column (columns: ${match.columns.join(', ')}); map one by hand`, `没有${FIELD_ZH[field] ?? field}列（列：${match.columns.join('，')}）；请手动指定`));
    }
  }
  const checks = [...NUMERIC, 'year_built' as const].flatMap((field) => (match.fields[field] ? [{ field, column: match.fields[field].column }] : []));
  for (const f of layer.features) {
    for (const { field, column } of checks) {
      const v = f.properties[column];
      if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
      const ok = field === 'year_built' ? parseYear(v) !== null : parseQuantity(v) !== null;
      if (!ok && out.length < max) {
        const text = String(v).slice(0, 30);
        out.push(
          issue('non-numeric', layer.file, f.row, f.id, `${column} "${text}" is not a ${field === 'year_built' ? 'year' : 'number'}; left empty, the text kept`, `${column}“${text}”不是${field === 'year_built' ? '年份' : '数字'}；按空值处理，原文保留`),
        );
      }
    }
  }
  return out;
}

const FIELD_ZH: Partial<Record<MappableField, string>> = { name: '小区名称', id: '编号', district: '所属区县', households: '户数', buildings: '楼栋数', floor_area_m2: '建筑面积', investment_wan: '投资' };

/** Throw when a table (e.g. a ledger) lacks a column it must have to be used. */
export function requireColumns(file: string, match: FieldMatch, fields: readonly MappableField[]): void {
  const missing = fields.filter((f) => !match.fields[f]);
  if (!missing.length) return;
  const zh = missing.map((f) => FIELD_ZH[f] ?? f).join('、');
  throw new UserError(
    `has no ${missing.join(', ')} column (columns: ${match.columns.join(', ')}); rename a column or choose one by hand`,
    `缺少${zh}列（列：${match.columns.join('，')}）；请重命名列或手动指定`,
    { file },
  );
}

/** The report as CSV (kind, row, id, code, English, Chinese), cells that a spreadsheet would run as formulas quoted. */
export function reportCsv(report: LoadReport): string {
  const cell = (v: unknown): string => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = ['kind,row,id,code,en,zh'];
  for (const [kind, list] of [['repaired', report.repairs], ['warning', report.warnings], ['excluded', report.excluded]] as const) {
    for (const i of list) lines.push([kind, i.row === null ? '' : i.row + 1, i.id, i.code, i.en, i.zh].map(cell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
