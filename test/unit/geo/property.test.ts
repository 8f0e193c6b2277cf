import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { analyzeClustersSync } from '../../../src/lib/geo/analyze';
import { packPolygons } from '../../../src/lib/geo/flat';
import type { AreaGeometry, Position } from '../../../src/lib/geo/types';
import { compound, gkToWgs84 } from './helpers';
import { refComponents, refPairs } from './reference';

const X = 520000, Y = 3380000;

const close = (ring: Position[]): Position[] => [...ring, ring[0]];
const rectRing = (x0: number, y0: number, x1: number, y1: number): Position[] => close([[X + x0, Y + y0], [X + x1, Y + y0], [X + x1, Y + y1], [X + x0, Y + y1]]);

function star(cx: number, cy: number, radii: number[], turn: number, scale = 1): Position[] {
  return close(radii.map((r, i) => {
    const t = turn + (2 * Math.PI * i) / radii.length;
    return [X + cx + scale * r * Math.cos(t), Y + cy + scale * r * Math.sin(t)];
  }));
}

// grid rectangles share walls, T-junctions and overlaps exactly; the shift adds slivers, overlaps and lanes
const gridRect = fc
  .record({
    x: fc.integer({ min: 0, max: 12 }), y: fc.integer({ min: 0, max: 12 }),
    w: fc.integer({ min: 1, max: 5 }), h: fc.integer({ min: 1, max: 5 }),
    shift: fc.constantFrom(0, 0, 0.3, -0.4, 8, 12.5),
  })
  .map(({ x, y, w, h, shift }): AreaGeometry => ({ type: 'Polygon', coordinates: [rectRing(x * 10 + shift, y * 10, (x + w) * 10 + shift, (y + h) * 10)] }));

const starPoly = fc
  .record({
    cx: fc.double({ min: 0, max: 150, noNaN: true }), cy: fc.double({ min: 0, max: 150, noNaN: true }),
    radii: fc.array(fc.double({ min: 4, max: 35, noNaN: true }), { minLength: 3, maxLength: 8 }),
    turn: fc.double({ min: 0, max: 6.3, noNaN: true }),
    hole: fc.boolean(), multi: fc.boolean(),
  })
  .map(({ cx, cy, radii, turn, hole, multi }): AreaGeometry => {
    const poly = hole ? [star(cx, cy, radii, turn), star(cx, cy, radii, turn, 0.4).reverse()] : [star(cx, cy, radii, turn)];
    if (!multi) return { type: 'Polygon', coordinates: poly };
    return { type: 'MultiPolygon', coordinates: [poly, [star(cx + 80, cy - 10, radii.map((r) => r / 2), turn)]] };
  });

const city = fc.array(fc.oneof(gridRect, starPoly), { minLength: 2, maxLength: 9 });

/** Split every edge into k pieces: the same shapes with enough segments to take the segment-index path. */
function densify(g: AreaGeometry, k: number): AreaGeometry {
  const ring = (r: Position[]): Position[] => {
    const out: Position[] = [];
    for (let i = 0; i + 1 < r.length; i++) {
      for (let j = 0; j < k; j++) out.push([r[i][0] + ((r[i + 1][0] - r[i][0]) * j) / k, r[i][1] + ((r[i + 1][1] - r[i][1]) * j) / k]);
    }
    out.push(r[r.length - 1]);
    return out;
  };
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

describe('analyzeClusters against a brute-force all-pairs reference', () => {
  it('finds identical pairs and partitions, distances to 1e-9 m and walls to 1e-6 relative, on random small cities', () => {
    fc.assert(
      fc.property(city, fc.constantFrom(1, 10, 25), fc.double({ min: 0.1, max: 30, noNaN: true }), (gk, preset, anyGap) => {
        const compounds = gk.map((g, i) => compound(i + 1, gkToWgs84(g)));
        const packed = packPolygons(compounds.map((c) => c.geometry), { lon0: 114 });
        for (const gapM of [preset, anyGap]) {
          const r = analyzeClustersSync(compounds, { gapM });
          expect(r.meridians).toEqual([114]);
          const ref = refPairs(packed, gapM);
          expect(Array.from(r.pairs.a, (a, i) => `${a}-${r.pairs.b[i]}`)).toEqual(ref.map((p) => `${p.a}-${p.b}`));
          ref.forEach((p, i) => {
            expect(Math.abs(r.pairs.distance[i] - p.distance)).toBeLessThan(1e-9);
            expect(Math.abs(r.pairs.wall[i] - p.wall)).toBeLessThanOrEqual(1e-6 * Math.max(p.wall, 1e-3));
          });
          const labels = refComponents(compounds.length, ref);
          const firstOf = new Map<number, number>();
          Array.from(r.clusters.cluster).forEach((c, i) => firstOf.has(c) || firstOf.set(c, i));
          expect(Array.from(r.clusters.cluster, (c) => firstOf.get(c))).toEqual(labels);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('agrees with the reference on polygons with hundreds of vertices (segment R-tree path)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(gridRect, starPoly), { minLength: 2, maxLength: 3 }), fc.constantFrom(1, 10), (gk, gapM) => {
        const compounds = gk.map((g, i) => compound(i + 1, gkToWgs84(densify(g, 33))));
        const packed = packPolygons(compounds.map((c) => c.geometry), { lon0: 114 });
        const r = analyzeClustersSync(compounds, { gapM });
        const ref = refPairs(packed, gapM);
        expect(Array.from(r.pairs.a, (a, i) => `${a}-${r.pairs.b[i]}`)).toEqual(ref.map((p) => `${p.a}-${p.b}`));
        ref.forEach((p, i) => {
          expect(Math.abs(r.pairs.distance[i] - p.distance)).toBeLessThan(1e-9);
          expect(Math.abs(r.pairs.wall[i] - p.wall)).toBeLessThanOrEqual(1e-6 * Math.max(p.wall, 1e-3));
        });
      }),
      { numRuns: 10 },
    );
  }, 120_000);
});
