// Which district polygon a compound lies in, for ledgers without a district column, and which
// compounds straddle a district boundary. Flatbush prefilters districts by bounding box.

import Flatbush from 'flatbush';
import type { AreaGeometry, Compound, District, Position } from './types';

export interface DistrictShare {
  district: string;
  /** Fraction of the compound's area (0–1), estimated on a sample grid. */
  share: number;
}

export interface Straddler {
  /** Index of the compound in the input. */
  index: number;
  id: Compound['id'];
  name: string;
  /** Largest share first; the remainder up to 1 lies outside every district. */
  shares: DistrictShare[];
}

export interface LocateResult {
  /** Per compound: the district holding most of it, or null when it lies in none. */
  located: (string | null)[];
  /** Per compound: its own district when set, else `located` (feed to aggregateByDistrict's `assigned`). */
  assigned: (string | null)[];
  straddlers: Straddler[];
  /** Compounds whose own district differs from where their polygon lies. */
  mismatches: { index: number; id: Compound['id']; own: string; located: string }[];
}

export interface LocateOptions {
  /** Sample points per side of a straddler's bounding box for the area shares. */
  grid?: number;
}

function polygonsOf(g: AreaGeometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function inRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Even-odd point-in-polygon over outer rings and holes. */
export function pointInArea(x: number, y: number, g: AreaGeometry): boolean {
  for (const poly of polygonsOf(g)) {
    if (!poly.length || !inRing(x, y, poly[0])) continue;
    let inHole = false;
    for (let h = 1; h < poly.length && !inHole; h++) inHole = inRing(x, y, poly[h]);
    if (!inHole) return true;
  }
  return false;
}

function bboxOf(g: AreaGeometry): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const poly of polygonsOf(g)) {
    for (const [x, y] of poly[0] ?? []) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

interface MixedCell {
  rx: number;
  ry: number;
  inside: ReadonlySet<number>;
  edges: number[];
}
/** Lookup-grid cells per side. */
const CELLS = 1024;

/** District boundary edges in a Flatbush, for ray-casting against all districts at once. */
export class DistrictIndex {
  private readonly ax: Float64Array;
  private readonly ay: Float64Array;
  private readonly bx: Float64Array;
  private readonly by: Float64Array;
  private readonly owner: Int32Array;
  readonly index: Flatbush | null;
  readonly maxX: number;
  private readonly grid: { minX: number; minY: number; cellW: number; cellH: number };

  constructor(readonly districts: readonly (District & { geometry: AreaGeometry })[]) {
    let n = 0;
    for (const d of districts) for (const poly of polygonsOf(d.geometry)) for (const ring of poly) n += Math.max(0, ring.length - 1);
    this.ax = new Float64Array(n);
    this.ay = new Float64Array(n);
    this.bx = new Float64Array(n);
    this.by = new Float64Array(n);
    this.owner = new Int32Array(n);
    this.index = n ? new Flatbush(n) : null;
    let k = 0;
    let maxX = -Infinity;
    let minX = Infinity, minY = Infinity, maxY = -Infinity;
    districts.forEach((d, di) => {
      for (const poly of polygonsOf(d.geometry)) {
        for (const ring of poly) {
          for (let i = 1; i < ring.length; i++) {
            const [x0, y0] = ring[i - 1];
            const [x1, y1] = ring[i];
            this.ax[k] = x0;
            this.ay[k] = y0;
            this.bx[k] = x1;
            this.by[k] = y1;
            this.owner[k++] = di;
            this.index!.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
            maxX = Math.max(maxX, x0, x1);
            minX = Math.min(minX, x0, x1);
            minY = Math.min(minY, y0, y1);
            maxY = Math.max(maxY, y0, y1);
          }
        }
      }
    });
    this.index?.finish();
    this.maxX = maxX;
    this.grid = { minX, minY, cellW: (maxX - minX) / CELLS || 1, cellH: (maxY - minY) / CELLS || 1 };
  }

  /** Districts (by index) containing (x, y), by even-odd crossings of a ray to the east. */
  private ray(x: number, y: number): Set<number> {
    const inside = new Set<number>();
    if (!this.index || x > this.maxX) return inside;
    for (const e of this.index.search(x, y, this.maxX, y)) {
      const y0 = this.ay[e];
      const y1 = this.by[e];
      if (y0 > y === y1 > y) continue;
      const cx = ((this.bx[e] - this.ax[e]) * (y - y0)) / (y1 - y0) + this.ax[e];
      if (x < cx) {
        const d = this.owner[e];
        if (!inside.delete(d)) inside.add(d);
      }
    }
    return inside;
  }

  private nameOf(inside: ReadonlySet<number>): string | null {
    let found = -1;
    for (const d of inside) if (found < 0 || d < found) found = d;
    return found < 0 ? null : this.districts[found].name;
  }

  /** Whether segment p–q crosses edge e (proper crossing; touching counts as not crossing). */
  private cuts(px: number, py: number, qx: number, qy: number, e: number): boolean {
    const ax = this.ax[e], ay = this.ay[e], bx = this.bx[e], by = this.by[e];
    const o1 = (qx - px) * (ay - py) - (qy - py) * (ax - px);
    const o2 = (qx - px) * (by - py) - (qy - py) * (bx - px);
    const o3 = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    const o4 = (bx - ax) * (qy - ay) - (by - ay) * (qx - ax);
    return o1 * o2 < 0 && o3 * o4 < 0;
  }

  // Lazily filled lookup grid over the districts' extent. A cell no boundary crosses stores one name;
  // a crossed cell stores a reference point, the districts containing it, and the edges through
  // the cell, so a point in it walks from the reference point across only those edges.
  private readonly cells = new Map<number, string | null | MixedCell>();

  /** The district containing (x, y); null when none (the lowest-indexed one if districts overlap). */
  at(x: number, y: number): string | null {
    const { minX, minY, cellW, cellH } = this.grid;
    const cx = Math.floor((x - minX) / cellW);
    const cy = Math.floor((y - minY) / cellH);
    if (cx < 0 || cy < 0 || cx >= CELLS || cy >= CELLS) return this.nameOf(this.ray(x, y));
    const key = cy * CELLS + cx;
    let v = this.cells.get(key);
    if (v === undefined) {
      const x0 = minX + cx * cellW;
      const y0 = minY + cy * cellH;
      const edges = this.index ? this.index.search(x0, y0, x0 + cellW, y0 + cellH) : [];
      // An off-centre reference point, unlikely to sit exactly on a boundary.
      const rx = x0 + cellW * 0.50137;
      const ry = y0 + cellH * 0.49871;
      v = edges.length ? { rx, ry, inside: this.ray(rx, ry), edges } : this.nameOf(this.ray(rx, ry));
      this.cells.set(key, v);
    }
    if (v === null || typeof v === 'string') return v;
    const inside = new Set(v.inside);
    for (const e of v.edges) {
      if (this.cuts(v.rx, v.ry, x, y, e)) {
        const d = this.owner[e];
        if (!inside.delete(d)) inside.add(d);
      }
    }
    return this.nameOf(inside);
  }

  /** Whether any district boundary passes through the box. */
  crosses(minX: number, minY: number, maxX: number, maxY: number): boolean {
    return !!this.index && this.index.search(minX, minY, maxX, maxY).length > 0;
  }
}

/**
 * Locate every compound in the district polygons. A compound no district boundary comes near lies
 * in the district of any of its points; otherwise its area is sampled on a grid, it belongs to the
 * district holding the largest share, and it is reported as a straddler when more than one
 * district (or none) holds part of it. District edges sit in one Flatbush, so a point test costs
 * a ray query, not a walk over every district vertex.
 */
export function locateDistricts(
  compounds: readonly Compound[],
  districts: readonly District[],
  { grid = 12 }: LocateOptions = {},
): LocateResult {
  const edges = new DistrictIndex(districts.filter((d): d is District & { geometry: AreaGeometry } => !!d.geometry));
  const located: (string | null)[] = [];
  const straddlers: Straddler[] = [];
  compounds.forEach((c, i) => {
    const [minX, minY, maxX, maxY] = bboxOf(c.geometry);
    const first = polygonsOf(c.geometry)[0]?.[0]?.[0];
    if (!first) {
      located.push(null);
      return;
    }
    if (!edges.crosses(minX, minY, maxX, maxY)) {
      located.push(edges.at(first[0], first[1]));
      return;
    }
    // A boundary runs through the bounding box: estimate area shares from grid points inside the compound.
    const counts = new Map<string | null, number>();
    let inside = 0;
    for (let gx = 0; gx < grid; gx++) {
      for (let gy = 0; gy < grid; gy++) {
        const x = minX + ((gx + 0.5) / grid) * (maxX - minX);
        const y = minY + ((gy + 0.5) / grid) * (maxY - minY);
        if (!pointInArea(x, y, c.geometry)) continue;
        inside++;
        const d = edges.at(x, y);
        counts.set(d, (counts.get(d) ?? 0) + 1);
      }
    }
    if (!inside) {
      located.push(edges.at(first[0], first[1]));
      return;
    }
    const shares = [...counts]
      .filter((e): e is [string, number] => e[0] !== null)
      .map(([district, n]) => ({ district, share: n / inside }))
      .sort((a, b) => b.share - a.share || a.district.localeCompare(b.district));
    located.push(shares[0]?.district ?? null);
    if (shares.length > 1 || (shares.length === 1 && shares[0].share < 1)) {
      straddlers.push({ index: i, id: c.id, name: c.name, shares });
    }
  });

  const assigned = compounds.map((c, i) => c.district.trim() || located[i]);
  const mismatches = compounds.flatMap((c, i) => {
    const own = c.district.trim();
    const loc = located[i];
    return own && loc && own !== loc ? [{ index: i, id: c.id, own, located: loc }] : [];
  });
  return { located, assigned, straddlers, mismatches };
}
