// GeoJSON (FeatureCollection, Feature or bare geometry) with the legacy `crs` member honoured.
import { UserError } from './errors';
import { parseFlatScan, scanGeoJsonFlat } from './geojson-flat';
import { columnsOf, finishLayer, type FinishOptions, type LoadedLayer, type SourceFeature } from './layer';
import { decodeText, toU8, type Bytes } from './text';

/** Load GeoJSON bytes; a legacy `crs` member ("EPSG:4547", "urn:ogc:def:crs:EPSG::4547") is the declared CRS. */
export function loadGeoJson(file: string, bytes: Bytes, opts: FinishOptions = {}): LoadedLayer {
  let doc: unknown = null;
  if (opts.flatGeometry) doc = parseFlatScan((opts.flatScan ?? scanGeoJsonFlat)(toU8(bytes)));
  try {
    doc ??= JSON.parse(decodeText(bytes).text);
  } catch (err) {
    throw new UserError(
      `is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
      `不是有效的 JSON（${err instanceof Error ? err.message : String(err)}）`,
      { file },
    );
  }
  const src = sourceFeatures(file, doc);
  const declared = legacyCrs(doc);
  return finishLayer(
    src,
    { file, format: 'geojson', columns: columnsOf(src.map((f) => f.properties)), declared: declared ? { spec: declared, source: 'declared' } : null },
    opts,
  );
}

function sourceFeatures(file: string, doc: unknown): SourceFeature[] {
  const d = (doc ?? {}) as { type?: unknown; features?: unknown };
  if (d.type === 'FeatureCollection') {
    if (!Array.isArray(d.features)) {
      throw new UserError('is a FeatureCollection without a "features" array', '是 FeatureCollection 但缺少 "features" 数组', { file });
    }
    return d.features.map((f) => toSource(f));
  }
  if (d.type === 'Feature') return [toSource(d)];
  if (typeof d.type === 'string' && ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'].includes(d.type)) {
    return [{ properties: {}, geometry: d }];
  }
  throw new UserError(
    'is JSON but not GeoJSON (no FeatureCollection, Feature or geometry "type")',
    '是 JSON 但不是 GeoJSON（没有 FeatureCollection、Feature 或几何 "type"）',
    { file },
  );
}

function toSource(f: unknown): SourceFeature {
  const o = (f ?? {}) as { id?: unknown; properties?: unknown; geometry?: unknown };
  const props = o.properties && typeof o.properties === 'object' ? (o.properties as Record<string, unknown>) : {};
  const fid = typeof o.id === 'string' || typeof o.id === 'number' ? o.id : null;
  return { fid, properties: props, geometry: o.geometry ?? null };
}

/** The legacy (2008) `crs` member: {type:'name', properties:{name}} or {type:'EPSG', properties:{code}}. */
function legacyCrs(doc: unknown): string | null {
  const crs = (doc as { crs?: { type?: unknown; properties?: { name?: unknown; code?: unknown } } } | null)?.crs;
  if (!crs || typeof crs !== 'object') return null;
  if (typeof crs.properties?.name === 'string') return crs.properties.name;
  if (crs.type === 'EPSG' && (typeof crs.properties?.code === 'number' || typeof crs.properties?.code === 'string')) {
    return `EPSG:${crs.properties.code}`;
  }
  return null;
}
