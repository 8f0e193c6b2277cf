// Candidate pairs: features whose boxes come within the gap, from a packed uniform grid over the boxes.
// Each box, widened by half the gap, goes into every grid cell it covers as one number (cell · n + feature),
// and one native sort of those numbers groups the cells; a pair is reported only in the cell holding the
// lower-left corner of the two widened boxes' overlap, so once. Measured 3x faster than one flatbush query
// per feature on the 200k sample city.

import type { PackedPolygons } from './flat';

/** Candidate or neighbour pairs, as indices into the packed layer, a < b. */
export interface PairList {
  a: Int32Array;
  b: Int32Array;
}

/** A packed uniform grid over the features' boxes: (cell, feature) entries sorted by cell. */
export interface BoxGrid {
  /** Cell size, metres. */
  cell: number;
  originX: number;
  originY: number;
  columns: number;
  /** cell · n + feature, ascending. */
  entries: Float64Array;
  /** Features too big for the grid (more than MAX_CELLS cells), compared with every box instead. */
  big: Int32Array;
  /** Half the gap the boxes were widened by on every side, metres. */
  half: number;
}

const MAX_CELLS = 1024;

/**
 * Index the features' boxes, widened by half the gap on every side, in a uniform grid whose cells are
 * about the size of a typical box. Two widened boxes meet exactly when the boxes are within the gap.
 * @param gapM gap tolerance in metres (>= 0)
 */
export function boxGrid(p: PackedPolygons, gapM: number): BoxGrid {
  if (!(gapM >= 0)) throw new Error(`Gap must be a number of metres >= 0, got ${gapM}.`);
  const { n, bbox } = p;
  // a hair wider than half the gap, so boxes exactly `gapM` apart are never lost to rounding
  const half = gapM / 2 + 1e-9 * (1 + gapM);
  let originX = Infinity, originY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const sample = new Float64Array(Math.min(n, 4096));
  for (let f = 0; f < n; f++) {
    if (bbox[4 * f] < originX) originX = bbox[4 * f];
    if (bbox[4 * f + 1] < originY) originY = bbox[4 * f + 1];
    if (bbox[4 * f + 2] > maxX) maxX = bbox[4 * f + 2];
    if (bbox[4 * f + 3] > maxY) maxY = bbox[4 * f + 3];
  }
  for (let i = 0; i < sample.length; i++) {
    const f = Math.floor((i * n) / sample.length);
    sample[i] = Math.max(bbox[4 * f + 2] - bbox[4 * f], bbox[4 * f + 3] - bbox[4 * f + 1]);
  }
  sample.sort();
  originX -= half;
  originY -= half;
  const span = Math.max(maxX + half - originX, maxY + half - originY, 1);
  let cell = Math.max((sample[sample.length >> 1] ?? 1) + 2 * half, span / 4096, 1e-3);
  // cell · n + feature must stay an exact integer in a double
  while ((span / cell + 2) ** 2 * Math.max(n, 1) > 2 ** 52) cell *= 2;
  const columns = Math.floor(span / cell) + 2;
  let count = 0;
  const big: number[] = [];
  for (let f = 0; f < n; f++) {
    const cells = (cellOf(bbox[4 * f + 2] + half, originX, cell) - cellOf(bbox[4 * f] - half, originX, cell) + 1) *
      (cellOf(bbox[4 * f + 3] + half, originY, cell) - cellOf(bbox[4 * f + 1] - half, originY, cell) + 1);
    if (cells > MAX_CELLS) big.push(f);
    else count += cells;
  }
  const entries = new Float64Array(count);
  let k = 0;
  let b = 0;
  for (let f = 0; f < n; f++) {
    if (big[b] === f) {
      b++;
      continue;
    }
    const x0 = cellOf(bbox[4 * f] - half, originX, cell), x1 = cellOf(bbox[4 * f + 2] + half, originX, cell);
    const y0 = cellOf(bbox[4 * f + 1] - half, originY, cell), y1 = cellOf(bbox[4 * f + 3] + half, originY, cell);
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) entries[k++] = (y * columns + x) * n + f;
  }
  entries.sort();
  return { cell, originX, originY, columns, entries, big: Int32Array.from(big), half };
}

function cellOf(v: number, origin: number, cell: number): number {
  return Math.floor((v - origin) / cell);
}

/**
 * All pairs of features whose bounding boxes come within `gapM` of each other, a < b, sorted by a then b.
 * @param gapM gap tolerance in metres (>= 0)
 */
export function candidatePairs(p: PackedPolygons, gapM: number, grid: BoxGrid = boxGrid(p, gapM)): PairList {
  const { n, bbox } = p;
  const { entries, half, cell, originX, originY, columns } = grid;
  let keys = new Float64Array(Math.max(16, entries.length));
  let count = 0;
  const isBig = new Uint8Array(n);
  for (const f of grid.big) isBig[f] = 1;
  for (let s = 0; s < entries.length; ) {
    const c = Math.floor(entries[s] / n);
    let e = s + 1;
    while (e < entries.length && Math.floor(entries[e] / n) === c) e++;
    for (let i = s; i < e; i++) {
      const fi = entries[i] - c * n;
      const ax0 = bbox[4 * fi] - half, ay0 = bbox[4 * fi + 1] - half, ax1 = bbox[4 * fi + 2] + half, ay1 = bbox[4 * fi + 3] + half;
      for (let j = i + 1; j < e; j++) {
        const fj = entries[j] - c * n;
        const bx0 = bbox[4 * fj] - half, by0 = bbox[4 * fj + 1] - half;
        if (bx0 > ax1 || by0 > ay1 || bbox[4 * fj + 2] + half < ax0 || bbox[4 * fj + 3] + half < ay0) continue;
        // report the pair only in the cell holding the lower-left corner of the boxes' overlap
        const rx = ax0 > bx0 ? ax0 : bx0, ry = ay0 > by0 ? ay0 : by0;
        if (cellOf(ry, originY, cell) * columns + cellOf(rx, originX, cell) !== c) continue;
        if (count === keys.length) keys = growF(keys);
        keys[count++] = fi < fj ? fi * n + fj : fj * n + fi;
      }
    }
    s = e;
  }
  for (const fi of grid.big) {
    const ax0 = bbox[4 * fi] - half, ay0 = bbox[4 * fi + 1] - half, ax1 = bbox[4 * fi + 2] + half, ay1 = bbox[4 * fi + 3] + half;
    for (let fj = 0; fj < n; fj++) {
      if (fj === fi || (isBig[fj] && fj < fi)) continue;
      if (bbox[4 * fj] - half > ax1 || bbox[4 * fj + 1] - half > ay1 || bbox[4 * fj + 2] + half < ax0 || bbox[4 * fj + 3] + half < ay0) continue;
      if (count === keys.length) keys = growF(keys);
      keys[count++] = fi < fj ? fi * n + fj : fj * n + fi;
    }
  }
  const sorted = keys.subarray(0, count).sort();
  const a = new Int32Array(count), b = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const ai = Math.floor(sorted[i] / n);
    a[i] = ai;
    b[i] = sorted[i] - ai * n;
  }
  return { a, b };
}

function growF(arr: Float64Array): Float64Array<ArrayBuffer> {
  const next = new Float64Array(arr.length * 2);
  next.set(arr);
  return next;
}
