// Test helpers: compounds from EPSG:4547 (GK CM 114E) metres, so fixtures can be drawn and checked by hand.
import proj4 from 'proj4';
import type { AreaGeometry, Compound, FeatureId, Position } from '../../../src/lib/geo/types';

const GK114 = '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const toLonLat = proj4(GK114, 'WGS84');

/** EPSG:4547 metres -> WGS84 for a polygon or multipolygon. */
export function gkToWgs84(g: AreaGeometry): AreaGeometry {
  const ring = (r: Position[]): Position[] => r.map((p) => toLonLat.forward([p[0], p[1]]));
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}

export function compound(id: FeatureId, geometry: AreaGeometry, households: number | null = 100): Compound {
  return {
    id, name: String(id), district: '', street: '', year_built: null, buildings: 1, households,
    floor_area_m2: 1000, investment_wan: 10, category: 'basic', plan_year: null, status: '', extra: {}, geometry,
  };
}

/** A rectangle in EPSG:4547 metres offset from (520000, 3380000), as WGS84. */
export function rect(x0: number, y0: number, x1: number, y1: number): AreaGeometry {
  const X = 520000, Y = 3380000;
  return gkToWgs84({ type: 'Polygon', coordinates: [[[X + x0, Y + y0], [X + x1, Y + y0], [X + x1, Y + y1], [X + x0, Y + y1], [X + x0, Y + y0]]] });
}
