// FlatGeobuf: header CRS honoured, features iterated from bytes, optional bbox filter (spatial index when usable).
import { deserialize as deserializeGeneric, GeometryType, parseProperties } from 'flatgeobuf/lib/mjs/generic.js';
import { deserialize, serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { fromGeometry } from 'flatgeobuf/lib/mjs/geojson/geometry.js';
import type { Geometry as FgbGeometry } from 'flatgeobuf/lib/mjs/flat-geobuf/geometry.js';
import type { HeaderMeta } from 'flatgeobuf';
import { FlatArea, FlatStore } from '../geo/flat-area';
import type { AnyGeometry } from '../geo/types';
import { UserError } from './errors';
import { finishLayer, type CrsSource, type FinishOptions, type LoadedLayer, type SourceFeature } from './layer';
import { toU8, type Bytes } from './text';
import { issue, type Issue } from './validate';

/** The share of a load's progress bar given to reading the features (the rest: checking and repairing them). */
const READ_SHARE = 0.6;

/** [minLon, minLat, maxLon, maxLat] in WGS84 degrees. */
export type BBox = [number, number, number, number];

export interface FgbOptions extends FinishOptions {
  /** Keep only features whose envelope meets this WGS84 box; uses the file's index when the file is lon/lat. */
  bbox?: BBox;
}

/**
 * Load a FlatGeobuf file from bytes. Row numbers are the features' positions in the file. A file cut short keeps its
 * whole features and reports the cut (a warning); one cut inside its header or index, or before its first feature,
 * is refused with a UserError.
 */
export async function loadFlatGeobuf(file: string, bytes: Bytes, opts: FgbOptions = {}): Promise<LoadedLayer> {
  // flatgeobuf's array reader builds DataViews on .buffer from 0: give it an unshifted copy.
  let u8 = toU8(bytes);
  if (u8.byteOffset !== 0 || u8.byteLength !== u8.buffer.byteLength) u8 = u8.slice();
  await guardVectors();
  const header = await readHeader(file, u8);
  const layout = featureLayout(file, u8, header);
  const declared = headerCrs(header);
  const columns = (header.columns ?? []).map((c) => c.name);
  const lonLat = !opts.crs && (declared === null || /^EPSG:(4326|4490)$/.test(declared.spec));
  const useIndex = opts.bbox && lonLat && header.indexNodeSize > 0 && layout.complete === header.featuresCount;
  const src: SourceFeature[] = [];
  const warnings: Issue[] = [];
  const cut = (n: number): Issue =>
    issue('truncated', file, null, null, `is cut short: only ${n} of its ${header.featuresCount} features could be read`, `文件不完整：${header.featuresCount} 个要素中只能读取 ${n} 个`);
  if (layout.complete < header.featuresCount) {
    if (!layout.complete) {
      throw new UserError(
        `is cut short: its header lists ${header.featuresCount} features, but not one is complete`,
        `文件不完整：文件头列出 ${header.featuresCount} 个要素，但没有一个完整`,
        { file },
      );
    }
    warnings.push(cut(layout.complete));
  }
  if (layout.complete > 0) {
    const data = layout.end < u8.byteLength ? u8.slice(0, layout.end) : u8;
    try {
      const rect = useIndex && opts.bbox ? { minX: opts.bbox[0], minY: opts.bbox[1], maxX: opts.bbox[2], maxY: opts.bbox[3] } : undefined;
      // reading the features is most of the work: the first READ_SHARE of the progress, checking them the rest
      const total = layout.complete;
      // polygons go straight into one flat store (FlatAreas: GeoJSON to every reader, their nested coordinates built
      // only if something asks), so that 200,000 of them are not 200,000 trees of arrays; other geometry as GeoJSON
      const store = new FlatStore();
      const fromFeature = (id: number, feature: FgbFeature, h: HeaderMeta): SourceFeature => ({
        row: id,
        properties: parseProperties(feature as never, h.columns) as Record<string, unknown>,
        geometry: readGeometry(feature.geometry(), h.geometryType, store),
      });
      for await (const f of deserializeGeneric(data, { rect, fromFeature: fromFeature as never }) as AsyncGenerator<unknown> as AsyncGenerator<SourceFeature>) {
        src.push(f);
        if (opts.onProgress && src.length % 5000 === 0) opts.onProgress((READ_SHARE * src.length) / total);
      }
    } catch (err) {
      // Damaged after some whole features: keep those and say so.
      if (!src.length || useIndex) {
        throw new UserError(
          `cannot read FlatGeobuf features (${err instanceof Error ? err.message : String(err)})`,
          `无法读取 FlatGeobuf 要素（${err instanceof Error ? err.message : String(err)}）`,
          { file },
        );
      }
      warnings.splice(0, warnings.length, cut(src.length));
    }
  }
  src.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const progress = opts.onProgress;
  const layer = finishLayer(src, { file, format: 'flatgeobuf', columns, declared, allowEmpty: !!opts.bbox, warnings }, {
    ...opts,
    onProgress: progress && ((f: number) => progress(READ_SHARE + (1 - READ_SHARE) * f)),
  });
  const box = opts.bbox;
  if (!box || useIndex) return layer;
  return { ...layer, features: layer.features.filter((f) => f.geometry && meets(f.geometry, box)) };
}

interface FgbFeature {
  geometry(): FgbGeometry | null;
}

/** A feature's geometry: a Polygon or MultiPolygon as a FlatArea in `store` (the same vertices, rings and parts), else GeoJSON. */
function readGeometry(g: FgbGeometry | null, headerType: GeometryType, store: FlatStore): AnyGeometry | null {
  if (!g) return null;
  const type = headerType === GeometryType.Unknown ? g.type() : headerType;
  if (type !== GeometryType.Polygon && type !== GeometryType.MultiPolygon) return fromGeometry(g, type) as unknown as AnyGeometry;
  const multi = type === GeometryType.MultiPolygon;
  const nr = store.nr, np = store.np;
  store.ringMark();
  if (multi) store.partMark();
  const parts = multi ? Array.from({ length: g.partsLength() }, (_, i) => g.parts(i)) : [g];
  for (const part of parts) {
    const xy = part?.xyArray();
    if (part && xy) {
      const ends = part.endsArray();
      // no ends: one ring of every vertex (as flatgeobuf's own GeoJSON reader takes it); a damaged file's ends can
      // point anywhere: a ring takes only the vertices there are
      const n = xy.length >> 1;
      let start = 0;
      for (const end of ends && ends.length ? ends : [n]) {
        const to = Math.min(Math.max(end, start), n);
        store.vertices(xy, start, to);
        store.ringMark();
        start = to;
      }
    }
    if (multi) store.partMark();
  }
  return new FlatArea(multi ? 'MultiPolygon' : 'Polygon', store, nr, store.nr - nr - 1, np, store.np - np - 1) as unknown as AnyGeometry;
}

/** Where the features are: the number of whole size-prefixed features (at most the header's count) and their end. */
function featureLayout(file: string, u8: Uint8Array, header: HeaderMeta): { complete: number; end: number } {
  const dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  let offset = 12 + dv.getUint32(8, true);
  if (header.indexNodeSize > 0 && header.featuresCount > 0) offset += treeSize(header.featuresCount, header.indexNodeSize);
  if (offset > u8.byteLength) {
    throw new UserError('is cut short inside its header or spatial index', '文件不完整：在文件头或空间索引处中断', { file });
  }
  // A count of 0 means "unknown" (streamed writers) when there is no index: read every whole feature.
  const limit = header.featuresCount || (header.indexNodeSize > 0 ? 0 : Infinity);
  let complete = 0;
  while (complete < limit && offset + 4 <= u8.byteLength) {
    const next = offset + 4 + dv.getUint32(offset, true);
    if (next > u8.byteLength) break;
    offset = next;
    complete++;
  }
  return { complete, end: offset };
}

/** Bytes of a packed Hilbert R-tree (flatgeobuf's calcTreeSize, which loops forever on 0 items). */
function treeSize(numItems: number, nodeSize: number): number {
  const size = Math.min(Math.max(nodeSize, 2), 65535);
  let n = numItems;
  let nodes = n;
  do {
    n = Math.ceil(n / size);
    nodes += n;
  } while (n > 1);
  return nodes * 40;
}

let guarded: Promise<void> | null = null;

/**
 * Make flatbuffers refuse vectors that run past the end of the bytes. flatgeobuf loops over vector lengths read from
 * the file; in a damaged file one such length can be 2³¹ and the tab hangs. A valid buffer never has such a vector,
 * so the check changes nothing for good files. The ByteBuffer class is taken from a feature flatgeobuf itself
 * decodes, so the patch reaches the very copy of flatbuffers it uses.
 */
function guardVectors(): Promise<void> {
  guarded ??= (async () => {
    const probe = serialize({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }] });
    let proto: { __vector_len(o: number): number; capacity(): number; readInt32(o: number): number } | null = null;
    for await (const f of deserializeGeneric(probe, {
      fromFeature: (_id, feature) => {
        proto = Object.getPrototypeOf((feature as unknown as { bb: object }).bb) as typeof proto;
        return { getGeometry: () => null, getProperties: () => ({}) } as never;
      },
    })) void f;
    const p = proto as unknown as Record<string, unknown> | null;
    if (!p || p.__lianpianGuard) return;
    p.__lianpianGuard = true;
    p.__vector_len = function (this: { capacity(): number; readInt32(o: number): number }, offset: number): number {
      const at = offset + this.readInt32(offset);
      const n = this.readInt32(at);
      if (n < 0 || at + 4 + n > this.capacity()) throw new Error(`damaged data: a list of ${n} items runs past the end of the file`);
      return n;
    };
  })();
  return guarded;
}

async function readHeader(file: string, u8: Uint8Array): Promise<HeaderMeta> {
  if (u8.byteLength < 12 || 12 + new DataView(u8.buffer, u8.byteOffset, u8.byteLength).getUint32(8, true) > u8.byteLength) {
    throw new UserError('is cut short inside its FlatGeobuf header', '文件不完整：在 FlatGeobuf 文件头处中断', { file });
  }
  let header: HeaderMeta | null = null;
  const stop = new Error('header read');
  try {
    // Stop as soon as the header is read: flatgeobuf then sizes the index, which never ends for 0 features.
    await deserialize(u8, {
      headerMetaFn: (h) => {
        header = h;
        throw stop;
      },
    }).next();
  } catch (err) {
    if (err !== stop) {
      throw new UserError(
        `is not a readable FlatGeobuf file (${err instanceof Error ? err.message : String(err)})`,
        `不是可读取的 FlatGeobuf 文件（${err instanceof Error ? err.message : String(err)}）`,
        { file },
      );
    }
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
