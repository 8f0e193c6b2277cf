// `clusters`: neighbours within a gap, their walls, and the clusters they form, for a compounds file.
import { analyzeClustersSync, ClusterCache, compoundAttrs, GAP_PRESETS_M, seededCache, type ClusterResult } from '../lib/geo/analyze';
import { CATEGORIES, type Compound } from '../lib/geo/types';
import { membersGeometry } from '../lib/io/export-results';
import { UserError } from '../lib/io/errors';
import { interleaved, listIds, output, writeInterleaved, type ListIds, type ListText } from './json-bytes';
import { milli, mm, pairsText, samePairs, text } from './pairs-text';
import { parsesFlat, readCompounds, skipLine } from './load';
import { trace } from './debug';
import { sameAreas, startHelper } from './helper';
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

  // a large GeoJSON file's polygons are measured on a second thread while the main one reads the attributes
  const helper = (await parsesFlat(file)) ? startHelper({ kind: 'pairs', gapM }) : null;
  const { compounds, skips } = await readCompounds(file, crs, helper ?? undefined);
  trace('compounds read');
  process.stderr.write(skipLine(skips));
  const trusted = !!helper && sameAreas(compounds, helper.areas);
  // what needs no pairs, done while the helper may still be measuring; the helper then writes the pairs as text
  // while the clusters are formed here (and with --out writes the file)
  const attrs = compoundAttrs(compounds);
  const ids = format === 'json' ? listIds(compounds) : null;
  if (trusted && ids) helper.prepareText(ids);
  const found = trusted ? await helper.answer() : null;
  if (helper) trace(`helper thread: ${found ? 'answer used' : 'not used'}`);
  const cache = found ? seededCache(compounds, gapM, found) : new ClusterCache();
  cache.compounds = compounds;
  cache.attrs = attrs;
  const result = analyzeClustersSync(compounds, { gapM, units: false }, cache);
  trace('clusters formed');
  if (ids) {
    const frame = clustersFrame(compounds, result, ids);
    // the helper's text is of the pairs it found: the output's when the analysis kept them all, as found
    const helped = !!found && samePairs(result.pairs, found.pairs);
    if (helped && out && (await helper!.writeFramed(out, frame))) return trace('written by the helper');
    const pairs = (helped && !out ? await helper!.takeText() : null) ?? pairsText(ids, result.pairs);
    helper?.close();
    trace('output made');
    return out ? writeInterleaved(out, frame, pairs) : output(undefined, interleaved(frame, pairs));
  }
  helper?.close();
  const text = format === 'csv' ? pairsCsv(compounds, result) : clustersGeoJson(compounds, result);
  trace('output made');
  await output(out, text);
}

/** The `--format json` document, as UTF-8 bytes (~25 MB for a 200k-compound city, written byte by byte). */
export function clustersJson(compounds: readonly Compound[], r: ClusterResult, ids = listIds(compounds), pairs = pairsText(ids, r.pairs)): Uint8Array {
  return interleaved(clustersFrame(compounds, r, ids), pairs);
}

/** The document around the pairs (pairs-text.ts): what comes before them, then the clusters after them. */
function clustersFrame(compounds: readonly Compound[], r: ClusterResult, { idText, idStart }: ListIds): ListText {
  const c = r.clusters;
  // sized up front, one allocation: 5 × 24 bytes of numbers and 80 of keys a cluster, and the member ids
  const buf = new Uint8Array(256 + idText.length + compounds.length + c.count * 220);
  const id = (n: number, k: number): number => {
    for (let j = idStart[k], e = idStart[k + 1]; j < e; j++) buf[n++] = idText[j];
    return n;
  };
  const head = text(buf, 0, `{"gap_m":${r.gapM},"compounds":${compounds.length},"pairs":[`);
  let n = text(buf, head, '],"clusters":[');
  for (let k = 0; k < c.count; k++) {
    n = text(buf, n, `${k ? ',' : ''}{"cluster":${k},"members":[`);
    for (let m = c.memberStart[k]; m < c.memberStart[k + 1]; m++) {
      if (m > c.memberStart[k]) buf[n++] = 0x2c; // ','
      n = id(n, c.memberIndex[m]);
    }
    n = text(buf, n, '],"households":');
    n = milli(buf, n, c.households[k]);
    n = text(buf, n, ',"floor_area_m2":');
    n = milli(buf, n, c.floorArea[k]);
    n = text(buf, n, ',"investment_wan":');
    n = milli(buf, n, c.investment[k]);
    n = text(buf, n, ',"wall_m":');
    n = milli(buf, n, c.wall[k]);
    buf[n++] = 0x7d;
  }
  n = text(buf, n, ']}\n');
  return { bytes: buf.subarray(0, n), start: Uint32Array.of(0, head, n) };
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
    const index = c.memberIndex.subarray(c.memberStart[k], c.memberStart[k + 1]);
    const members = Array.from(index, (i) => compounds[i].id);
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
    parts.push(`${k ? ',' : ''}${JSON.stringify({ type: 'Feature', properties, geometry: membersGeometry(compounds, index) })}`);
  }
  parts.push(']}\n');
  return parts.join('');
}
