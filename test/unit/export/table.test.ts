import { ColumnType } from 'flatgeobuf/lib/mjs/flat-geobuf/column-type.js';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { HeaderMeta } from 'flatgeobuf';
import { describe, expect, it } from 'vitest';
import type { Compound, IdleParcel, PolygonGeometry } from '../../../src/lib/geo/types';
import { UserError } from '../../../src/lib/io/errors';
import {
  compoundsTable,
  exportFileName,
  exportTable,
  formatsFor,
  parcelsTable,
  rowsTable,
  tableCells,
  type ExportTable,
} from '../../../src/lib/io/export';
import { matchFields, toParcels } from '../../../src/lib/io/fields';
import { readLedger } from '../../../src/lib/io/ledger-read';
import { loadFile } from '../../../src/lib/io/load';

const square = (x: number, y: number, d = 0.001): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});

const compound = (id: string | number, extra: Record<string, unknown> = {}): Compound => ({
  id,
  name: `小区${id}`,
  district: '红旗区',
  street: '',
  year_built: 1990,
  buildings: null,
  households: null,
  floor_area_m2: null,
  investment_wan: null,
  category: null,
  plan_year: null,
  status: '',
  extra,
  geometry: square(113.9, 35.3),
});

async function fgbHeader(bytes: Uint8Array): Promise<HeaderMeta> {
  let header: HeaderMeta | null = null;
  const it = deserialize(bytes, { headerMetaFn: (h) => (header = h) });
  await it.next();
  await it.return(undefined);
  if (!header) throw new Error('no header');
  return header;
}

describe('FlatGeobuf writer', () => {
  it('declares column types from the table, so a null in the first row does not turn a number column into text', async () => {
    const table: ExportTable = {
      name: 't',
      columns: [
        { key: 'n', type: 'number' },
        { key: 'ok', type: 'boolean' },
        { key: 's', type: 'string' },
      ],
      rows: [{ n: null, ok: null, s: null }, { n: 2.5, ok: true, s: '' }],
      geometry: [square(1, 1), square(2, 2)],
    };
    const bytes = await exportTable(table, 'fgb');
    const header = await fgbHeader(bytes);
    expect(header.columns?.map((c) => [c.name, c.type])).toEqual([['n', ColumnType.Double], ['ok', ColumnType.Bool], ['s', ColumnType.String]]);
    expect(header.crs?.code).toBe(4326);
    const layer = await loadFile('t.fgb', bytes);
    expect(layer.features.map((f) => f.properties)).toEqual([{}, { n: 2.5, ok: true, s: '' }]);
  });

  it('refuses a row without geometry, naming the row and the formats that can take it', async () => {
    const table = rowsTable('sums', [{ a: 1 }, { a: 2 }], { geometry: [square(1, 1), null] });
    await expect(exportTable(table, 'fgb')).rejects.toThrow(UserError);
    await expect(exportTable(table, 'fgb')).rejects.toThrow(/1 row\(s\) have no geometry \(first: row 2\).*GeoJSON, CSV or XLSX/);
    expect(formatsFor(table)).toEqual(['geojson', 'csv', 'xlsx']);
    expect(formatsFor(rowsTable('plain', [{ a: 1 }]))).toEqual(['csv', 'xlsx']);
  });

  it('writes an empty table as a valid file with its columns and no features', async () => {
    const bytes = await exportTable({ name: 'empty', columns: [{ key: 'a', type: 'number' }], rows: [], geometry: [] }, 'fgb');
    const header = await fgbHeader(bytes);
    expect(header.featuresCount).toBe(0);
    expect(header.columns?.map((c) => c.name)).toEqual(['a']);
  });
});

describe('table model', () => {
  it('throws on a value of the wrong type, naming table, column and row', () => {
    const table: ExportTable = { name: 'clusters', columns: [{ key: 'size', type: 'number' }], rows: [{ size: 3 }, { size: '4' }] };
    expect(() => tableCells(table)).toThrow('table "clusters", column "size" (number), row 2: "4" is not a number');
  });

  it('turns NaN, Infinity and undefined into null and objects into JSON text', () => {
    const table: ExportTable = {
      name: 't',
      columns: [{ key: 'n', type: 'number' }, { key: 's', type: 'string' }],
      rows: [{ n: NaN, s: { a: 1 } }, { n: Infinity }, { n: -0.5, s: 7 }],
    };
    expect(tableCells(table)).toEqual([[null, '{"a":1}'], [null, null], [-0.5, '7']]);
  });

  it('names files with the format extension and MIME type, replacing characters Windows forbids', () => {
    expect(exportFileName('新乡/小区:2024', 'csv')).toEqual({ name: '新乡_小区_2024.csv', mime: 'text/csv;charset=utf-8' });
    expect(exportFileName('a', 'geojson')).toEqual({ name: 'a.geojson', mime: 'application/geo+json' });
    expect(exportFileName('', 'fgb').name).toBe('export.fgb');
    expect(exportFileName('x', 'xlsx').mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('rowsTable orders columns by first appearance, infers types and takes a geometry member as the row geometry', () => {
    const rows = [
      { cluster: 0, size: 2, name: 'A', geometry: square(1, 1) },
      { cluster: 1, size: null, ok: true, geometry: null },
      { cluster: 2, size: 3, name: 5 },
    ];
    const copy = structuredClone(rows);
    const t = rowsTable('clusters', rows, { labels: { size: '规模' } });
    expect(t.columns).toEqual([
      { key: 'cluster', type: 'number' },
      { key: 'size', type: 'number', label: '规模' },
      { key: 'name', type: 'string' },
      { key: 'ok', type: 'boolean' },
    ]);
    expect(t.geometry).toEqual([square(1, 1), null, null]);
    expect(rows).toEqual(copy);
  });

  it('a GeoJSON export of a table without geometry has null geometries and keeps nulls', async () => {
    const bytes = await exportTable(rowsTable('districts', [{ district: '卫滨区', total_wan: 12.5 }, { district: '红旗区', total_wan: null }]), 'geojson');
    const doc = JSON.parse(new TextDecoder().decode(bytes));
    expect(doc.name).toBe('districts');
    expect(doc.features).toEqual([
      { type: 'Feature', properties: { district: '卫滨区', total_wan: 12.5 }, geometry: null },
      { type: 'Feature', properties: { district: '红旗区', total_wan: null }, geometry: null },
    ]);
  });

  it('a district table round-trips through CSV and XLSX, booleans as text in CSV and as booleans in XLSX', async () => {
    const rows = [{ 区县: '卫滨区', 小区数: 12, 投资: 345.6, 达标: true }, { 区县: '牧野区', 小区数: 0, 投资: null, 达标: false }];
    const csv = await readLedger('d.csv', await exportTable(rowsTable('区县汇总', rows), 'csv'));
    expect(csv.rows).toEqual([{ 区县: '卫滨区', 小区数: '12', 投资: '345.6', 达标: 'true' }, { 区县: '牧野区', 小区数: '0', 达标: 'false' }]);
    const xlsx = await readLedger('d.xlsx', await exportTable(rowsTable('区县汇总', rows), 'xlsx'));
    expect(xlsx.rows).toEqual([rows[0], { 区县: '牧野区', 小区数: 0, 达标: false }]);
  });
});

describe('compoundsTable', () => {
  it('leaves out the id attribute the loader copied, and keeps a different one as <name>_source', () => {
    const t = compoundsTable([compound('A', { id: 'A', name: '旧名' }), compound('B', { id: 'B' })]);
    const keys = t.columns.map((c) => c.key);
    expect(keys.filter((k) => k === 'id')).toHaveLength(1);
    expect(keys).toContain('name_source');
    expect(t.rows[0].name_source).toBe('旧名');
    expect(t.rows[1].name_source).toBeUndefined();
  });

  it('types the id column as a number only when every id is a number', () => {
    expect(compoundsTable([compound(1), compound(2)]).columns[0]).toEqual({ key: 'id', type: 'number' });
    expect(compoundsTable([compound(1), compound('2')]).columns[0]).toEqual({ key: 'id', type: 'string' });
  });

  it('refuses a computed column of the wrong length', () => {
    expect(() => compoundsTable([compound('A')], { columns: { cluster: [0, 1] } })).toThrow('computed column "cluster" has 2 values for 1 compounds');
  });

  it('writes Chinese labels and category words with lang zh and does not change the compounds', () => {
    const c = { ...compound('A'), category: 'improve' as const };
    const copy = structuredClone(c);
    const t = compoundsTable([c], { lang: 'zh', columns: { served_by: ['S1'] }, labels: { served_by: '服务设施' } });
    expect(t.columns.map((x) => x.label)).toContain('建筑面积(m²)');
    expect(t.columns.at(-1)).toEqual({ key: 'served_by', type: 'string', label: '服务设施' });
    expect(t.rows[0].category).toBe('完善类');
    expect(c).toEqual(copy);
  });
});

describe('parcelsTable', () => {
  it('round-trips parcels through FlatGeobuf with their attributes and the same computed area', async () => {
    const parcels: IdleParcel[] = [
      { id: 'P1', area_m2: 0, current_use: '空地', owner: '市国土局', note: '', extra: { id: 'P1', 批次: 3 }, geometry: square(113.9, 35.3) },
      { id: 'P2', area_m2: 0, current_use: '', owner: '', note: '=cmd', extra: { id: 'P2' }, geometry: square(113.91, 35.3, 0.002) },
    ];
    const layer = await loadFile('p.fgb', await exportTable(parcelsTable(parcels), 'fgb'));
    const back = toParcels(layer, matchFields(layer.columns)).parcels;
    expect(back.map((p) => [p.id, p.current_use, p.owner, p.note, p.extra.批次])).toEqual([
      ['P1', '空地', '市国土局', '', 3],
      ['P2', '', '', '=cmd', undefined],
    ]);
    // a FlatGeobuf load gives FlatAreas: compared by the GeoJSON they read as
    expect(back.map((p) => JSON.parse(JSON.stringify(p.geometry)))).toEqual(parcels.map((p) => p.geometry));
  });
});
