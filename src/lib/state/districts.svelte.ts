// Districts mode as state: which measure the choropleth shows and how it is classed, the policy profile,
// a loaded target table, and everything derived from the project's compounds and filter. The map and the
// dock read the derived sums; a click on a district sets project.filter.district, so the filter stays the
// one source of truth for "what is shown".
import { getContext, setContext } from 'svelte';
import { classify, classOf, type ClassMethod } from '../geo/classify';
import { aggregateByDistrict, emptyTotals, type DistrictAggregate, type DistrictTotals, type Measure } from '../geo/districts';
import { eligibility } from '../geo/eligibility';
import { filterMask } from '../geo/filter';
import { applyPolicy, DEFAULT_CUSTOM, parseCustomProfile, policyById, policyFromProfile, type CustomProfile, type Policy, type PolicyId, type PolicyResult } from '../geo/funding';
import { stageOf, type Stage } from '../geo/stages';
import { compareTargets, targetsFromRows, type ProgressRow, type Target } from '../geo/targets';
import { CATEGORIES } from '../geo/types';
import { UserError } from '../io/errors';
import { readLedger } from '../io/ledger';
import type { DistrictRow } from '../io/export-results';
import type { Project } from './project.svelte';

export type ProfileChoice = PolicyId | 'custom';
export type View3d = 'off' | 'extrude' | 'hex';
export interface Message {
  zh: string;
  en: string;
}

const CUSTOM_KEY = 'lianpian.customPolicy';

function loadCustom(): CustomProfile {
  try {
    const saved = globalThis.localStorage?.getItem(CUSTOM_KEY);
    if (saved) return parseCustomProfile(JSON.parse(saved));
  } catch {
    // unreadable or denied storage: start from the defaults
  }
  return structuredClone(DEFAULT_CUSTOM);
}

/** Compounds per category (mandatory, basic, improve, upgrade, none) per district. */
export type CategoryMix = Map<string, [number, number, number, number, number]>;

export class Districts {
  private readonly project: Project;

  constructor(project: Project) {
    this.project = project;
  }

  /** whether the districts mode is shown (choropleth, dock) */
  active = $state(false);
  measure = $state<Measure>('investment_wan');
  method = $state<ClassMethod>('quantile');
  classes = $state(5);
  /** extra filters of the district sums: a work stage, and eligibility under the chosen profile */
  stage = $state<Stage | ''>('');
  eligibleOnly = $state(false);
  profile = $state<ProfileChoice>('xinxiang-2020');
  custom = $state.raw<CustomProfile>(loadCustom());
  customError = $state<Message | null>(null);
  view3d = $state<View3d>('off');
  targets = $state.raw<Target[] | null>(null);
  targetsFile = $state('');
  targetsError = $state<Message | null>(null);

  policy: Policy = $derived.by(() => {
    if (this.profile !== 'custom') return policyById(this.profile);
    return policyFromProfile(this.custom);
  });

  /** the district the project filter is narrowed to ('' for all) */
  selected = $derived.by(() => this.project.filter.district);

  /**
   * Two masks over project.compounds: `context` passes every filter but the district (the districts are
   * compared with each other), `scope` also the district (what the detail charts and the 3D view show).
   */
  masks = $derived.by(() => {
    const cs = this.project.compounds;
    const context = filterMask(cs, { ...this.project.filter, district: '' });
    const stage = this.stage;
    const rule = this.eligibleOnly ? this.policy.rule : null;
    const district = this.project.filter.district;
    const scope = new Uint8Array(cs.length);
    for (let i = 0; i < cs.length; i++) {
      if (!context[i]) continue;
      const c = cs[i];
      if ((stage && stageOf(c.status) !== stage) || (rule && eligibility(c, rule).eligible !== true)) {
        context[i] = 0;
        continue;
      }
      if (!district || c.district === district) scope[i] = 1;
    }
    return { context, scope };
  });

  private contextCompounds = $derived.by(() => this.project.compounds.filter((_, i) => this.masks.context[i]));
  /** district polygons' names first (in the file's order), then districts met only in the compounds */
  private order = $derived.by(() => this.project.districts.map((d) => d.name));

  sums: DistrictAggregate = $derived(aggregateByDistrict(this.contextCompounds, { order: this.order }));
  funding: PolicyResult = $derived(applyPolicy(this.contextCompounds, this.policy, { order: this.order }));
  progress: { rows: ProgressRow[]; total: ProgressRow } | null = $derived(this.targets ? compareTargets(this.targets, this.sums.districts) : null);

  /** The district table's rows: with targets their districts first (the plan's order), then those only on the map or in the data. */
  tableRows: DistrictRow[] = $derived.by(() => {
    const fundingOf = new Map(this.funding.districts.map((f) => [f.district, f]));
    const progressOf = new Map((this.progress?.rows ?? []).map((r) => [r.district, r]));
    const sumsOf = new Map(this.sums.districts.map((d) => [d.district, d]));
    const names = new Set([...(this.progress?.rows ?? []).map((r) => r.district), ...this.sums.districts.map((d) => d.district)]);
    return [...names].map((name) => ({ name, totals: sumsOf.get(name) ?? emptyTotals(name), funding: fundingOf.get(name) ?? null, progress: progressOf.get(name) ?? null }));
  });

  /** the sums of what the filter shows: the selected district's row, else the total */
  scopeTotals: DistrictTotals = $derived.by(() => {
    const d = this.selected;
    return (d && this.sums.districts.find((r) => r.district === d)) || this.sums.total;
  });

  categoryMix: CategoryMix = $derived.by(() => {
    const out: CategoryMix = new Map();
    for (const name of this.order) out.set(name, [0, 0, 0, 0, 0]);
    for (const c of this.contextCompounds) {
      let row = out.get(c.district);
      if (!row) out.set(c.district, (row = [0, 0, 0, 0, 0]));
      row[c.category ? CATEGORIES.indexOf(c.category) : 4]++;
    }
    return out;
  });

  /** class breaks of the chosen measure over the districts on the map (raw units: m², 万元, counts) */
  breaks = $derived.by(() => {
    const onMap = new Set(this.order);
    const values = this.sums.districts.filter((d) => onMap.has(d.district)).map((d) => d[this.measure]);
    return classify(values, { classes: this.classes, method: this.method });
  });

  /** class index per district name (-1: no value) */
  classByDistrict = $derived.by(() => {
    const out = new Map<string, number>();
    for (const d of this.sums.districts) out.set(d.district, classOf(d[this.measure], this.breaks));
    return out;
  });

  /** Click on a district: narrow the filter to it, or widen back to all when it is already chosen. */
  toggleDistrict(name: string): void {
    this.project.filter.district = this.project.filter.district === name ? '' : name;
  }

  /** Change the custom profile; it is checked, used at once and remembered in this browser. */
  updateCustom(change: Partial<CustomProfile>): void {
    try {
      const next = parseCustomProfile({ ...this.custom, ...change });
      this.custom = next;
      this.customError = null;
      try {
        globalThis.localStorage?.setItem(CUSTOM_KEY, JSON.stringify(next));
      } catch {
        // not remembered; still used
      }
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      this.customError = { zh: `自定义方案无效：${msg}`, en: `The custom profile is not valid: ${msg}` };
    }
  }

  resetCustom(): void {
    this.updateCustom(structuredClone(DEFAULT_CUSTOM));
  }

  /** Read a target table (CSV or XLSX with the seed tables' columns). Failures become user text. */
  async loadTargets(file: { name: string; bytes: () => Promise<ArrayBuffer> }): Promise<void> {
    try {
      const table = await readLedger(file.name, new Uint8Array(await file.bytes()));
      const { targets, problems, missingColumns } = targetsFromRows(table.rows);
      if (missingColumns.length) {
        throw new UserError(
          `has no ${missingColumns.join(', ')} column; expected district,compounds,buildings,households,floor_area_wan_m2,investment_wan_yuan`,
          `缺少 ${missingColumns.join('、')} 列；应有 district,compounds,buildings,households,floor_area_wan_m2,investment_wan_yuan`,
          { file: file.name },
        );
      }
      const p = problems[0];
      if (p) throw new UserError(`column ${p.column} is not a number: "${p.value}"`, `${p.column} 列不是数字：“${p.value}”`, { file: file.name, row: table.sheetRows[p.row] });
      this.targets = targets;
      this.targetsFile = file.name;
      this.targetsError = null;
    } catch (err) {
      this.targetsError = err instanceof UserError ? { zh: err.zh, en: err.en } : { zh: `${file.name}：${String(err)}`, en: `${file.name}: ${String(err)}` };
    }
  }

  clearTargets(): void {
    this.targets = null;
    this.targetsFile = '';
    this.targetsError = null;
  }
}

const DISTRICTS = Symbol('districts');
export function setDistricts(d: Districts): Districts {
  return setContext(DISTRICTS, d);
}
export function getDistricts(): Districts {
  const d = getContext<Districts | undefined>(DISTRICTS);
  if (!d) throw new Error('getDistricts() called outside <App>: no districts state in context');
  return d;
}
