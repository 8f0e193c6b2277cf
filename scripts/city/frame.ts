// A town's local frame: metres east/north of its centre, turned by the town's street-grid angle,
// mapped to WGS84 lon/lat with an equirectangular approximation (error < 1 cm over a town).

import type { Position } from '../../src/lib/geo/types';

/** Metres per degree of latitude (mean, WGS84). */
const M_PER_DEG_LAT = 111_320;

export interface Frame {
  lon0: number;
  lat0: number;
  /** Street-grid rotation, radians counter-clockwise. */
  angle: number;
}

/** Rounds degrees to 1e-7 (about 1 cm), enough to keep 10 cm slivers and small files. */
export function roundDeg(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

/**
 * Converts local grid metres to rounded [lon, lat].
 * @param x metres along the town's grid x axis
 * @param y metres along the town's grid y axis
 */
export function toLonLat(x: number, y: number, frame: Frame): Position {
  const c = Math.cos(frame.angle);
  const s = Math.sin(frame.angle);
  const e = x * c - y * s;
  const n = x * s + y * c;
  const lat = frame.lat0 + n / M_PER_DEG_LAT;
  const lon = frame.lon0 + e / (M_PER_DEG_LAT * Math.cos((frame.lat0 * Math.PI) / 180));
  return [roundDeg(lon), roundDeg(lat)];
}

/** Offsets a lon/lat origin by kilometres east and north (for placing towns). */
export function offsetKm(lon0: number, lat0: number, eastKm: number, northKm: number): [number, number] {
  const lat = lat0 + (northKm * 1000) / M_PER_DEG_LAT;
  const lon = lon0 + (eastKm * 1000) / (M_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180));
  return [lon, lat];
}
