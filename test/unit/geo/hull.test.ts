import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convexHull } from '../../../src/lib/geo/hull';

describe('convex hull', () => {
  it('drops interior and collinear points of a square', () => {
    const hull = convexHull([0, 0, 2, 0, 1, 0, 2, 2, 0, 2, 1, 1]);
    expect(hull).toEqual([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]);
  });

  it('contains every input point on random point sets (brute-force check)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })), { minLength: 3, maxLength: 40 }), (pts) => {
        const hull = convexHull(pts.flat());
        if (hull.length < 4) return; // all collinear
        // every point lies left of or on every counter-clockwise hull edge
        for (let k = 0; k + 1 < hull.length; k++) {
          const [ax, ay] = hull[k];
          const [bx, by] = hull[k + 1];
          for (const [px, py] of pts) expect((bx - ax) * (py - ay) - (by - ay) * (px - ax)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});
