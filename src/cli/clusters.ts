// `clusters`: neighbours within a gap, their walls, and the clusters they form, for a compounds file.
import { analyzeClustersSync, ClusterCache, compoundAttrs, GAP_PRESETS_M, seededCache, type ClusterResult } from '../lib/geo/analyze';
import { CATEGORIES, type Compound } from '../lib/geo/types';
import { membersGeometry } from '../lib/io/export-results';
import { UserError } from '../lib/io/errors';
import { idTable, writeOutput } from './json-bytes';
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
  // what needs no pairs, done while the helper may still be measuring
  const attrs = compoundAttrs(compounds);
  const ids = format === 'json' ? idTable(compounds) : null;
  const found = trusted ? await helper.answer() : null;
  helper?.close();
  if (helper) trace(`helper thread: ${found ? 'answer used' : 'not used'}`);
  const cache = found ? seededCache(compounds, gapM, found) : new ClusterCache();
  cache.compounds = compounds;
  cache.attrs = attrs;
  const result = analyzeClustersSync(compounds, { gapM, units: false }, cache);
  trace('clusters formed');
  const text = ids ? clustersJson(compounds, result, ids) : format === 'csv' ? pairsCsv(compounds, result) : clustersGeoJson(compounds, result);
  trace('output made');
  if (out) writeOutput(out, text);
  else await new Promise<void>((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}

/** Metres to the millimetre, as a JSON number. */
function mm(x: number): string {
  return x === 0 ? '0' : String(Math.round(x * 1000) / 1000);
}

/** The `--format json` document, as UTF-8 bytes (~25 MB for a 200k-compound city, written byte by byte). */
export function clustersJson(compounds: readonly Compound[], r: ClusterResult, ids = idTable(compounds)): Uint8Array {
  const { text: idText, start: idStart } = ids;
  const { a, b, distance, wall } = r.pairs;
  const c = r.clusters;
  // sized up front, one allocation: ids, then at most 2 × 24 bytes of numbers and 40 of keys a pair, 5 × 24 + 80 a cluster
  let size = 256 + idText.length + compounds.length;
  for (let i = 0; i < a.length; i++) size += idStart[a[i] + 1] - idStart[a[i]] + idStart[b[i] + 1] - idStart[b[i]] + 96;
  size += c.count * 220;
  const buf = new Uint8Array(size);
  const id = (n: number, k: number): number => {
    for (let j = idStart[k], e = idStart[k + 1]; j < e; j++) buf[n++] = idText[j];
    return n;
  };
  let n = text(buf, 0, `{"gap_m":${r.gapM},"compounds":${compounds.length},"pairs":[`);
  for (let i = 0; i < a.length; i++) {
    n = bytes(buf, n, i ? PAIR_NEXT : PAIR_FIRST);
    n = id(n, a[i]);
    n = bytes(buf, n, PAIR_B);
    n = id(n, b[i]);
    n = bytes(buf, n, PAIR_DISTANCE);
    n = milli(buf, n, distance[i]);
    n = bytes(buf, n, PAIR_WALL);
    n = milli(buf, n, wall[i]);
    buf[n++] = 0x7d; // '}'
  }
  n = text(buf, n, '],"clusters":[');
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
  return buf.subarray(0, n);
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const PAIR_FIRST = ascii('{"a":'), PAIR_NEXT = ascii(',{"a":'), PAIR_B = ascii(',"b":'), PAIR_DISTANCE = ascii(',"distance_m":');
const PAIR_WALL = ascii(',"wall_m":');

/** `u8` written at `n`; returns the index after it. */
function bytes(buf: Uint8Array, n: number, u8: Uint8Array): number {
  for (let i = 0; i < u8.length; i++) buf[n++] = u8[i];
  return n;
}

/** ASCII text written at `n`. */
function text(buf: Uint8Array, n: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[n++] = s.charCodeAt(i);
  return n;
}

/** `x` rounded to 3 decimals, trailing zeros dropped, as mm() writes it (at most 24 bytes). */
function milli(buf: Uint8Array, n: number, x: number): number {
  const k = Math.round(x * 1000);
  if (!(Math.abs(k) < 1e15)) return text(buf, n, mm(x));
  if (k < 0) buf[n++] = 0x2d; // '-'
  const abs = k < 0 ? -k : k;
  let int = Math.floor(abs / 1000);
  let frac = abs - int * 1000;
  // integer digits, written backwards after counting them
  let digits = 1;
  for (let t = int; t >= 10; t = Math.floor(t / 10)) digits++;
  for (let d = n + digits - 1; d >= n; d--) {
    const q = Math.floor(int / 10);
    buf[d] = 48 + int - 10 * q;
    int = q;
  }
  n += digits;
  if (frac === 0) return n;
  buf[n++] = 0x2e; // '.'
  let fd = 3;
  while (frac % 10 === 0) {
    frac /= 10;
    fd--;
  }
  for (let d = n + fd - 1; d >= n; d--) {
    const q = Math.floor(frac / 10);
    buf[d] = 48 + frac - 10 * q;
    frac = q;
  }
  return n + fd;
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
