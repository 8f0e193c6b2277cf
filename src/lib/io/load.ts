// One entry point for every layer file: dispatch by magic bytes, then by extension.
import { UserError } from './errors';
import { loadFlatGeobuf, type BBox } from './flatgeobuf';
import { loadGeoJson } from './geojson';
import type { FinishOptions, LoadedLayer } from './layer';
import { loadShapefileParts, loadShapefileZip, type NamedBytes } from './shapefile';
import { loadTable } from './table';
import { toU8, type Bytes } from './text';

export type { LoadedLayer } from './layer';

export interface LoadOptions extends FinishOptions {
  /** The other parts of a loose shapefile (.dbf, .prj, .cpg) when `name` is the .shp. */
  extraFiles?: NamedBytes[];
  /** FlatGeobuf only: keep features meeting this WGS84 box. */
  bbox?: BBox;
}

/**
 * Load a layer file into WGS84 features. Formats: GeoJSON (.geojson/.json), FlatGeobuf (.fgb, magic 'fgb'), zipped
 * shapefile (.zip, magic 'PK'), loose shapefile (.shp + extraFiles), CSV/XLSX with lon/lat columns (points).
 * Unsupported formats, unreadable files and projected coordinates without a CRS (CrsNeededError) throw UserErrors
 * naming the file.
 * @param name the file name (used for messages and the extension), never a path to open
 */
export async function loadFile(name: string, bytes: Bytes, opts: LoadOptions = {}): Promise<LoadedLayer> {
  const u8 = toU8(bytes);
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const kind = sniff(u8) ?? byExtension(ext);
  switch (kind) {
    case 'fgb':
      return loadFlatGeobuf(name, u8, opts);
    case 'zip':
      if (ext === 'xlsx') return loadTable(name, u8, opts);
      return loadShapefileZip(name, u8, opts);
    case 'shp':
      return loadShapefileParts(name, [{ name, bytes: u8 }, ...(opts.extraFiles ?? [])], opts);
    case 'json':
      return loadGeoJson(name, u8, opts);
    case 'table':
      return loadTable(name, u8, opts);
    default:
      if (['dbf', 'prj', 'cpg', 'shx'].includes(ext)) {
        throw new UserError(
          `is one part of a shapefile; give the .shp together with its .dbf/.prj/.cpg, or all of them in one .zip`,
          `只是 shapefile 的一部分；请连同 .shp、.dbf、.prj、.cpg 一起给出，或打包成一个 .zip`,
          { file: name },
        );
      }
      throw new UserError(
        `is not a supported format (${ext ? '.' + ext : 'unknown'}); use GeoJSON, FlatGeobuf (.fgb), a zipped shapefile, CSV or XLSX`,
        `格式不受支持（${ext ? '.' + ext : '未知'}）；请使用 GeoJSON、FlatGeobuf（.fgb）、打包的 shapefile（.zip）、CSV 或 XLSX`,
        { file: name },
      );
  }
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
