// What every loader returns, and the shared last step: choose the CRS, convert to WGS84, apply the id rule.
import type { FeatureId, RawFeature, SkippedFeature } from '../geo/types';
import { resolveCrs, type Crs } from './crs';
import { CrsNeededError, detectCrs, looksGeographic } from './crs-detect';
import { UserError } from './errors';
import { convertGeometry, sampleCoordinates } from './geometry';
import type { FlatScan } from './geojson-flat';
import { repairGeometry } from './repair';
import { duplicateIds, formulaCells, issue, type Issue } from './validate';

export type LayerFormat = 'geojson' | 'flatgeobuf' | 'shapefile' | 'csv' | 'xlsx';
export type CrsSource = 'declared' | 'prj' | 'header' | 'user' | 'default';

/**
 * A loaded file: WGS84 features, what was skipped and why, and where the CRS came from; plus the load report:
 * `repairs` (features kept after a safe repair), `warnings` (kept, worth a look) and `excluded` (the `skipped`
 * features as whole bilingual sentences naming file, feature and row). validate.ts reportCsv exports it.
 */
export interface LoadedLayer {
  file: string;
  format: LayerFormat;
  crs: { spec: string; source: CrsSource; label: string; note: string };
  features: RawFeature[];
  skipped: SkippedFeature[];
  /** Attribute columns in source order. */
  columns: string[];
  repairs: Issue[];
  warnings: Issue[];
  excluded: Issue[];
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
  /**
   * 'area': only Polygon/MultiPolygon are wanted (compounds, parcels): other geometries are excluded with a reason,
   * repeated consecutive points removed (reported), and a layer with no area at all refused. Default 'any'.
   */
  need?: 'area' | 'any';
  /**
   * GeoJSON: polygon geometries may come back as FlatAreas (geo/flat-area.ts): the same GeoJSON to every reader,
   * parsed in about half the time, but not for structured clone (postMessage). For the CLI; default false.
   */
  flatGeometry?: boolean;
  /**
   * With flatGeometry: the first pass over the file's bytes, instead of geojson-flat.ts scanGeoJsonFlat (the CLI
   * scans half on another thread, and measures the polygons there while the rest is parsed here).
   */
  flatScan?: (u8: Uint8Array) => FlatScan;
}

export interface LayerMeta {
  file: string;
  format: LayerFormat;
  columns: string[];
  declared: { spec: string; source: CrsSource } | null;
  /** File-level findings of the format reader (encoding guessed, file cut short). */
  warnings?: Issue[];
  /** No features is fine (a bounding-box query); otherwise an empty source is refused. */
  allowEmpty?: boolean;
}

/**
 * Choose the CRS (user > file's declaration > EPSG:4326 default), refuse projected coordinates read as lon/lat
 * (CrsNeededError with a guess, when most coordinates are outside lon/lat; a few stray ones only exclude their
 * features), check and repair every geometry (repair.ts), convert it to WGS84 and assign ids: the `id` property
 * (case-sensitive), else the format's feature id, else the 0-based row number. Duplicate ids and formula-looking
 * text are warned about. An empty source is refused with a UserError, as is an area layer (`need: 'area'`) with no areas.
 */
export function finishLayer(src: readonly SourceFeature[], meta: LayerMeta, { crs: userCrs, hintLon, onProgress, need = 'any' }: FinishOptions = {}): LoadedLayer {
  const file = meta.file;
  if (!src.length && !meta.allowEmpty) throw new UserError('holds no features', '不含任何要素', { file });
  const sample = sampleCoordinates(src.map((f) => (f.skip ? null : f.geometry)));
  const chosen: { spec: string; source: CrsSource } = userCrs
    ? { spec: userCrs, source: 'user' }
    : (meta.declared ?? { spec: 'EPSG:4326', source: 'default' });
  const crs: Crs = resolveCrs(chosen.spec, { sample });
  if (crs.geographic && !looksGeographic(sample)) {
    const outside = sample.filter((p) => !looksGeographic([p]));
    const q = outside.length * 2 > sample.length ? detectCrs(outside, { hintLon }) : null;
    if (q) throw new CrsNeededError(file, q);
  }
  const features: RawFeature[] = [];
  const skipped: SkippedFeature[] = [];
  const repairs: Issue[] = [];
  const warnings: Issue[] = [...(meta.warnings ?? [])];
  const excluded: Issue[] = [];
  const convert = crs.identity ? null : crs.toWgs84;
  const exclude = (row: number, id: FeatureId, code: Issue['code'], en: string, zh: string): void => {
    skipped.push({ row, id, reason: `${en} / ${zh}` });
    excluded.push(issue(code, file, row, ownId(id, row), en, zh));
  };
  for (let i = 0; i < src.length; i++) {
    const f = src[i];
    const row = f.row ?? i;
    const id = featureId(f, row);
    if (f.skip) {
      const [en, zh] = splitReason(f.skip);
      exclude(row, id, 'skipped-by-format', `${en}; excluded`, `${zh}；已排除`);
      continue;
    }
    const checked = repairGeometry(f.geometry, { area: need === 'area', geographic: crs.geographic });
    if (checked.excluded) {
      exclude(row, id, checked.excluded.code, checked.excluded.en, checked.excluded.zh);
      continue;
    }
    const out = convertGeometry(checked.geometry, convert);
    if (!out.geometry) {
      const [en, zh] = splitReason(out.reason);
      exclude(row, id, 'bad-coordinate', `${en}; excluded`, `${zh}；已排除`);
      continue;
    }
    features.push({ id, row, properties: f.properties, geometry: out.geometry });
    for (const n of checked.repairs) repairs.push(issue(n.code, file, row, ownId(id, row), n.en, n.zh));
    for (const n of checked.warnings) warnings.push(issue(n.code, file, row, ownId(id, row), n.en, n.zh));
    if (onProgress && i % 2000 === 1999) onProgress(i / src.length);
  }
  onProgress?.(1);
  if (!features.length && need === 'area' && excluded.every((e) => e.code === 'not-area' || e.code === 'no-geometry')) refuseAll(file, src.length);
  warnings.push(...duplicateIds(file, features), ...formulaCells(file, features));
  return {
    file,
    format: meta.format,
    crs: { spec: crs.spec, source: chosen.source, label: crs.label, note: crs.note },
    features,
    skipped,
    columns: meta.columns,
    repairs,
    warnings,
    excluded,
  };
}

function refuseAll(file: string, n: number): never {
  throw new UserError(
    `holds no polygons (${n} features, none an area); compounds and idle land need polygon layers`,
    `不含面要素（${n} 个要素，均不是面）；小区和闲置用地需要面图层`,
    { file },
  );
}

/** "english / 中文" reasons from the format readers and geometry.ts, split; a reason without " / " serves both. */
function splitReason(reason: string): [string, string] {
  const k = reason.lastIndexOf(' / ');
  return k < 0 ? [reason, reason] : [reason.slice(0, k), reason.slice(k + 3)];
}

/** The id to print: none when it is only the row number (the sentence names the row anyway). */
function ownId(id: FeatureId, row: number): FeatureId | null {
  return id === row ? null : id;
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
  let last: string[] = [];
  for (const r of rows) {
    // rows of a file nearly always repeat the previous row's keys: compare in place, no key array per row
    let i = 0;
    let same = true;
    for (const k in r) {
      if (!Object.hasOwn(r, k)) continue;
      if (last[i++] !== k) {
        same = false;
        break;
      }
    }
    if (same && i === last.length) continue;
    last = Object.keys(r);
    for (const k of last) seen.add(k);
  }
  return [...seen];
}
