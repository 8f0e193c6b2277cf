// Loading files off the main thread: one worker, one job at a time per file, progress and questions
// (which CRS? which column is which field?) surfaced as state the dialogs render.
import type { AreaGeometry, Compound, IdleParcel } from '../geo/types';
import { flatAreasFrom, type FlatAreasData } from '../geo/flat-area';
import type { FieldSummary, LayerRole, LedgerSummary, LoadSummary, MappingOverrides, ToWorker } from '../../workers/protocol';
import type { Project } from './project.svelte';
import { checkSize, maxBytesFor } from '../io/validate';
import { describeError } from '../io/errors';
import type { Engine } from './engine';

export interface Busy {
  file: string;
  fraction: number;
  stage: string;
}
export interface CrsQuestion {
  file: string;
  candidates: { spec: string; label: string }[];
  likely: string;
  reason: string;
  answer: (spec: string | null) => void;
}
export interface MappingQuestion {
  file: string;
  fields: FieldSummary;
  answer: (overrides: MappingOverrides | null) => void;
}
export interface Report {
  load: LoadSummary;
  ledger?: LedgerSummary;
  role: LayerRole | 'ledger';
}
export interface Message {
  zh: string;
  en: string;
}

export interface InputFile {
  name: string;
  /** bytes on disk when known before reading (a picked or dropped File): too large a file is refused unread */
  size?: number;
  bytes: () => Promise<ArrayBuffer>;
  /** the embedded sample city: not remembered by autosave */
  sample?: boolean;
}

/** A file that loaded, as autosave keeps it (bytes copied before they move to the worker). */
export interface LoadedSource {
  role: LayerRole | 'ledger';
  name: string;
  bytes: ArrayBuffer;
  extra: { name: string; bytes: ArrayBuffer }[];
  crs?: string;
}

const LEDGER = /\.(csv|xlsx|xls)$/i;
const SHP_PART = /\.(shp|shx|dbf|prj|cpg)$/i;
const MAPPING_KEY = 'lianpian.mapping.';

function rememberedMapping(key: string): MappingOverrides | null {
  try {
    const s = globalThis.localStorage?.getItem(MAPPING_KEY + key);
    return s ? (JSON.parse(s) as MappingOverrides) : null;
  } catch {
    return null;
  }
}
function rememberMapping(key: string, o: MappingOverrides): void {
  try {
    globalThis.localStorage?.setItem(MAPPING_KEY + key, JSON.stringify(o));
  } catch {
    // not remembered: the dialog will ask again next time
  }
}

/** Guess what a file holds from its name: idle land (闲置/parcel/idle) or compounds. */
export function guessRole(name: string): LayerRole {
  return /闲置|idle|parcel|vacant|地块/i.test(name) ? 'parcels' : 'compounds';
}

export class Loader {
  busy = $state<Busy | null>(null);
  crsQuestion = $state<CrsQuestion | null>(null);
  mappingQuestion = $state<MappingQuestion | null>(null);
  errors = $state<Message[]>([]);
  reports = $state<Report[]>([]);

  #project: Project;
  #engine: Engine;
  /** told about every file the user opened that loaded (for autosave) */
  onLoaded: (src: LoadedSource) => void = () => {};

  constructor(project: Project, engine: Engine) {
    this.#project = project;
    this.#engine = engine;
  }

  #post(msg: ToWorker, transfer: Transferable[] = []): void {
    this.#engine.post(msg, transfer);
  }

  dismissError(i: number): void {
    this.errors = this.errors.filter((_, j) => j !== i);
  }

  /** Load what the user picked or dropped: shapefile parts are grouped, ledgers join onto compounds. */
  async loadFiles(files: InputFile[], role?: LayerRole, crs?: string): Promise<void> {
    const parts = files.filter((f) => SHP_PART.test(f.name));
    const ledgers = files.filter((f) => LEDGER.test(f.name));
    const others = files.filter((f) => !SHP_PART.test(f.name) && !LEDGER.test(f.name));
    const shp = parts.find((f) => /\.shp$/i.test(f.name));
    if (shp) await this.loadLayer(shp, role ?? guessRole(shp.name), parts.filter((p) => p !== shp), crs);
    else if (parts.length) this.errors = [...this.errors, { zh: `${parts.map((p) => p.name).join('、')}：缺少 .shp 文件`, en: `${parts.map((p) => p.name).join(', ')}: the .shp file is missing` }];
    for (const f of others) await this.loadLayer(f, role ?? guessRole(f.name), [], crs);
    for (const f of ledgers) await this.loadLedger(f);
  }

  /** Load one layer file (plus loose shapefile parts), asking about CRS and fields when needed. */
  loadLayer(file: InputFile, role: LayerRole, extra: InputFile[] = [], crs?: string): Promise<boolean> {
    return this.#queued(role, () => this.#loadLayerNow(file, role, extra, crs));
  }

  // One load at a time per layer, in the order asked: the last file opened is the one that stays, in the
  // page and in the worker alike (a file opened while the sample city loads is not overwritten by it).
  #queues: Record<LayerRole, Promise<unknown>> = { compounds: Promise.resolve(), parcels: Promise.resolve() };
  #queued<T>(role: LayerRole, run: () => Promise<T>): Promise<T> {
    const next = this.#queues[role].then(run);
    this.#queues[role] = next.catch(() => undefined);
    return next;
  }

  /** Refuse, before reading it, a file this device cannot hold (the tab would die reading it). */
  #tooLarge(file: InputFile): boolean {
    if (file.size === undefined) return false;
    try {
      checkSize(file.name, file.size, maxBytesFor((globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory));
      return false;
    } catch (err) {
      this.errors = [...this.errors, describeError(err)];
      return true;
    }
  }

  async #loadLayerNow(file: InputFile, role: LayerRole, extra: InputFile[] = [], crs?: string): Promise<boolean> {
    if (this.#tooLarge(file)) return false;
    this.busy = { file: file.name, fraction: 0, stage: 'read' };
    const bytes = await file.bytes();
    const extraBytes = await Promise.all(extra.map(async (e) => ({ name: e.name, bytes: await e.bytes() })));
    // autosave keeps a copy: the originals move to the worker
    const keep = file.sample ? null : { bytes: bytes.slice(0), extra: extraBytes.map((e) => ({ name: e.name, bytes: e.bytes.slice(0) })) };
    const items: Attributes[] = [];
    return new Promise<boolean>((resolve) => {
      const finish = (ok: boolean) => {
        this.#engine.end(job);
        this.busy = null;
        resolve(ok);
      };
      const job = this.#engine.start((m) => {
        switch (m.type) {
          case 'progress':
            this.busy = { file: file.name, fraction: m.fraction, stage: m.stage };
            break;
          case 'crs-needed':
            this.#engine.end(job);
            this.crsQuestion = {
              file: m.file,
              candidates: m.candidates,
              likely: m.likely,
              reason: m.reason,
              answer: (spec) => {
                this.crsQuestion = null;
                if (spec) void this.#loadLayerNow(file, role, extra, spec).then(resolve);
                else finish(false);
              },
            };
            break;
          case 'fields': {
            const saved = rememberedMapping(m.fields.columnKey);
            const ask = !saved && m.fields.missing.length > 0 && m.fields.unmatched.length > 0;
            if (!ask) this.#post({ type: 'convert', job, overrides: saved ?? {} });
            else
              this.mappingQuestion = {
                file: file.name,
                fields: m.fields,
                answer: (o) => {
                  this.mappingQuestion = null;
                  if (o) rememberMapping(m.fields.columnKey, o);
                  this.#post({ type: 'convert', job, overrides: o ?? {} });
                },
              };
            break;
          }
          case 'chunk':
            for (const it of m.items) items.push(it as Attributes);
            // let the page render and take input before the next chunk arrives
            setTimeout(() => this.#post({ type: 'ack', job }), 0);
            break;
          case 'done':
            if (role === 'compounds') this.#project.setCompounds(withGeometry<Compound>(items, m.areas), file.name, m.binary);
            else this.#project.setParcels(withGeometry<IdleParcel>(items, m.areas), file.name, m.binary);
            this.reports = [...this.reports, { load: m.load, role }];
            if (keep) this.onLoaded({ role, name: file.name, bytes: keep.bytes, extra: keep.extra, crs });
            finish(true);
            break;
          case 'error':
            this.errors = [...this.errors, { zh: m.zh, en: m.en }];
            finish(false);
            break;
        }
      });
      this.#post(
        { type: 'load', job, name: file.name, bytes, extra: extraBytes, crs, role },
        [bytes, ...extraBytes.map((e) => e.bytes)],
      );
    });
  }

  /** Join a CSV/XLSX ledger onto the loaded compounds by id or normalised name, with a report. */
  loadLedger(file: InputFile): Promise<boolean> {
    return this.#queued('compounds', () => this.#loadLedgerNow(file));
  }

  async #loadLedgerNow(file: InputFile): Promise<boolean> {
    if (this.#tooLarge(file)) return false;
    this.busy = { file: file.name, fraction: 0, stage: 'read' };
    const bytes = await file.bytes();
    const keep = bytes.slice(0);
    const items: Attributes[] = [];
    return new Promise<boolean>((resolve) => {
      const finish = (ok: boolean) => {
        this.#engine.end(job);
        this.busy = null;
        resolve(ok);
      };
      const job = this.#engine.start((m) => {
        if (m.type === 'progress') this.busy = { file: file.name, fraction: m.fraction, stage: m.stage };
        else if (m.type === 'chunk' && m.role === 'compounds') {
          for (const it of m.items) items.push(it);
          setTimeout(() => this.#post({ type: 'ack', job }), 0);
        }
        else if (m.type === 'done') {
          this.#project.setCompounds(withGeometry<Compound>(items, m.areas), this.#project.sources.compounds ?? file.name, m.binary);
          this.reports = [...this.reports, { load: m.load, ledger: m.ledger, role: 'ledger' }];
          this.onLoaded({ role: 'ledger', name: file.name, bytes: keep, extra: [] });
          finish(true);
        } else if (m.type === 'error') {
          this.errors = [...this.errors, { zh: m.zh, en: m.en }];
          finish(false);
        }
      });
      this.#post({ type: 'ledger', job, name: file.name, bytes }, [bytes]);
    });
  }

}

type Attributes = Omit<Compound, 'geometry'> | Omit<IdleParcel, 'geometry'>;

/** The items the worker sent (attributes), each given its geometry from the flat arrays that came with `done`. */
function withGeometry<T extends Compound | IdleParcel>(items: Attributes[], areas: FlatAreasData): T[] {
  const geometries = flatAreasFrom(areas);
  if (geometries.length !== items.length) throw new Error(`${items.length} items arrived with ${geometries.length} geometries`);
  const out = items as T[];
  // a FlatArea reads as a GeoJSON Polygon or MultiPolygon (its type says which)
  for (let i = 0; i < out.length; i++) out[i].geometry = geometries[i] as unknown as AreaGeometry;
  return out;
}

/** A same-origin URL as an input file (the embedded sample city). */
export function urlFile(url: string, name: string): InputFile {
  return {
    name,
    sample: true,
    bytes: async () => {
      const r = await fetch(url);
      if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
      return r.arrayBuffer();
    },
  };
}
