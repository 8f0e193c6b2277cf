import { describe, expect, it } from 'vitest';
import { CrsNeededError } from '../../../src/lib/io/crs-detect';
import { UserError } from '../../../src/lib/io/errors';
import { loadFile } from '../../../src/lib/io/load';
import { columnsOf } from '../../../src/lib/io/layer';
import { fixture, manifest, maxVertexGap, realData } from './helpers';
import { serialize as fgbSerialize } from 'flatgeobuf/lib/mjs/geojson.js';

const truth = manifest().compounds;
const withGeometry = truth.filter((c) => c.geometry);

describe('zipped shapefile (GBK, CGCS2000 GK)', () => {
  it('lands every vertex of an EPSG:4547 shapefile within 1 m of its true position, names intact', async () => {
    const layer = await loadFile('xinxiang-4547-gbk.zip', fixture('xinxiang-4547-gbk.zip'));
    expect(layer.format).toBe('shapefile');
    expect(layer.crs).toMatchObject({ spec: 'EPSG:4547', source: 'prj' });
    expect(layer.features.map((f) => f.properties['小区名称'])).toEqual(withGeometry.map((c) => c.name));
    layer.features.forEach((f, i) => expect(maxVertexGap(f.geometry?.coordinates, withGeometry[i].geometry?.coordinates)).toBeLessThan(1));
  });

  it('reads a zone-38 prefixed shapefile without .cpg, finding GBK by itself', async () => {
    const layer = await loadFile('xinxiang-4526-nocpg.zip', fixture('xinxiang-4526-nocpg.zip'));
    expect(layer.crs.spec).toBe('EPSG:4526');
    expect(layer.columns).toEqual(['小区名称', '所属区县', '建成年代', '户数', '楼栋数', '建筑面积', '计划投资']);
    expect(layer.features[5].properties).toMatchObject({ 小区名称: '和平大道小区（一期）', 建成年代: '1999年', 户数: 420, 建筑面积: 36000 });
    layer.features.forEach((f, i) => expect(maxVertexGap(f.geometry?.coordinates, withGeometry[i].geometry?.coordinates)).toBeLessThan(1));
  });

  it('keeps holes and multipolygons as written', async () => {
    const layer = await loadFile('xinxiang-4547-gbk.zip', fixture('xinxiang-4547-gbk.zip'));
    const park = layer.features[2].geometry;
    expect(park?.type).toBe('Polygon');
    expect(park?.type === 'Polygon' && park.coordinates.length).toBe(2);
    expect(layer.features[5].geometry?.type).toBe('MultiPolygon');
  });

  it('reports the null-shape record as skipped, with its row', async () => {
    const layer = await loadFile('xinxiang-4547-gbk.zip', fixture('xinxiang-4547-gbk.zip'));
    expect(layer.skipped).toEqual([{ row: 6, id: 6, reason: expect.stringMatching(/no geometry/) }]);
  });

  it('asks for the CRS of loose parts without .prj, guessing the zone from the easting prefix', async () => {
    const extra = ['dbf', 'cpg', 'shx'].map((e) => ({ name: `loose-noprj.${e}`, bytes: fixture(`loose-noprj.${e}`) }));
    const err = await loadFile('loose-noprj.shp', fixture('loose-noprj.shp'), { extraFiles: extra }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrsNeededError);
    expect((err as CrsNeededError).question.likely).toBe('EPSG:4526');
    const layer = await loadFile('loose-noprj.shp', fixture('loose-noprj.shp'), { extraFiles: extra, crs: 'EPSG:4526' });
    expect(layer.crs).toMatchObject({ spec: 'EPSG:4526', source: 'user' });
    expect(layer.features[0].properties['小区名称']).toBe('建设路家属院');
    expect(maxVertexGap(layer.features[0].geometry?.coordinates, withGeometry[0].geometry?.coordinates)).toBeLessThan(1);
  });

  it('reads a real shapefile set (Beijing townships) like GDAL does', async () => {
    const parts = ['dbf', 'prj', 'cpg'].map((e) => ({ name: `beijing.${e}`, bytes: realData(`beijing-townships-mosstool/beijing.${e}`) }));
    const layer = await loadFile('beijing.shp', realData('beijing-townships-mosstool/beijing.shp'), { extraFiles: parts });
    const ref = JSON.parse(new TextDecoder().decode(realData('beijing-townships-mosstool/beijing_townships_wgs84.geojson')));
    expect(layer.features).toHaveLength(331);
    expect(layer.crs).toMatchObject({ spec: 'EPSG:4326', source: 'prj' });
    for (const i of [0, 100, 330]) {
      expect(layer.features[i].properties['乡']).toBe(ref.features[i].properties['乡']);
      expect(layer.features[i].geometry?.type).toBe(ref.features[i].geometry.type);
      // GDAL's copy is rounded to 7 decimals (≈ 1 cm)
      expect(maxVertexGap(layer.features[i].geometry?.coordinates, ref.features[i].geometry.coordinates)).toBeLessThan(0.05);
    }
  });
});

describe('GeoJSON', () => {
  it('honours the legacy crs member: the real Wuhan EPSG:4547 file matches its GDAL WGS84 copy within a few cm', async () => {
    const layer = await loadFile('wuhan_whhp_epsg4547.geojson', realData('wuhan-communities-gistools/wuhan_whhp_epsg4547.geojson'));
    const ref = await loadFile('wuhan_whhp_wgs84.geojson', realData('wuhan-communities-gistools/wuhan_whhp_wgs84.geojson'));
    expect(layer.crs).toMatchObject({ spec: 'EPSG:4547', source: 'declared' });
    expect(ref.crs.source).toBe('default');
    expect(layer.features).toHaveLength(974);
    let worst = 0;
    for (let i = 0; i < layer.features.length; i += 97) {
      worst = Math.max(worst, maxVertexGap(layer.features[i].geometry?.coordinates, ref.features[i].geometry?.coordinates));
    }
    expect(worst).toBeLessThan(0.05);
  });

  it('puts GCJ-02 compounds within 1 m of the truth once gcj02 is declared', async () => {
    const layer = await loadFile('xinxiang-gcj02.geojson', fixture('xinxiang-gcj02.geojson'), { crs: 'gcj02' });
    expect(layer.crs).toMatchObject({ spec: 'gcj02', source: 'user' });
    layer.features.forEach((f, i) => expect(maxVertexGap(f.geometry?.coordinates, truth[i].geometry?.coordinates)).toBeLessThan(1));
    const raw = await loadFile('xinxiang-gcj02.geojson', fixture('xinxiang-gcj02.geojson'));
    expect(maxVertexGap(raw.features[0].geometry?.coordinates, truth[0].geometry?.coordinates)).toBeGreaterThan(100);
  });

  it('takes ids from the id property, else the feature id, else the row, keeping their types', async () => {
    const layer = await loadFile('xinxiang-gcj02.geojson', fixture('xinxiang-gcj02.geojson'));
    expect(layer.features.map((f) => f.id)).toEqual(manifest().gcj02.ids);
  });

  it('reads a bare geometry and a single Feature', async () => {
    const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
    const bare = await loadFile('p.json', enc({ type: 'Point', coordinates: [113.9, 35.3] }));
    expect(bare.features[0]).toMatchObject({ id: 0, geometry: { type: 'Point', coordinates: [113.9, 35.3] } });
    const one = await loadFile('f.geojson', enc({ type: 'Feature', id: 'x', properties: { a: 1 }, geometry: null }));
    expect(one.features).toEqual([]);
    expect(one.skipped).toEqual([{ row: 0, id: 'x', reason: expect.stringMatching(/no geometry/) }]);
  });

  it('skips unsupported and broken geometries with reasons, never silently', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'GeometryCollection', geometries: [] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[113.9, 35.3], [113.91, 35.3]]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: ['a', 1] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [113.9, 35.3] } },
      ],
    };
    const layer = await loadFile('x.geojson', new TextEncoder().encode(JSON.stringify(fc)));
    expect(layer.features.map((f) => f.row)).toEqual([3]);
    expect(layer.skipped.map((s) => s.row)).toEqual([0, 1, 2]);
    expect(layer.skipped[0].reason).toMatch(/GeometryCollection/);
    expect(layer.skipped[1].reason).toMatch(/fewer than 3/);
  });

  it('asks for a CRS when projected coordinates come without one, pre-selecting CM 114E for the Wuhan file', async () => {
    const text = new TextDecoder().decode(realData('wuhan-communities-gistools/wuhan_whhp_epsg4547.geojson')).replace(/"crs": \{[^}]*\}\s*\},/, '');
    const err = await loadFile('wuhan.geojson', new TextEncoder().encode(text)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrsNeededError);
    expect((err as CrsNeededError).question.likely).toBe('EPSG:4547');
    expect((err as CrsNeededError).en).toMatch(/^wuhan\.geojson: /);
  });

  it('names the file when the JSON is broken or not GeoJSON', async () => {
    await expect(loadFile('bad.geojson', new TextEncoder().encode('{"type": '))).rejects.toThrow(/bad\.geojson: is not valid JSON/);
    await expect(loadFile('x.json', new TextEncoder().encode('{"a": 1}'))).rejects.toThrow(/x\.json: is JSON but not GeoJSON/);
  });
});

describe('FlatGeobuf', () => {
  it('honours the header CRS and keeps file order', async () => {
    const layer = await loadFile('xinxiang-4547.fgb', fixture('xinxiang-4547.fgb'));
    expect(layer.format).toBe('flatgeobuf');
    expect(layer.crs).toMatchObject({ spec: 'EPSG:4547', source: 'header' });
    expect(layer.columns).toEqual(['name', 'households']);
    expect(layer.features.map((f) => f.properties.name)).toEqual(withGeometry.map((c) => c.name));
    layer.features.forEach((f, i) => expect(maxVertexGap(f.geometry?.coordinates, withGeometry[i].geometry?.coordinates)).toBeLessThan(1));
  });

  it('reports progress while it reads the features, then while it checks them, rising to 1', async () => {
    const squares = Array.from({ length: 12_000 }, (_, i) => {
      const x = 113.8 + (i % 100) * 0.002, y = 35.2 + Math.floor(i / 100) * 0.002;
      return { type: 'Feature' as const, properties: { id: i }, geometry: { type: 'Polygon' as const, coordinates: [[[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]]] } };
    });
    const bytes = fgbSerialize({ type: 'FeatureCollection', features: squares }, 4326);
    const seen: number[] = [];
    const layer = await loadFile('many.fgb', bytes, { onProgress: (f) => seen.push(f) });
    expect(layer.features).toHaveLength(12_000);
    // reading: 5,000 and 10,000 of 12,000 features read, in the first 60 % of the bar
    expect(seen.slice(0, 2)).toEqual([0.6 * (5000 / 12000), 0.6 * (10000 / 12000)]);
    expect(seen.slice(2).every((f) => f >= 0.6)).toBe(true);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
    expect(seen.at(-1)).toBe(1);
  });

  it('filters by a WGS84 bbox', async () => {
    const layer = await loadFile('xinxiang-4547.fgb', fixture('xinxiang-4547.fgb'), { bbox: [113.875, 35.29, 113.887, 35.31] });
    expect(layer.features.map((f) => f.properties.name)).toEqual(['建设路家属院', '平原路2号院']);
    expect(layer.features.map((f) => f.row)).toEqual([0, 1]);
  });
});

describe('loadFile dispatch', () => {
  it('refuses unsupported formats with a message naming the file', async () => {
    const err = await loadFile('map.kml', new TextEncoder().encode('<kml/>')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).en).toMatch(/^map\.kml: is not a supported format \(\.kml\)/);
    expect((err as UserError).zh).toMatch(/^map\.kml：格式不受支持/);
  });

  it('sniffs content over a misleading extension', async () => {
    const layer = await loadFile('data.bin', fixture('xinxiang-4547.fgb'));
    expect(layer.format).toBe('flatgeobuf');
  });

  it('asks for the .shp when given only a .dbf', async () => {
    await expect(loadFile('a.dbf', fixture('loose-noprj.dbf'))).rejects.toThrow(/one part of a shapefile/);
  });

  it('reads a CSV with lon/lat columns as points', async () => {
    const csv = '名称,经度,纬度\n甲,113.9,35.3\n乙,,\n';
    const layer = await loadFile('p.csv', new TextEncoder().encode(csv));
    expect(layer.format).toBe('csv');
    expect(layer.features).toHaveLength(1);
    expect(layer.skipped).toHaveLength(1);
  });
});

describe('columnsOf', () => {
  it('lists every key in order of first appearance, across rows that repeat, drop, reorder or add keys', () => {
    const rows: Record<string, unknown>[] = [{ a: 1, b: 2 }, { a: 3, b: 4 }, { b: 5, a: 6 }, { a: 7 }, { a: 8, c: 9 }, { d: 1, a: 2, b: 3 }, {}];
    expect(columnsOf(rows)).toEqual(['a', 'b', 'c', 'd']);
    expect(columnsOf([{ b: 1 }, { b: 1, a: 2 }])).toEqual(['b', 'a']);
  });
});
