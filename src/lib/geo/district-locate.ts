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

/**
 * Locate every compound in the district polygons. A compound whose vertices all fall in one
 * district belongs to it; otherwise its area is sampled on a grid and it belongs to the district
 * holding the largest share, and is reported as a straddler when more than one district holds some.
 */
export function locateDistricts(
  compounds: readonly Compound[],
  districts: readonly District[],
  { grid = 12 }: LocateOptions = {},
): LocateResult {
  const shaped = districts.filter((d): d is District & { geometry: AreaGeometry } => !!d.geometry);
  const index = shaped.length ? new Flatbush(shaped.length) : null;
  for (const d of shaped) index!.add(...bboxOf(d.geometry));
  index?.finish();

  const located: (string | null)[] = [];
  const straddlers: Straddler[] = [];
  compounds.forEach((c, i) => {
    const [minX, minY, maxX, maxY] = bboxOf(c.geometry);
    const candidates = index ? index.search(minX, minY, maxX, maxY).map((k) => shaped[k]) : [];
    const where = (x: number, y: number): string | null =>
      candidates.find((d) => pointInArea(x, y, d.geometry))?.name ?? null;

    const hits = new Set<string | null>();
    for (const poly of polygonsOf(c.geometry)) for (const [x, y] of poly[0] ?? []) hits.add(where(x, y));
    if (hits.size === 1) {
      located.push([...hits][0] ?? null);
      return;
    }
    // Vertices disagree: estimate area shares from grid points inside the compound.
    const counts = new Map<string | null, number>();
    let inside = 0;
    for (let gx = 0; gx < grid; gx++) {
      for (let gy = 0; gy < grid; gy++) {
        const x = minX + ((gx + 0.5) / grid) * (maxX - minX);
        const y = minY + ((gy + 0.5) / grid) * (maxY - minY);
        if (!pointInArea(x, y, c.geometry)) continue;
        inside++;
        const d = where(x, y);
        counts.set(d, (counts.get(d) ?? 0) + 1);
      }
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
