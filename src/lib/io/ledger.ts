// Join a ledger (台账) to polygons by code or by normalised name, and report every row and polygon left over.
import type { FeatureId, RawFeature } from '../geo/types';
import { UserError } from './errors';
import { matchFields } from './fields';
import type { LedgerTable } from './ledger-read';
import { normaliseName } from './names';

export { readLedger, type LedgerTable } from './ledger-read';
export { normaliseName, NAME_SUFFIXES } from './names';

export interface JoinOptions {
  /** 'id': ledger code ↔ feature id/code; 'name': normalised names; 'auto' (default): id when at least half the ledger codes hit, else name. */
  by?: 'id' | 'name' | 'auto';
  /** Feature property to join on (default: the matched name / code column; for 'id', the feature id when none). */
  featureKey?: string;
  /** Ledger column to join on (default: its matched name / code column). */
  ledgerKey?: string;
}

export interface JoinReport {
  /**
   * New features (inputs untouched): ledger values merged over the feature's properties (same column name: the ledger
   * wins, except the join-key column, which keeps the polygon's spelling); empty ledger cells ignored.
   */
  features: RawFeature[];
  /** Columns of the merged features: the features' columns, then new ledger columns. */
  columns: string[];
  by: 'id' | 'name';
  featureKey: string | null;
  ledgerKey: string;
  /** Features that received a ledger row. */
  matched: number;
  /** Ledger rows no polygon matched: data-row index (0-based, as in `rows`) and the raw key. */
  ledgerWithoutPolygon: { row: number; key: string }[];
  /** Polygons no ledger row matched. */
  polygonsWithoutLedger: { id: FeatureId; row: number; name: string }[];
  /** Keys shared by several ledger rows (the first row is used) or several polygons (each gets the row). */
  duplicates: { key: string; ledgerRows: number[]; featureIds: FeatureId[] }[];
}

/**
 * Join ledger rows to features. Keys compare as normaliseName(...) for names and NFKC-trimmed strings for codes
 * (so 12 and "12" meet). Rows with an empty key count as unmatched with key ''.
 */
export function joinLedger(features: readonly RawFeature[], ledger: Pick<LedgerTable, 'columns' | 'rows'>, opts: JoinOptions = {}): JoinReport {
  const fColumns = columnsOf(features);
  const fMatch = matchFields(fColumns);
  const lMatch = matchFields(ledger.columns);
  const by = opts.by && opts.by !== 'auto' ? opts.by : chooseBy(features, ledger, fMatch.fields.id?.column, lMatch.fields.id?.column, opts);
  const ledgerKey = opts.ledgerKey ?? (by === 'id' ? lMatch.fields.id?.column : lMatch.fields.name?.column);
  if (!ledgerKey) {
    throw new UserError(
      `the ledger has no ${by === 'id' ? 'code' : 'name'} column to join on; choose one (columns: ${ledger.columns.join(', ')})`,
      `台账中没有可用于关联的${by === 'id' ? '编号' : '名称'}列；请指定一列（列：${ledger.columns.join('，')}）`,
    );
  }
  const featureKey = opts.featureKey ?? (by === 'id' ? (fMatch.fields.id?.column ?? null) : (fMatch.fields.name?.column ?? null));
  if (by === 'name' && !featureKey) {
    throw new UserError(
      `the polygons have no name column to join on; choose one (columns: ${fColumns.join(', ')})`,
      `面图层中没有可用于关联的名称列；请指定一列（列：${fColumns.join('，')}）`,
    );
  }
  const norm = by === 'name' ? normaliseName : normaliseCode;
  const fKey = (f: RawFeature): string => norm(String(featureKey ? (f.properties[featureKey] ?? '') : f.id));

  const rowsByKey = new Map<string, number[]>();
  ledger.rows.forEach((r, i) => {
    const k = norm(String(r[ledgerKey] ?? ''));
    if (k) rowsByKey.set(k, [...(rowsByKey.get(k) ?? []), i]);
  });
  const featsByKey = new Map<string, FeatureId[]>();
  for (const f of features) {
    const k = fKey(f);
    if (k) featsByKey.set(k, [...(featsByKey.get(k) ?? []), f.id]);
  }

  const nameCol = fMatch.fields.name?.column;
  const usedRows = new Set<number>();
  const polygonsWithoutLedger: JoinReport['polygonsWithoutLedger'] = [];
  const out: RawFeature[] = features.map((f) => {
    const rows = rowsByKey.get(fKey(f));
    if (!rows) {
      polygonsWithoutLedger.push({ id: f.id, row: f.row, name: nameCol ? String(f.properties[nameCol] ?? '') : '' });
      return { ...f, properties: { ...f.properties } };
    }
    rows.forEach((r) => usedRows.add(r));
    const merged = { ...f.properties };
    for (const [k, v] of Object.entries(ledger.rows[rows[0]])) {
      if (k !== featureKey && v !== null && v !== undefined && v !== '') merged[k] = v;
    }
    return { ...f, properties: merged };
  });
  const duplicates: JoinReport['duplicates'] = [];
  for (const [key, rows] of rowsByKey) {
    const ids = featsByKey.get(key) ?? [];
    if (rows.length > 1 || ids.length > 1) duplicates.push({ key, ledgerRows: rows, featureIds: ids });
  }
  for (const [key, ids] of featsByKey) if (!rowsByKey.has(key) && ids.length > 1) duplicates.push({ key, ledgerRows: [], featureIds: ids });
  return {
    features: out,
    columns: [...fColumns, ...ledger.columns.filter((c) => !fColumns.includes(c))],
    by,
    featureKey,
    ledgerKey,
    matched: out.length - polygonsWithoutLedger.length,
    ledgerWithoutPolygon: ledger.rows.flatMap((r, row) => (usedRows.has(row) ? [] : [{ row, key: String(r[ledgerKey] ?? '') }])),
    polygonsWithoutLedger,
    duplicates,
  };
}

/** Codes compare after NFKC, trimming and lower-casing ("Ａ-01 " = "a-01"); numbers as written by String(). */
function normaliseCode(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase();
}

function chooseBy(
  features: readonly RawFeature[],
  ledger: Pick<LedgerTable, 'rows'>,
  fCode: string | undefined,
  lCode: string | undefined,
  opts: JoinOptions,
): 'id' | 'name' {
  const lk = opts.ledgerKey ?? lCode;
  if (!lk || !ledger.rows.length) return 'name';
  const fk = opts.featureKey ?? fCode;
  const keys = new Set(features.map((f) => normaliseCode(String(fk ? (f.properties[fk] ?? '') : f.id))));
  const hits = ledger.rows.filter((r) => keys.has(normaliseCode(String(r[lk] ?? '')))).length;
  return hits * 2 >= ledger.rows.length ? 'id' : 'name';
}

function columnsOf(features: readonly RawFeature[]): string[] {
  const seen = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties)) seen.add(k);
  return [...seen];
}
