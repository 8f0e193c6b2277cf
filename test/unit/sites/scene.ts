// A hand-built scene in planar metres (drawn relative to EPSG:4547 520000, 3380000 when projected), radius 100 m:
//   A  rect 0,0–100,100 (200 hh)           touched by P1
//   F  rect 140,50–160,70 (50 hh)          22.36 m from P1
//   B  rect 230,0–330,100 (300 hh)         exactly 100 m from P1
//   D  triangle facing away (400 hh)       box 70 m from P2, polygon 155.56 m: not reached
//   E  diamond (500 hh)                    only its west tip is within reach of P3, at 90 m
//   H  ring with a hole (600 hh)           P4 sits in the hole, 80 m from the inner ring
//   M  two parts (700 hh)                  P5 is 50 m from the second part, 550 m from the first
import proj4 from 'proj4';
import type { AreaGeometry, Compound, IdleParcel, Position } from '../../../src/lib/geo/types';

const rectRing = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const poly = (...rings: Position[][]): AreaGeometry => ({ type: 'Polygon', coordinates: rings });

export const COMPOUNDS: [string, number, AreaGeometry][] = [
  ['A', 200, poly(rectRing(0, 0, 100, 100))],
  ['F', 50, poly(rectRing(140, 50, 160, 70))],
  ['B', 300, poly(rectRing(230, 0, 330, 100))],
  ['D', 400, poly([[500, 200], [700, 200], [700, 400], [500, 200]])],
  ['E', 500, poly([[120, 615], [220, 515], [320, 615], [220, 715], [120, 615]])],
  ['H', 600, poly(rectRing(1000, 0, 1400, 400), [[1100, 100], [1100, 300], [1300, 300], [1300, 100], [1100, 100]])],
  ['M', 700, { type: 'MultiPolygon', coordinates: [[rectRing(2000, 0, 2100, 100)], [rectRing(2500, 0, 2600, 100)]] }],
];

export const PARCELS: [string, number, AreaGeometry][] = [
  ['P1', 900, poly(rectRing(100, 0, 130, 30))],
  ['P2', 900, poly(rectRing(400, 350, 430, 380))],
  ['P3', 100, poly(rectRing(0, 600, 30, 630))],
  ['P4', 1600, poly(rectRing(1180, 180, 1220, 220))],
  ['P5', 900, poly(rectRing(2650, 0, 2680, 30))],
];

export function compoundOf(id: string, households: number | null, geometry: AreaGeometry): Compound {
  return {
    id, name: id, district: '', street: '', year_built: null, buildings: null, households, floor_area_m2: null, investment_wan: null,
    category: null, plan_year: null, status: '', extra: {}, geometry,
  };
}

export function parcelOf(id: string, area: number, geometry: AreaGeometry): IdleParcel {
  return { id, area_m2: area, current_use: '', owner: '', note: '', extra: {}, geometry };
}

/** The scene in planar metres (analyzeSites with planar: true). */
export function planarScene(): { compounds: Compound[]; parcels: IdleParcel[] } {
  return { compounds: COMPOUNDS.map(([id, hh, g]) => compoundOf(id, hh, g)), parcels: PARCELS.map(([id, a, g]) => parcelOf(id, a, g)) };
}

const GK114 = '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const toLonLat = proj4(GK114, 'WGS84');
const X = 520000, Y = 3380000;

/** Planar scene metres (offset into EPSG:4547) -> WGS84 lon/lat. */
export function toWgs84(g: AreaGeometry): AreaGeometry {
  const ring = (r: Position[]): Position[] => r.map((p) => toLonLat.forward([X + p[0], Y + p[1]]));
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(ring) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

export function wgs84Point(x: number, y: number): Position {
  return toLonLat.forward([X + x, Y + y]);
}

/** The scene in WGS84. */
export function wgs84Scene(): { compounds: Compound[]; parcels: IdleParcel[] } {
  return {
    compounds: COMPOUNDS.map(([id, hh, g]) => compoundOf(id, hh, toWgs84(g))),
    parcels: PARCELS.map(([id, a, g]) => parcelOf(id, a, toWgs84(g))),
  };
}
