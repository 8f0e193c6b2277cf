// One definition of "what the planner set up": filter, layer visibility, each analysis's parameters and which
// one is shown, and the selection (by feature id, so it survives a reload). Autosave, saved views, the project
// file and the presentation all capture and apply this same snapshot.
import type { CompoundFilter } from '../geo/filter';
import type { FeatureId } from '../geo/types';
import type { Clusters } from './clusters.svelte';
import type { Districts } from './districts.svelte';
import type { LayerKey, LayerView, Project } from './project.svelte';
import type { Sites } from './sites.svelte';

export interface Setup {
  filter: CompoundFilter;
  layers: Record<LayerKey, LayerView>;
  clusters: Pick<Clusters, 'active' | 'gapM' | 'unitMin' | 'unitMax'>;
  sites: Pick<Sites, 'active' | 'typeId' | 'mode' | 'k' | 'targetPct'>;
  districts: Pick<Districts, 'active' | 'measure' | 'method' | 'classes' | 'profile' | 'view3d'>;
  /** the selected feature by id */
  selection: { layer: 'compounds' | 'parcels'; id: FeatureId } | null;
}

export interface AppStates {
  project: Project;
  clusters: Clusters;
  sites: Sites;
  districts: Districts;
}

export function captureSetup({ project, clusters, sites, districts }: AppStates): Setup {
  const s = project.selection;
  const item = s ? (s.layer === 'compounds' ? project.compounds[s.index] : project.parcels[s.index]) : null;
  return {
    filter: $state.snapshot(project.filter),
    layers: $state.snapshot(project.views),
    clusters: { active: clusters.active, gapM: clusters.gapM, unitMin: clusters.unitMin, unitMax: clusters.unitMax },
    sites: { active: sites.active, typeId: sites.typeId, mode: sites.mode, k: sites.k, targetPct: sites.targetPct },
    districts: { active: districts.active, measure: districts.measure, method: districts.method, classes: districts.classes, profile: districts.profile, view3d: districts.view3d },
    selection: s && item ? { layer: s.layer, id: item.id } : null,
  };
}

/** Members that may be empty (null): the filter's year bounds and plan year. */
const NULLABLE = new Set(['yearMin', 'yearMax', 'planYear']);

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/** Keep only the members of `from` whose type matches the current value in `like` (a saved file may be old or edited). */
function sameTyped<T extends object>(like: T, from: unknown): Partial<T> {
  if (!isObj(from)) return {};
  const out: Partial<T> = {};
  for (const k of Object.keys(like) as (keyof T)[]) {
    const v = from[k as string];
    const cur = like[k];
    if (v === undefined) continue;
    const nullable = cur === null || NULLABLE.has(k as string);
    if ((v !== null && typeof v === typeof cur) || (nullable && (v === null || typeof v === 'number' || typeof v === 'string'))) out[k] = v as T[keyof T];
  }
  return out;
}

/**
 * Put a (possibly partial, possibly old) snapshot back. Unknown or mistyped members are ignored, so a project
 * file from another version opens with what it can.
 */
export function applySetup({ project, clusters, sites, districts }: AppStates, setup: unknown): void {
  if (!isObj(setup)) return;
  if (isObj(setup.filter)) project.filter = { ...project.filter, ...sameTyped(project.filter, setup.filter) };
  if (isObj(setup.layers)) {
    for (const k of Object.keys(project.views) as LayerKey[]) {
      const v = setup.layers[k];
      if (isObj(v)) project.views[k] = { ...project.views[k], ...sameTyped(project.views[k], v) };
    }
  }
  // each analysis takes the members whose type matches what it holds now
  const now = captureSetup({ project, clusters, sites, districts });
  Object.assign(clusters, sameTyped(now.clusters, setup.clusters));
  Object.assign(sites, sameTyped(now.sites, setup.sites));
  Object.assign(districts, sameTyped(now.districts, setup.districts));
  if ('selection' in setup) {
    const sel = setup.selection;
    if (isObj(sel) && (sel.layer === 'compounds' || sel.layer === 'parcels') && (typeof sel.id === 'string' || typeof sel.id === 'number')) {
      const list = sel.layer === 'compounds' ? project.compounds : project.parcels;
      const index = list.findIndex((x) => x.id === sel.id);
      project.selection = index >= 0 ? { layer: sel.layer, index } : null;
    } else project.selection = null;
  }
}
