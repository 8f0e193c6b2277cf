// Data across several Gauss-Krüger zones: each parcel measured in the zone of its own centre (the definition shared
// with the clusters engine), checked against a brute-force reference that projects every pair with proj4.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import proj4 from 'proj4';
import { analyzeSites } from '../../../src/lib/geo/sites';
import type { AreaGeometry, Compound, IdleParcel, Position } from '../../../src/lib/geo/types';
import { refDistance } from './reference';

const zoneOf = (lon: number): number => Math.round(lon / 3) * 3;

function projected(g: AreaGeometry, lon0: number): AreaGeometry {
  const fwd = proj4('WGS84', `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs`);
  const ring = (r: Position[]): Position[] => r.map((p) => fwd.forward(p));
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(ring) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

function centreLon(g: AreaGeometry): number {
  const lons = (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()).flat().map((p) => p[0]);
  return (Math.min(...lons) + Math.max(...lons)) / 2;
}

/** A square of `side` metres (roughly) centred at lon, lat. */
function square(lon: number, lat: number, side: number): AreaGeometry {
  const dx = side / 2 / (111_320 * Math.cos((lat * Math.PI) / 180)), dy = side / 2 / 110_574;
  return { type: 'Polygon', coordinates: [[[lon - dx, lat - dy], [lon + dx, lat - dy], [lon + dx, lat + dy], [lon - dx, lat + dy], [lon - dx, lat - dy]]] };
}

const compoundOf = (g: AreaGeometry, i: number): Compound => ({
  id: `C${i}`, name: '', district: '', street: '', year_built: null, buildings: null, households: 10 + i, floor_area_m2: null,
  investment_wan: null, category: null, plan_year: null, status: '', extra: {}, geometry: g,
});
const parcelOf = (g: AreaGeometry, i: number): IdleParcel => ({ id: `P${i}`, area_m2: 500, current_use: '', owner: '', note: '', extra: {}, geometry: g });

// places around three spots: inside zone 114, on the 114/117 boundary (115.5°E) and inside zone 117
const spot = fc.constantFrom(113.2, 115.5, 117.9);
const place = fc.record({ at: spot, dx: fc.double({ min: -0.02, max: 0.02, noNaN: true }), dy: fc.double({ min: -0.02, max: 0.02, noNaN: true }), side: fc.integer({ min: 30, max: 400 }) })
  .map(({ at, dx, dy, side }) => square(at + dx, 36 + dy, side));

describe('sites across Gauss-Krüger zones', () => {
  it('lists for each parcel the compounds within the radius measured in its own zone', () => {
    fc.assert(
      fc.property(fc.array(place, { minLength: 1, maxLength: 25 }), fc.array(place, { minLength: 1, maxLength: 8 }), fc.integer({ min: 100, max: 2500 }), (cg, pg, radiusM) => {
        const compounds = cg.map(compoundOf);
        const parcels = pg.map(parcelOf);
        const r = analyzeSites(compounds, parcels, { radiusM });
        expect(new Set(r.meridians)).toEqual(new Set(pg.map((g) => zoneOf(centreLon(g)))));
        pg.forEach((p, j) => {
          const z = zoneOf(centreLon(p));
          const pp = projected(p, z);
          const got = new Set(r.compound.subarray(r.offsets[j], r.offsets[j + 1]));
          cg.forEach((c, i) => {
            const d = refDistance(projected(c, z), pp);
            if (Math.abs(d - radiusM) < 1e-3) return; // too close to the radius for two projections to agree on
            expect(got.has(i), `parcel ${j}, compound ${i}: ${d} m in zone ${z}, radius ${radiusM}`).toBe(d <= radiusM);
          });
        });
      }),
      { numRuns: 120 },
    );
  });

  it('measures every listed distance and the existing facilities in the zone of each parcel and facility', () => {
    fc.assert(
      fc.property(
        fc.array(place, { minLength: 1, maxLength: 20 }), fc.array(place, { minLength: 2, maxLength: 6 }), fc.array(place, { maxLength: 4 }),
        fc.integer({ min: 100, max: 2500 }),
        (cg, pg, eg, radiusM) => {
          const compounds = cg.map(compoundOf);
          const r = analyzeSites(compounds, pg.map(parcelOf), { radiusM, existing: eg, distances: true });
          pg.forEach((p, j) => {
            const z = zoneOf(centreLon(p));
            for (let q = r.offsets[j]; q < r.offsets[j + 1]; q++) {
              const d = refDistance(projected(cg[r.compound[q]], z), projected(p, z));
              expect(r.distance![q], `parcel ${j}, compound ${r.compound[q]} in zone ${z}`).toBeCloseTo(d, 6);
            }
          });
          cg.forEach((c, i) => {
            const near = eg.map((e) => refDistance(projected(c, zoneOf(centreLon(e))), projected(e, zoneOf(centreLon(e)))));
            if (near.some((d) => Math.abs(d - radiusM) < 1e-3)) return;
            expect(r.existing[i], `compound ${i}: ${near.join(', ')} m from the facilities`).toBe(near.some((d) => d <= radiusM) ? 1 : 0);
          });
        },
      ),
      { numRuns: 80 },
    );
  });

  it('measures a pair 300 km east of the first zone in its own zone, not the first one', () => {
    // a parcel and a compound near 117.9°E, 1,000.5 m apart in zone 117; zone 114 would stretch them by ~0.1 %
    const lat = 36;
    const lonStep = 1000.5 / (111_320 * Math.cos((lat * Math.PI) / 180));
    // most of the data in zone 114, so one zone for all would be 114
    const west = [0, 1, 2, 3].map((k) => parcelOf(square(113.2 + k * 0.01, lat, 100), k));
    const p = parcelOf(square(117.9, lat, 100), 4);
    const c = compoundOf(square(117.9 + lonStep + 100 / (111_320 * Math.cos((lat * Math.PI) / 180)), lat, 100), 0);
    const d117 = refDistance(projected(c.geometry, 117), projected(p.geometry, 117));
    const d114 = refDistance(projected(c.geometry, 114), projected(p.geometry, 114));
    expect(d114 - d117).toBeGreaterThan(0.5);
    const radiusM = (d117 + d114) / 2;
    const r = analyzeSites([c], [...west, p], { radiusM });
    expect(r.meridians).toEqual([114, 117]);
    expect([...r.compound.subarray(r.offsets[4], r.offsets[5])]).toEqual([0]);
  });
});
