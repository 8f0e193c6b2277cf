// Check a source geometry (any CRS) and convert it to WGS84 lon/lat; say why when it cannot be used.
import { FlatArea } from '../geo/flat-area';
import type { AnyGeometry, Position } from '../geo/types';

/** Source (x, y) to WGS84 [lon, lat]; null when the source already is lon/lat (positions are then checked, not copied). */
export type Convert = ((x: number, y: number) => [number, number]) | null;

/** Result of converting one geometry: the WGS84 geometry, or the reason it was refused. */
export type Converted = { geometry: AnyGeometry; reason?: undefined } | { geometry?: undefined; reason: string };

const SUPPORTED = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']);

/**
 * Validate a GeoJSON-shaped geometry in source coordinates and convert it with `convert`.
 * Z/M values are dropped; unclosed polygon rings are closed; rings with fewer than 3 distinct positions refused.
 * Converted coordinates must be finite lon/lat (|lon| ≤ 180, |lat| ≤ 90).
 */
export function convertGeometry(geom: unknown, convert: Convert): Converted {
  if (geom instanceof FlatArea) {
    // lon/lat already, closed rings of 4+ in-range positions: usable as it is (as lonLatRing decides below)
    if (!convert && flatLonLat(geom)) return { geometry: geom as unknown as AnyGeometry };
    geom = { type: geom.type, coordinates: geom.coordinates };
  }
  if (geom === null || geom === undefined) return { reason: 'no geometry / 无几何' };
  if (typeof geom !== 'object') return { reason: `geometry is not an object / 几何不是对象` };
  const g = geom as { type?: unknown; coordinates?: unknown };
  const type = String(g.type);
  if (!SUPPORTED.has(type)) return { reason: `unsupported geometry type ${type} / 不支持的几何类型 ${type}` };
  try {
    const c = g.coordinates;
    switch (type) {
      case 'Point':
        return { geometry: { type: 'Point', coordinates: pos(c, convert) } };
      case 'MultiPoint':
        return { geometry: { type: 'MultiPoint', coordinates: nonEmpty(arr(c)).map((p) => pos(p, convert)) } };
      case 'LineString':
        return { geometry: { type: 'LineString', coordinates: line(c, convert) } };
      case 'MultiLineString':
        return { geometry: { type: 'MultiLineString', coordinates: nonEmpty(arr(c)).map((l) => line(l, convert)) } };
      case 'Polygon':
        return { geometry: { type: 'Polygon', coordinates: polygon(c, convert) } };
      default:
        return { geometry: { type: 'MultiPolygon', coordinates: nonEmpty(arr(c)).map((p) => polygon(p, convert)) } };
    }
  } catch (err) {
    return { reason: err instanceof Error ? err.message : String(err) };
  }
}

function arr(c: unknown): unknown[] {
  if (!Array.isArray(c)) throw new Error('coordinates are not an array / 坐标不是数组');
  return c;
}

function nonEmpty<T>(a: T[]): T[] {
  if (!a.length) throw new Error('empty geometry / 空几何');
  return a;
}

function pos(c: unknown, convert: Convert): Position {
  const p = arr(c);
  const x = p[0];
  const y = p[1];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new Error(`bad coordinate ${JSON.stringify(p).slice(0, 40)} / 坐标无效`);
  }
  const [lon, lat] = convert ? convert(x, y) : [x, y];
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
    throw new Error(`coordinate ${x}, ${y} falls outside lon/lat after conversion (${lon}, ${lat}) / 坐标转换后超出经纬度范围`);
  }
  return [lon, lat];
}

function line(c: unknown, convert: Convert): Position[] {
  const l = arr(c);
  if (l.length < 2) throw new Error('line with fewer than 2 positions / 线少于 2 个点');
  return l.map((p) => pos(p, convert));
}

function polygon(c: unknown, convert: Convert): Position[][] {
  return nonEmpty(arr(c)).map((r) => {
    if (!convert && lonLatRing(r)) return r as Position[];
    const ring = arr(r).map((p) => pos(p, convert));
    const a = ring[0];
    const b = ring[ring.length - 1];
    if (ring.length && (a[0] !== b[0] || a[1] !== b[1])) ring.push([a[0], a[1]]);
    if (ring.length < 4) throw new Error('polygon ring with fewer than 3 distinct positions / 多边形环少于 3 个点');
    return ring;
  });
}

/** lonLatRing for every ring of a FlatArea. */
function flatLonLat(g: FlatArea): boolean {
  const { xy, ring } = g.store;
  if (!g.rings || g.partRanges().some(([from, to]) => to <= from)) return false;
  for (let r = 0; r < g.rings; r++) {
    const a = ring[g.r0 + r], b = ring[g.r0 + r + 1];
    if (b - a < 4 || xy[2 * a] !== xy[2 * b - 2] || xy[2 * a + 1] !== xy[2 * b - 1]) return false;
    for (let k = a; k < b; k++) if (!(Math.abs(xy[2 * k]) <= 180 && Math.abs(xy[2 * k + 1]) <= 90)) return false;
  }
  return true;
}

/** A closed ring of at least 4 [lon, lat] pairs, each finite and in range: usable as it is. */
function lonLatRing(r: unknown): boolean {
  if (!Array.isArray(r) || r.length < 4) return false;
  for (let i = 0; i < r.length; i++) {
    const p: unknown = r[i];
    if (!Array.isArray(p) || p.length !== 2) return false;
    const x: unknown = p[0];
    const y: unknown = p[1];
    if (typeof x !== 'number' || typeof y !== 'number' || !(Math.abs(x) <= 180 && Math.abs(y) <= 90)) return false;
  }
  const a = r[0] as number[];
  const b = r[r.length - 1] as number[];
  return a[0] === b[0] && a[1] === b[1];
}

/** Up to `max` coordinates spread over the geometries (first positions), for CRS checks; no conversion. */
export function sampleCoordinates(geoms: readonly unknown[], max = 256): number[][] {
  const out: number[][] = [];
  const step = Math.max(1, Math.floor(geoms.length / max));
  for (let i = 0; i < geoms.length && out.length < max; i += step) {
    const p = firstPosition((geoms[i] as { coordinates?: unknown } | null)?.coordinates);
    if (p) out.push(p);
  }
  return out;
}

function firstPosition(c: unknown): number[] | null {
  let cur = c;
  for (let depth = 0; depth < 5 && Array.isArray(cur); depth++) {
    if (typeof cur[0] === 'number' && typeof cur[1] === 'number') {
      return Number.isFinite(cur[0]) && Number.isFinite(cur[1]) ? [cur[0], cur[1]] : null;
    }
    cur = cur[0];
  }
  return null;
}
