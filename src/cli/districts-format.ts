// Output of `districts`: CSV in the plans' own table layout, or JSON with everything.
import { MEASURES, type DistrictAggregate, type DistrictTotals, type Measure } from '../lib/geo/districts';
import type { LocateResult } from '../lib/geo/district-locate';
import type { DistrictFunding, Policy, PolicyResult } from '../lib/geo/funding';
import { fmt } from '../lib/geo/funding/flags';
import { STAGES } from '../lib/geo/stages';
import type { ProgressRow, Target } from '../lib/geo/targets';

export interface DistrictsOutput {
  sums: DistrictAggregate;
  funding: PolicyResult | null;
  policy: Policy | null;
  progress: { rows: ProgressRow[]; total: ProgressRow } | null;
  located: LocateResult | null;
}

/** The seed tables' header: floor area in 万m², investment in 万元. */
const BASE = ['district', 'compounds', 'buildings', 'households', 'floor_area_wan_m2', 'investment_wan_yuan'];
const CSV_NAME: Record<Measure, string> = {
  compounds: 'compounds',
  buildings: 'buildings',
  households: 'households',
  floor_area_m2: 'floor_area_wan_m2',
  investment_wan: 'investment_wan_yuan',
};

/** A measure as the plans print it: counts as integers, m² as 万m² and 万元 with at most 2 decimals. */
function printed(m: Measure, v: number | null): string {
  if (v === null) return '';
  return m === 'floor_area_m2' ? fmt(v / 1e4, 2) : fmt(v, 2);
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The plan table: one row per district (no total row, like the seed tables); extra columns only when asked for. */
export function districtsCsv({ sums, funding, policy, progress }: DistrictsOutput): string {
  const header = [...BASE];
  if (policy) header.push(...policy.columns, 'flags');
  if (progress) {
    header.push(...MEASURES.map((m) => `target_${CSV_NAME[m]}`), ...MEASURES.map((m) => `diff_${CSV_NAME[m]}`));
    header.push(...STAGES.map((s) => `stage_${s}`), 'stage_unknown');
  }
  const fundingOf = new Map(funding?.districts.map((d) => [d.district, d]));
  const progressOf = new Map(progress?.rows.map((r) => [r.district, r]));
  const lines = [header.join(',')];
  for (const d of sums.districts) {
    const cells = [d.district, ...MEASURES.map((m) => printed(m, d[m]))];
    if (policy) {
      const f = fundingOf.get(d.district);
      cells.push(...policy.columns.map((k) => (f && f[k] !== null ? fmt(f[k] as number, 2) : '')), String(f?.flags.length ?? 0));
    }
    if (progress) {
      const p = progressOf.get(d.district);
      cells.push(...MEASURES.map((m) => printed(m, p?.target?.[m] ?? null)), ...MEASURES.map((m) => printed(m, p?.diff[m] ?? null)));
      cells.push(...STAGES.map((s) => String(d.stages[s])), String(d.stages.unknown));
    }
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}

const round = (v: number, digits: number): number => Number(fmt(v, digits));

function totalsJson(d: DistrictTotals) {
  return {
    district: d.district,
    compounds: d.compounds,
    buildings: d.buildings,
    households: d.households,
    floor_area_m2: round(d.floor_area_m2, 2),
    investment_wan: round(d.investment_wan, 4),
    missing: d.missing,
    stages: d.stages,
  };
}

function fundingJson(policy: Policy, f: DistrictFunding | undefined) {
  if (!f) return {};
  const out: Record<string, unknown> = {};
  for (const k of policy.columns) out[k] = f[k] === null ? null : round(f[k] as number, 4);
  out.flags = f.flags;
  return out;
}

function targetJson(t: Target | null) {
  if (!t) return null;
  const out: Partial<Record<Measure, number | null>> = {};
  for (const m of MEASURES) out[m] = t[m];
  return out;
}

function progressJson(p: ProgressRow | undefined) {
  if (!p) return {};
  const diff: Partial<Record<Measure, number | null>> = {};
  for (const m of MEASURES) diff[m] = p.diff[m] === null ? null : round(p.diff[m] as number, 4);
  return { target: targetJson(p.target), diff };
}

/** Everything: sums, missing counts and stages per district, the policy's fields and flags, targets and differences. */
export function districtsJson({ sums, funding, policy, progress, located }: DistrictsOutput): string {
  const fundingOf = new Map(funding?.districts.map((d) => [d.district, d]));
  const progressOf = new Map(progress?.rows.map((r) => [r.district, r]));
  const doc: Record<string, unknown> = {
    districts: sums.districts.map((d) => ({
      ...totalsJson(d),
      ...(policy ? fundingJson(policy, fundingOf.get(d.district)) : {}),
      ...(progress ? progressJson(progressOf.get(d.district)) : {}),
    })),
    total: {
      ...totalsJson(sums.total),
      ...(policy && funding ? fundingJson(policy, funding.total) : {}),
      ...(progress ? progressJson(progress.total) : {}),
    },
  };
  if (policy && funding) {
    doc.policy = { id: policy.id, label: policy.label };
    doc.compound_flags = funding.compounds.flatMap((c) => c.flags);
  }
  if (located) doc.straddlers = located.straddlers;
  if (located) doc.mismatches = located.mismatches;
  return JSON.stringify(doc, null, 2) + '\n';
}
