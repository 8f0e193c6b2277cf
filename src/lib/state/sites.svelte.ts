// Idle land as facility sites, as state: the facility table (editable, saved in the browser), the chosen type,
// k or a household target, existing facilities per type; the worker's result out, replaced whole. The map,
// the panel and the dock derive from it. A new run aborts the stale one.
import { getContext, setContext } from 'svelte';
import { checkFacility, DEFAULT_FACILITIES, type FacilityType, type LifeCircle } from '../geo/facilities';
import { LIFE_CIRCLE_RADIUS_M } from '../geo/facilities';
import type { SiteResult } from '../geo/sites';
import { servesHouseholds } from '../io/export-results';
import type { Engine } from './engine';
import type { Project } from './project.svelte';

const TABLE_KEY = 'lianpian.facilities';

export type SiteSort = 'households' | 'compounds' | 'area' | 'rank';
export type SiteMode = 'k' | 'target';

export interface ExistingInfo {
  file: string;
  count: number;
  skipped: number;
}

function savedTable(): FacilityType[] {
  try {
    const s = globalThis.localStorage?.getItem(TABLE_KEY);
    if (s) {
      const rows = JSON.parse(s) as FacilityType[];
      if (Array.isArray(rows) && rows.length) return rows.map((r) => checkFacility({ ...r }));
    }
  } catch {
    // unreadable or invalid: start from the defaults
  }
  return DEFAULT_FACILITIES.map((f) => ({ ...f }));
}

/** A table row's problem in words, or null when the row is usable. */
export function facilityProblem(f: FacilityType): string | null {
  try {
    checkFacility(f);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Per compound: 0 out of scope, 1 served by an existing facility, 2 covered by the choice, 3 unserved but in reach, 4 nothing in reach. */
export function compoundStatus(r: SiteResult, scope: Uint8Array | null, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (!scope || scope[i]) out[i] = r.existing[i] ? 1 : r.reachable[i] ? 3 : 4;
  const c = r.choice;
  if (c) {
    for (const p of c.chosen) for (let q = r.serves.offsets[p]; q < r.serves.offsets[p + 1]; q++) out[r.serves.items[q]] = 2;
  }
  return out;
}

export class Sites {
  private readonly project: Project;
  private readonly engine: Engine;

  constructor(project: Project, engine: Engine) {
    this.project = project;
    this.engine = engine;
  }

  /** whether site mode is shown (colours compounds by coverage, parcels by households served) */
  active = $state(false);
  /** the facility table, edited in place and saved in this browser */
  facilities = $state<FacilityType[]>(savedTable());
  typeId = $state<string>(DEFAULT_FACILITIES[0].id);
  mode = $state<SiteMode>('k');
  k = $state(5);
  /** per cent of households in scope */
  targetPct = $state(80);
  /** existing facilities loaded per type id */
  existing = $state<Record<string, ExistingInfo>>({});
  result = $state.raw<SiteResult | null>(null);
  /** the compounds and parcels arrays and the type the result belongs to (results are index-based) */
  resultFor = $state.raw<{ compounds: unknown; parcels: unknown; typeId: string; k: number | null; targetPct: number | null } | null>(null);
  /** the filter mask the result was computed for (null = every compound) */
  resultScope = $state.raw<Uint8Array | null>(null);
  progress = $state<number | null>(null);
  error = $state<{ zh: string; en: string } | null>(null);
  sort = $state<SiteSort>('households');

  type = $derived(this.facilities.find((f) => f.id === this.typeId) ?? this.facilities[0] ?? null);
  /** the row's problem when the table holds a value the engine refuses */
  typeProblem = $derived(this.type ? facilityProblem(this.type) : 'no facility type');
  /** whether the filter narrows the compounds (then only those are analysed) */
  scoped = $derived.by(() => this.project.shownCount < this.project.compounds.length);

  /** the result, only when it belongs to the data on the map and the chosen type */
  current = $derived.by(() => {
    const f = this.resultFor;
    return this.result && f && f.compounds === this.project.compounds && f.parcels === this.project.parcels && f.typeId === this.typeId ? this.result : null;
  });
  /** rank in the choice per parcel (1 = first chosen, 0 = not chosen) */
  rank = $derived.by(() => {
    const r = this.current;
    const out = new Int32Array(this.project.parcels.length);
    r?.choice?.chosen.forEach((p, i) => (out[p] = i + 1));
    return out;
  });
  /** households each parcel would newly serve (its serving list: unserved, within capacity) */
  servesHouseholds = $derived.by(() => (this.current ? servesHouseholds(this.current, this.project.compounds) : null));
  status = $derived.by(() => (this.current ? compoundStatus(this.current, this.resultScope, this.project.compounds.length) : null));
  /** unserved compounds (no existing facility, not covered by the choice) and their households */
  left = $derived.by(() => {
    const st = this.status;
    if (!st) return null;
    let n = 0, households = 0, none = 0, noneHouseholds = 0;
    for (let i = 0; i < st.length; i++) {
      if (st[i] < 3) continue;
      const h = this.project.compounds[i].households ?? 0;
      n++;
      households += h;
      if (st[i] === 4) {
        none++;
        noneHouseholds += h;
      }
    }
    return { n, households, none, noneHouseholds };
  });
  /** the selected parcel (map click or dock row) */
  focus = $derived.by(() => (this.project.selection?.layer === 'parcels' ? this.project.selection.index : null));

  /** Save the table in this browser (called after every edit). */
  save(): void {
    try {
      globalThis.localStorage?.setItem(TABLE_KEY, JSON.stringify($state.snapshot(this.facilities)));
    } catch {
      // not saved: the table still applies in this session
    }
  }

  addType(): void {
    let n = this.facilities.length + 1;
    while (this.facilities.some((f) => f.id === `custom-${n}`)) n++;
    const lifeCircle: LifeCircle = 10;
    this.facilities.push({ id: `custom-${n}`, zh: `自定义设施 ${n}`, en: `Custom facility ${n}`, lifeCircle, radiusM: LIFE_CIRCLE_RADIUS_M[lifeCircle], minAreaM2: 200, capacityHouseholds: null });
    this.typeId = `custom-${n}`;
    this.save();
  }

  removeType(id: string): void {
    if (this.facilities.length <= 1) return;
    this.facilities = this.facilities.filter((f) => f.id !== id);
    if (this.typeId === id) this.typeId = this.facilities[0].id;
    this.save();
  }

  resetTable(): void {
    this.facilities = DEFAULT_FACILITIES.map((f) => ({ ...f }));
    if (!this.facilities.some((f) => f.id === this.typeId)) this.typeId = this.facilities[0].id;
    this.save();
  }

  select(p: number): void {
    if (p >= 0 && p < this.project.parcels.length) this.project.selection = { layer: 'parcels', index: p };
  }

  /** Load existing facilities of the current type (points or polygons) in the worker. */
  loadExisting(file: { name: string; bytes: () => Promise<ArrayBuffer> } | null): void {
    const key = this.typeId;
    void (async () => {
      const bytes = file ? await file.bytes() : null;
      const job = this.engine.start((m) => {
        if (m.type === 'existing') {
          this.engine.end(job);
          const next = { ...this.existing };
          if (m.file) next[key] = { file: m.file, count: m.count, skipped: m.skipped };
          else delete next[key];
          this.existing = next;
          this.error = null;
        } else if (m.type === 'error' || m.type === 'crs-needed') {
          this.engine.end(job);
          this.error = m.type === 'error' ? { zh: m.zh, en: m.en } : { zh: `${m.file}：无法判断坐标系（${m.reason}）`, en: `${m.file}: cannot tell the coordinate system (${m.reason})` };
        }
      });
      this.engine.post({ type: 'existing', job, key, name: file?.name ?? '', bytes }, bytes ? [bytes] : []);
    })();
  }

  /**
   * Ask the worker for sites of the current type at the current k or target and filter. Returns a function
   * that cancels the run (for an effect's teardown).
   */
  run(): () => void {
    const compounds = this.project.compounds;
    const parcels = this.project.parcels;
    const type = this.type;
    if (!compounds.length || !parcels.length || !type || this.typeProblem) return () => {};
    const typeId = type.id;
    const mask = this.scoped ? new Uint8Array(this.project.mask) : null;
    const k = Math.max(0, Math.floor(this.k));
    const targetPct = Math.min(100, Math.max(0, this.targetPct));
    const byK = this.mode === 'k';
    const job = this.engine.start((m) => {
      if (m.type === 'progress') this.progress = m.fraction;
      else if (m.type === 'sites') {
        this.engine.end(job);
        this.result = m.result;
        this.resultFor = { compounds, parcels, typeId, k: byK ? k : null, targetPct: byK ? null : targetPct };
        this.resultScope = mask;
        this.progress = null;
        this.error = null;
      } else if (m.type === 'error') {
        this.engine.end(job);
        this.progress = null;
        this.error = { zh: m.zh, en: m.en };
      }
    });
    this.progress = 0;
    const scope = mask ? new Uint8Array(mask) : null;
    this.engine.post(
      {
        type: 'sites', job, scope, existingKey: typeId,
        radiusM: type.radiusM, minAreaM2: type.minAreaM2, capacity: type.capacityHouseholds,
        ...(byK ? { k } : { targetShare: targetPct / 100 }),
      },
      scope ? [scope.buffer] : [],
    );
    const cancel = (): void => {
      this.engine.end(job);
      this.engine.post({ type: 'cancel', job });
      this.progress = null;
      if (this.#stop === cancel) this.#stop = null;
    };
    this.#stop = cancel;
    return cancel;
  }

  #stop: (() => void) | null = null;
  /** Cancel the run in progress (the user's Cancel button); the last result stays. */
  stop(): void {
    this.#stop?.();
  }
}

const SITES = Symbol('sites');
export function setSites(s: Sites): Sites {
  return setContext(SITES, s);
}
export function getSites(): Sites {
  const s = getContext<Sites | undefined>(SITES);
  if (!s) throw new Error('getSites() called outside <App>: no site analysis in context');
  return s;
}
