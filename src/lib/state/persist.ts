// The project survives a reload: the files the planner opened (their bytes, CRS and role) and the
// parameters they set are kept in this browser's IndexedDB. Nothing leaves the machine.

export interface SavedSource {
  role: 'compounds' | 'parcels' | 'ledger';
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
const KEY = 'current';

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
    const p = (await run('readonly', (s) => s.get(KEY))) as SavedProject | undefined;
    return p && p.version === 1 ? p : null;
  } catch {
    return null;
  }
}

/** Save the project; rejects with the browser's reason when storage is full or denied. */
export async function saveProject(p: SavedProject): Promise<void> {
  await run('readwrite', (s) => s.put(p, KEY));
}

export async function clearProject(): Promise<void> {
  try {
    await run('readwrite', (s) => s.delete(KEY));
  } catch {
    // nothing saved, nothing to clear
  }
}
