// The project survives a reload: the files the planner opened (their bytes, CRS and role) and the
// parameters they set are kept in this browser's IndexedDB. Nothing leaves the machine.

export interface SavedSource {
  /** 'reference': the review's reference layer (zoning and the like) */
  role: 'compounds' | 'parcels' | 'ledger' | 'reference';
  name: string;
  bytes: ArrayBuffer;
  extra: { name: string; bytes: ArrayBuffer }[];
  crs?: string;
}

export interface SavedProject {
  version: 1;
  savedAt: string;
  sources: SavedSource[];
  params: Record<string, unknown>;
}

const DB = 'lianpian';
const STORE = 'project';
/** the parameters (small, written on every change) */
const KEY = 'current';
/** the opened files' bytes (large: tens of MB at national scale), written only when they change */
const SOURCES_KEY = 'sources';
/** the sources array last written under SOURCES_KEY (autosave replaces the array whenever a file changes) */
let writtenSources: SavedSource[] | null = null;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
  });
}

function run<T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = f(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        tx.onabort = tx.onerror = () => {
          db.close();
          reject(tx.error ?? req.error ?? new Error('IndexedDB transaction failed'));
        };
      }),
  );
}

/** The saved project, or null when there is none (or storage cannot be read). */
export async function loadProject(): Promise<SavedProject | null> {
  try {
    const p = (await run('readonly', (s) => s.get(KEY))) as (Omit<SavedProject, 'sources'> & { sources: SavedSource[] | 'apart' }) | undefined;
    if (!p || p.version !== 1) return null;
    // saved before the files were kept apart: the files are in the same record
    if (Array.isArray(p.sources)) return p as SavedProject;
    const sources = ((await run('readonly', (s) => s.get(SOURCES_KEY))) as SavedSource[] | undefined) ?? [];
    // what is stored: saving these same files again writes only the parameters
    writtenSources = sources;
    return { ...p, sources };
  } catch {
    return null;
  }
}

/**
 * Save the project; rejects with the browser's reason when storage is full or denied. The files are written only
 * when `p.sources` is another array than the one written last (a camera move does not rewrite 60 MB of files),
 * in the same transaction as the parameters.
 */
export async function saveProject(p: SavedProject): Promise<void> {
  const sources = p.sources;
  const withFiles = sources !== writtenSources;
  await run('readwrite', (s) => {
    if (withFiles) s.put(sources, SOURCES_KEY);
    return s.put({ ...p, sources: 'apart' }, KEY);
  });
  writtenSources = sources;
}

export async function clearProject(): Promise<void> {
  writtenSources = null;
  try {
    await run('readwrite', (s) => {
      s.delete(SOURCES_KEY);
      return s.delete(KEY);
    });
  } catch {
    // nothing saved, nothing to clear
  }
}
