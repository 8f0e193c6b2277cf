// Autosave: remembers the opened files and the parameters, writes them (debounced) to IndexedDB, and
// restores them on start. When storage is full or denied the user is told and offered a project download.
import { clearProject, loadProject, saveProject, type SavedProject, type SavedSource } from './persist';

export interface ParamStore {
  /** a plain snapshot of the parameters worth restoring */
  get(): Record<string, unknown>;
  /** put a snapshot back */
  set(p: Record<string, unknown>): void;
}

export class Autosave {
  sources = $state.raw<SavedSource[]>([]);
  /** pending: a change waits for the debounce; saving: written now; saved: everything is in storage */
  status = $state<'idle' | 'pending' | 'saving' | 'saved' | 'failed'>('idle');
  /** when the last save completed */
  savedAt = $state<Date | null>(null);
  failure = $state<{ zh: string; en: string } | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #writes = 0;
  #params: ParamStore;

  constructor(params: ParamStore) {
    this.#params = params;
  }

  /** Remember a file the user opened (replacing the previous one of the same role). */
  remember(src: SavedSource): void {
    // ledgers add up; reference layers are kept side by side (one per file name)
    const keep =
      src.role === 'ledger'
        ? this.sources
        : src.role === 'reference'
          ? this.sources.filter((s) => !(s.role === 'reference' && s.name === src.name))
          : this.sources.filter((s) => s.role !== src.role && !(src.role === 'compounds' && s.role === 'ledger'));
    this.sources = [...keep, src];
    this.schedule();
  }

  /** Forget a file of this role and name (a reference layer removed). */
  forget(role: SavedSource['role'], name: string): void {
    this.sources = this.sources.filter((s) => !(s.role === role && s.name === name));
    this.schedule();
  }

  /** Save soon (parameters changed). */
  schedule(delayMs = 400): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.status = 'pending';
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.save();
    }, delayMs);
  }

  snapshot(): SavedProject {
    return { version: 1, savedAt: new Date().toISOString(), sources: this.sources, params: this.#params.get() };
  }

  async save(): Promise<void> {
    this.status = 'saving';
    const write = ++this.#writes;
    try {
      await saveProject(this.snapshot());
      // a change made while writing has its own save, scheduled or under way
      if (this.#timer || write !== this.#writes) return;
      this.status = 'saved';
      this.savedAt = new Date();
      this.failure = null;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      this.status = 'failed';
      this.failure = {
        zh: `无法自动保存项目（浏览器存储已满或被禁止：${why}）。请下载项目文件保存。`,
        en: `The project could not be autosaved (browser storage is full or denied: ${why}). Download the project file instead.`,
      };
    }
  }

  /** The saved project, with its parameters put back; null when there is none. */
  async restore(): Promise<SavedProject | null> {
    const p = await loadProject();
    if (p) this.adopt(p);
    return p;
  }

  /** Take a project's files and parameters as this one's (a restore, or an opened project file). */
  adopt(p: SavedProject): void {
    this.sources = p.sources;
    this.#params.set(p.params);
  }

  async clear(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.sources = [];
    await clearProject();
  }
}
