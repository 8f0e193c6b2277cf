// A failure the user can act on: one sentence in Chinese and English that names the file,
// the feature and the problem. io turns every failure into one of these; the UI and the CLI show it.

export interface Where {
  file?: string;
  /** The feature's own id, when known. */
  id?: string | number | null;
  /** 0-based row in the source file, printed 1-based. */
  row?: number;
}

function whereEn(w: Where): string {
  const parts: string[] = [];
  if (w.file) parts.push(w.file);
  if (w.id !== undefined && w.id !== null) parts.push(`feature ${String(w.id)}`);
  if (w.row !== undefined) parts.push(`row ${w.row + 1}`);
  return parts.length ? `${parts.join(', ')}: ` : '';
}

function whereZh(w: Where): string {
  const parts: string[] = [];
  if (w.file) parts.push(w.file);
  if (w.id !== undefined && w.id !== null) parts.push(`要素 ${String(w.id)}`);
  if (w.row !== undefined) parts.push(`第 ${w.row + 1} 行`);
  return parts.length ? `${parts.join('，')}：` : '';
}

/** One problem as the two sentences the user reads, each opening with the file, feature and row: "a.geojson, feature 7, row 8: …". */
export function sentence(where: Where, en: string, zh: string): { en: string; zh: string } {
  return { en: whereEn(where) + en, zh: whereZh(where) + zh };
}

export class UserError extends Error {
  readonly zh: string;
  readonly en: string;
  readonly where: Where;
  constructor(en: string, zh: string, where: Where = {}) {
    const full = whereEn(where) + en;
    super(full);
    this.name = 'UserError';
    this.en = full;
    this.zh = whereZh(where) + zh;
    this.where = where;
  }
}

/** Any thrown value as a user-facing pair of sentences (unknown errors keep their message). */
export function describeError(err: unknown): { zh: string; en: string } {
  if (err instanceof UserError) return { zh: err.zh, en: err.en };
  const msg = err instanceof Error ? err.message : String(err);
  return { zh: `出错了：${msg}`, en: `Something went wrong: ${msg}` };
}
