// `clusters`: neighbours within a gap, their walls, and the clusters they form, for a compounds file.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { analyzeClustersSync, GAP_PRESETS_M, type ClusterResult } from '../lib/geo/analyze';
import { CATEGORIES, type Compound, type Position } from '../lib/geo/types';
import { UserError } from '../lib/io/errors';
import { matchFields, toCompounds } from '../lib/io/fields';
import { loadFile } from '../lib/io/load';
import { numberFlag, stringFlag, type ParsedArgs } from './args';

export const usage = 'clusters <compounds file> [--gap <m>] [--format json|geojson|csv] [--out FILE]';

const FORMATS = ['json', 'geojson', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export async function run(args: ParsedArgs): Promise<void> {
  const [file] = args.positional;
  if (!file) throw new UserError(`give a compounds file: ${usage}`, `请给出小区文件：${usage}`);
  const gapM = numberFlag(args, 'gap') ?? GAP_PRESETS_M.acrossLanes;
  if (gapM < 0) throw new UserError(`--gap must be >= 0 metres, got ${gapM}`, `--gap 必须 >= 0 米，收到 ${gapM}`);
  const format = (stringFlag(args, 'format') ?? 'json') as Format;
  if (!FORMATS.includes(format)) {
    throw new UserError(`--format must be json, geojson or csv, got "${format}"`, `--format 只能是 json、geojson 或 csv，收到“${format}”`);
  }
  const out = stringFlag(args, 'out');
  const crs = stringFlag(args, 'crs');

  const layer = await loadFile(basename(file), await readFile(file), { crs });
  const rows = layer.features.slice(0, 50).map((f) => f.properties);
  const { compounds, skipped } = toCompounds(layer, matchFields(layer.columns, rows));
  if (skipped.length) {
    process.stderr.write(`${skipped.length} features skipped (not polygons or unreadable) / 跳过 ${skipped.length} 个要素（非面或无法读取）\n`);
  }
  const result = analyzeClustersSync(compounds, { gapM, units: false });
  const text = format === 'json' ? clustersJson(compounds, result) : format === 'csv' ? pairsCsv(compounds, result) : clustersGeoJson(compounds, result);
  if (out) await writeFile(out, text);
  else process.stdout.write(text);
}

/** Metres to the millimetre, as a JSON number. */
function mm(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

function idJson(c: Compound): string {
  return JSON.stringify(c.id);
}

/** The `--format json` document, written in pieces (a 200k-compound city makes ~100 MB of text). */
export function clustersJson(compounds: readonly Compound[], r: ClusterResult): string {
  const parts: string[] = [`{"gap_m":${r.gapM},"compounds":${compounds.length},"pairs":[`];
  const { a, b, distance, wall } = r.pairs;
  for (let i = 0; i < a.length; i++) {
    parts.push(`${i ? ',' : ''}{"a":${idJson(compounds[a[i]])},"b":${idJson(compounds[b[i]])},"distance_m":${mm(distance[i])},"wall_m":${mm(wall[i])}}`);
  }
  parts.push('],"clusters":[');
  const c = r.clusters;
  for (let k = 0; k < c.count; k++) {
    const ids: string[] = [];
    for (let m = c.memberStart[k]; m < c.memberStart[k + 1]; m++) ids.push(idJson(compounds[c.memberIndex[m]]));
    parts.push(
      `${k ? ',' : ''}{"cluster":${k},"members":[${ids.join(',')}],"households":${mm(c.households[k])},` +
        `"floor_area_m2":${mm(c.floorArea[k])},"investment_wan":${mm(c.investment[k])},"wall_m":${mm(c.wall[k])}}`,
    );
  }
  parts.push(']}\n');
  return parts.join('');
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The pair table in ArcGIS Polygon Neighbors style: every pair both ways, sorted by src then nbr. */
export function pairsCsv(compounds: readonly Compound[], r: ClusterResult): string {
  const { a, b, distance, wall } = r.pairs;
  const rows: number[] = [];
  for (let i = 0; i < a.length; i++) rows.push(i, i + a.length);
  const src = (k: number): number => (k < a.length ? a[k] : b[k - a.length]);
  const nbr = (k: number): number => (k < a.length ? b[k] : a[k - a.length]);
  rows.sort((x, y) => src(x) - src(y) || nbr(x) - nbr(y));
  const lines = ['src,nbr,distance_m,wall_m'];
  for (const k of rows) {
    const i = k < a.length ? k : k - a.length;
    lines.push(`${csvCell(compounds[src(k)].id)},${csvCell(compounds[nbr(k)].id)},${mm(distance[i])},${mm(wall[i])}`);
  }
  return lines.join('\n') + '\n';
}

/** One feature per cluster: its members' polygons as one MultiPolygon, with the cluster's totals. */
export function clustersGeoJson(compounds: readonly Compound[], r: ClusterResult): string {
  const c = r.clusters;
  const parts: string[] = ['{"type":"FeatureCollection","features":['];
  for (let k = 0; k < c.count; k++) {
    const polys: Position[][][] = [];
    const members: (string | number)[] = [];
    for (let m = c.memberStart[k]; m < c.memberStart[k + 1]; m++) {
      const cp = compounds[c.memberIndex[m]];
      members.push(cp.id);
      if (cp.geometry.type === 'Polygon') polys.push(cp.geometry.coordinates);
      else polys.push(...cp.geometry.coordinates);
    }
    const mix: Record<string, number> = {};
    CATEGORIES.forEach((cat, j) => (mix[cat] = c.categoryMix[k * 5 + j]));
    mix.none = c.categoryMix[k * 5 + 4];
    const properties = {
      cluster: k,
      members,
      member_count: members.length,
      households: Number(mm(c.households[k])),
      buildings: c.buildings[k],
      floor_area_m2: Number(mm(c.floorArea[k])),
      investment_wan: Number(mm(c.investment[k])),
      wall_m: Number(mm(c.wall[k])),
      widest_gap_m: Number(mm(c.widestGap[k])),
      category_mix: mix,
    };
    parts.push(`${k ? ',' : ''}${JSON.stringify({ type: 'Feature', properties, geometry: { type: 'MultiPolygon', coordinates: polys } })}`);
  }
  parts.push(']}\n');
  return parts.join('');
}
