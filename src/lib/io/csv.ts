// CSV for people who open it in Excel: UTF-8 with a BOM (so Chinese shows correctly), CRLF line ends,
// quoted where needed, and cells that start with = + - @ (or tab / CR) neutralised so no formula runs.

const FORMULA = /^[=+\-@\t\r]/;

/** One cell as CSV text. Numbers stay numbers; text that looks like a formula gets a leading apostrophe. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A whole table as CSV text (with BOM). */
export function toCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
