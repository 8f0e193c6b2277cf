// One entry point for every layer file: dispatch by magic bytes, then by extension.
import { UserError } from './errors';
import type { BBox } from './flatgeobuf';
import { loadGeoJson } from './geojson';
import type { FinishOptions, LoadedLayer } from './layer';
import type { NamedBytes } from './shapefile';
import { toU8, type Bytes } from './text';
import { checkSize, DEFAULT_MAX_BYTES } from './validate';

export type { LoadedLayer } from './layer';

export interface LoadOptions extends FinishOptions {
  /** The other parts of a loose shapefile (.dbf, .prj, .cpg) when `name` is the .shp. */
  extraFiles?: NamedBytes[];
  /** FlatGeobuf only: keep features meeting this WGS84 box. */
  bbox?: BBox;
  /** Refuse files larger than this many bytes with a UserError (default DEFAULT_MAX_BYTES, 1.5 GiB). */
  maxBytes?: number;
}

const SUPPORTED_EN = 'use GeoJSON, FlatGeobuf (.fgb), a zipped shapefile, CSV or XLSX';
const SUPPORTED_ZH = '请使用 GeoJSON、FlatGeobuf（.fgb）、打包的 shapefile（.zip）、CSV 或 XLSX';

/**
 * Load a layer file into WGS84 features. Formats: GeoJSON (.geojson/.json), FlatGeobuf (.fgb, magic 'fgb'), zipped
 * shapefile (.zip, magic 'PK'), loose shapefile (.shp + extraFiles), CSV/XLSX with lon/lat columns (points).
 * Unsupported formats, unreadable files and projected coordinates without a CRS (CrsNeededError) throw UserErrors
 * naming the file, as do empty files, files over `maxBytes` and files where no feature is usable; per-feature
 * problems are repaired or excluded and reported in the layer's `repairs`, `warnings` and `excluded`.
 * @param name the file name (used for messages and the extension), never a path to open
 */
export async function loadFile(name: string, bytes: Bytes, opts: LoadOptions = {}): Promise<LoadedLayer> {
  const u8 = toU8(bytes);
  checkSize(name, u8.byteLength, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  if (blank(u8)) throw new UserError(`is empty (${u8.byteLength} bytes${u8.byteLength ? ', all blank' : ''})`, `是空文件（${u8.byteLength} 字节${u8.byteLength ? '，全为空白' : ''}）`, { file: name });
  const kind = sniff(u8) ?? byExtension(ext);
  // A zip under another document extension (.docx, .pptx, .kmz, ...) is that document, not a shapefile.
  if (kind === 'zip' && ext && !['zip', 'xlsx', 'shp'].includes(ext)) throw unsupported(name, ext);
  // the other readers (and their libraries: flatgeobuf, fflate, read-excel-file) are loaded when first needed
  switch (kind) {
    case 'fgb':
      return (await import('./flatgeobuf')).loadFlatGeobuf(name, u8, opts);
    case 'zip':
      if (ext === 'xlsx') return (await import('./table')).loadTable(name, u8, opts);
      return (await import('./shapefile')).loadShapefileZip(name, u8, opts);
    case 'shp':
      return (await import('./shapefile')).loadShapefileParts(name, [{ name, bytes: u8 }, ...(opts.extraFiles ?? [])], opts);
    case 'json':
      return loadGeoJson(name, u8, opts);
    case 'table':
      return (await import('./table')).loadTable(name, u8, opts);
    default:
      if (['dbf', 'prj', 'cpg', 'shx'].includes(ext)) {
        throw new UserError(
          `is one part of a shapefile; give the .shp together with its .dbf/.prj/.cpg, or all of them in one .zip`,
          `只是 shapefile 的一部分；请连同 .shp、.dbf、.prj、.cpg 一起给出，或打包成一个 .zip`,
          { file: name },
        );
      }
      throw unsupported(name, ext);
  }
}

function unsupported(file: string, ext: string): UserError {
  const hint = ext === 'kml' || ext === 'kmz' ? '; export it from Google Earth or QGIS as GeoJSON' : '';
  const hintZh = ext === 'kml' || ext === 'kmz' ? '；请用 Google Earth 或 QGIS 导出为 GeoJSON' : '';
  return new UserError(
    `is not a supported format (${ext ? '.' + ext : 'unknown'}); ${SUPPORTED_EN}${hint}`,
    `格式不受支持（${ext ? '.' + ext : '未知'}）；${SUPPORTED_ZH}${hintZh}`,
    { file },
  );
}

/** No bytes, or only whitespace (and a BOM). */
function blank(u8: Uint8Array): boolean {
  if (u8.byteLength > 4096) return false;
  let i = u8[0] === 0xef && u8[1] === 0xbb && u8[2] === 0xbf ? 3 : 0;
  while (i < u8.length && (u8[i] === 0x20 || u8[i] === 0x0a || u8[i] === 0x0d || u8[i] === 0x09)) i++;
  return i >= u8.length;
}

function sniff(u8: Uint8Array): 'fgb' | 'zip' | 'shp' | 'json' | null {
  if (u8[0] === 0x66 && u8[1] === 0x67 && u8[2] === 0x62) return 'fgb';
  if (u8[0] === 0x50 && u8[1] === 0x4b) return 'zip';
  if (u8.length >= 4 && u8[0] === 0 && u8[1] === 0 && u8[2] === 0x27 && u8[3] === 0x0a) return 'shp';
  let i = u8[0] === 0xef && u8[1] === 0xbb && u8[2] === 0xbf ? 3 : 0;
  while (i < u8.length && (u8[i] === 0x20 || u8[i] === 0x0a || u8[i] === 0x0d || u8[i] === 0x09)) i++;
  return u8[i] === 0x7b ? 'json' : null;
}

function byExtension(ext: string): 'fgb' | 'zip' | 'shp' | 'json' | 'table' | null {
  if (ext === 'geojson' || ext === 'json') return 'json';
  if (ext === 'fgb') return 'fgb';
  if (ext === 'zip') return 'zip';
  if (ext === 'shp') return 'shp';
  if (ext === 'csv' || ext === 'txt' || ext === 'xlsx') return 'table';
  return null;
}
