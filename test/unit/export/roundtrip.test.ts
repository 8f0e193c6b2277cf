import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Compound, RawFeature } from '../../../src/lib/geo/types';
import { compoundsTable, exportTable, type ExportFormat } from '../../../src/lib/io/export';
import { matchFields, toCompounds } from '../../../src/lib/io/fields';
import { readLedger } from '../../../src/lib/io/ledger-read';
import { loadFile } from '../../../src/lib/io/load';

const root = resolve(import.meta.dirname, '../../..');

/** A geometry as GeoJSON: a FlatGeobuf load gives FlatAreas (coordinates built on read), compared by what they read as. */
const plain = (g: unknown): unknown => JSON.parse(JSON.stringify(g));

/** Three compounds with Chinese text, nulls (in the first row too), awkward floats, a formula and an HTML payload. */
function handMade(): Compound[] {
  const base = { district: '卫滨区', street: '南桥街道', status: '', extra: {} };
  return [
    {
      ...base,
      id: 'XQ-001',
      name: '=1+2',
      year_built: null,
      buildings: null,
      households: 120,
      floor_area_m2: 8848.123456, // the loader keeps areas and investments to 1e-6 (records.ts tidy)
      investment_wan: null,
      category: null,
      plan_year: 2021,
      extra: { 备注: '+86 0373 1234', score: null },
      geometry: { type: 'Polygon', coordinates: [[[113.895079, 35.302445], [113.8950398123456, 35.3029026987654], [113.8942531, 35.3028577], [113.895079, 35.302445]]] },
    },
    {
      ...base,
      id: 'XQ-002',
      name: '<img src=x onerror=alert(1)>',
      street: '胜利路街道',
      year_built: 1985,
      buildings: 12,
      households: 480,
      floor_area_m2: 35120.75,
      investment_wan: 1234.5678,
      category: 'upgrade',
      plan_year: null,
      status: '在建',
      extra: { 备注: '老旧小区，含"引号"与逗号,换行\n第二行', score: 12.5 },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [[113.9, 35.3], [113.91, 35.3], [113.91, 35.31], [113.9, 35.31], [113.9, 35.3]],
            [[113.902, 35.302], [113.902, 35.303], [113.903, 35.303], [113.902, 35.302]], // holes clockwise, as the loader orients them
          ],
          [[[113.92, 35.3], [113.93, 35.3], [113.93, 35.31], [113.92, 35.3]]],
        ],
      },
    },
    {
      ...base,
      id: 'XQ-003',
      name: '建设路小区',
      year_built: 1999,
      buildings: 3,
      households: 0,
      floor_area_m2: 4231,
      investment_wan: 57.9,
      category: 'basic',
      plan_year: 2023,
      status: 'works',
      extra: { 备注: '', score: -3 },
      geometry: { type: 'Polygon', coordinates: [[[113.8, 35.2], [113.81, 35.2], [113.81, 35.21], [113.8, 35.2]]] },
    },
  ];
}

const computed = () => ({
  cluster: Int32Array.from([0, -1, 0]),
  served_by: ['S-1', null, '服务站2'],
  funding_central: Float64Array.from([0.6, NaN, 1 / 3]),
});

const FILE: Record<ExportFormat, string> = { geojson: 'out.geojson', fgb: 'out.fgb', csv: 'out.csv', xlsx: 'out.xlsx' };

/** Reopen an export as the app does: a layer (GeoJSON/FGB) or a ledger whose rows get the original polygons (CSV/XLSX). */
async function reopen(format: ExportFormat, bytes: Uint8Array, polygons: readonly Compound[]): Promise<{ compounds: Compound[]; columns: string[] }> {
  let features: RawFeature[];
  let columns: string[];
  if (format === 'geojson' || format === 'fgb') {
    const layer = await loadFile(FILE[format], bytes);
    expect(layer.skipped).toEqual([]);
    features = layer.features;
    columns = layer.columns;
  } else {
    const t = await readLedger(FILE[format], bytes);
    columns = t.columns;
    const idCol = matchFields(columns).fields.id?.column ?? '';
    features = t.rows.map((properties, row) => ({ id: properties[idCol] as string, row, properties, geometry: polygons[row].geometry }));
  }
  const match = matchFields(columns, features.slice(0, 50).map((f) => f.properties));
  const { compounds, skipped } = toCompounds({ features }, match);
  expect(skipped).toEqual([]);
  return { compounds, columns };
}

/** Canonical fields only, as compared across a round trip. */
const fields = (c: Compound) => ({
  id: c.id,
  name: c.name,
  district: c.district,
  street: c.street,
  year_built: c.year_built,
  buildings: c.buildings,
  households: c.households,
  floor_area_m2: c.floor_area_m2,
  investment_wan: c.investment_wan,
  category: c.category,
  plan_year: c.plan_year,
  status: c.status,
});

/** What a CSV cell of this text reads back as: neutralised with a leading apostrophe when it starts with = + - @. */
const csvText = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** Extra attributes without nulls and empty strings (a blank cell is absent in CSV/XLSX, a null absent in FGB). */
const present = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== ''));

describe('exported compounds reopen with identical values', () => {
  for (const format of ['geojson', 'fgb'] as const) {
    it(`${format}: ids, text, numbers, categories, nulls, extras, computed columns and coordinates come back exactly`, async () => {
      const input = handMade();
      const bytes = await exportTable(compoundsTable(input, { columns: computed() }), format);
      const { compounds } = await reopen(format, bytes, input);
      expect(compounds.map(fields)).toEqual(input.map(fields));
      expect(compounds.map((c) => plain(c.geometry))).toEqual(input.map((c) => plain(c.geometry)));
      const cols = computed();
      const expectedExtra = input.map((c, i) => ({ id: c.id, ...c.extra, cluster: cols.cluster[i], served_by: cols.served_by[i], funding_central: Number.isNaN(cols.funding_central[i]) ? null : cols.funding_central[i] }));
      if (format === 'geojson') expect(compounds.map((c) => c.extra)).toEqual(expectedExtra);
      // FlatGeobuf leaves null cells out of a feature: they come back as missing properties.
      else expect(compounds.map((c) => c.extra)).toEqual(expectedExtra.map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== null))));
    });
  }

  for (const lang of ['en', 'zh'] as const) {
    it(`csv (${lang} headers): values come back, text starting with = + - @ comes back with a leading apostrophe`, async () => {
      const input = handMade();
      const bytes = await exportTable(compoundsTable(input, { columns: computed(), lang }), 'csv');
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const { compounds } = await reopen('csv', bytes, input);
      expect(compounds.map(fields)).toEqual(input.map((c) => ({ ...fields(c), name: csvText(c.name) })));
      expect(compounds[0].name).toBe("'=1+2");
      expect(compounds[1].name).toBe('<img src=x onerror=alert(1)>');
      expect(compounds.map((c) => present(c.extra))).toEqual([
        { 备注: "'+86 0373 1234", cluster: '0', served_by: 'S-1', funding_central: '0.6' },
        { 备注: '老旧小区，含"引号"与逗号,换行\n第二行', score: '12.5', cluster: '-1' },
        { score: '-3', cluster: '0', served_by: '服务站2', funding_central: String(1 / 3) },
      ].map((e, i) => ({ ...(lang === 'en' ? { id: input[i].id } : { 编号: input[i].id }), ...e })));
    });
  }

  it('xlsx: values come back typed, "=1+2" is a text cell and no cell is a formula', async () => {
    const input = handMade();
    const bytes = await exportTable(compoundsTable(input, { columns: computed(), lang: 'zh' }), 'xlsx');
    const { compounds, columns } = await reopen('xlsx', bytes, input);
    expect(columns.slice(0, 3)).toEqual(['编号', '小区名称', '所属区县']);
    expect(compounds.map(fields)).toEqual(input.map(fields));
    expect(compounds.map((c) => present(c.extra))).toEqual([
      { 编号: 'XQ-001', 备注: '+86 0373 1234', cluster: 0, served_by: 'S-1', funding_central: 0.6 },
      { 编号: 'XQ-002', 备注: '老旧小区，含"引号"与逗号,换行\n第二行', score: 12.5, cluster: -1 },
      { 编号: 'XQ-003', score: -3, cluster: 0, served_by: '服务站2', funding_central: 1 / 3 },
    ]);
    const sheet = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
    expect(sheet).not.toMatch(/<f[ >]/);
    expect(strFromU8(unzipSync(bytes)['xl/sharedStrings.xml'])).toContain('=1+2');
  });
});

describe('the sample city round-trips through every format', () => {
  const sample = async (): Promise<Compound[]> => {
    const layer = await loadFile('compounds.fgb', new Uint8Array(readFileSync(resolve(root, 'data/compounds.fgb'))));
    return toCompounds(layer, matchFields(layer.columns, layer.features.slice(0, 50).map((f) => f.properties))).compounds;
  };

  for (const format of ['geojson', 'fgb', 'csv', 'xlsx'] as const) {
    it(`${format}: all 3 000 compounds come back with the same fields${format === 'geojson' || format === 'fgb' ? ' and coordinates' : ''}`, async () => {
      const input = await sample();
      const cluster = Int32Array.from(input, (_, i) => (i % 7 === 0 ? -1 : i >> 4));
      const bytes = await exportTable(compoundsTable(input, { columns: { cluster } }), format);
      const { compounds } = await reopen(format, bytes, input);
      expect(compounds.length).toBe(input.length);
      expect(compounds.map(fields)).toEqual(input.map((c) => ({ ...fields(c), name: format === 'csv' ? csvText(c.name) : c.name })));
      if (format === 'geojson' || format === 'fgb') expect(compounds.map((c) => plain(c.geometry))).toEqual(input.map((c) => plain(c.geometry)));
      const back = compounds.map((c) => c.extra.cluster);
      expect(back).toEqual(Array.from(cluster, (v) => (format === 'csv' ? String(v) : v)));
    });
  }
});
