import { beforeEach, describe, expect, it } from 'vitest';
import { clearProject, loadProject, saveProject, type SavedProject, type SavedSource } from '../../../src/lib/state/persist';

// A minimal IndexedDB: one store, values kept by structured clone, every put and delete logged by key.
const stored = new Map<string, unknown>();
const log: string[] = [];
function request<T>(result: () => T): { result?: T; error: null; onsuccess?: () => void; onerror?: () => void } {
  const req: { result?: T; error: null; onsuccess?: () => void } = { error: null };
  req.result = result();
  return req;
}
(globalThis as unknown as { indexedDB: unknown }).indexedDB = {
  open() {
    const req = {
      result: {
        close() {},
        transaction() {
          const tx: { oncomplete?: () => void; onabort?: () => void; onerror?: () => void; objectStore(): unknown } = {
            objectStore: () => ({
              get: (k: string) => request(() => structuredClone(stored.get(k))),
              put: (v: unknown, k: string) => request(() => (log.push(`put ${k}`), stored.set(k, structuredClone(v)))),
              delete: (k: string) => request(() => (log.push(`delete ${k}`), stored.delete(k))),
            }),
          };
          setTimeout(() => tx.oncomplete?.(), 0);
          return tx;
        },
      },
      onsuccess: undefined as undefined | (() => void),
      onupgradeneeded: undefined,
    };
    setTimeout(() => req.onsuccess?.(), 0);
    return req;
  },
};

const file = (name: string): SavedSource => ({ role: 'compounds', name, bytes: new TextEncoder().encode(`bytes of ${name}`).buffer, extra: [] });
const project = (sources: SavedSource[], gap: number): SavedProject => ({ version: 1, savedAt: '2026-12-07T10:00:00Z', sources, params: { gap } });

beforeEach(async () => {
  await clearProject();
  stored.clear();
  log.length = 0;
});

describe('the saved project', () => {
  it('writes the files only when they change, and reads them back with the latest parameters', async () => {
    const sources = [file('compounds.fgb')];
    await saveProject(project(sources, 10));
    await saveProject(project(sources, 25));
    await saveProject(project(sources, 1));
    expect(log).toEqual(['put sources', 'put current', 'put current', 'put current']);
    const back = await loadProject();
    expect(back?.params).toEqual({ gap: 1 });
    expect(back?.sources.map((s) => [s.name, new TextDecoder().decode(s.bytes)])).toEqual([['compounds.fgb', 'bytes of compounds.fgb']]);
    // after a reload the same files are not written again; other files are
    log.length = 0;
    await saveProject(project(back!.sources, 10));
    await saveProject(project([file('other.geojson')], 10));
    expect(log).toEqual(['put current', 'put sources', 'put current']);
    expect((await loadProject())?.sources.map((s) => s.name)).toEqual(['other.geojson']);
  });

  it('reads a project saved with its files in the same record (before they were kept apart)', async () => {
    stored.set('current', project([file('old.fgb')], 10));
    const back = await loadProject();
    expect(back?.sources.map((s) => s.name)).toEqual(['old.fgb']);
    expect(back?.params).toEqual({ gap: 10 });
  });

  it('forgets files and parameters when cleared', async () => {
    await saveProject(project([file('a.fgb')], 10));
    await clearProject();
    expect(await loadProject()).toBeNull();
    expect([...stored.keys()]).toEqual([]);
  });
});
