import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import proj4 from 'proj4';
import fc from 'fast-check';
import { tmForward, zoneMeridian } from '../../../src/lib/geo/project';

const WUHAN = '/work/shared/data/real/wuhan-communities-gistools/';

describe('tmForward', () => {
  it('agrees with proj4 tmerc (GRS80) to a micrometre up to 6° from the meridian', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 73, max: 135, noNaN: true }),
        fc.double({ min: 3, max: 54, noNaN: true }),
        fc.double({ min: -6, max: 6, noNaN: true }),
        (lon0, lat, dlon) => {
          const lon = lon0 + dlon;
          const out = new Float64Array(2);
          tmForward(lon, lat, lon0, out);
          const ref = proj4('WGS84', `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs`, [lon, lat]);
          expect(Math.abs(out[0] - ref[0])).toBeLessThan(1e-6);
          expect(Math.abs(out[1] - ref[1])).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('puts the zone meridian on easting 0 and the equator on northing 0', () => {
    const out = new Float64Array(2);
    tmForward(114, 0, 114, out);
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(0);
  });

  it('picks the 3° Gauss-Krüger meridian nearest the data', () => {
    expect(zoneMeridian(114.32)).toBe(114);
    expect(zoneMeridian(115.6)).toBe(117);
    expect(zoneMeridian(121.47)).toBe(120);
  });

  it.runIf(existsSync(WUHAN))('reproduces Wuhan distances measured in EPSG:4547 to within 1 cm per km', () => {
    type FC = { features: { geometry: { type: string; coordinates: number[][][] | number[][][][] } }[] };
    const gk = JSON.parse(readFileSync(WUHAN + 'wuhan_whhp_epsg4547.geojson', 'utf8')) as FC;
    const ll = JSON.parse(readFileSync(WUHAN + 'wuhan_whhp_wgs84.geojson', 'utf8')) as FC;
    // first vertex of each feature's first ring, in both files
    const first = (g: FC['features'][number]['geometry']): number[] =>
      g.type === 'Polygon' ? (g.coordinates as number[][][])[0][0] : (g.coordinates as number[][][][])[0][0][0];
    const p = new Float64Array(2);
    const q = new Float64Array(2);
    let checked = 0;
    let worst = 0;
    for (let i = 0; i < gk.features.length; i += 7) {
      for (let j = i + 3; j < gk.features.length; j += 97) {
        const gi = first(gk.features[i].geometry);
        const gj = first(gk.features[j].geometry);
        const dGk = Math.hypot(gi[0] - gj[0], gi[1] - gj[1]);
        const li = first(ll.features[i].geometry);
        const lj = first(ll.features[j].geometry);
        tmForward(li[0], li[1], zoneMeridian(114.32), p);
        tmForward(lj[0], lj[1], zoneMeridian(114.32), q);
        const d = Math.hypot(p[0] - q[0], p[1] - q[1]);
        // the WGS84 copy is rounded to 1e-7 degrees (~1 cm), hence the 2 cm absolute term
        const err = Math.abs(d - dGk) - 0.02;
        worst = Math.max(worst, err / (dGk / 1000));
        expect(Math.abs(d - dGk)).toBeLessThanOrEqual(0.02 + 0.01 * (dGk / 1000));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(worst).toBeLessThan(0.01);
  });
});
