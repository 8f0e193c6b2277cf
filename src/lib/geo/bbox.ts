import { FlatArea } from './flat-area';
import type { AnyGeometry } from './types';

/** [minLon, minLat, maxLon, maxLat] */
export type BBox = [number, number, number, number];

/** Bounding box of any geometry; null for an empty one. Does not mutate its input. */
export function geometryBBox(g: AnyGeometry): BBox | null {
  // read straight from the flat store: its nested coordinates are built only if something needs them
  if (g instanceof FlatArea) return g.box();
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as number[];
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    } else for (const child of c as unknown[]) visit(child);
  };
  visit(g.coordinates);
  return minX <= maxX ? [minX, minY, maxX, maxY] : null;
}

/** Union of the boxes of many geometries; null when there are none. */
export function unionBBox(geoms: Iterable<AnyGeometry>): BBox | null {
  let out: BBox | null = null;
  for (const g of geoms) {
    const b = geometryBBox(g);
    if (!b) continue;
    if (!out) out = [...b];
    else {
      out[0] = Math.min(out[0], b[0]);
      out[1] = Math.min(out[1], b[1]);
      out[2] = Math.max(out[2], b[2]);
      out[3] = Math.max(out[3], b[3]);
    }
  }
  return out;
}
