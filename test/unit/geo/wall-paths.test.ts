// The walls drawn on the map against the engine's wall lengths: on every hand-built fixture, half the drawn length
// of a's side plus b's side is wall(a, b), and every drawn point lies on a's boundary.
import { readdirSync, readFileSync } from 'node:fs';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { analyzeClustersSync } from '../../../src/lib/geo/analyze';
import type { AreaGeometry, Position } from '../../../src/lib/geo/types';
import { wallPaths } from '../../../src/lib/geo/wall-paths';
import { compound, gkToWgs84, rect } from './helpers';

const DIR = new URL('../../fixtures/geo/', import.meta.url);
const toGk = proj4('WGS84', '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');

/** Length of lon/lat paths in EPSG:4547 metres. */
function gkLength(paths: Position[][]): number {
  let s = 0;
  for (const p of paths) for (let i = 1; i < p.length; i++) s += Math.hypot(...(toGk.forward(p[i]).map((v, k) => v - toGk.forward(p[i - 1])[k]) as [number, number]));
  return s;
}

/** Distance (metres) from a lon/lat point to the nearest segment of g's boundary, in EPSG:4547. */
function offBoundary(g: AreaGeometry, p: Position): number {
  const [x, y] = toGk.forward(p);
  let best = Infinity;
  for (const r of g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()) {
    for (let i = 0; i + 1 < r.length; i++) {
      const [ax, ay] = toGk.forward(r[i]), [bx, by] = toGk.forward(r[i + 1]);
      const dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
      const t = l2 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2)) : 0;
      best = Math.min(best, Math.hypot(ax + t * dx - x, ay + t * dy - y));
    }
  }
  return best;
}

interface Fixture {
  features: { properties: { id: string; households: number }; geometry: AreaGeometry }[];
  expected: { gap_m: number }[];
}

describe('walls drawn along the boundaries', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.geojson'));
  for (const file of files) {
    it(`${file}: half of both drawn sides is the engine's wall, every point on the boundary`, () => {
      const fx = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Fixture;
      const compounds = fx.features.map((f) => compound(f.properties.id, gkToWgs84(f.geometry), f.properties.households));
      const gap = Math.max(...fx.expected.map((e) => e.gap_m));
      const r = analyzeClustersSync(compounds, { gapM: gap });
      expect(r.pairs.a.length).toBeGreaterThan(0);
      for (let k = 0; k < r.pairs.a.length; k++) {
        const a = compounds[r.pairs.a[k]].geometry, b = compounds[r.pairs.b[k]].geometry, d = r.pairs.distance[k];
        const pa = wallPaths(a, b, d), pb = wallPaths(b, a, d);
        const drawn = (gkLength(pa) + gkLength(pb)) / 2;
        expect(Math.abs(drawn - r.pairs.wall[k]), `${file} pair ${k}: drawn ${drawn}, wall ${r.pairs.wall[k]}`).toBeLessThan(0.02 + 1e-3 * r.pairs.wall[k]);
        for (const p of pa.flat()) expect(offBoundary(a, p)).toBeLessThan(0.01);
      }
    });
  }

  it('joins the stretches along one ring into one path, and draws nothing for compounds that do not face each other', () => {
    // an L of two walls: b hugs a's east and north sides
    const a = rect(0, 0, 100, 60), b = { type: 'MultiPolygon', coordinates: [rect(100, 0, 130, 90).coordinates as Position[][], rect(0, 60, 100, 90).coordinates as Position[][]] } as AreaGeometry;
    const paths = wallPaths(a, b, 0);
    expect(paths).toHaveLength(1);
    expect(gkLength(paths)).toBeCloseTo(60 + 100 + 2, 0);
    expect(wallPaths(rect(0, 0, 10, 10), rect(50, 50, 60, 60), 40)).toEqual([]);
  });
});
