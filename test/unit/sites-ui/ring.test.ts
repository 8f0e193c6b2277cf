import { describe, expect, it } from 'vitest';
import { hullRing, servedColor, SERVED_RAMP } from '../../../src/lib/map/site-layers';

/** Distance in metres between two lon/lat points near each other (equirectangular). */
function metres(a: [number, number], b: [number, number]): number {
  const mx = 110_574 * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * mx, (a[1] - b[1]) * 110_574);
}

describe('approximate radius ring', () => {
  it('keeps every point of the ring at the radius from a square parcel (±1 m)', () => {
    // a 100 m square at 35° N
    const lat = 35.3, lon = 113.9;
    const dLat = 100 / 110_574, dLon = 100 / (110_574 * Math.cos((lat * Math.PI) / 180));
    const square: [number, number][] = [[lon, lat], [lon + dLon, lat], [lon + dLon, lat + dLat], [lon, lat + dLat], [lon, lat]];
    const ring = hullRing({ type: 'Polygon', coordinates: [square] }, 300);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const v of ring) {
      // distance to the square: to its nearest point
      const x = Math.min(Math.max(v[0], lon), lon + dLon), y = Math.min(Math.max(v[1], lat), lat + dLat);
      expect(Math.abs(metres(v, [x, y]) - 300)).toBeLessThan(1);
    }
  });

  it('draws a circle around a single point', () => {
    const ring = hullRing({ type: 'Polygon', coordinates: [[[113.9, 35.3], [113.9, 35.3], [113.9, 35.3]]] }, 500);
    for (const v of ring) expect(Math.abs(metres(v, [113.9, 35.3]) - 500)).toBeLessThan(1);
  });
});

describe('households-served colour', () => {
  it('runs from the light end at 0 to the dark end at the maximum', () => {
    expect(servedColor(0, 100)).toEqual(SERVED_RAMP[0]);
    expect(servedColor(100, 100).slice(0, 3)).toEqual(SERVED_RAMP[SERVED_RAMP.length - 1].slice(0, 3));
  });
});
