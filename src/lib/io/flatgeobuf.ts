// FlatGeobuf: header CRS honoured, features iterated from bytes, optional bbox filter (spatial index when usable).
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { HeaderMeta } from 'flatgeobuf';
import type { AnyGeometry } from '../geo/types';
import { UserError } from './errors';
import { finishLayer, type CrsSource, type FinishOptions, type LoadedLayer, type SourceFeature } from './layer';
import { toU8, type Bytes } from './text';
import { issue, type Issue } from './validate';

/** [minLon, minLat, maxLon, maxLat] in WGS84 degrees. */
export type BBox = [number, number, number, number];

export interface FgbOptions extends FinishOptions {
  /** Keep only features whose envelope meets this WGS84 box; uses the file's index when the file is lon/lat. */
  bbox?: BBox;
}

/** Load a FlatGeobuf file from bytes. Row numbers are the features' positions in the file. */
export async function loadFlatGeobuf(file: string, bytes: Bytes, opts: FgbOptions = {}): Promise<LoadedLayer> {
  // flatgeobuf's array reader builds DataViews on .buffer from 0: give it an unshifted copy.
  let u8 = toU8(bytes);
  if (u8.byteOffset !== 0 || u8.byteLength !== u8.buffer.byteLength) u8 = u8.slice();
  const header = await readHeader(file, u8);
  const declared = headerCrs(header);
  const columns = (header.columns ?? []).map((c) => c.name);
  const lonLat = !opts.crs && (declared === null || /^EPSG:(4326|4490)$/.test(declared.spec));
  const useIndex = opts.bbox && lonLat && header.indexNodeSize > 0;
  const src: SourceFeature[] = [];
  const warnings: Issue[] = [];
  try {
    const rect = useIndex && opts.bbox ? { minX: opts.bbox[0], minY: opts.bbox[1], maxX: opts.bbox[2], maxY: opts.bbox[3] } : undefined;
    for await (const f of deserialize(u8, { rect })) {
      src.push({ row: Number(f.id), properties: { ...(f.properties ?? {}) }, geometry: f.geometry ?? null });
    }
  } catch (err) {
    // Cut short after some whole features (an interrupted download): keep those and say so.
    if (src.length && !useIndex && src.length < header.featuresCount) {
      warnings.push(issue('truncated', file, null, null, `is cut short: only ${src.length} of its ${header.featuresCount} features could be read`, `文件不完整：${header.featuresCount} 个要素中只能读取 ${src.length} 个`));
    } else {
      throw new UserError(
        `cannot read FlatGeobuf features (${err instanceof Error ? err.message : String(err)})`,
        `无法读取 FlatGeobuf 要素（${err instanceof Error ? err.message : String(err)}）`,
        { file },
      );
    }
  }
  src.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const layer = finishLayer(src, { file, format: 'flatgeobuf', columns, declared, allowEmpty: !!opts.bbox, warnings }, opts);
  const box = opts.bbox;
  if (!box || useIndex) return layer;
  return { ...layer, features: layer.features.filter((f) => f.geometry && meets(f.geometry, box)) };
}

async function readHeader(file: string, u8: Uint8Array): Promise<HeaderMeta> {
  let header: HeaderMeta | null = null;
  try {
    const it = deserialize(u8, { headerMetaFn: (h) => (header = h) });
    await it.next();
    await it.return(undefined);
  } catch (err) {
    throw new UserError(
      `is not a readable FlatGeobuf file (${err instanceof Error ? err.message : String(err)})`,
      `不是可读取的 FlatGeobuf 文件（${err instanceof Error ? err.message : String(err)}）`,
      { file },
    );
  }
  if (!header) throw new UserError('has no FlatGeobuf header', '缺少 FlatGeobuf 文件头', { file });
  return header;
}

/** The header's CRS: an EPSG code (org EPSG or unset, code > 0), else its WKT, else nothing. */
function headerCrs(h: HeaderMeta): { spec: string; source: CrsSource } | null {
  const c = h.crs;
  if (!c) return null;
  if (c.code > 0 && (!c.org || c.org.toUpperCase() === 'EPSG')) return { spec: `EPSG:${c.code}`, source: 'header' };
  if (c.wkt) return { spec: c.wkt, source: 'header' };
  if (c.code_string && c.org) return { spec: `${c.org}:${c.code_string}`, source: 'header' };
  return null;
}

function meets(g: AnyGeometry, [x0, y0, x1, y1]: BBox): boolean {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const walk = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const p = c as number[];
      if (p[0] < minX) minX = p[0];
      if (p[0] > maxX) maxX = p[0];
      if (p[1] < minY) minY = p[1];
      if (p[1] > maxY) maxY = p[1];
    } else for (const k of c as unknown[]) walk(k);
  };
  walk(g.coordinates);
  return minX <= x1 && maxX >= x0 && minY <= y1 && maxY >= y0;
}
