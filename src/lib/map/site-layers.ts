// Idle land as sites on the map: compounds coloured by coverage, parcels by households served, and for the
// selected parcel its walking-radius ring and lines to the compounds in reach; chosen sites numbered in
// order of choice with the households each added.
import { GeoJsonLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { PathStyleExtension, type PathStyleExtensionProps } from '@deck.gl/extensions';
import type { Layer } from '@deck.gl/core';
import type { BinaryFeatureCollection } from '@loaders.gl/schema';
import { FlatArea } from '../geo/flat-area';
import { convexHull } from '../geo/hull';
import type { SiteResult } from '../geo/sites';
import type { AreaGeometry } from '../geo/types';
import type { RGBA } from './colors';
import { withFillColors } from './layers';

/** Compound colours by status (see compoundStatus): out of scope, existing, chosen, in reach, nothing in reach. */
export const SITE_STATUS_COLORS: readonly RGBA[] = [
  [160, 165, 170, 25],
  [59, 130, 196, 170],
  [47, 158, 110, 200],
  [232, 163, 61, 200],
  [214, 40, 57, 230],
];

/** Households-served ramp, light to dark (a sequential, colour-blind-safe ramp after viridis). */
export const SERVED_RAMP: readonly RGBA[] = [
  [253, 231, 37, 255],
  [122, 209, 81, 255],
  [34, 168, 132, 255],
  [42, 120, 142, 255],
  [65, 68, 135, 255],
];
const INELIGIBLE: RGBA = [150, 150, 150, 140];

/** RGBA per compound from its status. */
export function siteCompoundFill(status: Uint8Array): Uint8Array {
  const out = new Uint8Array(status.length * 4);
  for (let i = 0; i < status.length; i++) out.set(SITE_STATUS_COLORS[status[i]], 4 * i);
  return out;
}

/** The ramp colour for `households` of at most `max` (square-root scale: a few parcels reach far more). */
export function servedColor(households: number, max: number): RGBA {
  if (!(max > 0) || !(households > 0)) return SERVED_RAMP[0];
  const t = Math.min(1, Math.sqrt(households / max)) * (SERVED_RAMP.length - 1);
  const a = Math.floor(Math.min(t, SERVED_RAMP.length - 2));
  const f = t - a;
  const c0 = SERVED_RAMP[a], c1 = SERVED_RAMP[a + 1];
  return [0, 1, 2].map((j) => Math.round(c0[j] + f * (c1[j] - c0[j]))).concat(230) as RGBA;
}

/** RGBA per parcel by households within reach; grey when smaller than the minimum area. */
export function siteParcelFill(r: SiteResult): Uint8Array {
  const n = r.households.length;
  let max = 0;
  for (let p = 0; p < n; p++) if (r.eligible[p] && r.households[p] > max) max = r.households[p];
  const out = new Uint8Array(n * 4);
  for (let p = 0; p < n; p++) out.set(r.eligible[p] ? servedColor(r.households[p], max) : INELIGIBLE, 4 * p);
  return out;
}

/** The most households any eligible parcel reaches (the top of the legend). */
export function maxServed(r: SiteResult): number {
  let max = 0;
  for (let p = 0; p < r.households.length; p++) if (r.eligible[p] && r.households[p] > max) max = r.households[p];
  return max;
}

const M_PER_DEG_LAT = 110_574;
const DEG = Math.PI / 180;

/**
 * An approximate ring at `radiusM` around a polygon: the outline of its convex hull grown by the radius
 * (straight edges pushed out, round corners), in local metres around the polygon's centre. It encloses the
 * exact buffer of the polygon (equal when the polygon is convex), so it may look a little generous.
 */
export function hullRing(geometry: AreaGeometry, radiusM: number, arcSteps = 12): [number, number][] {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const poly of polys) for (const p of poly[0]) {
    x0 = Math.min(x0, p[0]); y0 = Math.min(y0, p[1]); x1 = Math.max(x1, p[0]); y1 = Math.max(y1, p[1]);
  }
  const lon0 = (x0 + x1) / 2, lat0 = (y0 + y1) / 2;
  const mx = M_PER_DEG_LAT * Math.cos(lat0 * DEG);
  const xy: number[] = [];
  for (const poly of polys) for (const p of poly[0]) xy.push((p[0] - lon0) * mx, (p[1] - lat0) * M_PER_DEG_LAT);
  const hull = convexHull(xy);
  // the hull ring is closed and counter-clockwise: drop the repeat
  const pts = hull.length > 1 && hull[0][0] === hull[hull.length - 1][0] && hull[0][1] === hull[hull.length - 1][1] ? hull.slice(0, -1) : hull;
  const out: [number, number][] = [];
  const toLonLat = (x: number, y: number): [number, number] => [lon0 + x / mx, lat0 + y / M_PER_DEG_LAT];
  if (pts.length < 2) {
    const [cx, cy] = pts[0] ?? [0, 0];
    for (let s = 0; s <= 4 * arcSteps; s++) {
      const a = (2 * Math.PI * s) / (4 * arcSteps);
      out.push(toLonLat(cx + radiusM * Math.cos(a), cy + radiusM * Math.sin(a)));
    }
    return out;
  }
  const n = pts.length;
  const normal = (a: number[], b: number[]): number => Math.atan2(-(b[0] - a[0]), b[1] - a[1]);
  for (let i = 0; i < n; i++) {
    const prev = pts[(i + n - 1) % n], cur = pts[i], next = pts[(i + 1) % n];
    // outward normals of the edge arriving at and leaving this vertex (counter-clockwise ring: right-hand side)
    const a0 = normal(prev, cur);
    let a1 = normal(cur, next);
    while (a1 < a0) a1 += 2 * Math.PI;
    const steps = Math.max(1, Math.ceil(((a1 - a0) / (Math.PI / 2)) * arcSteps));
    for (let s = 0; s <= steps; s++) {
      const a = a0 + ((a1 - a0) * s) / steps;
      out.push(toLonLat(cur[0] + radiusM * Math.cos(a), cur[1] + radiusM * Math.sin(a)));
    }
  }
  out.push(out[0]);
  return out;
}

/** Centre of each item's bounding box (outer rings), 2 numbers per item (degrees). */
export function boxCentres(items: readonly { geometry: AreaGeometry }[]): Float64Array {
  const out = new Float64Array(items.length * 2);
  for (let i = 0; i < items.length; i++) {
    const g = items[i].geometry;
    // holes lie inside their outer ring, so the box of all its vertices is the box of its outer rings
    const b = g instanceof FlatArea ? g.box() : null;
    if (b) {
      out[2 * i] = (b[0] + b[2]) / 2;
      out[2 * i + 1] = (b[1] + b[3]) / 2;
      continue;
    }
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) for (const p of poly[0]) {
      if (p[0] < x0) x0 = p[0];
      if (p[1] < y0) y0 = p[1];
      if (p[0] > x1) x1 = p[0];
      if (p[1] > y1) y1 = p[1];
    }
    out[2 * i] = (x0 + x1) / 2;
    out[2 * i + 1] = (y0 + y1) / 2;
  }
  return out;
}

export interface SiteLayerInput {
  result: SiteResult;
  /** the parcels' geometry (for the ring) and their drawing, feature i = parcel i */
  parcelGeometry: (p: number) => AreaGeometry | null;
  parcelsBinary: BinaryFeatureCollection | null;
  parcelFill: Uint8Array;
  /** box centres, 2 numbers per item */
  compoundCentres: Float64Array;
  parcelCentres: Float64Array;
  /** the selected parcel */
  focus: number | null;
  /** label text of a chosen site: rank and households added */
  chosenLabel: (rank: number, added: number) => string;
  ringLabel: string;
  fontFamily: string;
}

interface Line {
  path: [number, number][];
  /** true: the parcel would serve it as a new facility; false: in reach but served already or past capacity */
  serves: boolean;
}

/** Parcels by households served, the selected parcel's ring and lines, the chosen sites' numbers; bottom to top. */
export function siteLayers(input: SiteLayerInput): Layer[] {
  const { result: r, focus, compoundCentres: cc, parcelCentres: pc } = input;
  const layers: Layer[] = [];
  if (input.parcelsBinary) {
    layers.push(
      new GeoJsonLayer({
        id: 'site-parcels',
        data: withFillColors(input.parcelsBinary, input.parcelFill),
        filled: true,
        stroked: true,
        getLineColor: [60, 40, 90, 255],
        getLineWidth: 1,
        lineWidthUnits: 'pixels',
        // drawn over the plain parcels; picks fall through to them
        pickable: false,
        updateTriggers: { getFillColor: [input.parcelFill] },
      }),
    );
  }
  const geom = focus !== null ? input.parcelGeometry(focus) : null;
  if (focus !== null && geom) {
    const p = focus;
    const from: [number, number] = [pc[2 * p], pc[2 * p + 1]];
    const own = new Set<number>();
    for (let q = r.serves.offsets[p]; q < r.serves.offsets[p + 1]; q++) own.add(r.serves.items[q]);
    const lines: Line[] = [];
    for (let q = r.offsets[p]; q < r.offsets[p + 1]; q++) {
      const c = r.compound[q];
      lines.push({ path: [from, [cc[2 * c], cc[2 * c + 1]]], serves: own.has(c) });
    }
    const ring = hullRing(geom, r.radiusM);
    // the ring's northernmost point carries its label
    let top = ring[0];
    for (const v of ring) if (v[1] > top[1]) top = v;
    layers.push(
      new PathLayer<Line, PathStyleExtensionProps<Line>>({
        id: 'site-lines',
        data: lines,
        getPath: (l) => l.path,
        getColor: (l) => (l.serves ? [20, 110, 60, 220] : [110, 110, 110, 160]),
        getWidth: (l) => (l.serves ? 1.5 : 1),
        widthUnits: 'pixels',
        getDashArray: (l) => (l.serves ? [0, 0] : [4, 3]),
        dashJustified: true,
        extensions: [new PathStyleExtension({ dash: true })],
      }),
      new PathLayer<{ path: [number, number][] }>({
        id: 'site-ring',
        data: [{ path: ring }],
        getPath: (d) => d.path,
        getColor: [20, 20, 20, 230],
        getWidth: 2,
        widthUnits: 'pixels',
      }),
      new TextLayer<{ position: [number, number]; text: string }>({
        id: 'site-ring-label',
        data: [{ position: top, text: input.ringLabel }],
        getPosition: (d) => d.position,
        getText: (d) => d.text,
        getSize: 12,
        getColor: [20, 20, 20, 255],
        getPixelOffset: [0, -10],
        fontFamily: input.fontFamily,
        characterSet: 'auto',
        outlineWidth: 3,
        outlineColor: [255, 255, 255, 230],
        fontSettings: { sdf: true },
      }),
    );
  }
  const chosen: { position: [number, number]; rank: number; added: number }[] = [];
  const c = r.choice;
  if (c) for (let i = 0; i < c.chosen.length; i++) {
    const p = c.chosen[i];
    chosen.push({ position: [pc[2 * p], pc[2 * p + 1]], rank: i + 1, added: c.added[i] });
  }
  layers.push(
    new ScatterplotLayer<(typeof chosen)[number]>({
      id: 'site-chosen',
      data: chosen,
      getPosition: (d) => d.position,
      getRadius: 9,
      radiusUnits: 'pixels',
      getFillColor: [20, 20, 20, 230],
      getLineColor: [255, 255, 255, 255],
      stroked: true,
      getLineWidth: 1.5,
      lineWidthUnits: 'pixels',
    }),
    new TextLayer<(typeof chosen)[number]>({
      id: 'site-chosen-rank',
      data: chosen,
      getPosition: (d) => d.position,
      getText: (d) => String(d.rank),
      getSize: 12,
      getColor: [255, 255, 255, 255],
      fontFamily: input.fontFamily,
      fontWeight: 700,
    }),
    new TextLayer<(typeof chosen)[number]>({
      id: 'site-chosen-gain',
      data: chosen,
      getPosition: (d) => d.position,
      getText: (d) => input.chosenLabel(d.rank, d.added),
      getSize: 12,
      getColor: [20, 20, 20, 255],
      getPixelOffset: [0, 18],
      fontFamily: input.fontFamily,
      characterSet: 'auto',
      outlineWidth: 3,
      outlineColor: [255, 255, 255, 230],
      fontSettings: { sdf: true },
      updateTriggers: { getText: [input.chosenLabel] },
    }),
  );
  return layers;
}
