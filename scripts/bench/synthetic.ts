// A seeded synthetic city for benchmarks and property tests when the sample-city generator is not at hand:
// blocks separated by lanes and roads (4–30 m), each cut into compounds that share jittered walls
// (touching, 0.1–0.5 m slivers or overlaps), with extra vertices along the edges.
import type { Compound, Position } from '../../src/lib/geo/types';

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  seed?: number;
  compounds?: number;
  /** Vertices added along each edge (default 1: ~8–10 vertices per compound). */
  edgeVertices?: number;
  /** Put every block in one row (a degenerate, long thin city). */
  row?: boolean;
  lon0?: number;
  lat0?: number;
}

/** A seeded synthetic city of about `compounds` compounds (WGS84). */
export function syntheticCity({ seed = 1, compounds = 2000, edgeVertices = 1, row = false, lon0 = 114.3, lat0 = 30.55 }: SyntheticOptions = {}): Compound[] {
  const rnd = prng(seed);
  const out: Compound[] = [];
  const perBlock = 6;
  const blocks = Math.ceil(compounds / perBlock);
  const cols = row ? blocks : Math.ceil(Math.sqrt(blocks));
  const mx = 111320 * Math.cos((lat0 * Math.PI) / 180);
  const my = 110574;
  const toLL = (x: number, y: number): Position => [lon0 + x / mx, lat0 + y / my];
  let y0 = 0;
  let x0 = 0;
  for (let bi = 0; out.length < compounds; bi++) {
    if (bi % cols === 0 && bi > 0) {
      y0 += 160 + 4 + rnd() * 26;
      x0 = 0;
    }
    const w = 180 + rnd() * 60, h = 140 + rnd() * 20;
    // 3 x 2 compounds per block, walls jittered so neighbours touch, overlap or leave slivers
    const xs = [0, w / 3 + (rnd() - 0.5) * 20, (2 * w) / 3 + (rnd() - 0.5) * 20, w];
    const ys = [0, h / 2 + (rnd() - 0.5) * 20, h];
    for (let r = 0; r < 2 && out.length < compounds; r++) {
      for (let c = 0; c < 3 && out.length < compounds; c++) {
        const j = (): number => (rnd() < 0.5 ? 0 : (rnd() - 0.5) * 0.8);
        const corners: [number, number][] = [
          [x0 + xs[c] + j(), y0 + ys[r] + j()],
          [x0 + xs[c + 1] + j(), y0 + ys[r] + j()],
          [x0 + xs[c + 1] + j(), y0 + ys[r + 1] + j()],
          [x0 + xs[c] + j(), y0 + ys[r + 1] + j()],
        ];
        const ring: Position[] = [];
        for (let k = 0; k < 4; k++) {
          const [ax, ay] = corners[k];
          const [bx, by] = corners[(k + 1) % 4];
          for (let e = 0; e <= edgeVertices; e++) {
            const t = e / (edgeVertices + 1);
            ring.push(toLL(ax + (bx - ax) * t, ay + (by - ay) * t));
          }
        }
        ring.push(ring[0]);
        const i = out.length;
        out.push({
          id: i + 1, name: `小区${i + 1}`, district: 'D', street: 'S', year_built: 1980 + Math.floor(rnd() * 25),
          buildings: 1 + Math.floor(rnd() * 12), households: Math.floor(50 + rnd() * 900), floor_area_m2: Math.round(3000 + rnd() * 60000),
          investment_wan: Math.round(50 + rnd() * 900), category: rnd() < 0.5 ? 'basic' : 'improve', plan_year: 2024, status: '',
          extra: {}, geometry: { type: 'Polygon', coordinates: [ring] },
        });
      }
    }
    x0 += w + 4 + rnd() * 26;
  }
  return out;
}
