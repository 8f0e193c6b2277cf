import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { packPolygons } from '../../../src/lib/geo/flat';
import { boxGrid, candidatePairs } from '../../../src/lib/geo/candidates';
import type { AreaGeometry } from '../../../src/lib/geo/types';

const box = (x: number, y: number, w: number, h: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]],
});

function bruteForce(geoms: AreaGeometry[], gap: number): string[] {
  const b = packPolygons(geoms, { lon0: 0, planar: true }).bbox;
  const out: string[] = [];
  for (let i = 0; i < geoms.length; i++) {
    for (let j = i + 1; j < geoms.length; j++) {
      const dx = Math.max(0, b[4 * j] - b[4 * i + 2], b[4 * i] - b[4 * j + 2]);
      const dy = Math.max(0, b[4 * j + 1] - b[4 * i + 3], b[4 * i + 1] - b[4 * j + 3]);
      if (dx <= gap && dy <= gap) out.push(`${i}-${j}`);
    }
  }
  return out;
}

describe('candidatePairs', () => {
  it('finds every pair of boxes within the gap once, sorted, and no other', () => {
    const boxes = fc.array(
      fc.record({ x: fc.integer({ min: 0, max: 400 }), y: fc.integer({ min: 0, max: 400 }), w: fc.integer({ min: 0, max: 60 }), h: fc.integer({ min: 0, max: 60 }) }),
      { minLength: 1, maxLength: 60 },
    );
    fc.assert(
      fc.property(boxes, fc.constantFrom(0, 1, 10, 25), (bs, gap) => {
        const geoms = bs.map((b) => box(b.x, b.y, b.w, b.h));
        const p = packPolygons(geoms, { lon0: 0, planar: true });
        const got = candidatePairs(p, gap);
        expect(Array.from(got.a, (a, i) => `${a}-${got.b[i]}`)).toEqual(bruteForce(geoms, gap));
      }),
      { numRuns: 300 },
    );
  });

  it('compares a feature too big for the grid with every box', () => {
    const geoms = [box(0, 0, 10, 10), box(12, 0, 10, 10), box(-5000, -5000, 20000, 200), box(0, 8000, 10, 10), box(0, -4790, 5, 5), box(30000, 0, 5, 5)];
    const p = packPolygons(geoms, { lon0: 0, planar: true });
    expect(boxGrid(p, 10).big.length).toBeGreaterThan(0);
    const got = candidatePairs(p, 10);
    expect(Array.from(got.a, (a, i) => `${a}-${got.b[i]}`)).toEqual(bruteForce(geoms, 10));
  });

  it('names the bad gap', () => {
    const p = packPolygons([box(0, 0, 1, 1)], { lon0: 0, planar: true });
    expect(() => candidatePairs(p, -2)).toThrow('-2');
  });
});
