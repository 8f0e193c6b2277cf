// Polygons whose vertices live in one shared flat array, as a large GeoJSON file's parser (io/geojson-flat.ts)
// writes them: a FlatArea is a GeoJSON Polygon or MultiPolygon to every reader (its `coordinates` are built on first
// use), while the hot paths (repair, conversion, packing) read the flat arrays directly.
// A FlatArea is a class instance: structured clone (postMessage) would drop its coordinates, so it is for code that
// stays on one thread (the CLI); the app's loader does not make them.

import type { AreaGeometry } from './types';

/** The flat coordinates of every polygon geometry of one parsed file. */
export class FlatStore {
  /** Vertex coordinates x0, y0, x1, y1, … */
  xy = new Float64Array(1 << 20);
  nv = 0;
  /** Per geometry: the vertex where its first ring starts, then the vertex where each of its rings ends. */
  ring = new Uint32Array(1 << 16);
  nr = 0;
  /** Per MultiPolygon: the `ring` entry where its first part starts, then the entry where each part ends. */
  part = new Uint32Array(1 << 10);
  np = 0;

  vertex(x: number, y: number): void {
    if (2 * this.nv + 2 > this.xy.length) this.xy = grow(this.xy, 2 * this.nv + 2);
    this.xy[2 * this.nv] = x;
    this.xy[2 * this.nv + 1] = y;
    this.nv++;
  }

  /** Append vertices xy[from … to - 1] (x, y pairs: `from` and `to` count vertices). */
  vertices(xy: Float64Array, from: number, to: number): void {
    const need = 2 * (this.nv + to - from);
    if (need > this.xy.length) this.xy = grow(this.xy, need);
    this.xy.set(xy.subarray(2 * from, 2 * to), 2 * this.nv);
    this.nv += to - from;
  }

  /** Mark "a ring starts or ends here" (the current vertex count). */
  ringMark(): void {
    if (this.nr + 1 > this.ring.length) this.ring = grow(this.ring, this.nr + 1);
    this.ring[this.nr++] = this.nv;
  }

  /** Mark "a part starts or ends here" (the last ring mark). */
  partMark(): void {
    if (this.np + 1 > this.part.length) this.part = grow(this.part, this.np + 1);
    this.part[this.np++] = this.nr - 1;
  }
}

function grow<T extends Float64Array | Uint32Array>(a: T, need: number): T {
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

/** A Polygon or MultiPolygon in a FlatStore. Its vertices are contiguous: store.ring[r0] … store.ring[r0 + rings] - 1. */
export class FlatArea {
  private nested: number[][][] | number[][][][] | null = null;
  constructor(
    readonly type: 'Polygon' | 'MultiPolygon',
    readonly store: FlatStore,
    /** Ring k (0 … rings - 1) spans vertices store.ring[r0 + k] … store.ring[r0 + k + 1] - 1. */
    readonly r0: number,
    readonly rings: number,
    /** MultiPolygon: part p holds rings store.part[p0 + p] - r0 … store.part[p0 + p + 1] - r0 - 1. Polygon: no parts. */
    readonly p0: number,
    readonly parts: number,
  ) {}

  /** The first vertex, or undefined when there is none. */
  first(): [number, number] | undefined {
    if (!this.rings) return undefined;
    const k = this.store.ring[this.r0];
    return k < this.store.ring[this.r0 + 1] ? [this.store.xy[2 * k], this.store.xy[2 * k + 1]] : undefined;
  }

  /** [minX, minY, maxX, maxY] of all its vertices, read from the store (the coordinates are not built); null when empty. */
  box(): [number, number, number, number] | null {
    const { xy, ring } = this.store;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let k = ring[this.r0], end = ring[this.r0 + this.rings]; k < end; k++) {
      const x = xy[2 * k], y = xy[2 * k + 1];
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    return x0 <= x1 ? [x0, y0, x1, y1] : null;
  }

  /** The rings (relative to r0) each polygon part holds, as [from, to) pairs: one for a Polygon. */
  partRanges(): [number, number][] {
    if (this.type === 'Polygon') return [[0, this.rings]];
    const { part } = this.store;
    const out: [number, number][] = [];
    for (let p = 0; p < this.parts; p++) out.push([part[this.p0 + p] - this.r0, part[this.p0 + p + 1] - this.r0]);
    return out;
  }

  /** The GeoJSON coordinates, as JSON.parse gives them (built once, on first use). */
  get coordinates(): number[][][] | number[][][][] {
    if (this.nested) return this.nested;
    const polys = this.partRanges().map(([from, to]) => this.polygon(from, to));
    return (this.nested = this.type === 'Polygon' ? polys[0] : polys);
  }

  toJSON(): { type: string; coordinates: unknown } {
    return { type: this.type, coordinates: this.coordinates };
  }

  private polygon(from: number, to: number): number[][][] {
    const { xy, ring } = this.store;
    const out: number[][][] = new Array<number[][]>(to - from);
    for (let r = from; r < to; r++) {
      const a = ring[this.r0 + r], b = ring[this.r0 + r + 1];
      const pts: number[][] = new Array<number[]>(b - a);
      for (let k = a; k < b; k++) pts[k - a] = [xy[2 * k], xy[2 * k + 1]];
      out[r - from] = pts;
    }
    return out;
  }
}

/** FlatAreas of one store as plain typed arrays, for postMessage to another thread (whose copies read the same). */
export interface FlatAreasData {
  xy: Float64Array<ArrayBuffer>;
  ring: Uint32Array<ArrayBuffer>;
  part: Uint32Array<ArrayBuffer>;
  /** Per area: 1 = MultiPolygon, r0, rings, p0, parts. */
  areas: Int32Array<ArrayBuffer>;
}

/** The areas (all of one store) and the parts of the store they use, copied. */
export function flatAreasData(areas: readonly FlatArea[]): FlatAreasData {
  const store = areas.length ? areas[0].store : new FlatStore();
  const list = new Int32Array(5 * areas.length);
  for (let i = 0, k = 0; i < areas.length; i++) {
    const a = areas[i];
    if (a.store !== store) throw new Error('flatAreasData: areas of more than one store');
    list[k++] = a.type === 'MultiPolygon' ? 1 : 0;
    list[k++] = a.r0;
    list[k++] = a.rings;
    list[k++] = a.p0;
    list[k++] = a.parts;
  }
  return { xy: store.xy.slice(0, 2 * store.nv), ring: store.ring.slice(0, store.nr), part: store.part.slice(0, store.np), areas: list };
}

/** The areas back from flatAreasData, in the same order. */
export function flatAreasFrom(d: FlatAreasData): FlatArea[] {
  const store = new FlatStore();
  store.xy = d.xy;
  store.nv = d.xy.length / 2;
  store.ring = d.ring;
  store.nr = d.ring.length;
  store.part = d.part;
  store.np = d.part.length;
  const out = new Array<FlatArea>(d.areas.length / 5);
  for (let i = 0; i < out.length; i++) {
    const k = 5 * i;
    out[i] = new FlatArea(d.areas[k] ? 'MultiPolygon' : 'Polygon', store, d.areas[k + 1], d.areas[k + 2], d.areas[k + 3], d.areas[k + 4]);
  }
  return out;
}

/**
 * Polygons as FlatAreasData, to send to another thread: copied from their store when all are FlatAreas of one, else
 * written into a new one (the same vertices in the same rings and parts: the receiver's FlatAreas read the same).
 */
export function flatAreasOf(geoms: readonly AreaGeometry[]): FlatAreasData {
  const first = geoms[0];
  if (first instanceof FlatArea && geoms.every((g) => g instanceof FlatArea && g.store === first.store)) {
    return flatAreasData(geoms as unknown as readonly FlatArea[]);
  }
  const store = new FlatStore();
  const areas: FlatArea[] = [];
  for (const g of geoms) {
    const nr = store.nr, np = store.np;
    const multi = g.type === 'MultiPolygon';
    store.ringMark();
    if (multi) store.partMark();
    if (g instanceof FlatArea) {
      // from its own store, ring by ring: its nested coordinates are not built (and kept) for this
      for (const [from, to] of g.partRanges()) {
        for (let r = from; r < to; r++) {
          store.vertices(g.store.xy, g.store.ring[g.r0 + r], g.store.ring[g.r0 + r + 1]);
          store.ringMark();
        }
        if (multi) store.partMark();
      }
      areas.push(new FlatArea(g.type, store, nr, store.nr - nr - 1, np, store.np - np - 1));
      continue;
    }
    for (const poly of multi ? g.coordinates : [g.coordinates]) {
      for (const ring of poly) {
        for (const p of ring) store.vertex(p[0], p[1]);
        store.ringMark();
      }
      if (multi) store.partMark();
    }
    areas.push(new FlatArea(g.type, store, nr, store.nr - nr - 1, np, store.np - np - 1));
  }
  return flatAreasData(areas);
}

/** @turf/helpers earthRadius, metres (the test compares with @turf/area itself). */
const TURF_EARTH_RADIUS = 6371008.8;
const TURF_FACTOR = (TURF_EARTH_RADIUS * TURF_EARTH_RADIUS) / 2;
const TURF_PI_OVER_180 = Math.PI / 180;

/**
 * The geodesic area (m²) @turf/area gives for this polygon, to the last bit (the same sums in the same order), read
 * from the flat store: turf would first build the nested coordinates, which for 20k parcels costs more than the sums.
 */
export function turfArea(a: FlatArea): number {
  const { xy, ring, part } = a.store;
  let total = 0;
  const parts = a.type === 'Polygon' ? 1 : a.parts;
  for (let p = 0; p < parts; p++) {
    const from = a.type === 'Polygon' ? 0 : part[a.p0 + p] - a.r0;
    const to = a.type === 'Polygon' ? a.rings : part[a.p0 + p + 1] - a.r0;
    let poly = 0;
    for (let r = from; r < to; r++) {
      const s = ringArea(xy, ring[a.r0 + r], ring[a.r0 + r + 1]);
      poly += r === from ? Math.abs(s) : -Math.abs(s);
    }
    total += poly;
  }
  return 0 + total;
}

/** @turf/area's ringArea of vertices v0 … v1 - 1 of xy (a closed ring). */
function ringArea(xy: Float64Array, v0: number, v1: number): number {
  const n = v1 - v0 - 1;
  if (n <= 2) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const lower = v0 + i;
    const middle = v0 + (i + 1 === n ? 0 : i + 1);
    const upper = v0 + (i + 2 >= n ? (i + 2) % n : i + 2);
    total += (xy[2 * upper] * TURF_PI_OVER_180 - xy[2 * lower] * TURF_PI_OVER_180) * Math.sin(xy[2 * middle + 1] * TURF_PI_OVER_180);
  }
  return total * TURF_FACTOR;
}
