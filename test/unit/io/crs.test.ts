import gcoord from 'gcoord';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { resolveCrs } from '../../../src/lib/io/crs';
import { CrsNeededError, detectCrs } from '../../../src/lib/io/crs-detect';
import { gkZoneByEpsg, gkZoneFromEasting } from '../../../src/lib/io/gk';
import { UserError } from '../../../src/lib/io/errors';
import { metres } from './helpers';

const XINXIANG = [113.9, 35.3];
const gk = (cm: number, x0 = 500000) => `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`;

describe('GK zone table', () => {
  it('maps both 3-degree families and both 6-degree families to their central meridians', () => {
    expect(gkZoneByEpsg(4547)).toMatchObject({ cm: 114, prefixed: false, width: 3 });
    expect(gkZoneByEpsg(4534)).toMatchObject({ cm: 75, prefixed: false });
    expect(gkZoneByEpsg(4554)).toMatchObject({ cm: 135, prefixed: false });
    expect(gkZoneByEpsg(4513)).toMatchObject({ zone: 25, cm: 75, prefixed: true });
    expect(gkZoneByEpsg(4526)).toMatchObject({ zone: 38, cm: 114, prefixed: true });
    expect(gkZoneByEpsg(4533)).toMatchObject({ zone: 45, cm: 135, prefixed: true });
    expect(gkZoneByEpsg(4491)).toMatchObject({ zone: 13, cm: 75, width: 6, prefixed: true });
    expect(gkZoneByEpsg(4508)).toMatchObject({ cm: 111, width: 6, prefixed: false });
    expect(gkZoneByEpsg(4326)).toBeNull();
  });

  it('reads the zone from an easting with a prefix and refuses one without', () => {
    expect(gkZoneFromEasting(38512345)).toMatchObject({ epsg: 4526, cm: 114 });
    expect(gkZoneFromEasting(20512345)).toMatchObject({ width: 6, zone: 20, cm: 117 });
    expect(gkZoneFromEasting(512345)).toBeNull();
    expect(gkZoneFromEasting(24512345)).toBeNull();
  });
});

describe('resolveCrs', () => {
  const [x, y] = proj4('WGS84', gk(114), XINXIANG);

  it('converts an unprefixed CGCS2000 zone back to the lon/lat it came from, to the millimetre', () => {
    const back = resolveCrs('EPSG:4547').toWgs84(x, y);
    expect(metres(back, XINXIANG)).toBeLessThan(0.001);
  });

  it('converts a prefixed zone (EPSG:4526, zone 38) to the same place', () => {
    expect(metres(resolveCrs('EPSG:4526').toWgs84(x + 38e6, y), XINXIANG)).toBeLessThan(0.001);
  });

  it('follows a zone prefix found in the eastings even when the unprefixed zone was declared', () => {
    const crs = resolveCrs('EPSG:4547', { sample: [[x + 38e6, y]] });
    expect(crs.spec).toBe('EPSG:4526');
    expect(crs.note).toMatch(/prefix 38/);
    expect(metres(crs.toWgs84(x + 38e6, y), XINXIANG)).toBeLessThan(0.001);
  });

  it('drops a declared prefix when the eastings carry none', () => {
    const crs = resolveCrs('EPSG:4526', { sample: [[x, y]] });
    expect(crs.spec).toBe('EPSG:4547');
  });

  it('accepts URN, OGC URL and bare-number forms of an EPSG code', () => {
    for (const s of ['urn:ogc:def:crs:EPSG::4547', 'http://www.opengis.net/def/crs/EPSG/0/4547', '4547', 'epsg:4547']) {
      expect(resolveCrs(s).spec).toBe('EPSG:4547');
    }
  });

  it('treats EPSG:4490 (CGCS2000) and EPSG:4326 as the identity', () => {
    expect(resolveCrs('EPSG:4490').toWgs84(113.9, 35.3)).toEqual([113.9, 35.3]);
    expect(resolveCrs('EPSG:4326').identity).toBe(true);
  });

  it('recognises ESRI .prj WKT of a GK zone by its parameters, with and without the zone prefix', () => {
    const wkt =
      'PROJCS["CGCS2000_3_Degree_GK_CM_111E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    expect(resolveCrs(wkt).spec).toBe('EPSG:4546');
    expect(resolveCrs(wkt.replace('"False_Easting",500000.0', '"False_Easting",37500000.0')).spec).toBe('EPSG:4525');
  });

  it('honours a top-level EPSG authority in WKT', () => {
    const wkt = 'PROJCS["whatever",GEOGCS["x",DATUM["y",SPHEROID["GRS 1980",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["central_meridian",117],PARAMETER["false_easting",500000],UNIT["metre",1],AUTHORITY["EPSG","4548"]]';
    expect(resolveCrs(wkt).spec).toBe('EPSG:4548');
  });

  it('uses proj4 strings as given', () => {
    const crs = resolveCrs(gk(117));
    const [px, py] = proj4('WGS84', gk(117), [117.2, 31.8]);
    expect(metres(crs.toWgs84(px, py), [117.2, 31.8])).toBeLessThan(0.001);
  });

  it('undoes the GCJ-02 and BD-09 offsets to within a metre', () => {
    const truth = [114.3055, 30.5928];
    const gcj = gcoord.transform([truth[0], truth[1]], gcoord.WGS84, gcoord.GCJ02);
    const bd = gcoord.transform([truth[0], truth[1]], gcoord.WGS84, gcoord.BD09);
    expect(metres(gcj, truth)).toBeGreaterThan(300);
    expect(metres(bd, truth)).toBeGreaterThan(300);
    expect(metres(resolveCrs('gcj02').toWgs84(gcj[0], gcj[1]), truth)).toBeLessThan(1);
    expect(metres(resolveCrs('bd09').toWgs84(bd[0], bd[1]), truth)).toBeLessThan(1);
  });

  it('names the spec it cannot understand', () => {
    expect(() => resolveCrs('Lambert somewhere')).toThrow(UserError);
    expect(() => resolveCrs('Lambert somewhere')).toThrow(/Lambert somewhere/);
    expect(() => resolveCrs('EPSG:999999')).toThrow(/EPSG:999999/);
  });
});

describe('detectCrs', () => {
  const [x, y] = proj4('WGS84', gk(114), XINXIANG);

  it('asks nothing when the coordinates could be lon/lat', () => {
    expect(detectCrs([[113.9, 35.3], [114, 35]])).toBeNull();
  });

  it('pre-selects the prefixed zone named by the eastings', () => {
    const q = detectCrs([[x + 38e6, y]]);
    expect(q?.likely).toBe('EPSG:4526');
  });

  it('without a prefix, pre-selects the zone whose central meridian is nearest the hint', () => {
    const [x2, y2] = proj4('WGS84', gk(120), [120.65, 28.0]); // Wenzhou
    const q = detectCrs([[x2, y2]], { hintLon: 120.6 });
    expect(q?.likely).toBe('EPSG:4549');
    expect(q?.candidates.length).toBeGreaterThan(5);
  });

  it('without a prefix or hint, pre-selects CM 114E (EPSG:4547) and lists the other zones', () => {
    const q = detectCrs([[x, y]]);
    expect(q?.likely).toBe('EPSG:4547');
    expect(q?.candidates[0].spec).toBe('EPSG:4547');
    expect(q?.candidates.map((c) => c.spec)).toContain('EPSG:4546');
  });

  it('offers no guess for metres that fit no Chinese zone', () => {
    const q = detectCrs([[-1.3e7, 4.5e6]]);
    expect(q?.likely).toBeNull();
  });

  it('CrsNeededError is a UserError naming the file and the likely zone', () => {
    const q = detectCrs([[x + 38e6, y]]);
    const err = new CrsNeededError('a.shp', q!);
    expect(err).toBeInstanceOf(UserError);
    expect(err.en).toMatch(/^a\.shp: .*EPSG:4526/);
    expect(err.zh).toMatch(/EPSG:4526/);
  });
});
