// The layout review (自然资源局审查): reference layers and which of their classes are restricted for which use, the
// planner's overrides of clusters, proposed facility footprints, review notes with status and replies, and a log of
// every edit (who, what, when). Edits go through `apply`, which keeps an undo and a redo stack of whole documents
// (each document is small and immutable: undo is swapping it back).
import { getContext, setContext } from 'svelte';
import type { ClusterOverride } from '../geo/overrides';
import type { AttributeEdit, EditableField, EditValue } from '../geo/edits';
import type { Zone } from '../geo/conflicts';
import type { AreaGeometry, FeatureId, Position } from '../geo/types';
import type { LoadSummary } from '../../workers/protocol';
import type { Engine } from './engine';
import { Measure } from './measure.svelte';
import type { ReviewChecks } from './review-checks.svelte';

export type NoteStatus = 'open' | 'change' | 'approved';
export const NOTE_STATUSES: readonly NoteStatus[] = ['open', 'change', 'approved'];

export interface NoteTarget {
  layer: 'compounds' | 'parcels' | 'area';
  /** the feature's own id (compounds, parcels) */
  id?: string;
  /** a drawn area (lon/lat ring, not closed) */
  ring?: Position[];
}

export interface Reply {
  author: string;
  at: string;
  text: string;
}

export interface Note {
  id: string;
  target: NoteTarget;
  /** the district the note's feature lies in, for the report ('' when unknown) */
  district: string;
  text: string;
  status: NoteStatus;
  author: string;
  at: string;
  replies: Reply[];
}

/** A proposed facility footprint drawn on the map (a lon/lat ring, not closed). */
export interface Footprint {
  id: string;
  /** facility type key */
  use: string;
  ring: Position[];
  author: string;
  at: string;
}

export interface ReviewDoc {
  overrides: ClusterOverride[];
  /** attribute values edited in the table, by compound id, in order */
  edits: AttributeEdit[];
  footprints: Footprint[];
  notes: Note[];
  /** per use (facility type key, or 'unit' for renovation units): the reference classes restricted for it */
  restricted: Record<string, string[]>;
}

export interface LogEntry {
  at: string;
  who: string;
  zh: string;
  en: string;
}

export interface ReferenceLayer {
  name: string;
  columns: string[];
  features: { properties: Record<string, unknown>; geometry: AreaGeometry }[];
  load: LoadSummary;
  skipped: number;
}

export const EMPTY_DOC: ReviewDoc = { overrides: [], edits: [], footprints: [], notes: [], restricted: {} };

const USER_KEY = 'lianpian.reviewer';

/** Column names that usually hold a land-use or zone class. */
const CLASS_COLUMN = /用地|性质|分类|类别|地类|级别|等级|类型|class|zon|landuse|land_use|type|category|level/i;
/** …else a name column (each zone its own class), else the first */
const NAME_COLUMN = /名称|name/i;

function now(): string {
  return new Date().toISOString();
}

let counter = 0;
function newId(prefix: string): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export class Review {
  readonly #engine: Engine;
  constructor(engine: Engine) {
    this.#engine = engine;
    this.user = globalThis.localStorage?.getItem(USER_KEY) ?? '';
  }

  /** the map tools that take clicks (measuring, drawing) */
  readonly measure = new Measure();
  /** a compound waiting to be put with the area of the next compound clicked */
  joinFrom = $state<number | null>(null);
  /** sites, footprints and units checked against the reference layer (set by the app) */
  checks: ReviewChecks | null = null;
  /** the reviewer's name, written into the log and onto notes */
  user = $state('');
  doc = $state.raw<ReviewDoc>(EMPTY_DOC);
  log = $state.raw<LogEntry[]>([]);
  #undo = $state.raw<Step[]>([]);
  #redo = $state.raw<Step[]>([]);
  canUndo = $derived(this.#undo.length > 0);
  canRedo = $derived(this.#redo.length > 0);
  undoLabel = $derived(this.#undo.at(-1) ?? null);
  redoLabel = $derived(this.#redo.at(-1) ?? null);

  /** reference layers (zoning, red lines, protection areas, flood zones), in the order loaded */
  references = $state.raw<ReferenceLayer[]>([]);
  /** per layer name: the attribute it is classed and styled by */
  classColumns = $state<Record<string, string>>({});
  /** per layer name: hidden on the map */
  hidden = $state<Record<string, boolean>>({});
  loading = $state<number | null>(null);
  error = $state<{ zh: string; en: string } | null>(null);
  /** which note statuses the map and the list show */
  showStatus = $state<Record<NoteStatus, boolean>>({ open: true, change: true, approved: true });

  /** a layer's classes, in order of first appearance */
  classesOf(layer: ReferenceLayer): string[] {
    const col = this.classColumns[layer.name] ?? '';
    return col ? [...new Set(layer.features.map((f) => classOf(f.properties[col])))] : [];
  }
  /** every reference polygon with its class; restrictions name a class of a layer (restrictKey) */
  zones = $derived.by<Zone[]>(() =>
    this.references.flatMap((layer) => {
      const col = this.classColumns[layer.name] ?? '';
      return layer.features.map((f) => {
        const cls = classOf(f.properties[col]);
        return { cls, layer: layer.name, key: restrictKey(layer.name, cls), geometry: f.geometry };
      });
    }),
  );
  shownNotes = $derived(this.doc.notes.filter((n) => this.showStatus[n.status]));
  // parts of the document by themselves: what reads one is not redone when another part changes
  overrides = $derived(this.doc.overrides);
  edits = $derived(this.doc.edits);
  restricted = $derived(this.doc.restricted);
  footprints = $derived(this.doc.footprints);

  setUser(name: string): void {
    this.user = name.trim();
    globalThis.localStorage?.setItem(USER_KEY, this.user);
  }

  /** Make an edit: the document before it goes on the undo stack, the log says who did what. */
  apply(next: ReviewDoc, what: { zh: string; en: string }): void {
    this.#undo = [...this.#undo, { doc: this.doc, ...what }];
    this.#redo = [];
    this.doc = next;
    this.#note(what);
  }

  undo(): void {
    const last = this.#undo.at(-1);
    if (!last) return;
    this.#undo = this.#undo.slice(0, -1);
    this.#redo = [...this.#redo, { doc: this.doc, zh: last.zh, en: last.en }];
    this.doc = last.doc;
    this.#note({ zh: `撤销：${last.zh}`, en: `Undid: ${last.en}` });
  }

  redo(): void {
    const next = this.#redo.at(-1);
    if (!next) return;
    this.#redo = this.#redo.slice(0, -1);
    this.#undo = [...this.#undo, { doc: this.doc, zh: next.zh, en: next.en }];
    this.doc = next.doc;
    this.#note({ zh: `重做：${next.zh}`, en: `Redid: ${next.en}` });
  }

  #note(what: { zh: string; en: string }): void {
    this.log = [...this.log, { at: now(), who: this.user || '—', ...what }];
  }

  // ---- overrides ----

  takeOut(id: FeatureId, name: string): void {
    this.apply({ ...this.doc, overrides: [...this.doc.overrides, { kind: 'out', id }] }, { zh: `将小区“${name}”移出连片区`, en: `Took compound "${name}" out of its contiguous area` });
  }

  joinWith(id: FeatureId, name: string, other: FeatureId, otherName: string): void {
    this.apply(
      { ...this.doc, overrides: [...this.doc.overrides, { kind: 'join', id, with: other }] },
      { zh: `将小区“${name}”并入“${otherName}”所在连片区`, en: `Put compound "${name}" with "${otherName}"'s area` },
    );
  }

  /** Drop every manual override of this compound: the gap rule decides again. */
  clearOverride(id: FeatureId, name: string): void {
    const key = String(id);
    this.apply({ ...this.doc, overrides: this.doc.overrides.filter((o) => String(o.id) !== key) }, { zh: `恢复小区“${name}”按间距规则归属`, en: `Compound "${name}" follows the gap rule again` });
  }

  // ---- attribute values ----

  /** `fieldLabel`: the field's name in both languages (the log is read in either). */
  editAttribute(id: FeatureId, name: string, field: EditableField, fieldLabel: { zh: string; en: string }, before: EditValue, value: EditValue): void {
    if (before === value) return;
    const show = (v: EditValue) => (v === null || v === '' ? '—' : String(v));
    this.apply(
      { ...this.doc, edits: [...this.doc.edits, { id: String(id), field, value }] },
      { zh: `将小区“${name}”的${fieldLabel.zh}由 ${show(before)} 改为 ${show(value)}`, en: `Changed ${fieldLabel.en} of compound "${name}" from ${show(before)} to ${show(value)}` },
    );
  }

  // ---- restricted classes ----

  setRestricted(use: string, useLabel: { zh: string; en: string }, layer: string, cls: string, on: boolean): void {
    const list = new Set(this.doc.restricted[use] ?? []);
    const key = restrictKey(layer, cls);
    if (on) list.add(key);
    else list.delete(key);
    this.apply(
      { ...this.doc, restricted: { ...this.doc.restricted, [use]: [...list] } },
      on ? { zh: `将${layer}中的“${cls}”设为${useLabel.zh}禁止用地`, en: `Marked "${cls}" of ${layer} as restricted for ${useLabel.en}` } : { zh: `取消${layer}中“${cls}”对${useLabel.zh}的限制`, en: `"${cls}" of ${layer} no longer restricted for ${useLabel.en}` },
    );
  }

  // ---- notes ----

  /** `label`: what the note is on — a feature's name, or words of the interface in both languages. */
  addNote(target: NoteTarget, district: string, text: string, label: string | { zh: string; en: string }): Note {
    const note: Note = { id: newId('N'), target, district, text: text.trim(), status: 'open', author: this.user || '—', at: now(), replies: [] };
    const on = typeof label === 'string' ? { zh: label, en: label } : label;
    this.apply({ ...this.doc, notes: [...this.doc.notes, note] }, { zh: `在“${on.zh}”添加批注：${note.text}`, en: `Pinned a note on "${on.en}": ${note.text}` });
    return note;
  }

  setStatus(noteId: string, status: NoteStatus, label: { zh: string; en: string }): void {
    this.apply(
      { ...this.doc, notes: this.doc.notes.map((n) => (n.id === noteId ? { ...n, status } : n)) },
      { zh: `批注 ${noteId} 状态改为“${label.zh}”`, en: `Note ${noteId} set to "${label.en}"` },
    );
  }

  reply(noteId: string, text: string): void {
    const r: Reply = { author: this.user || '—', at: now(), text: text.trim() };
    if (!r.text) return;
    this.apply({ ...this.doc, notes: this.doc.notes.map((n) => (n.id === noteId ? { ...n, replies: [...n.replies, r] } : n)) }, { zh: `回复批注 ${noteId}：${r.text}`, en: `Replied to note ${noteId}: ${r.text}` });
  }

  deleteNote(noteId: string): void {
    this.apply({ ...this.doc, notes: this.doc.notes.filter((n) => n.id !== noteId) }, { zh: `删除批注 ${noteId}`, en: `Deleted note ${noteId}` });
  }

  // ---- footprints ----

  addFootprint(use: string, useLabel: { zh: string; en: string }, ring: Position[]): void {
    const f: Footprint = { id: newId('F'), use, ring, author: this.user || '—', at: now() };
    this.apply({ ...this.doc, footprints: [...this.doc.footprints, f] }, { zh: `绘制拟建${useLabel.zh}用地 ${f.id}`, en: `Drew a proposed ${useLabel.en} footprint ${f.id}` });
  }

  deleteFootprint(id: string): void {
    this.apply({ ...this.doc, footprints: this.doc.footprints.filter((f) => f.id !== id) }, { zh: `删除拟建用地 ${id}`, en: `Deleted footprint ${id}` });
  }

  // ---- the reference layer ----

  /** Read a reference layer in the worker (one of the same name is replaced); resolves true when it arrived. */
  loadReference(name: string, bytes: ArrayBuffer, extra: { name: string; bytes: ArrayBuffer }[] = [], crs?: string): Promise<boolean> {
    this.loading = 0;
    this.error = null;
    return new Promise((resolve) => {
      const job = this.#engine.start((m) => {
        if (m.type === 'progress') this.loading = m.fraction;
        else if (m.type === 'reference') {
          this.#engine.end(job);
          this.loading = null;
          const layer: ReferenceLayer = { name, columns: m.columns, features: m.features, load: m.load, skipped: m.skipped.length };
          this.references = [...this.references.filter((r) => r.name !== name), layer];
          if (!m.columns.includes(this.classColumns[name] ?? '')) this.classColumns[name] = m.columns.find((c) => CLASS_COLUMN.test(c)) ?? m.columns.find((c) => NAME_COLUMN.test(c)) ?? m.columns[0] ?? '';
          resolve(true);
        } else if (m.type === 'error' || m.type === 'crs-needed') {
          this.#engine.end(job);
          this.loading = null;
          this.error = m.type === 'error' ? { zh: m.zh, en: m.en } : { zh: `${m.file}：${m.reason}`, en: `${m.file}: ${m.reason}` };
          resolve(false);
        }
      });
      this.#engine.post({ type: 'reference', job, name, bytes, extra, crs }, [bytes, ...extra.map((e) => e.bytes)]);
    });
  }

  removeReference(name: string): void {
    this.references = this.references.filter((r) => r.name !== name);
  }

  /**
   * What autosave and the project file keep (the layer's bytes are kept as a source), with the last UNDO_KEPT steps
   * of undo and redo: a reload does not take away the step just made.
   */
  snapshot(): { doc: ReviewDoc; log: LogEntry[]; classColumns: Record<string, string>; hidden: Record<string, boolean>; user: string; undo: Step[]; redo: Step[] } {
    return {
      doc: this.doc,
      log: this.log,
      classColumns: { ...this.classColumns },
      hidden: { ...this.hidden },
      user: this.user,
      undo: this.#undo.slice(-UNDO_KEPT),
      redo: this.#redo.slice(-UNDO_KEPT),
    };
  }

  /** Take a saved review in place of this one, with its own undo and redo (nothing of this one stays). */
  restore(p: unknown): void {
    this.doc = EMPTY_DOC;
    this.log = [];
    this.#undo = [];
    this.#redo = [];
    this.references = [];
    this.classColumns = {};
    this.hidden = {};
    this.measure.start(null);
    this.joinFrom = null;
    if (!p || typeof p !== 'object') return;
    const r = p as { doc?: unknown; log?: unknown; classColumns?: unknown; hidden?: unknown; user?: unknown; undo?: unknown; redo?: unknown };
    this.doc = docFrom(r.doc) ?? EMPTY_DOC;
    this.#undo = stepsFrom(r.undo);
    this.#redo = stepsFrom(r.redo);
    if (Array.isArray(r.log)) this.log = r.log as LogEntry[];
    const strings = (o: unknown, ok: (v: unknown) => boolean) => (o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).filter(([, v]) => ok(v))) : {});
    this.classColumns = strings(r.classColumns, (v) => typeof v === 'string') as Record<string, string>;
    this.hidden = strings(r.hidden, (v) => typeof v === 'boolean') as Record<string, boolean>;
    if (typeof r.user === 'string' && r.user && !this.user) this.user = r.user;
  }
}

/** Undo (and redo) steps a save keeps. */
const UNDO_KEPT = 50;

/** A step of the undo or redo stack: the document as it was, and what the edit was. */
interface Step {
  doc: ReviewDoc;
  zh: string;
  en: string;
}

/** A saved document, its parts that are not what they should be left empty; null when it is not one at all. */
function docFrom(d: unknown): ReviewDoc | null {
  if (!d || typeof d !== 'object') return null;
  const r = d as Partial<Record<keyof ReviewDoc, unknown>>;
  return {
    overrides: Array.isArray(r.overrides) ? r.overrides : [],
    edits: Array.isArray(r.edits) ? r.edits : [],
    footprints: Array.isArray(r.footprints) ? r.footprints : [],
    notes: Array.isArray(r.notes) ? r.notes : [],
    restricted: r.restricted && typeof r.restricted === 'object' ? (r.restricted as ReviewDoc['restricted']) : {},
  };
}

/** Saved undo or redo steps; a damaged one is dropped with every step before it (it cannot be reached past). */
function stepsFrom(list: unknown): Step[] {
  if (!Array.isArray(list)) return [];
  const steps: Step[] = [];
  for (const s of list.slice(-UNDO_KEPT)) {
    const doc = s && typeof s === 'object' ? docFrom((s as { doc?: unknown }).doc) : null;
    const { zh, en } = (s ?? {}) as { zh?: unknown; en?: unknown };
    if (!doc || typeof zh !== 'string' || typeof en !== 'string') steps.length = 0;
    else steps.push({ doc, zh, en });
  }
  return steps;
}

/** How a restriction names a class of a reference layer. */
export function restrictKey(layer: string, cls: string): string {
  return `${layer}\u0001${cls}`;
}

/** A class value as text: empty and missing values are one class, "(空)". */
export function classOf(v: unknown): string {
  return v === null || v === undefined || v === '' ? '(空)' : String(v);
}

const REVIEW = Symbol('review');
export function setReview(r: Review): Review {
  return setContext(REVIEW, r);
}
export function getReview(): Review {
  const r = getContext<Review | undefined>(REVIEW);
  if (!r) throw new Error('getReview() called outside <App>: no review in context');
  return r;
}
