import { FlatArea } from './flat-area';
import type { Compound } from './types';

/** [minX, minY, maxX, maxY] of each compound, 4 numbers per compound (degrees). */
export function compoundBoxes(compounds: readonly Compound[]): Float64Array {
  const out = new Float64Array(compounds.length * 4);
  for (let i = 0; i < compounds.length; i++) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    const g = compounds[i].geometry;
    if (g instanceof FlatArea) {
      const b = g.box();
      if (b) out.set(b, 4 * i);
      else out.set([Infinity, Infinity, -Infinity, -Infinity], 4 * i);
      continue;
    }
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const poly of polys)
      for (const ring of poly)
        for (const p of ring) {
          if (p[0] < x0) x0 = p[0];
          if (p[1] < y0) y0 = p[1];
          if (p[0] > x1) x1 = p[0];
          if (p[1] > y1) y1 = p[1];
        }
    out[4 * i] = x0;
    out[4 * i + 1] = y0;
    out[4 * i + 2] = x1;
    out[4 * i + 3] = y1;
  }
  return out;
}
