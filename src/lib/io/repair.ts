// Check one source geometry before conversion and repair what is safe to repair: close rings, drop repeated points,
// fix ring orientation (RFC 7946), drop unusable holes and parts. Self-intersections and holes outside their shell are
// flagged, not repaired. Anything else unusable is refused with the reason; nothing is dropped silently.

import { FlatArea } from '../geo/flat-area';

/** One finding about one geometry, as short bilingual text (the caller adds file, feature and row). */
export interface Note {
  code: NoteCode;
  en: string;
  zh: string;
}

export type NoteCode =
  | 'no-geometry'
  | 'bad-geometry'
  | 'unsupported-type'
  | 'not-area'
  | 'bad-coordinate'
  | 'out-of-range'
  | 'too-few-points'
  | 'no-area'
  | 'ring-closed'
  | 'duplicate-points'
  | 'winding'
  | 'hole-dropped'
  | 'part-dropped'
  | 'self-intersection'
  | 'hole-outside';

export interface Checked {
  /** The cleaned GeoJSON-shaped geometry in source coordinates, or null when excluded. */
  geometry: { type: string; coordinates: unknown } | null;
  repairs: Note[];
  warnings: Note[];
  excluded: Note | null;
}

export interface RepairOptions {
  /**
   * Only Polygon/MultiPolygon are wanted (compounds, parcels): other types are excluded, and repeated consecutive
   * points are removed (zero-length edges upset wall and adjacency geometry). Otherwise repeated points are kept as
   * drawn (they are valid, and GDAL keeps them too), only ignored when counting a ring's distinct points.
   */
  area?: boolean;
  /** Coordinates are lon/lat: positions outside ±180/±90 exclude the feature. */
  geographic?: boolean;
}

const TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']);
/** Segment pairs compared per ring before the self-intersection check gives up (keeps huge rings linear-ish). */
const CROSS_BUDGET = 2_000_000;

class Exclude extends Error {
  constructor(readonly note: Note) {
    super(note.en);
  }
}

const note = (code: NoteCode, en: string, zh: string): Note => ({ code, en, zh });

/** Check and repair a GeoJSON-shaped geometry in source coordinates; never throws and never mutates its input. */
export function repairGeometry(geom: unknown, { area = false, geographic = false }: RepairOptions = {}): Checked {
  if (geom instanceof FlatArea) {
    // most polygons need nothing: keep the flat geometry; else repair its coordinates as below (same notes)
    if (flatAsDrawn(geom, geographic)) return { geometry: geom, repairs: [], warnings: [], excluded: null };
    geom = { type: geom.type, coordinates: geom.coordinates };
  }
  const fixes = new Map<NoteCode, number>();
  const repairs: Note[] = [];
  const warnings: Note[] = [];
  const fail = (n: Note): Checked => ({ geometry: null, repairs: [], warnings: [], excluded: n });
  if (geom === null || geom === undefined) return fail(note('no-geometry', 'no geometry; excluded', '没有几何；已排除'));
  if (typeof geom !== 'object') return fail(note('bad-geometry', 'geometry is not an object; excluded', '几何不是对象；已排除'));
  const g = geom as { type?: unknown; coordinates?: unknown };
  const type = typeof g.type === 'string' ? g.type : String(g.type);
  if (!TYPES.has(type)) {
    return fail(note('unsupported-type', `geometry type ${type.slice(0, 40)} is not supported; excluded`, `不支持的几何类型 ${type.slice(0, 40)}；已排除`));
  }
  if (area && type !== 'Polygon' && type !== 'MultiPolygon') {
    return fail(note('not-area', `is a ${type}, but this layer needs polygons (compounds and parcels are areas); excluded`, `是 ${type}，但此图层需要面（小区和地块是面）；已排除`));
  }
  const ctx: Ctx = { geographic, dedupe: area, fix: (code, n = 1) => fixes.set(code, (fixes.get(code) ?? 0) + n), warn: new Set() };
  let coordinates: unknown;
  try {
    const c = g.coordinates;
    switch (type) {
      case 'Point':
        coordinates = pos(c, ctx);
        break;
      case 'MultiPoint':
        coordinates = nonEmpty(arr(c)).map((p) => pos(p, ctx));
        break;
      case 'LineString':
        coordinates = line(c, ctx);
        break;
      case 'MultiLineString':
        coordinates = nonEmpty(arr(c)).map((l) => line(l, ctx));
        break;
      case 'Polygon':
        coordinates = polygon(c, ctx);
        break;
      default:
        coordinates = multiPolygon(c, ctx, repairs);
    }
  } catch (err) {
    if (err instanceof Exclude) return fail(err.note);
    throw err;
  }
  for (const [code, n] of fixes) repairs.push(fixNote(code, n));
  for (const code of ctx.warn) warnings.push(warnNote(code));
  return { geometry: { type, coordinates }, repairs, warnings, excluded: null };
}

interface Ctx {
  geographic: boolean;
  dedupe: boolean;
  fix: (code: NoteCode, n?: number) => void;
  warn: Set<NoteCode>;
}

function fixNote(code: NoteCode, n: number): Note {
  switch (code) {
    case 'ring-closed':
      return note(code, `${n} ring(s) not closed: closed by repeating the first point`, `${n} 个环未闭合：已重复首点闭合`);
    case 'duplicate-points':
      return note(code, `${n} repeated consecutive point(s) removed`, `已删除 ${n} 个连续重复点`);
    case 'winding':
      return note(code, `orientation of ${n} ring(s) fixed (outer rings counter-clockwise, holes clockwise, RFC 7946)`, `已纠正 ${n} 个环的方向（外环逆时针、内环顺时针，RFC 7946）`);
    default:
      return note(code, `${n} hole(s) with fewer than 3 distinct points or no area dropped`, `已删除 ${n} 个少于 3 个不同点或无面积的内环`);
  }
}

function warnNote(code: NoteCode): Note {
  return code === 'self-intersection'
    ? note(code, 'the boundary crosses itself (e.g. a bow-tie); kept as drawn, its area and walls may be wrong: fix it in the source', '边界自相交（如“8”字形）；按原样保留，面积和围墙可能有误：请在源数据中修正')
    : note(code, 'a hole lies outside its outer ring; kept as drawn: check it in the source', '内环位于外环之外；按原样保留：请在源数据中检查');
}

function arr(c: unknown): unknown[] {
  if (!Array.isArray(c)) throw new Exclude(note('bad-geometry', 'coordinates are not an array; excluded', '坐标不是数组；已排除'));
  return c;
}

function nonEmpty<T>(a: T[]): T[] {
  if (!a.length) throw new Exclude(note('bad-geometry', 'the geometry is empty; excluded', '几何为空；已排除'));
  return a;
}

function show(v: unknown): string {
  const s = Array.isArray(v) ? `[${v.slice(0, 3).map((x) => (typeof x === 'string' ? JSON.stringify(x) : String(x))).join(', ')}]` : String(v);
  return s.length > 48 ? `${s.slice(0, 45)}...` : s;
}

function pos(c: unknown, ctx: Ctx): number[] {
  const p = Array.isArray(c) ? c : null;
  const x: unknown = p?.[0];
  const y: unknown = p?.[1];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new Exclude(note('bad-coordinate', `coordinate ${show(c)} is not a pair of finite numbers; excluded`, `坐标 ${show(c)} 不是一对有限数值；已排除`));
  }
  if (ctx.geographic && !(Math.abs(x) <= 180 && Math.abs(y) <= 90)) {
    throw new Exclude(note('out-of-range', `coordinate ${x}, ${y} is outside longitude -180…180 / latitude -90…90; excluded`, `坐标 ${x}, ${y} 超出经度 -180…180 / 纬度 -90…90；已排除`));
  }
  return [x, y];
}

function line(c: unknown, ctx: Ctx): number[][] {
  const l = arr(c).map((p) => pos(p, ctx));
  if (l.length < 2) throw new Exclude(note('too-few-points', 'a line has fewer than 2 points; excluded', '线少于 2 个点；已排除'));
  return l;
}

function multiPolygon(c: unknown, ctx: Ctx, repairs: Note[]): number[][][][] {
  const parts = nonEmpty(arr(c));
  const kept: number[][][][] = [];
  parts.forEach((p, k) => {
    try {
      kept.push(polygon(p, ctx));
    } catch (err) {
      if (!(err instanceof Exclude) || parts.length === 1) throw err;
      const why = err.note;
      repairs.push(note('part-dropped', `part ${k + 1} of ${parts.length} dropped: ${why.en.replace(/; excluded$/, '')}`, `第 ${k + 1}/${parts.length} 部分已删除：${why.zh.replace(/；已排除$/, '')}`));
    }
  });
  if (!kept.length) throw new Exclude(note('too-few-points', 'no part of the MultiPolygon is usable; excluded', '多面的各部分均不可用；已排除'));
  return kept;
}

function polygon(c: unknown, ctx: Ctx): number[][][] {
  const rings = nonEmpty(arr(c));
  const out: number[][][] = [];
  rings.forEach((r, k) => {
    const ring = cleanRing(r, ctx, k > 0);
    if (ring) out.push(ring);
    else ctx.fix('hole-dropped');
  });
  const shell = out[0];
  for (let k = 1; k < out.length; k++) {
    const hole = out[k];
    let inside = false;
    for (let i = 0; i < hole.length - 1 && i < 16 && !inside; i++) inside = pointInRing(hole[i], shell);
    if (!inside) ctx.warn.add('hole-outside');
  }
  return out;
}

/** A closed, de-duplicated, correctly oriented ring; null for an unusable hole; throws for an unusable outer ring. */
function cleanRing(r: unknown, ctx: Ctx, hole: boolean): number[][] | null {
  const clean = cleanAsDrawn(r, ctx.geographic);
  if (clean) {
    const a = signedArea2(clean);
    // Most rings need nothing: keep the input's own arrays (shared, never written) instead of copying every point.
    if (a !== 0 && a > 0 !== hole && !selfIntersects(clean)) return clean;
  }
  const pts = arr(r).map((p) => pos(p, ctx));
  if (pts.length && !same(pts[0], pts[pts.length - 1])) {
    pts.push([pts[0][0], pts[0][1]]);
    ctx.fix('ring-closed');
  }
  const distinct: number[][] = [];
  for (const p of pts) if (!distinct.length || !same(p, distinct[distinct.length - 1])) distinct.push(p);
  if (distinct.length < 4) {
    if (hole) return null;
    throw new Exclude(note('too-few-points', `a ring has fewer than 3 distinct points (${Math.max(0, distinct.length - 1)}); excluded`, `环少于 3 个不同的点（${Math.max(0, distinct.length - 1)} 个）；已排除`));
  }
  if (ctx.dedupe && distinct.length < pts.length) ctx.fix('duplicate-points', pts.length - distinct.length);
  const ring = ctx.dedupe ? distinct : pts;
  const a = signedArea2(distinct);
  const crosses = selfIntersects(distinct);
  if (crosses) ctx.warn.add('self-intersection');
  if (a === 0 && !crosses) {
    if (hole) return null;
    throw new Exclude(note('no-area', 'the outer ring has no area (its points lie on one line); excluded', '外环没有面积（各点在一条直线上）；已排除'));
  }
  // A ring that crosses itself has no single orientation: leave it as drawn.
  if (!crosses && a > 0 === hole) {
    ring.reverse();
    ctx.fix('winding');
  }
  return ring;
}

/**
 * The ring itself when it is already closed and every point is a finite [x, y] pair (in range when geographic) with no
 * point repeating the one before; else null (the slow path then copies, repairs and names what was wrong).
 */
function cleanAsDrawn(r: unknown, geographic: boolean): number[][] | null {
  if (!Array.isArray(r) || r.length < 4) return null;
  let px = NaN;
  let py = NaN;
  for (let i = 0; i < r.length; i++) {
    const p: unknown = r[i];
    if (!Array.isArray(p) || p.length !== 2) return null;
    const x: unknown = p[0];
    const y: unknown = p[1];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return null;
    if (geographic && !(Math.abs(x) <= 180 && Math.abs(y) <= 90)) return null;
    if (x === px && y === py) return null;
    px = x;
    py = y;
  }
  const first = r[0] as number[];
  return first[0] === px && first[1] === py ? (r as number[][]) : null;
}

/**
 * What the nested path concludes for a FlatArea without changing anything: every ring as cleanAsDrawn accepts it,
 * outer rings counter-clockwise and holes clockwise (same area sums), none crossing itself (the same test), every
 * hole with one of its first 16 points inside its shell (the same test). Then repairGeometry has nothing to say.
 */
function flatAsDrawn(g: FlatArea, geographic: boolean): boolean {
  const { xy, ring } = g.store;
  for (const [from, to] of g.partRanges()) {
    if (to <= from) return false;
    for (let r = from; r < to; r++) {
      const a = ring[g.r0 + r], b = ring[g.r0 + r + 1];
      if (b - a < 4) return false;
      let px = NaN, py = NaN;
      for (let k = a; k < b; k++) {
        const x = xy[2 * k], y = xy[2 * k + 1];
        if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
        if (geographic && !(Math.abs(x) <= 180 && Math.abs(y) <= 90)) return false;
        if (x === px && y === py) return false;
        px = x;
        py = y;
      }
      if (xy[2 * a] !== px || xy[2 * a + 1] !== py) return false;
      const area2 = flatArea2(xy, a, b);
      if (area2 === 0 || area2 > 0 === r > from || selfIntersectsFlat(xy, a, b)) return false;
      if (r > from) {
        const s0 = ring[g.r0 + from], s1 = ring[g.r0 + from + 1];
        let inside = false;
        for (let i = 0; i < b - a - 1 && i < 16 && !inside; i++) inside = flatPointInRing(xy[2 * (a + i)], xy[2 * (a + i) + 1], xy, s0, s1);
        if (!inside) return false;
      }
    }
  }
  return true;
}

/** signedArea2 of the ring at vertices a … b - 1 of xy (the same sums in the same order). */
function flatArea2(xy: Float64Array, a: number, b: number): number {
  const x0 = xy[2 * a], y0 = xy[2 * a + 1];
  let s = 0;
  for (let i = a + 1; i + 1 < b; i++) s += (xy[2 * i] - x0) * (xy[2 * i + 3] - y0) - (xy[2 * i + 2] - x0) * (xy[2 * i + 1] - y0);
  return s;
}

/** pointInRing of (px, py) and the ring at vertices a … b - 1 of xy (the same test). */
function flatPointInRing(px: number, py: number, xy: Float64Array, a: number, b: number): boolean {
  let c = false;
  for (let i = a, j = b - 1; i < b; j = i++) {
    const ax = xy[2 * i], ay = xy[2 * i + 1], bx = xy[2 * j], by = xy[2 * j + 1];
    if (ay > py !== by > py && px < ((bx - ax) * (py - ay)) / (by - ay) + ax) c = !c;
  }
  return c;
}

function same(a: number[], b: number[]): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Twice the signed area of a closed ring (positive = counter-clockwise), relative to the first point for precision. */
export function signedArea2(ring: readonly number[][]): number {
  const [x0, y0] = ring[0];
  let s = 0;
  for (let i = 1; i + 1 < ring.length; i++) {
    s += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
  }
  return s;
}

function pointInRing(p: number[], ring: readonly number[][]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) c = !c;
  }
  return c;
}

/** True when two non-adjacent edges of the closed ring meet (crossing or touching); a sweep over x, with a budget. */
export function selfIntersects(ring: readonly number[][]): boolean {
  const xy = flatten(ring);
  return selfIntersectsFlat(xy, 0, ring.length);
}

/** selfIntersects for any ring size: sort the edges by min x and compare only those whose x-ranges meet. */
export function selfIntersectsSweep(ring: readonly number[][]): boolean {
  return sweepFlat(flatten(ring), 0, ring.length);
}

function flatten(ring: readonly number[][]): Float64Array {
  const xy = new Float64Array(2 * ring.length);
  for (let i = 0; i < ring.length; i++) {
    xy[2 * i] = ring[i][0];
    xy[2 * i + 1] = ring[i][1];
  }
  return xy;
}

/** selfIntersects of the closed ring at vertices a … b - 1 of xy. */
export function selfIntersectsFlat(xy: Float64Array, a: number, b: number): boolean {
  const n = b - a - 1;
  if (n < 4) return false;
  return n <= SMALL_RING ? smallFlat(xy, a, n) : sweepFlat(xy, a, b);
}

function sweepFlat(xy: Float64Array, a: number, b: number): boolean {
  const n = b - a - 1;
  if (n < 4) return false;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x1 = xy[2 * (a + i)], x2 = xy[2 * (a + i + 1)];
    lo[i] = Math.min(x1, x2);
    hi[i] = Math.max(x1, x2);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => lo[p] - lo[q]);
  let budget = CROSS_BUDGET;
  for (let p = 0; p < n; p++) {
    const i = order[p];
    for (let q = p + 1; q < n && lo[order[q]] <= hi[i]; q++) {
      if (--budget < 0) return false;
      const j = order[q];
      const d = Math.abs(i - j);
      if (d === 1 || d === n - 1) continue;
      if (edgesMeet(xy, a + i, a + j)) return true;
    }
  }
  return false;
}

/** Rings up to this many edges are checked pair by pair: cheaper than sorting for the sweep, same pairs compared. */
const SMALL_RING = 32;

/** The sweep's test without the sort: every pair of non-adjacent edges whose x-ranges meet (closed), no allocation. */
function smallFlat(xy: Float64Array, a: number, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const ax = xy[2 * (a + i)], bx = xy[2 * (a + i + 1)];
    const lo = ax < bx ? ax : bx;
    const hi = ax < bx ? bx : ax;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      const cx = xy[2 * (a + j)], dx = xy[2 * (a + j + 1)];
      if ((cx < dx ? cx : dx) > hi || (cx < dx ? dx : cx) < lo) continue;
      if (edgesMeet(xy, a + i, a + j)) return true;
    }
  }
  return false;
}

/** Whether edge i (vertex i to i + 1) and edge j of xy meet. */
function edgesMeet(xy: Float64Array, i: number, j: number): boolean {
  const p1x = xy[2 * i], p1y = xy[2 * i + 1], p2x = xy[2 * i + 2], p2y = xy[2 * i + 3];
  const q1x = xy[2 * j], q1y = xy[2 * j + 1], q2x = xy[2 * j + 2], q2y = xy[2 * j + 3];
  const o1 = orient(p1x, p1y, p2x, p2y, q1x, q1y);
  const o2 = orient(p1x, p1y, p2x, p2y, q2x, q2y);
  const o3 = orient(q1x, q1y, q2x, q2y, p1x, p1y);
  const o4 = orient(q1x, q1y, q2x, q2y, p2x, p2y);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(p1x, p1y, p2x, p2y, q1x, q1y)) || (o2 === 0 && onSegment(p1x, p1y, p2x, p2y, q2x, q2y)) ||
    (o3 === 0 && onSegment(q1x, q1y, q2x, q2y, p1x, p1y)) || (o4 === 0 && onSegment(q1x, q1y, q2x, q2y, p2x, p2y))
  );
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}
