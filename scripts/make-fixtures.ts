// Writes the io test fixtures into test/fixtures/io: `npx tsx scripts/make-fixtures.ts`. Deterministic: same bytes every run.
// Truth (WGS84) and the built-in mismatches go to
// manifest.json, which the tests read.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import gcoord from 'gcoord';
import iconv from 'iconv-lite';
import proj4 from 'proj4';
import writeXlsxFile from 'write-excel-file/node';
import { serialize as fgbSerialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { AreaGeometry, Position } from '../src/lib/geo/types';
import { writePolygonShapefile, type DbfFieldSpec } from '../src/lib/io/shapefile-write';

const OUT = join(import.meta.dirname, '..', 'test', 'fixtures', 'io');
const GK114 = '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const WKT_4547 =
  'PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const WKT_4526 = WKT_4547.replace('CM_114E', 'Zone_38').replace('"False_Easting",500000.0', '"False_Easting",38500000.0');
const MTIME = new Date('2020-01-01T00:00:00Z');

/** A rectangle around (lon, lat), w × h metres, counter-clockwise, optionally with a centred courtyard hole. */
function rect(lon: number, lat: number, w: number, h: number, holeFrac = 0): Position[][] {
  const dLon = w / 2 / (111320 * Math.cos((lat * Math.PI) / 180));
  const dLat = h / 2 / 110574;
  const ring = (f: number, ccw: boolean): Position[] => {
    const r = [[lon - dLon * f, lat - dLat * f], [lon + dLon * f, lat - dLat * f], [lon + dLon * f, lat + dLat * f], [lon - dLon * f, lat + dLat * f]];
    const out = ccw ? r : [...r].reverse();
    return [...out, out[0]].map(([x, y]) => [Number(x.toFixed(7)), Number(y.toFixed(7))]);
  };
  return holeFrac ? [ring(1, true), ring(holeFrac, false)] : [ring(1, true)];
}

interface Fixture {
  name: string;
  district: string;
  year: string;
  households: number;
  buildings: number;
  area_m2: number;
  invest_wan: number;
  geometry: AreaGeometry | null;
}

// Around Xinxiang (新乡, 113.9E 35.3N): GK zone CM 114E = EPSG:4547 (no prefix) / EPSG:4526 (zone 38 prefix).
const compounds: Fixture[] = [
  { name: '建设路家属院', district: '红旗区', year: '1995年', households: 240, buildings: 6, area_m2: 18500.5, invest_wan: 420, geometry: { type: 'Polygon', coordinates: rect(113.88, 35.3, 180, 120) } },
  { name: '平原路2号院', district: '卫滨区', year: '1990年代', households: 360, buildings: 9, area_m2: 27600, invest_wan: 610, geometry: { type: 'Polygon', coordinates: rect(113.885, 35.302, 220, 160) } },
  { name: '人民公园东院', district: '卫滨区', year: '1988', households: 96, buildings: 3, area_m2: 7200, invest_wan: 150, geometry: { type: 'Polygon', coordinates: rect(113.89, 35.298, 160, 160, 0.4) } },
  { name: '新乡市一中宿舍', district: '红旗区', year: '1992年', households: 180, buildings: 4, area_m2: 12800, invest_wan: 300, geometry: { type: 'Polygon', coordinates: rect(113.895, 35.305, 140, 100) } },
  { name: '红旗区供电局家属区', district: '红旗区', year: '1998', households: 150, buildings: 5, area_m2: 11000, invest_wan: 260, geometry: { type: 'Polygon', coordinates: rect(113.9, 35.296, 150, 150) } },
  {
    name: '和平大道小区（一期）', district: '牧野区', year: '1999年', households: 420, buildings: 12, area_m2: 36000, invest_wan: 880,
    geometry: { type: 'MultiPolygon', coordinates: [rect(113.905, 35.303, 200, 120), rect(113.9075, 35.303, 120, 120)] },
  },
  { name: '东风厂宿舍', district: '牧野区', year: '1985', households: 80, buildings: 2, area_m2: 5600, invest_wan: 120, geometry: null },
];

const fields: DbfFieldSpec[] = [
  { name: '小区名称', type: 'C', length: 40 },
  { name: '所属区县', type: 'C', length: 12 },
  { name: '建成年代', type: 'C', length: 12 },
  { name: '户数', type: 'N', length: 8 },
  { name: '楼栋数', type: 'N', length: 6 },
  { name: '建筑面积', type: 'N', length: 12, decimals: 1 },
  { name: '计划投资', type: 'N', length: 10, decimals: 1 },
];
const gbk = (s: string): Uint8Array => new Uint8Array(iconv.encode(s, 'gbk'));

function project(g: AreaGeometry | null, f: (p: Position) => Position): AreaGeometry | null {
  if (!g) return null;
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
}
const toGk = (prefix: number) => (p: Position): Position => {
  const [x, y] = proj4('WGS84', GK114, [p[0], p[1]]);
  return [x + prefix, y];
};
function shapefile(prefix: number): ReturnType<typeof writePolygonShapefile> {
  const records = compounds.map((c) => ({
    geometry: project(c.geometry, toGk(prefix)),
    properties: { 小区名称: c.name, 所属区县: c.district, 建成年代: c.year, 户数: c.households, 楼栋数: c.buildings, 建筑面积: c.area_m2, 计划投资: c.invest_wan },
  }));
  return writePolygonShapefile(records, { fields, encode: gbk, ldid: 0x4d });
}

mkdirSync(OUT, { recursive: true });
const put = (name: string, bytes: Uint8Array | string): void => {
  writeFileSync(join(OUT, name), bytes);
  console.log(`${name.padEnd(36)} ${typeof bytes === 'string' ? bytes.length : bytes.byteLength} B`);
};
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

// 1. EPSG:4547 (no prefix), .prj + .cpg GBK, zipped inside a folder.
const a = shapefile(0);
put('xinxiang-4547-gbk.zip', zipSync({ 'xinxiang/小区.shp': a.shp, 'xinxiang/小区.shx': a.shx, 'xinxiang/小区.dbf': a.dbf, 'xinxiang/小区.prj': ascii(WKT_4547), 'xinxiang/小区.cpg': ascii('GBK') }, { mtime: MTIME }));
// 2. EPSG:4526 (zone 38 prefix in the eastings), .prj, no .cpg: the loader must find GBK on its own.
const b = shapefile(38e6);
put('xinxiang-4526-nocpg.zip', zipSync({ 'compounds.shp': b.shp, 'compounds.shx': b.shx, 'compounds.dbf': b.dbf, 'compounds.prj': ascii(WKT_4526) }, { mtime: MTIME }));
// 3. Loose parts, prefixed eastings, no .prj: the loader must ask, guessing EPSG:4526.
put('loose-noprj.shp', b.shp);
put('loose-noprj.shx', b.shx);
put('loose-noprj.dbf', b.dbf);
put('loose-noprj.cpg', 'GBK');

// 4. GCJ-02 GeoJSON as if digitised on Amap; mixed id sources for the id rule.
const toGcj = (p: Position): Position => gcoord.transform([p[0], p[1]], gcoord.WGS84, gcoord.GCJ02).map((v) => Number(v.toFixed(8)));
const gcj = compounds.slice(0, 4).map((c, i) => ({
  type: 'Feature',
  ...(i === 1 ? { id: 'amap-17' } : {}),
  properties: { ...(i === 0 ? { id: 101 } : {}), name: c.name, year_built: c.year, households: c.households },
  geometry: project(c.geometry, toGcj),
}));
put('xinxiang-gcj02.geojson', JSON.stringify({ type: 'FeatureCollection', features: gcj }, null, 1));

// 5. FlatGeobuf in EPSG:4547 declared in its header.
const fgbFc = {
  type: 'FeatureCollection' as const,
  features: compounds.filter((c) => c.geometry).map((c) => ({ type: 'Feature' as const, properties: { name: c.name, households: c.households }, geometry: project(c.geometry, toGk(0)) as AreaGeometry })),
};
put('xinxiang-4547.fgb', fgbSerialize(fgbFc as Parameters<typeof fgbSerialize>[0], 4547));

// 6. Ledgers joined by name to the shapefile polygons, with deliberate mismatches.
// Variants that must still match: a space, a full-width digit plus a 小区 suffix, 小区 added, 宿舍 ↔ 家属院, ASCII brackets.
const ledgerRows = [
  { name: '建设路 家属院', of: 0 },
  { name: '平原路２号院小区', of: 1 },
  { name: '人民公园东院小区', of: 2 },
  { name: '新乡市一中家属院', of: 3 },
  { name: '和平大道 (一期)', of: 5 },
  { name: '东风厂宿舍', of: 6 }, // its polygon has no geometry: skipped by the loader, so this row has no polygon
  { name: '纺织厂家属院', of: -1 }, // no polygon at all
];
const extra = { households: 66, buildings: 2, area_m2: 4300, invest_wan: 95, district: '卫滨区', year: '1980年代' };
const header = ['序号', '小区名称', '所属区县', '建成年代', '楼栋数', '户数', '建筑面积（万㎡）', '计划投资（万元）', '改造类别'];
const cats = ['基础类', '完善类', '提升类', '基础类+完善类', 'basic', '必选类', '完善类'];
const ledger = ledgerRows.map((r, i) => {
  const c = r.of >= 0 ? compounds[r.of] : { ...extra, name: r.name };
  return [i + 1, r.name, c.district, c.year, c.buildings, c.households, c.area_m2 / 1e4, c.invest_wan, cats[i]] as (string | number)[];
});
const xlsx = await writeXlsxFile(
  [[{ value: '新乡市2020年老旧小区改造台账（测试）' }], header.map((h) => ({ value: h })), ...ledger.map((row) => row.map((v) => ({ value: v })))],
).toBuffer();
// Re-zip with a fixed mtime so the workbook's bytes do not depend on the clock.
put('ledger.xlsx', zipSync(unzipSync(new Uint8Array(xlsx)), { mtime: MTIME }));
// CSV: no unit in the area column name (values are 万m²: the loader must tell from the values), UTF-8 with BOM and GBK.
const csvHeader = header.map((h) => h.replace('（万㎡）', ''));
const csv = [csvHeader, ...ledger].map((r) => r.map((v) => (String(v).includes(',') ? `"${String(v)}"` : String(v))).join(',')).join('\r\n') + '\r\n';
put('ledger-utf8.csv', '\uFEFF' + csv);
put('ledger-gbk.csv', gbk(csv));

const manifest = {
  note: 'Written by scripts/make-fixtures.ts; truth coordinates are WGS84 lon/lat the projected fixtures were computed from.',
  compounds: compounds.map((c) => ({ name: c.name, district: c.district, year: c.year, households: c.households, buildings: c.buildings, area_m2: c.area_m2, invest_wan: c.invest_wan, geometry: c.geometry })),
  ledger: {
    rows: ledgerRows.map((r) => r.name),
    withoutPolygon: ledgerRows.filter((r) => r.of < 0 || !compounds[r.of].geometry).map((r) => r.name),
    polygonsWithoutLedger: compounds.filter((c, i) => c.geometry && !ledgerRows.some((r) => r.of === i)).map((c) => c.name),
    categories: cats,
  },
  gcj02: { ids: [101, 'amap-17', 2, 3] },
};
put('manifest.json', JSON.stringify(manifest, null, 1));
