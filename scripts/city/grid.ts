// A town's street grid: arterials and branch roads as full grid lines, the blocks between them
// (grown outward from the centre), and the road centre-lines clipped to the blocks in use.

import type { Rng } from './prng';
import type { RoadClass } from './types';
import { NUMERALS } from './names-pool';

/** One grid line: a road running along y (an "x line", at x = pos) or along x. */
export interface GridLine {
  pos: number;
  cls: RoadClass;
  /** Road width, metres. */
  width: number;
  name: string;
}

/** A street block: the rectangle between road edges, in town metres, with its bounding roads. */
export interface Block {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Grid indices: column i is between xLines[i] and xLines[i+1]. */
  i: number;
  j: number;
  /** Names of the roads on the west, east, south and north side. */
  roads: [string, string, string, string];
}

/**
 * Draws grid-line positions across [-extent, extent]: arterials every ~arterialM, branch roads between.
 * @param extent half-size of the area to cover, metres
 * @param arterialM arterial spacing, metres
 */
export function gridLines(
  rng: Rng,
  extent: number,
  options: { arterialM: number; arterialNames: readonly string[]; branchNames: readonly string[] },
): GridLine[] {
  const { arterialM, arterialNames, branchNames } = options;
  const lines: GridLine[] = [];
  let a = -extent - rng.range(0, arterialM);
  while (a < extent + arterialM) {
    lines.push({ pos: a, cls: 'arterial', width: Math.round(rng.range(40, 50)), name: '' });
    const next = a + arterialM * rng.range(0.85, 1.15);
    const n = Math.max(1, Math.round((next - a) / rng.range(230, 330))) - 1;
    for (let k = 1; k <= n; k++) {
      const pos = a + ((next - a) * (k + rng.range(-0.12, 0.12))) / (n + 1);
      lines.push({ pos, cls: 'branch', width: Math.round(rng.range(15, 25)), name: '' });
    }
    a = next;
  }
  // Names go out from the centre, so the built-up core gets the pool's plain names.
  const byCentre = lines.slice().sort((p, q) => Math.abs(p.pos) - Math.abs(q.pos));
  let na = rng.int(0, arterialNames.length - 1);
  let nb = rng.int(0, branchNames.length - 1);
  for (const line of byCentre) {
    if (line.cls === 'arterial') {
      const round = Math.floor(na / arterialNames.length);
      const base = arterialNames[na++ % arterialNames.length] as string;
      line.name = round === 0 ? base : `${base}${NUMERALS[round] ?? round + 1}段`;
    } else {
      const round = Math.floor(nb / branchNames.length);
      const base = branchNames[nb++ % branchNames.length] as string;
      // Past the pool, reuse names with a direction, as cities do: 中同街 -> 中同北街 -> 中同南街.
      const dir = ['', '北', '南', '东', '西'][round];
      line.name = dir === undefined ? `${base.slice(0, -1)}${round - 3}${base.slice(-1)}` : `${base.slice(0, -1)}${dir}${base.slice(-1)}`;
    }
  }
  return lines;
}

/** The setback between a road edge and the first compound wall, metres. */
function setback(rng: Rng): number {
  return rng.range(1, 5);
}

/** All blocks of the grid, ordered by (noisy) distance from the town centre: the growth order. */
export function growthOrderedBlocks(rng: Rng, xLines: readonly GridLine[], yLines: readonly GridLine[]): Block[] {
  const blocks: { b: Block; key: number }[] = [];
  for (let i = 0; i + 1 < xLines.length; i++) {
    for (let j = 0; j + 1 < yLines.length; j++) {
      const w = xLines[i] as GridLine, e = xLines[i + 1] as GridLine;
      const s = yLines[j] as GridLine, n = yLines[j + 1] as GridLine;
      const b: Block = {
        x0: w.pos + w.width / 2 + setback(rng),
        x1: e.pos - e.width / 2 - setback(rng),
        y0: s.pos + s.width / 2 + setback(rng),
        y1: n.pos - n.width / 2 - setback(rng),
        i,
        j,
        roads: [w.name, e.name, s.name, n.name],
      };
      const cx = (b.x0 + b.x1) / 2, cy = (b.y0 + b.y1) / 2;
      // Towns spread along their main roads: stretch distance a little by direction.
      const key = Math.hypot(cx, cy * 1.15) * rng.range(0.82, 1.18);
      blocks.push({ b, key });
    }
  }
  blocks.sort((p, q) => p.key - q.key);
  return blocks.map((p) => p.b);
}

/** Road centre-lines clipped to the span of the used blocks on either side, metres. */
export function clipRoads(
  xLines: readonly GridLine[],
  yLines: readonly GridLine[],
  used: readonly Block[],
): { line: GridLine; vertical: boolean; from: number; to: number }[] {
  const out: { line: GridLine; vertical: boolean; from: number; to: number }[] = [];
  const spanX = new Map<number, [number, number]>();
  const spanY = new Map<number, [number, number]>();
  const grow = (m: Map<number, [number, number]>, k: number, lo: number, hi: number): void => {
    const s = m.get(k);
    if (s) {
      s[0] = Math.min(s[0], lo);
      s[1] = Math.max(s[1], hi);
    } else m.set(k, [lo, hi]);
  };
  for (const b of used) {
    const ylo = (yLines[b.j] as GridLine).pos, yhi = (yLines[b.j + 1] as GridLine).pos;
    const xlo = (xLines[b.i] as GridLine).pos, xhi = (xLines[b.i + 1] as GridLine).pos;
    grow(spanX, b.i, ylo, yhi);
    grow(spanX, b.i + 1, ylo, yhi);
    grow(spanY, b.j, xlo, xhi);
    grow(spanY, b.j + 1, xlo, xhi);
  }
  const push = (lines: readonly GridLine[], spans: Map<number, [number, number]>, vertical: boolean): void => {
    for (const [k, [from, to]] of [...spans.entries()].sort((p, q) => p[0] - q[0])) {
      out.push({ line: lines[k] as GridLine, vertical, from, to });
    }
  };
  push(xLines, spanX, true);
  push(yLines, spanY, false);
  return out;
}
