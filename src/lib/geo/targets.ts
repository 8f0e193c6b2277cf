// Progress against the plan: a per-district target table (the plans' own tables) beside what the
// loaded compounds add up to. The table's rows come in already parsed (io reads the CSV bytes).

import { emptyTotals, MEASURES, type DistrictTotals, type Measure } from './districts';

/** One district's targets in the canonical units: floor area in m², investment in 万元. */
export interface Target {
  district: string;
  compounds: number | null;
  buildings: number | null;
  households: number | null;
  floor_area_m2: number | null;
  investment_wan: number | null;
}

/** A cell that is not a number, with its 0-based data row. */
export interface TargetProblem {
  row: number;
  column: string;
  value: string;
}

/**
 * Target table columns (the seed tables': district, compounds, buildings, households,
 * floor_area_wan_m2, investment_wan_yuan) and the scale that brings each to canonical units.
 * Chinese headers of the published tables are accepted too.
 */
const COLUMNS: { key: keyof Target; names: RegExp; scale: number }[] = [
  { key: 'district', names: /^(district|区县|县区|区域|行政区|县（市、区）|县\(市、区\)|地区)$/i, scale: 1 },
  { key: 'compounds', names: /^(compounds|projects|小区数|小区个数|项目数|个数|小区（个）)$/i, scale: 1 },
  { key: 'buildings', names: /^(buildings|楼栋数|栋数|楼栋（栋）)$/i, scale: 1 },
  { key: 'households', names: /^(households|户数|户数（户）)$/i, scale: 1 },
  { key: 'floor_area_m2', names: /^(floor_area_wan_m2|建筑面积（万m²）|建筑面积\(万m2\)|面积（万平方米）)$/i, scale: 1e4 },
  { key: 'floor_area_m2', names: /^(floor_area_m2|建筑面积（m²）)$/i, scale: 1 },
  { key: 'investment_wan', names: /^(investment_wan_yuan|investment_wan|投资（万元）|总投资（万元）|投资\(万元\))$/i, scale: 1 },
];

/**
 * Targets from parsed table rows. Blank cells are null (no target); unreadable cells are null and
 * listed in `problems`; rows without a district name are skipped and listed too.
 * @returns targets in the table's row order, `missingColumns` naming required headers not found
 */
export function targetsFromRows(rows: readonly Record<string, unknown>[]): {
  targets: Target[];
  problems: TargetProblem[];
  missingColumns: string[];
} {
  const headers = rows.length ? Object.keys(rows[0]) : [];
  const bound = new Map<keyof Target, { column: string; scale: number }>();
  for (const h of headers) {
    const c = COLUMNS.find((col) => col.names.test(h.trim()));
    if (c && !bound.has(c.key)) bound.set(c.key, { column: h, scale: c.scale });
  }
  const missingColumns = bound.has('district') ? [] : ['district'];
  const problems: TargetProblem[] = [];
  const targets: Target[] = [];
  rows.forEach((r, row) => {
    const d = bound.get('district');
    const district = d ? String(r[d.column] ?? '').trim() : '';
    if (!district) {
      if (d) problems.push({ row, column: d.column, value: '' });
      return;
    }
    const t: Target = { district, compounds: null, buildings: null, households: null, floor_area_m2: null, investment_wan: null };
    for (const key of MEASURES) {
      const b = bound.get(key);
      if (!b) continue;
      const raw = String(r[b.column] ?? '').trim().replace(/[,，]/g, '');
      if (!raw) continue;
      const n = Number(raw);
      if (Number.isFinite(n)) t[key] = n * b.scale;
      else problems.push({ row, column: b.column, value: raw });
    }
    targets.push(t);
  });
  return { targets, problems, missingColumns };
}

export interface ProgressRow {
  district: string;
  target: Target | null;
  /** What the loaded compounds add up to (all zero when the district has none). */
  actual: DistrictTotals;
  /** actual − target per measure; null where there is no target. */
  diff: Record<Measure, number | null>;
}

function diffOf(actual: DistrictTotals, target: Target | null): Record<Measure, number | null> {
  const out = {} as Record<Measure, number | null>;
  for (const m of MEASURES) {
    const t = target?.[m] ?? null;
    out[m] = t === null ? null : actual[m] - t;
  }
  return out;
}

function sumTargets(targets: readonly Target[]): Target {
  const t: Target = { district: '合计 total', compounds: null, buildings: null, households: null, floor_area_m2: null, investment_wan: null };
  for (const row of targets) for (const m of MEASURES) if (row[m] !== null) t[m] = (t[m] ?? 0) + (row[m] as number);
  return t;
}

/**
 * Targets beside actual sums, in the targets' order, then districts that have compounds but no target.
 * @param actual per-district sums, e.g. aggregateByDistrict(...).districts
 */
export function compareTargets(
  targets: readonly Target[],
  actual: readonly DistrictTotals[],
): { rows: ProgressRow[]; total: ProgressRow } {
  const byName = new Map(actual.map((a) => [a.district, a]));
  const rows: ProgressRow[] = targets.map((t) => {
    const a = byName.get(t.district) ?? emptyTotals(t.district);
    return { district: t.district, target: t, actual: a, diff: diffOf(a, t) };
  });
  const named = new Set(targets.map((t) => t.district));
  for (const a of actual) if (!named.has(a.district)) rows.push({ district: a.district, target: null, actual: a, diff: diffOf(a, null) });
  const totalActual = emptyTotals('合计 total');
  for (const { actual: a } of rows) {
    for (const m of MEASURES) totalActual[m] += a[m];
    for (const k of Object.keys(a.missing) as (keyof DistrictTotals['missing'])[]) totalActual.missing[k] += a.missing[k];
    for (const k of Object.keys(a.stages) as (keyof DistrictTotals['stages'])[]) totalActual.stages[k] += a.stages[k];
  }
  const totalTarget = sumTargets(targets);
  return { rows, total: { district: totalActual.district, target: totalTarget, actual: totalActual, diff: diffOf(totalActual, totalTarget) } };
}
