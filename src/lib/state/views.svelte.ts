// Saved views: named snapshots of the camera and the setup (filter, layers, analysis, selection), kept in the
// project in the planner's order. A presentation is these views, one per slide.
import { getContext, setContext } from 'svelte';
import { isCamera, type Camera, type MapHandle } from './camera.svelte';
import { applySetup, captureSetup, type AppStates, type Setup } from './snapshot.svelte';

/** Which key figures a slide shows: those of the analysis on screen ('auto'), or a named set. */
export type FigureKind = 'auto' | 'overview' | 'districts' | 'clusters' | 'sites' | 'funding';
const FIGURE_KINDS: readonly FigureKind[] = ['auto', 'overview', 'districts', 'clusters', 'sites', 'funding'];

export interface SavedView {
  id: string;
  title: string;
  caption: string;
  camera: Camera;
  setup: Setup;
  figures: FigureKind;
}

let counter = 0;
const newId = (): string => `v${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Saved views read back from storage or a project file: keep the well-formed ones. */
export function parseViews(x: unknown): SavedView[] {
  if (!Array.isArray(x)) return [];
  return x
    .filter((v): v is SavedView => !!v && typeof v === 'object' && typeof v.title === 'string' && isCamera(v.camera) && !!v.setup && typeof v.setup === 'object')
    .map((v) => ({
      id: typeof v.id === 'string' && v.id ? v.id : newId(),
      title: v.title,
      caption: typeof v.caption === 'string' ? v.caption : '',
      camera: v.camera,
      setup: v.setup,
      figures: FIGURE_KINDS.includes(v.figures) ? v.figures : 'auto',
    }));
}

export class Views {
  list = $state<SavedView[]>([]);
  /** the view last applied or saved (highlighted in the list) */
  current = $state<string | null>(null);
  readonly #states: AppStates;
  readonly #map: MapHandle;

  constructor(states: AppStates, map: MapHandle) {
    this.#states = states;
    this.#map = map;
  }

  /** Save what is on screen now (or the setup now with another camera) as a new view at the end of the list. */
  add(title: string, caption = '', camera: Camera | null = this.#map.read(), figures: FigureKind = 'auto'): SavedView | null {
    if (!camera) return null;
    const v: SavedView = { id: newId(), title, caption, camera, setup: captureSetup(this.#states), figures };
    this.list.push(v);
    this.current = v.id;
    return v;
  }

  /** Replace a view's camera and setup with what is on screen now (title and caption stay). */
  recapture(id: string): void {
    const camera = this.#map.read();
    const v = this.list.find((x) => x.id === id);
    if (!v || !camera) return;
    v.camera = camera;
    v.setup = captureSetup(this.#states);
    this.current = id;
  }

  rename(id: string, title: string, caption?: string): void {
    const v = this.list.find((x) => x.id === id);
    if (!v) return;
    v.title = title;
    if (caption !== undefined) v.caption = caption;
  }

  remove(id: string): SavedView | null {
    const i = this.list.findIndex((x) => x.id === id);
    if (i < 0) return null;
    const [v] = this.list.splice(i, 1);
    if (this.current === id) this.current = null;
    return v;
  }

  /** Put a removed view back where it was (undo). */
  restore(v: SavedView, at: number): void {
    this.list.splice(Math.max(0, Math.min(at, this.list.length)), 0, v);
  }

  /** Move a view up (-1) or down (+1) in the order. */
  move(id: string, by: -1 | 1): void {
    const i = this.list.findIndex((x) => x.id === id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= this.list.length) return;
    const [v] = this.list.splice(i, 1);
    this.list.splice(j, 0, v);
  }

  /** Show a view: its setup at once, its camera animated over `durationMs` (0 = jump). */
  show(id: string, durationMs = 0): void {
    const v = this.list.find((x) => x.id === id);
    if (!v) return;
    applySetup(this.#states, $state.snapshot(v.setup));
    this.#map.go($state.snapshot(v.camera) as Camera, durationMs);
    this.current = id;
  }

  /** Plain data for autosave and the project file. */
  snapshot(): SavedView[] {
    return $state.snapshot(this.list) as SavedView[];
  }

  load(x: unknown): void {
    this.list = parseViews(x);
    this.current = null;
  }
}

const KEY = Symbol('views');
export function setViews(v: Views): Views {
  return setContext(KEY, v);
}
export function getViews(): Views {
  const v = getContext<Views | undefined>(KEY);
  if (!v) throw new Error('getViews() called outside <App>: no views in context');
  return v;
}
