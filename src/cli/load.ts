// The CLI's layer files: read from disk and loaded by the app's loader, large GeoJSON with flat polygons.
import { open, readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { FlatArea } from '../lib/geo/flat-area';
import type { ExistingGeometry } from '../lib/geo/sites';
import type { Compound, IdleParcel } from '../lib/geo/types';
import type { FlatScan } from '../lib/io/geojson-flat';
import { UserError } from '../lib/io/errors';
import { loadFile, type LoadedLayer } from '../lib/io/load';
import type { Issue } from '../lib/io/validate';
import { matchFields, toCompounds, toParcels, type FieldMatch } from '../lib/io/fields';

/**
 * Above this size GeoJSON polygons are parsed flat (src/lib/io/geojson-flat.ts): 26 % faster loading at 200k
 * compounds (74 MB), but slower below ~10 MB, where JSON.parse's native code has no garbage to fight
 * (`npm run bench -- load`). LIANPIAN_FLAT_MIN_BYTES overrides it (tests run the large-file path on small files).
 */
function flatMinBytes(): number {
  const env = Number(process.env.LIANPIAN_FLAT_MIN_BYTES);
  return Number.isFinite(env) && env >= 0 ? env : 16 << 20;
}

/** Whether the file at `path` is GeoJSON by its name (.geojson, .json). */
export function isGeoJsonName(path: string): boolean {
  return ['.geojson', '.json'].includes(extname(path).toLowerCase());
}

/** Whether the file at `path` is GeoJSON (by its name) large enough to be parsed flat. */
export async function parsesFlat(path: string): Promise<boolean> {
  if (!isGeoJsonName(path)) return false;
  try {
    return (await stat(path)).size >= flatMinBytes();
  } catch {
    return false;
  }
}

/** A first pass over large GeoJSON files of its own (helper.ts), and whether it wants the bytes in shared memory. */
export interface Scanner {
  readonly shared: boolean;
  scan(u8: Uint8Array): FlatScan;
}

/** The file's bytes (in a SharedArrayBuffer when `shared`: another thread can read them without a copy); a file that cannot be read is a UserError naming it. */
export async function readBytes(path: string, shared = false): Promise<Uint8Array> {
  try {
    return shared ? await readShared(path) : await readFile(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new UserError(
      code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(err)})`,
      code === 'ENOENT' ? '文件不存在' : `无法读取文件（${code ?? String(err)}）`,
      { file: path },
    );
  }
}

/** Load the layer file at `path` (its bytes `read` already, or not); messages name it by its base name. */
export async function loadPath(path: string, crs?: string, scanner?: Scanner, read?: Uint8Array): Promise<LoadedLayer> {
  const bytes = read ?? (await readBytes(path, scanner?.shared));
  return loadFile(basename(path), bytes, { crs, flatGeometry: !!scanner || bytes.length >= flatMinBytes(), flatScan: scanner && ((u8) => scanner.scan(u8)) });
}

async function readShared(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const u8 = new Uint8Array(new SharedArrayBuffer(size));
    for (let at = 0; at < size; ) {
      const { bytesRead } = await file.read(u8, at, size - at, at);
      if (!bytesRead) return u8.subarray(0, at);
      at += bytesRead;
    }
    return u8;
  } finally {
    await file.close();
  }
}

/** A count of skipped features and what they were skipped for, to print; and features whose id repeats an earlier one. */
export interface Skips {
  file: string;
  count: number;
  what: { en: string; zh: string };
  duplicates?: readonly Issue[];
}

const NOT_AREAS = { en: 'not polygons or unreadable', zh: '非面或无法读取' };

/** The stderr lines for skipped features and repeated ids (the output names features by id), or nothing. */
export function skipLine({ file, count, what, duplicates = [] }: Skips): string {
  let out = count ? `${basename(file)}: ${count} features skipped (${what.en}) / 跳过 ${count} 个要素（${what.zh}）\n` : '';
  if (duplicates.length) {
    const [first] = duplicates;
    out +=
      `${basename(file)}: ${duplicates.length} features reuse an earlier feature's id; the first: ${first.en}\n` +
      `${basename(file)}：${duplicates.length} 个要素的编号与前面的要素重复；第一个：${first.zh}\n`;
  }
  return out;
}

function duplicatesOf(layer: LoadedLayer): Issue[] {
  return layer.warnings.filter((w) => w.code === 'duplicate-id');
}

/** The layer's columns matched to fields, judged on its first 50 rows. */
function fieldsOf(layer: LoadedLayer): FieldMatch {
  return matchFields(layer.columns, layer.features.slice(0, 50).map((f) => f.properties));
}

/** @param bytes the file's bytes, when read already (readBytes) */
export async function readCompounds(file: string, crs?: string, scanner?: Scanner, bytes?: Uint8Array): Promise<{ compounds: Compound[]; skips: Skips }> {
  const layer = await loadPath(file, crs, scanner, bytes);
  const { compounds, skipped } = toCompounds(layer, fieldsOf(layer));
  return { compounds, skips: { file, count: skipped.length, what: NOT_AREAS, duplicates: duplicatesOf(layer) } };
}

/** @param scan the first pass over the file, when made already (by the helper: the rest is read here) */
export async function readParcels(file: string, crs?: string, scan?: FlatScan): Promise<{ parcels: IdleParcel[]; skips: Skips }> {
  const layer = await loadPath(file, crs, scan && { shared: false, scan: () => scan });
  const { parcels, skipped } = toParcels(layer, fieldsOf(layer));
  return { parcels, skips: { file, count: skipped.length, what: NOT_AREAS, duplicates: duplicatesOf(layer) } };
}

/** Existing facilities: points, multipoints, polygons; anything else is counted as skipped. */
export async function readExisting(file: string, crs?: string): Promise<{ existing: ExistingGeometry[]; skips: Skips }> {
  const layer = await loadPath(file, crs);
  const existing: ExistingGeometry[] = [];
  let count = layer.skipped.length;
  for (const f of layer.features) {
    const g = f.geometry;
    // plain GeoJSON, not FlatAreas: these go to the helper thread by structured clone, which keeps no class
    if (g instanceof FlatArea) existing.push({ type: g.type, coordinates: g.coordinates } as ExistingGeometry);
    else if (g && (g.type === 'Point' || g.type === 'MultiPoint' || g.type === 'Polygon' || g.type === 'MultiPolygon')) existing.push(g);
    else count++;
  }
  return { existing, skips: { file, count, what: { en: 'not points or polygons', zh: '非点或面' } } };
}
