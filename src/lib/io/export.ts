// Every result leaves the app as one table model, written as GeoJSON, FlatGeobuf, CSV or XLSX by one dispatch.
import type { AnyGeometry, Category, Compound, IdleParcel } from '../geo/types';
import { toCsv } from './csv';
import { writeFlatGeobuf } from './write-fgb';
import { writeGeoJson } from './write-geojson';
import { writeXlsx } from './write-xlsx';

export type ExportFormat = 'geojson' | 'fgb' | 'csv' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['geojson', 'fgb', 'csv', 'xlsx'];

export interface ExportColumn {
  /** Property name in GeoJSON/FGB; header in CSV/XLSX when there is no label. */
  key: string;
  /** Header text in CSV/XLSX (e.g. '建筑面积(m²)'). */
  label?: string;
  type: 'string' | 'number' | 'boolean';
}

/** A result as rows of named, typed columns, with an optional WGS84 geometry per row. */
export interface ExportTable {
  /** Sheet name, GeoJSON `name`, default file name. */
  name: string;
  columns: ExportColumn[];
  rows: Record<string, unknown>[];
  /** One per row (same order), or absent for a plain table. */
  geometry?: (AnyGeometry | null)[];
}

export type Cell = string | number | boolean | null;

/**
 * Write a table. GeoJSON/FGB use column keys, CSV/XLSX the labels. CSV: UTF-8 with BOM, text starting with = + - @
 * gets a leading apostrophe (numbers stay numbers). XLSX: text is stored as text, never as a formula.
 * FlatGeobuf needs a geometry on every row (UserError otherwise); check with `formatsFor`.
 */
export async function exportTable(table: ExportTable, format: ExportFormat): Promise<Uint8Array> {
  switch (format) {
    case 'geojson':
      return writeGeoJson(table);
    case 'fgb':
      return writeFlatGeobuf(table);
    case 'csv':
      return new TextEncoder().encode(toCsv(headerLabels(table), tableCells(table)));
    case 'xlsx':
      return writeXlsx(table);
    default:
      throw new Error(`unknown export format ${JSON.stringify(format)}; use one of ${EXPORT_FORMATS.join(', ')}`);
  }
}

/** Formats a table can be written in: all four when every row has a geometry, GeoJSON too when some do. */
export function formatsFor(table: ExportTable): ExportFormat[] {
  const g = table.geometry;
  const some = !!g && g.some((x) => x);
  const all = !!g && table.rows.every((_, i) => g[i]);
  return [...(some ? (['geojson'] as const) : []), ...(all ? (['fgb'] as const) : []), 'csv', 'xlsx'];
}

const EXT: Record<ExportFormat, { ext: string; mime: string }> = {
  geojson: { ext: 'geojson', mime: 'application/geo+json' },
  fgb: { ext: 'fgb', mime: 'application/octet-stream' },
  csv: { ext: 'csv', mime: 'text/csv;charset=utf-8' },
  xlsx: { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
};

/** File name (characters Windows forbids → "_", the format's extension) and MIME type for a download. */
export function exportFileName(base: string, format: ExportFormat): { name: string; mime: string } {
  const { ext, mime } = EXT[format];
  // eslint-disable-next-line no-control-regex
  const stem = base.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'export';
  return { name: `${stem}.${ext}`, mime };
}

/**
 * The table's cells, row-major in column order, checked against the column types: null/undefined/NaN/±Infinity →
 * null; string columns take any value (objects as JSON, Dates as ISO text); number and boolean columns throw on a
 * value of another type, naming table, column and row. Also checks keys are unique and geometry has one per row.
 */
export function tableCells(table: ExportTable): Cell[][] {
  const keys = new Set<string>();
  for (const c of table.columns) {
    if (keys.has(c.key)) throw new Error(`table "${table.name}" has the column key "${c.key}" twice`);
    keys.add(c.key);
  }
  if (table.geometry && table.geometry.length !== table.rows.length) {
    throw new Error(`table "${table.name}" has ${table.geometry.length} geometries for ${table.rows.length} rows`);
  }
  return table.rows.map((row, i) =>
    table.columns.map((c) => {
      const v = row[c.key];
      if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return null;
      if (c.type === 'string') return textOf(v);
      if (c.type === 'number' && typeof v === 'number') return v;
      if (c.type === 'boolean' && typeof v === 'boolean') return v;
      throw new Error(`table "${table.name}", column "${c.key}" (${c.type}), row ${i + 1}: ${JSON.stringify(v)} is not a ${c.type}`);
    }),
  );
}

/** CSV/XLSX header: label ?? key, a repeated one made unique as "name (2)" (as readLedger names repeats). */
export function headerLabels(table: ExportTable): string[] {
  const seen = new Map<string, number>();
  return table.columns.map((c) => {
    const base = c.label ?? c.key;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The column type that fits every non-null value: number, boolean, else string (also when all are null). */
export function inferType(values: Iterable<unknown>): ExportColumn['type'] {
  let t: ExportColumn['type'] | null = null;
  for (const v of values) {
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) continue;
    const vt = typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
    if (t && t !== vt) return 'string';
    t = vt;
  }
  return t ?? 'string';
}

export interface RowsTableOptions {
  /** One WGS84 geometry per row. Default: each row's own `geometry` member when it is a GeoJSON geometry object. */
  geometry?: (AnyGeometry | null)[];
  /** Header labels by key for CSV/XLSX. */
  labels?: Record<string, string>;
}

/**
 * A table from plain rows (clusters, pairs/walls, chosen sites, district sums). Columns in order of first appearance,
 * typed by inferType. A `geometry` member holding a GeoJSON geometry becomes the row's geometry, not a column,
 * unless `geometry` is given. Rows are not changed.
 */
export function rowsTable(name: string, rows: readonly Record<string, unknown>[], { geometry, labels = {} }: RowsTableOptions = {}): ExportTable {
  const own = !geometry && rows.some((r) => isGeometry(r.geometry));
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => !(own && k === 'geometry'));
  const columns = keys.map((key) => ({ key, type: inferType(rows.map((r) => r[key])), ...(labels[key] ? { label: labels[key] } : {}) }));
  const table: ExportTable = { name, columns, rows: [...rows] };
  if (geometry) table.geometry = geometry;
  else if (own) table.geometry = rows.map((r) => (isGeometry(r.geometry) ? r.geometry : null));
  return table;
}

function isGeometry(g: unknown): g is AnyGeometry {
  return !!g && typeof g === 'object' && typeof (g as { type?: unknown }).type === 'string' && Array.isArray((g as { coordinates?: unknown }).coordinates);
}

const COMPOUND_COLUMNS: { key: keyof Compound & string; zh: string; type: ExportColumn['type'] }[] = [
  { key: 'id', zh: '编号', type: 'string' },
  { key: 'name', zh: '小区名称', type: 'string' },
  { key: 'district', zh: '所属区县', type: 'string' },
  { key: 'street', zh: '街道', type: 'string' },
  { key: 'year_built', zh: '建成年代', type: 'number' },
  { key: 'buildings', zh: '楼栋数', type: 'number' },
  { key: 'households', zh: '户数', type: 'number' },
  { key: 'floor_area_m2', zh: '建筑面积(m²)', type: 'number' },
  { key: 'investment_wan', zh: '计划投资(万元)', type: 'number' },
  { key: 'category', zh: '改造类别', type: 'string' },
  { key: 'plan_year', zh: '计划年度', type: 'number' },
  { key: 'status', zh: '状态', type: 'string' },
];
const CATEGORY_ZH: Record<Category, string> = { mandatory: '必选类', basic: '基础类', improve: '完善类', upgrade: '提升类' };

export interface CompoundsTableOptions {
  /** Computed per-compound values by column key, in compound order (cluster, unit, served_by, funding shares…). */
  columns?: Record<string, ArrayLike<number | string | boolean | null>>;
  /** Labels for CSV/XLSX headers: 'en' the canonical keys, 'zh' Chinese names with units (both reopen via matchFields). */
  lang?: 'en' | 'zh';
  /** Header labels for the computed columns, by key. */
  labels?: Record<string, string>;
  name?: string;
}

/**
 * Compounds as a table: the canonical fields (numbers in m² and 万元), then every `extra` attribute, then the computed
 * columns; geometry per compound. The id column is numeric when every id is a number, else text. An extra attribute
 * named like a canonical column is left out when it equals that column in every row (the `id` property the loader
 * copies), else kept as "<name>_source". Category values are the canonical words ('en') or 基础类/完善类… ('zh').
 * A computed column whose length is not the number of compounds throws.
 */
export function compoundsTable(compounds: readonly Compound[], { columns: computed = {}, lang = 'en', labels = {}, name = 'compounds' }: CompoundsTableOptions = {}): ExportTable {
  const n = compounds.length;
  for (const [key, values] of Object.entries(computed)) {
    if (values.length !== n) throw new Error(`computed column "${key}" has ${values.length} values for ${n} compounds`);
  }
  const base = compounds.map((c) => {
    const row: Record<string, unknown> = {};
    for (const col of COMPOUND_COLUMNS) row[col.key] = col.key === 'category' && lang === 'zh' && c.category ? CATEGORY_ZH[c.category] : c[col.key];
    return row;
  });
  // Compare extras with the canonical values as loaded (category in its canonical word), not the zh label.
  const plain = compounds.map((c, i) => ({ ...base[i], category: c.category }));
  const rename = extraNames(compounds.map((c) => c.extra), plain, computed);
  const rows = base.map((row, i) => {
    for (const [k, out] of rename) if (out) row[out] = compounds[i].extra[k];
    for (const [k, values] of Object.entries(computed)) row[k] = values[i];
    return row;
  });
  const columns: ExportColumn[] = [
    ...COMPOUND_COLUMNS.map((c) => ({
      key: c.key,
      type: c.key === 'id' ? (compounds.every((x) => typeof x.id === 'number') && n > 0 ? 'number' : 'string') : c.type,
      ...(lang === 'zh' ? { label: c.zh } : {}),
    })),
    ...[...rename.values()].filter((k): k is string => !!k).map((key) => ({ key, type: inferType(rows.map((r) => r[key])) })),
    ...Object.keys(computed).map((key) => ({ key, type: inferType(rows.map((r) => r[key])), ...(labels[key] ? { label: labels[key] } : {}) })),
  ];
  return { name, columns, rows, geometry: compounds.map((c) => c.geometry) };
}

/**
 * Where each extra attribute goes: its own name, null (left out: named like a canonical or computed column and equal
 * to it wherever present, e.g. the `id` the loader copies), or "<name>_source" (named like one but different).
 */
function extraNames(
  extras: readonly Record<string, unknown>[],
  canonical: readonly Record<string, unknown>[],
  computed: Record<string, ArrayLike<unknown>>,
): Map<string, string | null> {
  const taken = new Set([...Object.keys(canonical[0] ?? {}), ...Object.keys(computed)]);
  const out = new Map<string, string | null>();
  for (const e of extras) {
    for (const k of Object.keys(e)) {
      if (out.has(k)) continue;
      if (!taken.has(k)) out.set(k, k);
      else {
        const at = (i: number): unknown => (k in computed ? computed[k][i] : canonical[i][k]);
        const same = extras.every((x, i) => !(k in x) || x[k] === null || String(x[k]) === String(at(i)));
        out.set(k, same ? null : `${k}_source`);
      }
    }
  }
  return out;
}

/** Idle parcels as a table: id, area_m2 (geodesic, m²), current_use, owner, note, then every `extra` attribute. */
export function parcelsTable(
  parcels: readonly IdleParcel[],
  { name = 'parcels', columns: computed = {} }: { name?: string; columns?: Record<string, ArrayLike<number | string | boolean | null>> } = {},
): ExportTable {
  const base = parcels.map((p) => ({ id: p.id, area_m2: p.area_m2, current_use: p.current_use, owner: p.owner, note: p.note }) as Record<string, unknown>);
  const rename = extraNames(parcels.map((p) => p.extra), base, computed);
  const rows = base.map((row, i) => {
    for (const [k, out] of rename) if (out) row[out] = parcels[i].extra[k];
    for (const [k, values] of Object.entries(computed)) row[k] = values[i];
    return row;
  });
  const table = rowsTable(name, rows, { geometry: parcels.map((p) => p.geometry) });
  const allNumbers = parcels.length > 0 && parcels.every((p) => typeof p.id === 'number');
  table.columns[0] = { key: 'id', type: allNumbers ? 'number' : 'string' };
  return table;
}
