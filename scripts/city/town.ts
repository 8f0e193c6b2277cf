// Grows one town: its street grid, blocks filled outward from the centre with compounds until the
// town holds its share, the roads that serve them (with lanes), and for the core city the 卫河 river
// and the lake of 人民公园. All coordinates in town metres.

import type { Rng } from './prng';
import { clipRoads, gridLines, growthOrderedBlocks, type Block } from './grid';
import { subdivideBlock, type Piece, type Rect, type Ring } from './subdivide';
import type { RoadClass } from './types';
import { ARTERIALS_EW, ARTERIALS_NS, BRANCHES, COUNTY_ARTERIALS_EW, COUNTY_ARTERIALS_NS, LANE_SUFFIX, NUMERALS } from './names-pool';

export interface TownRoad {
  name: string;
  cls: RoadClass;
  width: number;
  line: [number, number][];
}

export interface TownLayout {
  pieces: Piece[];
  free: Rect[];
  roads: TownRoad[];
  water: { name: string; polygons: Ring[][] }[];
}

/** 卫河 centre-line, metres north of the core centre at x metres east. */
function riverY(x: number): number {
  return 700 + 260 * Math.sin(x / 1400 + 0.3) + 110 * Math.sin(x / 520 + 1.7);
}
const RIVER_HALF_WIDTH = 24;

/** Splits a block around the river: the parts at least 45 m deep on either bank. */
function besideRiver(b: Block): Block[] {
  let lo = Infinity, hi = -Infinity;
  for (let x = b.x0; x <= b.x1 + 10; x += 10) {
    const y = riverY(Math.min(x, b.x1));
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
  }
  lo -= RIVER_HALF_WIDTH + 8;
  hi += RIVER_HALF_WIDTH + 8;
  if (b.y1 < lo || b.y0 > hi) return [b];
  const out: Block[] = [];
  if (Math.min(b.y1, lo) - b.y0 >= 45) out.push({ ...b, y1: Math.min(b.y1, lo) });
  if (b.y1 - Math.max(b.y0, hi) >= 45) out.push({ ...b, y0: Math.max(b.y0, hi) });
  return out;
}

/** Splits long blocks by a lane (4–10 m) across the long side. */
function splitByLane(b: Block, rng: Rng, lanes: TownRoad[], laneNo: Map<string, number>): Block[] {
  const W = b.x1 - b.x0, H = b.y1 - b.y0;
  const along = W >= H;
  const len = along ? W : H;
  if (len < 230 || !rng.chance(0.55)) return [b];
  const width = rng.range(4, 10);
  const at = (along ? b.x0 : b.y0) + len * rng.range(0.35, 0.65);
  const base = along ? b.roads[2] : b.roads[0];
  const n = (laneNo.get(base) ?? 0) + 1;
  laneNo.set(base, n);
  const name = `${base.replace(/(大道|路|街)$/, '')}${n <= 10 ? NUMERALS[n - 1] : n}${LANE_SUFFIX[n % LANE_SUFFIX.length]}`;
  const gap = width / 2 + rng.range(0.5, 2.5);
  if (along) {
    lanes.push({ name, cls: 'lane', width: Math.round(width), line: [[at, b.y0 - 4], [at, b.y1 + 4]] });
    return [
      { ...b, x1: at - gap, roads: [b.roads[0], name, b.roads[2], b.roads[3]] },
      { ...b, x0: at + gap, roads: [name, b.roads[1], b.roads[2], b.roads[3]] },
    ];
  }
  lanes.push({ name, cls: 'lane', width: Math.round(width), line: [[b.x0 - 4, at], [b.x1 + 4, at]] });
  return [
    { ...b, y1: at - gap, roads: [b.roads[0], b.roads[1], b.roads[2], name] },
    { ...b, y0: at + gap, roads: [b.roads[0], b.roads[1], name, b.roads[3]] },
  ];
}

/** An ellipse with a wavy shore, metres. */
function lake(cx: number, cy: number, rx: number, ry: number, rng: Rng): Ring {
  const ring: Ring = [];
  const phase = rng.range(0, 6);
  for (let k = 0; k < 48; k++) {
    const t = (2 * Math.PI * k) / 48;
    const r = 1 + 0.08 * Math.sin(3 * t + phase) + 0.05 * Math.sin(5 * t);
    ring.push([cx + rx * r * Math.cos(t), cy + ry * r * Math.sin(t)]);
  }
  return ring;
}

/**
 * Lays out a town holding exactly `target` compounds (pieces), grown from its centre.
 * @param target number of compounds and lone buildings
 * @param arterialM arterial spacing, metres
 */
export function layoutTown(
  rng: Rng,
  options: { target: number; arterialM: number; core: boolean },
): TownLayout {
  const { target, arterialM, core } = options;
  const extent = Math.sqrt(target * 12000) * 0.75 + 1500;
  // North–south and east–west roads draw from disjoint pools so no two crossing roads share a name.
  const xLines = gridLines(rng, extent, {
    arterialM,
    arterialNames: core ? ARTERIALS_NS : COUNTY_ARTERIALS_NS,
    branchNames: BRANCHES.filter((_, i) => i % 2 === 0),
  });
  const yLines = gridLines(rng, extent, {
    arterialM: arterialM * 0.9,
    arterialNames: core ? ARTERIALS_EW : COUNTY_ARTERIALS_EW,
    branchNames: BRANCHES.filter((_, i) => i % 2 === 1),
  });
  const blocks = growthOrderedBlocks(rng, xLines, yLines);

  const pieces: Piece[] = [];
  const free: Rect[] = [];
  const lanes: TownRoad[] = [];
  const water: TownLayout['water'] = [];
  const used: Block[] = [];
  const laneNo = new Map<string, number>();
  let park = core;
  for (const block of blocks) {
    if (pieces.length >= target) break;
    used.push(block);
    if (park && Math.abs((block.x0 + block.x1) / 2 + 900) < 400 && Math.abs((block.y0 + block.y1) / 2 + 250) < 400) {
      park = false;
      const cx = (block.x0 + block.x1) / 2, cy = (block.y0 + block.y1) / 2;
      water.push({ name: '人民公园湖', polygons: [[lake(cx, cy, (block.x1 - block.x0) * 0.36, (block.y1 - block.y0) * 0.34, rng)]] });
      continue;
    }
    const parts = core ? besideRiver(block) : [block];
    for (const part of parts) {
      for (const sub of splitByLane(part, rng, lanes, laneNo)) {
        const { pieces: p, free: f } = subdivideBlock(sub, rng);
        // A block cut short at the town's edge keeps no free cells: idle land stays next to homes.
        if (pieces.length + p.length <= target) free.push(...f);
        for (const piece of p) if (pieces.length < target) pieces.push(piece);
      }
    }
  }
  if (pieces.length < target) {
    throw new Error(`Town grid too small: placed ${pieces.length} of ${target} compounds; raise the extent.`);
  }

  const roads: TownRoad[] = clipRoads(xLines, yLines, used).map(({ line, vertical, from, to }) => ({
    name: line.name,
    cls: line.cls,
    width: line.width,
    line: vertical ? [[line.pos, from], [line.pos, to]] : [[from, line.pos], [to, line.pos]],
  }));
  roads.push(...lanes);

  if (core) {
    let x0 = Infinity, x1 = -Infinity;
    for (const b of used) {
      x0 = Math.min(x0, b.x0);
      x1 = Math.max(x1, b.x1);
    }
    const north: [number, number][] = [], south: [number, number][] = [];
    for (let x = x0 - 1500; x <= x1 + 1500; x += 40) {
      const y = riverY(x);
      const slope = (riverY(x + 1) - riverY(x - 1)) / 2;
      const n = Math.hypot(1, slope);
      north.push([x - (slope / n) * RIVER_HALF_WIDTH, y + RIVER_HALF_WIDTH / n]);
      south.push([x + (slope / n) * RIVER_HALF_WIDTH, y - RIVER_HALF_WIDTH / n]);
    }
    water.unshift({ name: '卫河', polygons: [[[...south, ...north.reverse()]]] });
  }
  return { pieces, free, roads, water };
}
