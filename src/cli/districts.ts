// `districts`: per-district sums of a compounds file, optionally with a policy's money and a plan's targets.
import { readFile } from 'node:fs/promises';
import { output } from './json-bytes';
import { basename } from 'node:path';
import { aggregateByDistrict, MEASURES, type CompoundFilter, type DistrictAggregate } from '../lib/geo/districts';
import { locateDistricts, type LocateResult } from '../lib/geo/district-locate';
import { RULES } from '../lib/geo/eligibility';
import { applyPolicy, isPolicyId, POLICY_IDS, policyById, type PolicyResult } from '../lib/geo/funding';
import { STAGES } from '../lib/geo/stages';
import { compareTargets, targetsFromRows, type ProgressRow } from '../lib/geo/targets';
import { CATEGORIES, type Category, type Compound, type District } from '../lib/geo/types';
import { UserError } from '../lib/io/errors';
import { readLedger } from '../lib/io/ledger-read';
import { loadPath, readCompounds } from './load';
import { numberFlag, stringFlag, type ParsedArgs } from './args';
import { districtsCsv, districtsJson } from './districts-format';

export const usage =
  'districts <compounds file> [--plan-year <y>] [--policy ' + POLICY_IDS.join('|') + '] [--targets <csv|xlsx>] ' +
  '[--districts <polygons>] [--category <c>] [--status <stage|text>] [--eligible-only] [--on-time all|none|<d1,d2>] ' +
  '[--format json|csv] [--out FILE]';
export const booleans = ['eligible-only'];

async function loadCompounds(path: string, crs: string | undefined): Promise<{ compounds: Compound[]; skipped: number }> {
  const { compounds, skips } = await readCompounds(path, crs);
  return { compounds, skipped: skips.count };
}

async function loadDistricts(path: string, crs: string | undefined): Promise<District[]> {
  const layer = await loadPath(path, crs);
  const nameKey = layer.columns.find((c) => /^(name|district|区县|名称|行政区|县区)$/i.test(c));
  if (!nameKey) {
    throw new UserError('has no name column (name, district, 名称, 区县) for the districts', '没有区县名称字段（name、district、名称、区县）', { file: path });
  }
  return layer.features.flatMap((f) =>
    f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon')
      ? [{ name: String(f.properties[nameKey] ?? '').trim(), code: String(f.properties.code ?? ''), geometry: f.geometry }]
      : [],
  );
}

async function loadTargets(path: string) {
  const table = await readLedger(basename(path), await readFile(path));
  const { targets, problems, missingColumns } = targetsFromRows(table.rows);
  if (missingColumns.length) {
    throw new UserError(`has no ${missingColumns.join(', ')} column; expected district,compounds,buildings,households,floor_area_wan_m2,investment_wan_yuan`, `缺少 ${missingColumns.join('、')} 列`, { file: path });
  }
  const p = problems[0];
  if (p) {
    throw new UserError(`column ${p.column} is not a number: "${p.value}"`, `${p.column} 列不是数字：“${p.value}”`, { file: path, row: table.sheetRows[p.row] });
  }
  return targets;
}

function listFlag<T extends string>(args: ParsedArgs, key: string, allowed?: readonly T[]): T[] | undefined {
  const v = stringFlag(args, key);
  if (v === undefined) return undefined;
  const items = v.split(',').map((s) => s.trim()).filter(Boolean) as T[];
  const bad = allowed && items.find((i) => !allowed.includes(i));
  if (bad) throw new UserError(`--${key} must be one of ${allowed.join(', ')}, got "${bad}"`, `--${key} 只能是 ${allowed.join('、')}，收到“${bad}”`);
  return items;
}

export async function run(args: ParsedArgs): Promise<void> {
  const [file] = args.positional;
  if (!file) throw new UserError(`give a compounds file: ${usage}`, `请给出小区文件：${usage}`);
  const format = stringFlag(args, 'format') ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new UserError(`--format must be json or csv, got "${format}"`, `--format 只能是 json 或 csv，收到“${format}”`);
  const policyId = stringFlag(args, 'policy');
  if (policyId !== undefined && !isPolicyId(policyId)) {
    throw new UserError(`--policy must be one of ${POLICY_IDS.join(', ')}, got "${policyId}"`, `--policy 只能是 ${POLICY_IDS.join('、')}，收到“${policyId}”`);
  }
  const onTime = stringFlag(args, 'on-time');
  const onTimeList = onTime?.split(',').map((s) => s.trim());
  const policy = policyId
    ? policyById(policyId, onTime ? { xinxiang: { onTime: (d) => onTime === 'all' || (onTime !== 'none' && !!onTimeList?.includes(d)) } } : {})
    : null;
  const crs = stringFlag(args, 'crs');
  const planYear = numberFlag(args, 'plan-year');
  const filter: CompoundFilter = {
    ...(planYear !== undefined ? { planYear } : {}),
    ...(args.flags.has('category') ? { category: listFlag<Category>(args, 'category', CATEGORIES) } : {}),
    ...(args.flags.has('status') ? { status: listFlag(args, 'status') } : {}),
    ...(args.flags.has('eligible-only') ? { eligibleUnder: policy?.rule ?? RULES.core } : {}),
  };

  const { compounds, skipped } = await loadCompounds(file, crs);
  const districtsPath = stringFlag(args, 'districts');
  const located: LocateResult | null = districtsPath ? locateDistricts(compounds, await loadDistricts(districtsPath, crs)) : null;
  const targetsPath = stringFlag(args, 'targets');
  const targets = targetsPath ? await loadTargets(targetsPath) : null;
  // Row order: the target table's when given, else the order districts first appear in the file.
  const options = { filter, assigned: located?.assigned, order: targets?.map((t) => t.district) ?? [] };
  const sums: DistrictAggregate = aggregateByDistrict(compounds, options);
  const funding: PolicyResult | null = policy ? applyPolicy(compounds, policy, options) : null;
  const progress: { rows: ProgressRow[]; total: ProgressRow } | null = targets ? compareTargets(targets, sums.districts) : null;

  const input = { sums, funding, policy, progress, located };
  const text = format === 'csv' ? districtsCsv(input) : districtsJson(input);
  const out = stringFlag(args, 'out');
  await output(out, text);

  // Notes go to stderr so stdout stays the table.
  const notes: string[] = [];
  if (skipped) notes.push(`${skipped} features skipped (not polygons) / ${skipped} 个要素被跳过（不是面）`);
  const missing = MEASURES.slice(1).filter((m) => sums.total.missing[m as keyof typeof sums.total.missing] > 0);
  for (const m of missing) {
    const n = sums.total.missing[m as keyof typeof sums.total.missing];
    notes.push(`${n} compounds have no ${m}; sums are lower bounds / ${n} 个小区缺少 ${m}，合计偏小`);
  }
  if (located?.straddlers.length) notes.push(`${located.straddlers.length} compounds straddle a district boundary / ${located.straddlers.length} 个小区跨区界`);
  if (funding?.flags.length) notes.push(`${funding.flags.length} policy flags (see --format json) / ${funding.flags.length} 条政策提示`);
  if (progress && sums.total.stages.unknown < sums.total.compounds) notes.push(`stages: ${STAGES.map((s) => `${s} ${sums.total.stages[s]}`).join(', ')}`);
  if (notes.length) process.stderr.write(notes.join('\n') + '\n');
}
