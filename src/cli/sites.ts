// `sites`: idle parcels within a facility's walking radius of compounds, households served, and the choice of
// parcels covering the most households.
import { DEFAULT_FACILITIES, FACILITY_DEFAULTS_NOTE, facilityType, type FacilityType } from '../lib/geo/facilities';
import { analyzeSites, type ExistingGeometry, type SiteResult } from '../lib/geo/sites';
import type { Compound, IdleParcel } from '../lib/geo/types';
import { UserError } from '../lib/io/errors';
import { siteRanks } from '../lib/io/export-results';
import { interleaved, listIds, listText, output, textPieces, writeInterleaved, type ListText } from './json-bytes';
import { isGeoJsonName, parsesFlat, readBytes, readCompounds, readExisting, readParcels, skipLine, type Skips } from './load';
import { trace } from './debug';
import { sameAreas, startHelper } from './helper';
import { numberFlag, stringFlag, type ParsedArgs } from './args';

export const usage =
  'sites <compounds file> <idle land file> --radius <m> [--k <n> | --target <% of households>] [--min-area <m2>] [--capacity <households>] ' +
  `[--type ${DEFAULT_FACILITIES.map((f) => f.id).join('|')}] [--existing <file>] [--format json|geojson|csv] [--out FILE]`;

const FORMATS = ['json', 'geojson', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export async function run(args: ParsedArgs): Promise<void> {
  const [compoundFile, parcelFile] = args.positional;
  if (!compoundFile || !parcelFile) throw new UserError(`give a compounds file and an idle land file: ${usage}`, `请给出小区文件和闲置用地文件：${usage}`);
  const typeId = stringFlag(args, 'type');
  let type: FacilityType | undefined;
  if (typeId) {
    try {
      type = facilityType(typeId);
    } catch {
      const known = DEFAULT_FACILITIES.map((f) => f.id).join(', ');
      throw new UserError(`--type must be one of ${known}, got "${typeId}"`, `--type 只能是 ${known}，收到“${typeId}”`);
    }
  }
  const radiusM = numberFlag(args, 'radius') ?? type?.radiusM;
  if (radiusM === undefined) throw new UserError(`give --radius <m> (or --type): ${usage}`, `请给出 --radius <米>（或 --type）：${usage}`);
  if (radiusM < 0) throw new UserError(`--radius must be >= 0 metres, got ${radiusM}`, `--radius 必须 >= 0 米，收到 ${radiusM}`);
  const minAreaM2 = numberFlag(args, 'min-area') ?? type?.minAreaM2 ?? 0;
  if (minAreaM2 < 0) throw new UserError(`--min-area must be >= 0 m², got ${minAreaM2}`, `--min-area 必须 >= 0 m²，收到 ${minAreaM2}`);
  const capacity = numberFlag(args, 'capacity') ?? type?.capacityHouseholds ?? null;
  if (capacity !== null && capacity <= 0) throw new UserError(`--capacity must be > 0 households, got ${capacity}`, `--capacity 必须 > 0 户，收到 ${capacity}`);
  const k = numberFlag(args, 'k');
  if (k !== undefined && !(Number.isInteger(k) && k >= 0)) throw new UserError(`--k must be a whole number >= 0, got ${k}`, `--k 必须是 >= 0 的整数，收到 ${k}`);
  const target = numberFlag(args, 'target');
  if (target !== undefined && !(target >= 0 && target <= 100)) throw new UserError(`--target must be a percentage 0–100, got ${target}`, `--target 必须是 0–100 的百分比，收到 ${target}`);
  const format = (stringFlag(args, 'format') ?? 'json') as Format;
  if (!FORMATS.includes(format)) throw new UserError(`--format must be json, geojson or csv, got "${format}"`, `--format 只能是 json、geojson 或 csv，收到“${format}”`);
  const out = stringFlag(args, 'out');
  const crs = stringFlag(args, 'crs');
  const existingFile = stringFlag(args, 'existing');

  // a large compounds file's polygons are measured on a second thread while the main one reads the attributes; the
  // helper reads a GeoJSON parcels file itself (the first pass: their polygons), other parcels are read here first
  const flat = await parsesFlat(compoundFile);
  const parcelsFile = flat && isGeoJsonName(parcelFile) ? parcelFile : undefined;
  const helper = flat ? startHelper({ kind: 'reach', radiusM, distances: capacity !== null, parcelsFile }) : null;
  trace('helper started');
  // the helper starts on its part of the compounds file at once (while the parcels are read here, when it does not read them)
  const bytes = helper ? await readBytes(compoundFile, helper.shared) : undefined;
  const helperReadsParcels = !!helper && !!parcelsFile;
  if (helper && bytes) helper.prescan(bytes);
  let parcelsRead = helperReadsParcels ? null : await readParcels(parcelFile, crs);
  let existing: ExistingGeometry[] = [];
  let existingSkips: Skips | null = null;
  if (existingFile) ({ existing, skips: existingSkips } = await readExisting(existingFile, crs));
  helper?.provide(parcelsRead ? parcelsRead.parcels.map((p) => p.geometry) : null, existing);
  const { compounds, skips } = await readCompounds(compoundFile, crs, helper ?? undefined, bytes);
  trace('compounds read');
  // the helper's answer holds for what was read here only when it measured the same polygons (compounds, then parcels)
  let trusted = !!helper && sameAreas(compounds, helper.areas);
  // the helper then writes the compound lists as text while the rest is read and analysed here (and with --out
  // writes the file): it has the ids before it has the answer
  const ids = format === 'json' ? listIds(compounds) : null;
  if (trusted && ids) helper!.prepareText(ids);
  // the parcels the helper read (its first pass; the rest here), or read here
  const parcelScan = helperReadsParcels ? await helper!.parcelScan() : null;
  if (helperReadsParcels) trace(parcelScan ? "parcels: the helper's first pass received" : 'parcels: no first pass from the helper');
  parcelsRead ??= await readParcels(parcelFile, crs, parcelScan ?? undefined);
  const { parcels, skips: parcelSkips } = parcelsRead;
  trace('parcels read');
  for (const s of [skips, parcelSkips, existingSkips]) if (s) process.stderr.write(skipLine(s));
  trusted &&= !helperReadsParcels || (!!parcelScan && sameAreas(parcels, parcelScan.areas));
  const found = trusted ? await helper!.answer() : null;
  if (helper) trace(`helper thread: ${found ? 'answer used' : 'not used'}`);
  const result = analyzeSites(compounds, parcels, {
    radiusM, minAreaM2, capacity, existing, k, targetShare: target === undefined ? undefined : target / 100, reach: found?.reach,
  });
  trace('sites analysed');
  report(result, type);
  if (ids) {
    const frame = sitesFrame(parcels, result);
    if (found && out && (await helper!.writeFramed(out, frame))) return trace('written by the helper');
    const lists = (found && !out ? await helper!.takeText() : null) ?? listText(ids, result.offsets, result.compound);
    helper?.close();
    return out ? writeInterleaved(out, frame, lists) : output(undefined, interleaved(frame, lists));
  }
  helper?.close();
  const body = format === 'csv' ? sitesCsv(parcels, result) : sitesGeoJson(parcels, result);
  await output(out, body);
}

/** The summary a planner reads on stderr: coverage, how sure it is, and why a target falls short. */
function report(r: SiteResult, type?: FacilityType): void {
  const lines: string[] = [];
  if (type) lines.push(`${type.zh} / ${type.en}: ${FACILITY_DEFAULTS_NOTE.en}`);
  const pct = (x: number): string => (r.totalHouseholds > 0 ? ((100 * x) / r.totalHouseholds).toFixed(1) : '0.0');
  lines.push(
    `${r.compound.length} parcel→compound pairs within ${r.radiusM} m; existing facilities cover ${Math.round(r.existingHouseholds)} households (${pct(r.existingHouseholds)} %), ` +
      `all eligible parcels together at most ${Math.round(r.maxCoverable)} (${pct(r.maxCoverable)} %) / 现有设施覆盖 ${Math.round(r.existingHouseholds)} 户，全部可用地块最多覆盖 ${Math.round(r.maxCoverable)} 户`,
  );
  const c = r.choice;
  if (c) {
    const sure = c.method === 'exact' && c.proven ? 'optimal (exact search) / 最优（精确求解）' : `greedy; no choice of ${c.chosen.length} parcels covers more than ${Math.round(c.upperBound)} (${pct(c.upperBound)} %) / 贪心解，上界 ${Math.round(c.upperBound)} 户`;
    lines.push(`chose ${c.chosen.length} parcels covering ${Math.round(c.covered)} households (${pct(c.covered)} %): ${sure} / 选出 ${c.chosen.length} 处地块，覆盖 ${Math.round(c.covered)} 户`);
  }
  for (const s of r.shortfall) lines.push(`${s.en} / ${s.zh}`);
  process.stderr.write(lines.join('\n') + '\n');
}

/** A number rounded to 3 decimals. */
function milli(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

/** The `--format json` document: radius, every parcel with its compounds, the choice (with --k or --target), coverage. */
export function sitesJson(compounds: readonly Compound[], parcels: readonly IdleParcel[], r: SiteResult, lists = listText(listIds(compounds), r.offsets, r.compound)): Buffer {
  return interleaved(sitesFrame(parcels, r), lists);
}

/**
 * The document around the parcels' compound lists (json-bytes.ts interleave): piece p comes before list p, the
 * last one after the last list.
 */
function sitesFrame(parcels: readonly IdleParcel[], r: SiteResult): ListText {
  const pieces: string[] = [`{"radius_m":${r.radiusM},"parcels":[`];
  for (let p = 0; p < parcels.length; p++) {
    pieces[p] += `${p ? ',' : ''}{"id":${JSON.stringify(parcels[p].id)},"area_m2":${milli(parcels[p].area_m2)},"compounds":[`;
    pieces.push(`],"households":${milli(r.households[p])}}`);
  }
  let tail = ']';
  const c = r.choice;
  if (c) {
    tail += ',"chosen":[';
    for (let i = 0; i < c.chosen.length; i++) tail += `${i ? ',' : ''}{"id":${JSON.stringify(parcels[c.chosen[i]].id)},"added_households":${milli(c.added[i])}}`;
    tail += ']';
  }
  pieces[pieces.length - 1] += tail + `,"covered_households":${milli(c ? c.covered : r.maxCoverable)},"total_households":${milli(r.totalHouseholds)}}\n`;
  return textPieces(pieces);
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per parcel: area, compounds and households in reach, eligibility, and its place in the choice (0 = not chosen). */
export function sitesCsv(parcels: readonly IdleParcel[], r: SiteResult): string {
  const { rank, added } = siteRanks(r, parcels.length);
  const lines = ['id,area_m2,eligible,compounds,households,chosen_rank,added_households'];
  parcels.forEach((p, i) => {
    lines.push(`${csvCell(p.id)},${milli(p.area_m2)},${r.eligible[i]},${r.offsets[i + 1] - r.offsets[i]},${milli(r.households[i])},${rank[i]},${milli(added[i])}`);
  });
  return lines.join('\n') + '\n';
}

/** The parcels as GeoJSON with the same columns as the CSV. */
export function sitesGeoJson(parcels: readonly IdleParcel[], r: SiteResult): string {
  const { rank, added } = siteRanks(r, parcels.length);
  const parts = parcels.map((p, i) => JSON.stringify({
    type: 'Feature',
    properties: {
      id: p.id, area_m2: Number(milli(p.area_m2)), eligible: r.eligible[i] === 1, compounds: r.offsets[i + 1] - r.offsets[i],
      households: Number(milli(r.households[i])), chosen_rank: rank[i], added_households: Number(milli(added[i])),
    },
    geometry: p.geometry,
  }));
  return `{"type":"FeatureCollection","features":[${parts.join(',')}]}\n`;
}
