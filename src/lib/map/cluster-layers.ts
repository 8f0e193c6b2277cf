// Clusters on the map: fill colours per compound (neighbouring clusters never share a colour), cluster
// hulls, walls drawn where they stand (along the boundary, geo/wall-paths.ts) with a width that shows their
// length, bridged gaps as dashed links labelled in metres.
import Flatbush from 'flatbush';
import type { ViewBox } from './layers';
import { PathLayer, PolygonLayer, TextLayer } from '@deck.gl/layers';
import { PathStyleExtension, type PathStyleExtensionProps } from '@deck.gl/extensions';
import type { Layer } from '@deck.gl/core';
import type { ClusterResult } from '../geo/analyze';
import { convexHull } from '../geo/hull';
import type { Compound } from '../geo/types';
import { wallPaths } from '../geo/wall-paths';
import type { RGBA } from './colors';

/** Eight colours that stay apart for colour-blind readers (Okabe–Ito without black, plus two). */
export const CLUSTER_PALETTE: RGBA[] = [
  [230, 159, 0, 255],
  [86, 180, 233, 255],
  [0, 158, 115, 255],
  [213, 94, 0, 255],
  [0, 114, 178, 255],
  [204, 121, 167, 255],
  [120, 94, 240, 255],
  [178, 163, 0, 255],
];
const LONE: RGBA = [175, 180, 186, 255];
/** clusters closer than this (degrees, about 80 m) count as neighbours for colouring */
const NEAR_DEG = 0.0008;

function clusterBoxes(result: ClusterResult, boxes: Float64Array): Float64Array {
  const c = result.clusters;
  const out = new Float64Array(c.count * 4).fill(NaN);
  for (let k = 0; k < c.count; k++) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let m = c.memberStart[k]; m < c.memberStart[k + 1]; m++) {
      const i = c.memberIndex[m];
      x0 = Math.min(x0, boxes[4 * i]);
      y0 = Math.min(y0, boxes[4 * i + 1]);
      x1 = Math.max(x1, boxes[4 * i + 2]);
      y1 = Math.max(y1, boxes[4 * i + 3]);
    }
    out.set([x0, y0, x1, y1], 4 * k);
  }
  return out;
}

/**
 * A palette index per cluster (-1 for lone compounds): greedy colouring of the clusters' proximity graph,
 * largest clusters first, so clusters within about 80 m of each other never share a colour while the
 * palette lasts (with more than eight crowded neighbours the least used colour nearby is reused).
 */
export function clusterColorIndex(result: ClusterResult, boxes: Float64Array): Int8Array {
  const c = result.clusters;
  const color = new Int8Array(c.count).fill(-1);
  const multi: number[] = [];
  for (let k = 0; k < c.count; k++) if (c.memberStart[k + 1] - c.memberStart[k] > 1) multi.push(k);
  if (!multi.length) return color;
  const cb = clusterBoxes(result, boxes);
  const index = new Flatbush(multi.length);
  for (const k of multi) index.add(cb[4 * k] - NEAR_DEG, cb[4 * k + 1] - NEAR_DEG, cb[4 * k + 2] + NEAR_DEG, cb[4 * k + 3] + NEAR_DEG);
  index.finish();
  const order = multi.map((k, j) => j).sort((a, b) => c.households[multi[b]] - c.households[multi[a]] || a - b);
  for (const j of order) {
    const k = multi[j];
    const used = new Array<number>(CLUSTER_PALETTE.length).fill(0);
    for (const o of index.search(cb[4 * k], cb[4 * k + 1], cb[4 * k + 2], cb[4 * k + 3])) {
      const col = color[multi[o]];
      if (o !== j && col >= 0) used[col]++;
    }
    let best = 0;
    for (let p = 1; p < used.length; p++) if (used[p] < used[best]) best = p;
    color[k] = best;
  }
  return color;
}

/** RGBA per compound by cluster: palette colour, grey when alone, faint when out of scope. */
export function clusterFill(result: ClusterResult, colorIndex: Int8Array): Uint8Array {
  const n = result.clusters.cluster.length;
  const out = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const k = result.clusters.cluster[i];
    const rgb = k < 0 || colorIndex[k] < 0 ? LONE : CLUSTER_PALETTE[colorIndex[k]];
    out.set(rgb.slice(0, 3), 4 * i);
    out[4 * i + 3] = k < 0 ? 25 : colorIndex[k] < 0 ? 110 : 200;
  }
  return out;
}

interface Link {
  path: [number, number][];
  distance: number;
  wall: number;
}

const centre = (boxes: Float64Array, i: number): [number, number] => [(boxes[4 * i] + boxes[4 * i + 2]) / 2, (boxes[4 * i + 1] + boxes[4 * i + 3]) / 2];

export interface ClusterLayerInput {
  result: ClusterResult;
  compounds: readonly Compound[];
  boxes: Float64Array;
  colorIndex: Int8Array;
  selected: number | null;
  fontFamily: string;
  /**
   * Set for a layer too large to draw whole (over OUTLINE_ALL_MAX compounds): hulls, walls and gaps only where the
   * view is, and none below CLUSTER_DETAIL_MIN_ZOOM (the fills show the clusters); null = no view yet (a print deck).
   */
  view?: ViewBox | null;
}

/** Below this zoom a large layer's clusters are shown by their fills alone (hull, wall and gap lines are under a pixel apart). */
export const CLUSTER_DETAIL_MIN_ZOOM = 13;

/** Walls are pairs closer than this (metres); farther pairs are bridged gaps. */
export const WALL_MAX_GAP_M = 1;

/**
 * Walls are drawn along the boundary while that has cost less than this much work (segments framed plus segment
 * pairs compared: the 3,000-compound sample city needs ~57,000, 80 ms warm and 240 ms the first time; 20,000
 * compounds ~375,000, 0.5 s); past it
 * (a province, or very detailed outlines) the rest are drawn as lines between the two compounds' centres, as wide
 * as they would be, so the map never stalls on them.
 */
export const BOUNDARY_WALL_BUDGET = 500_000;

const linkCache = new WeakMap<ClusterResult, { walls: Link[]; gaps: Link[] }>();

const meets = (boxes: Float64Array, i: number, [w, s, e, n]: ViewBox['box']): boolean =>
  boxes[4 * i] <= e && boxes[4 * i + 2] >= w && boxes[4 * i + 1] <= n && boxes[4 * i + 3] >= s;

/**
 * A result's walls and gap links, worked out once per result (selection changes redraw with the same links); with
 * `box`, only the pairs with a compound meeting it, worked out each time.
 */
function links(result: ClusterResult, compounds: readonly Compound[], boxes: Float64Array, box?: ViewBox['box']): { walls: Link[]; gaps: Link[] } {
  const cached = box ? undefined : linkCache.get(result);
  if (cached) return cached;
  const { pairs } = result;
  const walls: Link[] = [];
  const gaps: Link[] = [];
  const tally = { pairs: 0 };
  for (let k = 0; k < pairs.a.length; k++) {
    const a = pairs.a[k], b = pairs.b[k], distance = pairs.distance[k], wall = pairs.wall[k];
    if (box && !meets(boxes, a, box) && !meets(boxes, b, box)) continue;
    const centres: [number, number][] = [centre(boxes, a), centre(boxes, b)];
    if (distance > WALL_MAX_GAP_M) {
      gaps.push({ path: centres, distance, wall });
      continue;
    }
    const paths = tally.pairs < BOUNDARY_WALL_BUDGET ? wallPaths(compounds[a].geometry, compounds[b].geometry, distance, tally) : [];
    if (!paths.length) walls.push({ path: centres, distance, wall });
    for (const path of paths) walls.push({ path: path as [number, number][], distance, wall });
  }
  const out = { walls, gaps };
  if (!box) linkCache.set(result, out);
  return out;
}

/** Hulls, walls and gap links of a cluster result, bottom to top. */
export function clusterLayers({ result, compounds, boxes, colorIndex, selected, fontFamily, view }: ClusterLayerInput): Layer[] {
  const { clusters } = result;
  if (view !== undefined && (!view || view.zoom < CLUSTER_DETAIL_MIN_ZOOM)) return [];
  const box = view?.box;
  const { walls, gaps } = links(result, compounds, boxes, box);
  const cb = box ? clusterBoxes(result, boxes) : null;
  const hulls: { ring: number[][]; color: RGBA; cluster: number }[] = [];
  for (let c = 0; c < clusters.count; c++) {
    if (clusters.memberStart[c + 1] - clusters.memberStart[c] < 2) continue;
    if (box && cb && !meets(cb, c, box)) continue;
    const xy: number[] = [];
    for (let m = clusters.memberStart[c]; m < clusters.memberStart[c + 1]; m++) {
      const g = compounds[clusters.memberIndex[m]].geometry;
      for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) for (const p of poly[0]) xy.push(p[0], p[1]);
    }
    hulls.push({ ring: convexHull(xy), color: CLUSTER_PALETTE[Math.max(0, colorIndex[c])], cluster: c });
  }
  return [
    new PolygonLayer<(typeof hulls)[number]>({
      id: 'cluster-hulls',
      data: hulls,
      getPolygon: (h) => h.ring,
      filled: false,
      stroked: true,
      getLineColor: (h) => (h.cluster === selected ? [20, 20, 20, 255] : [h.color[0], h.color[1], h.color[2], 220]),
      getLineWidth: (h) => (h.cluster === selected ? 3 : 1.5),
      lineWidthUnits: 'pixels',
      updateTriggers: { getLineColor: selected, getLineWidth: selected },
      pickable: false,
    }),
    new PathLayer<Link>({
      id: 'cluster-walls',
      data: walls,
      getPath: (l) => l.path,
      getColor: [60, 40, 30, 200],
      // width shows the wall's length: 1 px per 25 m, 2–10 px (drawn on the boundary, so never thinner than it)
      getWidth: (l) => Math.min(10, 2 + l.wall / 25),
      widthUnits: 'pixels',
      capRounded: true,
    }),
    new PathLayer<Link, PathStyleExtensionProps<Link>>({
      id: 'cluster-gaps',
      data: gaps,
      getPath: (l) => l.path,
      getColor: [200, 30, 30, 220],
      getWidth: 1.5,
      widthUnits: 'pixels',
      getDashArray: [4, 3],
      dashJustified: true,
      extensions: [new PathStyleExtension({ dash: true })],
    }),
    new TextLayer<Link>({
      id: 'cluster-gap-labels',
      data: gaps,
      getPosition: (l) => [(l.path[0][0] + l.path[1][0]) / 2, (l.path[0][1] + l.path[1][1]) / 2],
      getText: (l) => `${l.distance.toFixed(1)} m`,
      getColor: [160, 20, 20, 255],
      // sized in metres so labels only become readable once zoomed in
      getSize: 5,
      sizeUnits: 'meters',
      sizeMaxPixels: 13,
      fontFamily,
      outlineWidth: 3,
      outlineColor: [255, 255, 255, 220],
      fontSettings: { sdf: true },
    }),
  ];
}
