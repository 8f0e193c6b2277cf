// Header labels of export columns in the current locale. Column keys stay ASCII (GeoJSON/FGB properties);
// CSV/XLSX show these.
import { i18n, type MessageKey } from '../../i18n/i18n.svelte';
import { zh } from '../../i18n/zh';
import type { ExportTable } from '../../io/export';

/** xcol_<key>, else the district table's funding label dm_f_<key>, else the field label f_<key>; target_/diff_ prefixed. */
export function columnLabel(key: string): string | null {
  for (const k of [`xcol_${key}`, `dm_f_${key}`, `f_${key}`]) if (k in zh) return i18n.t(k as MessageKey);
  const m = /^(target|diff)_(.+)$/.exec(key);
  const inner = m && columnLabel(m[2]);
  return inner ? `${i18n.t(m[1] === 'target' ? 'xcol_target' : 'xcol_diff')} ${inner}` : null;
}

/** Labels for these keys (those that have one). */
export function columnLabels(keys: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const l = columnLabel(k);
    if (l) out[k] = l;
  }
  return out;
}

/** The table with every unlabelled column labelled in the current locale (a new table; the input is not changed). */
export function labelled(table: ExportTable): ExportTable {
  const labels = columnLabels(table.columns.map((c) => c.key));
  return { ...table, columns: table.columns.map((c) => (c.label || !labels[c.key] ? c : { ...c, label: labels[c.key] })) };
}
