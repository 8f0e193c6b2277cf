// What every loader returns, and the shared last step: choose the CRS, convert to WGS84, apply the id rule.
import type { FeatureId, RawFeature, SkippedFeature } from '../geo/types';
import { resolveCrs, type Crs } from './crs';
import { CrsNeededError, detectCrs, looksGeographic } from './crs-detect';
import { convertGeometry, sampleCoordinates } from './geometry';

export type LayerFormat = 'geojson' | 'flatgeobuf' | 'shapefile' | 'csv' | 'xlsx';
export type CrsSource = 'declared' | 'prj' | 'header' | 'user' | 'default';

/** A loaded file: WGS84 features, what was skipped and why, and where the CRS came from. */
export interface LoadedLayer {
  file: string;
  format: LayerFormat;
  crs: { spec: string; source: CrsSource; label: string; note: string };
  features: RawFeature[];
  skipped: SkippedFeature[];
  /** Attribute columns in source order. */
  columns: string[];
}

/** A feature as parsed from its file, in source coordinates. */
export interface SourceFeature {
  /** 0-based position in the file when not the position in the list (e.g. after a bbox query). */
  row?: number;
  /** The format's own feature id (GeoJSON `id`), if any. */
  fid?: FeatureId | null;
  properties: Record<string, unknown>;
  /** GeoJSON-shaped geometry in source coordinates, or null. */
  geometry: unknown;
  /** Set when the format itself rules the feature out (e.g. a record deleted in the .dbf): the reason. */
  skip?: string;
}

export interface FinishOptions {
  /** CRS given by the user; wins over anything the file declares. */
  crs?: string;
  /** Longitude near the data, for guessing a GK zone when the file has none. */
  hintLon?: number;
  onProgress?: (fraction: number) => void;
}

/**
 * Choose the CRS (user > file's declaration > EPSG:4326 default), refuse projected coordinates read as lon/lat
 * (CrsNeededError with a guess), convert every geometry to WGS84 and assign ids:
 * the `id` property (case-sensitive), else the format's feature id, else the 0-based row number.
 */
export function finishLayer(
  src: readonly SourceFeature[],
  meta: { file: string; format: LayerFormat; columns: string[]; declared: { spec: string; source: CrsSource } | null },
  { crs: userCrs, hintLon, onProgress }: FinishOptions = {},
): LoadedLayer {
  const sample = sampleCoordinates(src.map((f) => (f.skip ? null : f.geometry)));
  const chosen: { spec: string; source: CrsSource } = userCrs
    ? { spec: userCrs, source: 'user' }
    : (meta.declared ?? { spec: 'EPSG:4326', source: 'default' });
  const crs: Crs = resolveCrs(chosen.spec, { sample });
  if (crs.geographic && !looksGeographic(sample)) {
    const q = detectCrs(sample, { hintLon });
    if (q) throw new CrsNeededError(meta.file, q);
  }
  const features: RawFeature[] = [];
  const skipped: SkippedFeature[] = [];
  const convert = crs.identity ? null : crs.toWgs84;
  for (let i = 0; i < src.length; i++) {
    const f = src[i];
    const row = f.row ?? i;
    const id = featureId(f, row);
    const out = f.skip ? { reason: f.skip } : convertGeometry(f.geometry, convert ?? identity);
    if (out.geometry) features.push({ id, row, properties: f.properties, geometry: out.geometry });
    else skipped.push({ row, id, reason: out.reason });
    if (onProgress && i % 2000 === 1999) onProgress(i / src.length);
  }
  onProgress?.(1);
  return {
    file: meta.file,
    format: meta.format,
    crs: { spec: crs.spec, source: chosen.source, label: crs.label, note: crs.note },
    features,
    skipped,
    columns: meta.columns,
  };
}

/** The id rule (a CLI contract): `id` property, else the format's feature id, else the row; types kept. */
export function featureId(f: SourceFeature, row: number): FeatureId {
  const p = f.properties.id;
  if (typeof p === 'string' || typeof p === 'number') {
    if (p !== '' && !(typeof p === 'number' && !Number.isFinite(p))) return p;
  }
  if (typeof f.fid === 'string' || typeof f.fid === 'number') return f.fid;
  return row;
}

/** Column names in order of first appearance across property records. */
export function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

const identity = (x: number, y: number): [number, number] => [x, y];
