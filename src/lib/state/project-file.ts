// The project as one file the planner can keep, mail or archive: JSON with the opened files' bytes in base64
// and everything autosave keeps (setup, camera, saved views, facility table, custom policy, field mappings).
// Reading checks the shape and says, in both languages, what is wrong with the file.
import { UserError } from '../io/errors';
import { fromBase64, toBase64 } from './base64';
import type { SavedProject, SavedSource } from './persist';

export const PROJECT_FORMAT = 'lianpian-project';
export const PROJECT_EXT = '.lianpian.json';

/** The project as the bytes of a .lianpian.json file. */
export function encodeProject(p: SavedProject): Uint8Array {
  const sources = p.sources.map((x) => ({ role: x.role, name: x.name, crs: x.crs, bytes: toBase64(new Uint8Array(x.bytes)), extra: x.extra.map((e) => ({ name: e.name, bytes: toBase64(new Uint8Array(e.bytes)) })) }));
  return new TextEncoder().encode(JSON.stringify({ format: PROJECT_FORMAT, version: p.version, savedAt: p.savedAt, sources, params: p.params }));
}

const ROLES = new Set(['compounds', 'parcels', 'ledger', 'reference']);

/** Read a project file; a UserError names the file and what is wrong with it. */
export function decodeProject(bytes: ArrayBuffer, file: string): SavedProject {
  const bad = (en: string, zh: string) => new UserError(en, zh, { file });
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw bad('this is not a Lianpian project file (not UTF-8 JSON).', '不是连片项目文件（不是 UTF-8 JSON）。');
  }
  const d = doc as { format?: unknown; version?: unknown; savedAt?: unknown; sources?: unknown; params?: unknown };
  if (!d || typeof d !== 'object' || d.format !== PROJECT_FORMAT) throw bad('this is not a Lianpian project file (no "format": "lianpian-project").', '不是连片项目文件（缺少 "format": "lianpian-project"）。');
  if (d.version !== 1) throw bad(`project file version ${String(d.version)} is not supported; this app reads version 1.`, `项目文件版本 ${String(d.version)} 不受支持，本程序读取版本 1。`);
  if (!Array.isArray(d.sources)) throw bad('the project file lists no data files ("sources").', '项目文件中没有数据文件列表（"sources"）。');
  const sources: SavedSource[] = d.sources.map((s: unknown, i: number) => {
    const x = s as { role?: unknown; name?: unknown; crs?: unknown; bytes?: unknown; extra?: unknown };
    const where = `data file ${i + 1}`;
    if (!x || typeof x.name !== 'string' || !ROLES.has(x.role as string) || typeof x.bytes !== 'string')
      throw bad(`${where} is incomplete (needs role, name and bytes).`, `第 ${i + 1} 个数据文件不完整（需要 role、name 和 bytes）。`);
    try {
      return {
        role: x.role as SavedSource['role'],
        name: x.name,
        crs: typeof x.crs === 'string' ? x.crs : undefined,
        bytes: fromBase64(x.bytes).buffer as ArrayBuffer,
        extra: Array.isArray(x.extra) ? x.extra.map((e: { name: string; bytes: string }) => ({ name: String(e.name), bytes: fromBase64(String(e.bytes)).buffer as ArrayBuffer })) : [],
      };
    } catch {
      throw bad(`${where} (${x.name}) is damaged: its bytes are not base64.`, `第 ${i + 1} 个数据文件（${x.name}）已损坏：内容不是 base64。`);
    }
  });
  const params = d.params && typeof d.params === 'object' && !Array.isArray(d.params) ? (d.params as Record<string, unknown>) : {};
  return { version: 1, savedAt: typeof d.savedAt === 'string' ? d.savedAt : new Date().toISOString(), sources, params };
}
