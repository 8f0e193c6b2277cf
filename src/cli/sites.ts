// `sites`: idle parcels within a facility's walking radius of compounds, households served, and the choice of
// parcels covering the most households.
import { closeSync, openSync, writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { DEFAULT_FACILITIES, FACILITY_DEFAULTS_NOTE, facilityType, type FacilityType } from '../lib/geo/facilities';
import { analyzeSites, type ExistingGeometry, type SiteResult } from '../lib/geo/sites';
import type { Compound, IdleParcel } from '../lib/geo/types';
import { UserError } from '../lib/io/errors';
import { siteRanks } from '../lib/io/export-results';
import { idTable } from './json-bytes';
import { parsesFlat, readCompounds, readExisting, readParcels, skipLine, type Skips } from './load';
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
  // thread is given the parcels first (read here: it then starts measuring as soon as the polygons are read)
  const helper = (await parsesFlat(compoundFile)) ? startHelper({ kind: 'reach', radiusM, distances: capacity !== null }) : null;
  trace('helper started');
  const { parcels, skips: parcelSkips } = await readParcels(parcelFile, crs);
  trace('parcels read');
  let existing: ExistingGeometry[] = [];
  let existingSkips: Skips | null = null;
  if (existingFile) ({ existing, skips: existingSkips } = await readExisting(existingFile, crs));
  helper?.provide({ parcels: parcels.map((p) => p.geometry), existing });
  const { compounds, skips } = await readCompounds(compoundFile, crs, helper ?? undefined);
  trace('compounds read');
  for (const s of [skips, parcelSkips, existingSkips]) if (s) process.stderr.write(skipLine(s));
  const trusted = !!helper && sameAreas(compounds, helper.areas);
  // what needs no reach, done while the helper may still be measuring
  const ids = format === 'json' ? listIds(compounds) : null;
  const found = trusted ? await helper.answer() : null;
  helper?.close();
  if (helper) trace(`helper thread: ${found ? 'answer used' : 'not used'}`);
  const result = analyzeSites(compounds, parcels, {
    radiusM, minAreaM2, capacity, existing, k, targetShare: target === undefined ? undefined : target / 100, reach: found?.reach,
  });
  trace('sites analysed');
  report(result, type);
  if (out && format === 'json') return sitesJsonToFile(out, parcels, result, ids ?? listIds(compounds));
  const body = format === 'json' ? sitesJson(compounds, parcels, result, ids ?? undefined) : format === 'csv' ? sitesCsv(parcels, result) : sitesGeoJson(parcels, result);
  if (out) await writeFile(out, body);
  else await new Promise<void>((resolve, reject) => process.stdout.write(body, (err) => (err ? reject(err) : resolve())));
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

/**
 * UTF-8 output, either growing in memory or, with a file descriptor, written out in chunks of the starting size:
 * the compound lists of a 200k city run to 80 MB, and one buffer that big makes V8 run a full GC (external memory).
 */
class Bytes {
  buf: Buffer;
  length = 0;
  constructor(
    readonly fd: number | null = null,
    size = 1 << 16,
  ) {
    this.buf = Buffer.allocUnsafe(size);
  }
  reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    if (this.fd !== null) {
      this.flush();
      if (n <= this.buf.length) return;
    }
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
  text(s: string): void {
    this.reserve(s.length * 3);
    this.length += this.buf.write(s, this.length, 'utf8');
  }
  /** Write what is buffered to the file descriptor (none: nothing to do). */
  flush(): void {
    if (this.fd === null) return;
    for (let at = 0; at < this.length; ) at += writeSync(this.fd, this.buf, at, this.length - at);
    this.length = 0;
  }
  result(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

/** The `--format json` document: radius, every parcel with its compounds, the choice (with --k or --target), coverage. */
export function sitesJson(compounds: readonly Compound[], parcels: readonly IdleParcel[], r: SiteResult, ids = listIds(compounds)): Buffer {
  const w = new Bytes();
  writeSitesJson(w, ids, parcels, r);
  return w.result();
}

/** sitesJson straight into a file, 4 MB at a time. */
function sitesJsonToFile(path: string, parcels: readonly IdleParcel[], r: SiteResult, ids: ListIds): void {
  const fd = openSync(path, 'w');
  try {
    const w = new Bytes(fd, 4 << 20);
    writeSitesJson(w, ids, parcels, r);
    w.flush();
  } finally {
    closeSync(fd);
  }
}

/** The compounds' ids as JSON bytes, and as 16-byte list entries when they all fit (idSlots) with each entry's length. */
interface ListIds {
  idText: Uint8Array;
  idStart: Uint32Array;
  slots: Uint32Array | null;
  entryBytes: Uint8Array;
}

function listIds(compounds: readonly Compound[]): ListIds {
  const { text: idText, start: idStart } = idTable(compounds);
  const entryBytes = new Uint8Array(compounds.length);
  for (let c = 0; c < compounds.length; c++) entryBytes[c] = Math.min(255, 1 + idStart[c + 1] - idStart[c]);
  return { idText, idStart, slots: idSlots(idText, idStart), entryBytes };
}

function writeSitesJson(w: Bytes, { idText, idStart, slots, entryBytes }: ListIds, parcels: readonly IdleParcel[], r: SiteResult): void {
  if (w.fd === null) {
    // in memory: the compound lists sized up front, one allocation instead of doubling (and copying) an 80 MB buffer
    let listBytes = 0;
    for (let q = 0; q < r.compound.length; q++) listBytes += idStart[r.compound[q] + 1] - idStart[r.compound[q]] + 1;
    w.reserve(listBytes + 256 * (parcels.length + 1));
  }
  w.text(`{"radius_m":${r.radiusM},"parcels":[`);
  for (let p = 0; p < parcels.length; p++) {
    w.text(`${p ? ',' : ''}{"id":${JSON.stringify(parcels[p].id)},"area_m2":${milli(parcels[p].area_m2)},"compounds":[`);
    const a = r.offsets[p], b = r.offsets[p + 1];
    if (slots) w.reserve(16 * (b - a) + 16);
    else {
      let bytes = 0;
      for (let q = a; q < b; q++) bytes += idStart[r.compound[q] + 1] - idStart[r.compound[q]] + 1;
      w.reserve(bytes + 16);
    }
    const buf = w.buf;
    let n = w.length;
    if (a < b) {
      const c = r.compound[a];
      for (let k = idStart[c], e = idStart[c + 1]; k < e; k++) buf[n++] = idText[k];
    }
    if (slots) {
      // ',' and the id as four little-endian words; the next entry overwrites the slot's padding
      const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
      for (let q = a + 1; q < b; q++) {
        const c = r.compound[q];
        const o = 4 * c;
        dv.setUint32(n, slots[o], true);
        dv.setUint32(n + 4, slots[o + 1], true);
        dv.setUint32(n + 8, slots[o + 2], true);
        dv.setUint32(n + 12, slots[o + 3], true);
        n += entryBytes[c];
      }
    } else {
      for (let q = a + 1; q < b; q++) {
        buf[n++] = 44; // ','
        const c = r.compound[q];
        for (let k = idStart[c], e = idStart[c + 1]; k < e; k++) buf[n++] = idText[k];
      }
    }
    w.length = n;
    w.text(`],"households":${milli(r.households[p])}}`);
  }
  w.text(']');
  const c = r.choice;
  if (c) {
    w.text(',"chosen":[');
    for (let i = 0; i < c.chosen.length; i++) w.text(`${i ? ',' : ''}{"id":${JSON.stringify(parcels[c.chosen[i]].id)},"added_households":${milli(c.added[i])}}`);
    w.text(']');
  }
  w.text(`,"covered_households":${milli(c ? c.covered : r.maxCoverable)},"total_households":${milli(r.totalHouseholds)}}\n`);
}

/**
 * Every compound's list entry (',' and its JSON id) padded to 16 bytes, as four little-endian 32-bit words, when every
 * id fits (15 bytes or less, e.g. "HQ-0581"); else null. Four word stores per entry instead of a loop per byte: the
 * lists of a 200k-compound city at 1 km are ~67 MB.
 */
function idSlots(idText: Uint8Array, idStart: Uint32Array): Uint32Array | null {
  const n = idStart.length - 1;
  for (let i = 0; i < n; i++) if (idStart[i + 1] - idStart[i] > 15) return null;
  const bytes = new Uint8Array(16 * n);
  for (let i = 0; i < n; i++) {
    bytes[16 * i] = 44; // ','
    for (let k = idStart[i], at = 16 * i + 1; k < idStart[i + 1]; k++) bytes[at++] = idText[k];
  }
  const words = new Uint32Array(4 * n);
  const dv = new DataView(bytes.buffer);
  for (let k = 0; k < 4 * n; k++) words[k] = dv.getUint32(4 * k, true);
  return words;
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
