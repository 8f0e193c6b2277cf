// Contiguous-renovation analysis as state: parameters in, the worker's result out. A new run aborts the
// stale one; the result is replaced whole ($state.raw) and the map and tables derive from it.
import { GAP_PRESETS_M, type ClusterResult } from '../geo/analyze';
import type { ClusterOverride } from '../geo/overrides';
import type { Engine } from './engine';
import type { Project } from './project.svelte';

export type ClusterSort = 'households' | 'investment' | 'wall' | 'members';

export class Clusters {
  private readonly project: Project;
  private readonly engine: Engine;

  constructor(project: Project, engine: Engine) {
    this.project = project;
    this.engine = engine;
  }

  /** whether the analysis is shown (colours the map by cluster) */
  active = $state(false);
  gapM = $state<number>(GAP_PRESETS_M.acrossLanes);
  unitMin = $state(1500);
  unitMax = $state(4000);
  result = $state.raw<ClusterResult | null>(null);
  /** how long the worker took for `result` (ms), as it reported */
  workerMs = $state<number | null>(null);
  /** the compounds array the result belongs to (results are index-based) */
  resultFor = $state.raw<unknown>(null);
  progress = $state<number | null>(null);
  error = $state<{ zh: string; en: string } | null>(null);
  sort = $state<ClusterSort>('households');
  /** the planner's overrides (from the review), applied by the worker at every gap */
  overrides = $state.raw<ClusterOverride[]>([]);

  /** the result, only when it belongs to the compounds on the map */
  current = $derived.by(() => (this.result && this.resultFor === this.project.compounds ? this.result : null));
  /** clusters with two or more members */
  multiCount = $derived.by(() => {
    const c = this.current?.clusters;
    if (!c) return 0;
    let n = 0;
    for (let i = 0; i < c.count; i++) if (c.memberStart[i + 1] - c.memberStart[i] > 1) n++;
    return n;
  });

  /** the cluster of the selected compound */
  focus = $derived.by(() => {
    const s = this.project.selection;
    const c = this.current?.clusters;
    if (!c || s?.layer !== 'compounds') return null;
    const k = c.cluster[s.index];
    return k >= 0 ? k : null;
  });

  /** Select a cluster by selecting its first member. */
  select(k: number): void {
    const c = this.current?.clusters;
    if (c && k >= 0 && k < c.count) this.project.selection = { layer: 'compounds', index: c.memberIndex[c.memberStart[k]] };
  }


  /**
   * Ask the worker for clusters at the current gap and filter. Returns a function that cancels the run
   * (for an effect's teardown).
   */
  run(): () => void {
    const compounds = this.project.compounds;
    if (!compounds.length) return () => {};
    const scope = new Uint8Array(this.project.mask);
    const job = this.engine.start((m) => {
      if (m.type === 'progress') this.progress = m.fraction;
      else if (m.type === 'clusters') {
        this.engine.end(job);
        this.result = m.result;
        this.workerMs = m.ms;
        this.resultFor = compounds;
        this.progress = null;
        this.error = null;
      } else if (m.type === 'error') {
        this.engine.end(job);
        this.progress = null;
        this.error = { zh: m.zh, en: m.en };
      }
    });
    this.progress = 0;
    this.engine.post(
      { type: 'clusters', job, gapM: this.gapM, scope, units: { min: this.unitMin, max: this.unitMax }, overrides: $state.snapshot(this.overrides) as ClusterOverride[] },
      [scope.buffer],
    );
    return () => {
      this.engine.end(job);
      this.engine.post({ type: 'cancel', job });
    };
  }
}
