// Cuts one street block into compounds the way digitised ledgers draw them: strips of cells whose
// cuts do not line up (T-junctions: a corner on the middle of a neighbour's wall), walls drawn twice
// with slivers (0.1–0.8 m gaps) or overlaps (0.1–0.5 m), L-shapes, two-part compounds, a compound
// with a hole holding another compound, lone buildings (单栋楼), and non-residential gaps.

import type { Rng } from './prng';
import type { Block } from './grid';

/** A ring of [x, y] town metres, closed implicitly (first point not repeated). */
export type Ring = [number, number][];

export interface Piece {
  kind: 'compound' | 'lone';
  /** Polygons, each [outer, ...holes]; more than one for a two-part compound. */
  polygons: Ring[][];
  /** Land area, m². */
  area: number;
  /** The road the compound's gate faces (for 号院 names). */
  road: string;
}

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Subdivision {
  pieces: Piece[];
  /** Non-residential cells (shops, schools, yards): where idle land is found. */
  free: Rect[];
}

/** How often each drawing feature is planted, per eligible cell. */
export interface DrawingRates {
  free: number;
  lone: number;
  hole: number;
  lShape: number;
  multi: number;
}

export const DEFAULT_RATES: DrawingRates = { free: 0.13, lone: 0.08, hole: 0.012, lShape: 0.07, multi: 0.012 };

interface Cell {
  u0: number;
  u1: number;
  v0: number;
  v1: number;
  role: 'compound' | 'lone' | 'free' | 'merged';
  /** Street-facing sides: bottom, top, left, right. */
  street: [boolean, boolean, boolean, boolean];
  road: string;
  partner: number;
}

/** Offsets of (left wall, right wall) of a shared cut: exact, a sliver gap or a small overlap. */
function wallOffsets(rng: Rng): [number, number] {
  const r = rng.next();
  if (r < 0.5) return [0, 0];
  if (r < 0.8) {
    const g = rng.range(0.1, 0.8);
    return [-g / 2, g / 2];
  }
  const o = rng.range(0.1, 0.5);
  return [o / 2, -o / 2];
}

function ringArea(ring: Ring): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    s += (xj - xi) * (yj + yi);
  }
  return s / 2;
}

/** Orients a ring counter-clockwise (ccw = true) or clockwise, as RFC 7946 wants outer/hole rings. */
function orient(ring: Ring, ccw: boolean): Ring {
  return ringArea(ring) > 0 === ccw ? ring : ring.slice().reverse();
}

/**
 * Subdivides a block. Coordinates work in (u, v): u along the block's long side, v across it.
 * @param block the block rectangle in town metres
 */
export function subdivideBlock(block: Block, rng: Rng, options: { rates?: DrawingRates } = {}): Subdivision {
  const rates = options.rates ?? DEFAULT_RATES;
  const W = block.x1 - block.x0;
  const H = block.y1 - block.y0;
  const swap = H > W;
  const L = swap ? H : W;
  const D = swap ? W : H;
  const [west, east, south, north] = block.roads;
  const [roadV0, roadVD, roadU0, roadUL] = swap ? [west, east, south, north] : [south, north, west, east];
  const xy = (u: number, v: number): [number, number] =>
    swap ? [block.x0 + v, block.y0 + u] : [block.x0 + u, block.y0 + v];

  const nStrips = Math.max(1, Math.round(D / rng.range(60, 105)));
  const s: number[] = [0];
  for (let k = 1; k < nStrips; k++) s.push((D * (k + rng.range(-0.12, 0.12))) / nStrips);
  s.push(D);

  const strips: Cell[][] = [];
  for (let k = 0; k < nStrips; k++) {
    const d = (s[k + 1] as number) - (s[k] as number);
    const cuts = [0];
    for (;;) {
      const last = cuts[cuts.length - 1] as number;
      const w = Math.min(130, Math.max(26, d * rng.range(0.45, 1.5)));
      if (last + w > L - 26) break;
      cuts.push(last + w);
    }
    cuts.push(L);
    const cells: Cell[] = [];
    for (let c = 0; c + 1 < cuts.length; c++) {
      const r = rng.next();
      const role = r < rates.free ? 'free' : r < rates.free + rates.lone ? 'lone' : 'compound';
      const street: [boolean, boolean, boolean, boolean] = [k === 0, k === nStrips - 1, c === 0, c === cuts.length - 2];
      const road = street[0] ? roadV0 : street[1] ? roadVD : street[2] ? roadU0 : street[3] ? roadUL : roadV0;
      cells.push({ u0: cuts[c] as number, u1: cuts[c + 1] as number, v0: s[k] as number, v1: s[k + 1] as number, role, street, road, partner: -1 });
    }
    // Walls inside the strip, drawn twice.
    for (let c = 0; c + 1 < cells.length; c++) {
      const [a, b] = wallOffsets(rng);
      (cells[c] as Cell).u1 += a;
      (cells[c + 1] as Cell).u0 += b;
    }
    // The wall to the next strip: the lower cell's top is exact, short of it, or past it.
    if (k + 1 < nStrips) {
      for (const cell of cells) {
        const r = rng.next();
        if (r >= 0.55) cell.v1 += r < 0.8 ? -rng.range(0.1, 0.8) : rng.range(0.1, 0.5);
      }
    }
    // Two-part compounds: cells c and c + 2 are one compound around another.
    for (let c = 0; c + 2 < cells.length; c++) {
      const a = cells[c] as Cell, m = cells[c + 1] as Cell, b = cells[c + 2] as Cell;
      if (a.role === 'compound' && m.role === 'compound' && b.role === 'compound' && rng.chance(rates.multi)) {
        a.partner = c + 2;
        b.role = 'merged';
      }
    }
    strips.push(cells);
  }

  const pieces: Piece[] = [];
  const free: Rect[] = [];
  const toRect = (u0: number, v0: number, u1: number, v1: number): Rect => {
    const [ax, ay] = xy(u0, v0);
    const [bx, by] = xy(u1, v1);
    return { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) };
  };
  // A rectangle ring in (u, v), with a digitising wobble vertex on some street sides.
  const rectRing = (u0: number, v0: number, u1: number, v1: number, street: readonly boolean[]): Ring => {
    const pts: [number, number][] = [[u0, v0]];
    const wobble = (side: number, a: [number, number], b: [number, number], nx: number, ny: number): void => {
      if (!street[side] || !rng.chance(0.35)) return;
      const t = rng.range(0.3, 0.7);
      const off = rng.range(-0.9, 0.9);
      pts.push([a[0] + (b[0] - a[0]) * t + nx * off, a[1] + (b[1] - a[1]) * t + ny * off]);
    };
    wobble(0, [u0, v0], [u1, v0], 0, 1);
    pts.push([u1, v0]);
    wobble(3, [u1, v0], [u1, v1], 1, 0);
    pts.push([u1, v1]);
    wobble(1, [u1, v1], [u0, v1], 0, 1);
    pts.push([u0, v1]);
    wobble(2, [u0, v1], [u0, v0], 1, 0);
    return pts.map(([u, v]) => xy(u, v));
  };
  const polygon = (outer: Ring, holes: Ring[] = []): Ring[] => [orient(outer, true), ...holes.map((h) => orient(h, false))];
  const areaOf = (polys: Ring[][]): number =>
    polys.reduce((t, p) => t + p.reduce((a, r, i) => a + (i === 0 ? 1 : -1) * Math.abs(ringArea(r)), 0), 0);
  const push = (kind: Piece['kind'], polys: Ring[][], road: string): void => {
    pieces.push({ kind, polygons: polys, area: areaOf(polys), road });
  };

  for (let k = 0; k < strips.length; k++) {
    const cells = strips[k] as Cell[];
    for (const cell of cells) {
      const { u0, u1, v0, v1, street, road } = cell;
      const w = u1 - u0, d = v1 - v0;
      if (cell.role === 'merged') continue;
      if (cell.role === 'free') {
        free.push(toRect(u0, v0, u1, v1));
        continue;
      }
      if (cell.role === 'lone') {
        const bl = Math.min(w - 6, rng.range(24, 66));
        const bd = Math.min(d - 6, rng.range(10, 16));
        if (bl < 12 || bd < 8) {
          free.push(toRect(u0, v0, u1, v1));
          continue;
        }
        const bu = u0 + 3 + rng.next() * (w - 6 - bl);
        const bv = street[0] ? v0 + rng.range(2, 8) : street[1] ? v1 - bd - rng.range(2, 8) : v0 + 3 + rng.next() * (d - 6 - bd);
        push('lone', [polygon(rectRing(bu, bv, bu + bl, bv + bd, [false, false, false, false]))], road);
        continue;
      }
      if (cell.partner >= 0) {
        const b = cells[cell.partner] as Cell;
        push('compound', [polygon(rectRing(u0, v0, u1, v1, street)), polygon(rectRing(b.u0, b.v0, b.u1, b.v1, b.street))], road);
        continue;
      }
      if (w >= 75 && d >= 70 && rng.chance(rates.hole)) {
        // A compound with a hole; the hole holds a small compound, drawn exactly or with a sliver.
        const hw = rng.range(18, 32), hd = rng.range(16, 26);
        const hu = u0 + rng.range(16, w - 16 - hw), hv = v0 + rng.range(16, d - 16 - hd);
        const hole = rectRing(hu, hv, hu + hw, hv + hd, [false, false, false, false]);
        push('compound', [polygon(rectRing(u0, v0, u1, v1, street), [hole])], road);
        const g = rng.chance(0.5) ? 0 : rng.range(0.1, 0.8);
        push('lone', [polygon(rectRing(hu + g, hv + g, hu + hw - g, hv + hd - g, [false, false, false, false]))], road);
        continue;
      }
      if (w >= 45 && d >= 45 && rng.chance(rates.lShape)) {
        // An L: a corner notch, which often holds a lone building of another owner.
        const nw = w * rng.range(0.3, 0.5), nd = d * rng.range(0.3, 0.5);
        const right = rng.chance(0.5), top = rng.chance(0.5);
        const un = right ? u1 - nw : u0 + nw;
        const vn = top ? v1 - nd : v0 + nd;
        const cu = right ? u1 : u0, cv = top ? v1 : v0;
        const ou = right ? u0 : u1, ov = top ? v0 : v1;
        const ring: Ring = [[ou, ov], [cu, ov], [cu, vn], [un, vn], [un, cv], [ou, cv]].map(([u, v]) => xy(u as number, v as number));
        push('compound', [polygon(ring)], road);
        if (rng.chance(0.6)) {
          const inset = rng.range(2, 6);
          const a0 = right ? un : u0 + inset, a1 = right ? u1 - inset : un;
          const b0 = top ? vn : v0 + inset, b1 = top ? v1 - inset : vn;
          push('lone', [polygon(rectRing(a0, b0, a1, b1, [false, false, false, false]))], road);
        } else free.push(toRect(Math.min(un, cu), Math.min(vn, cv), Math.max(un, cu), Math.max(vn, cv)));
        continue;
      }
      push('compound', [polygon(rectRing(u0, v0, u1, v1, street))], road);
    }
  }
  return { pieces, free };
}
