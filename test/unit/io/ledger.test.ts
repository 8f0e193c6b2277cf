import { describe, expect, it } from 'vitest';
import type { RawFeature } from '../../../src/lib/geo/types';
import { matchFields, toCompounds } from '../../../src/lib/io/fields';
import { joinLedger, normaliseName, readLedger } from '../../../src/lib/io/ledger';
import { loadFile } from '../../../src/lib/io/load';
import { fixture, manifest } from './helpers';

describe('normaliseName', () => {
  it('ignores spaces, punctuation and full-width forms', () => {
    expect(normaliseName(' 建设路 · 小区 ')).toBe('建设路');
    expect(normaliseName('平原路２号院')).toBe(normaliseName('平原路2号院'));
    expect(normaliseName('ＡＢＣ花园')).toBe('abc花园');
  });

  it('strips the usual suffixes, repeatedly, but never down to one character', () => {
    expect(normaliseName('市一中家属院')).toBe('市一中');
    expect(normaliseName('市一中宿舍')).toBe('市一中');
    expect(normaliseName('水利局家属院小区')).toBe('水利局');
    expect(normaliseName('棉纺厂家属区')).toBe('棉纺厂');
    expect(normaliseName('东院')).toBe('东院');
  });

  it('keeps a bracketed phase so phases stay apart', () => {
    expect(normaliseName('和平大道小区（一期）')).toBe('和平大道一期');
    expect(normaliseName('和平大道 (一期)')).toBe('和平大道一期');
    expect(normaliseName('和平大道小区(二期)')).not.toBe(normaliseName('和平大道小区(一期)'));
  });
});

describe('readLedger', () => {
  it('finds the header under a title row in XLSX and keeps cell types', async () => {
    const t = await readLedger('ledger.xlsx', fixture('ledger.xlsx'));
    expect(t.format).toBe('xlsx');
    expect(t.columns[1]).toBe('小区名称');
    expect(t.rows.map((r) => r['小区名称'])).toEqual(manifest().ledger.rows);
    expect(t.rows[0]['户数']).toBe(240);
    expect(t.sheetRows[0]).toBe(2);
  });

  it('reads UTF-8 (with BOM) and GBK CSV to the same table', async () => {
    const a = await readLedger('ledger-utf8.csv', fixture('ledger-utf8.csv'));
    const b = await readLedger('ledger-gbk.csv', fixture('ledger-gbk.csv'));
    expect(a.encoding).toBe('utf-8');
    expect(b.encoding).toBe('gbk');
    expect(a.columns[0]).toBe('序号');
    expect(b).toEqual({ ...a, encoding: 'gbk' });
    expect(a.rows.map((r) => r['小区名称'])).toEqual(manifest().ledger.rows);
  });

  it('tells from the values that a unitless CSV area column is in 万m²', async () => {
    const t = await readLedger('ledger-gbk.csv', fixture('ledger-gbk.csv'));
    expect(matchFields(t.columns, t.rows).fields.floor_area_m2).toMatchObject({ column: '建筑面积', scale: 1e4, unitSource: 'values' });
  });

  it('names the file when an old .xls is given', async () => {
    await expect(readLedger('plan.xls', new Uint8Array([0xd0, 0xcf]))).rejects.toThrow(/plan\.xls: is an old \.xls/);
  });
});

describe('joinLedger', () => {
  const m = manifest();

  it('reports exactly the ledger rows and polygons it was built to leave unmatched', async () => {
    const layer = await loadFile('xinxiang-4547-gbk.zip', fixture('xinxiang-4547-gbk.zip'));
    for (const file of ['ledger.xlsx', 'ledger-utf8.csv', 'ledger-gbk.csv']) {
      const j = joinLedger(layer.features, await readLedger(file, fixture(file)));
      expect(j.by).toBe('name');
      expect(j.ledgerWithoutPolygon.map((r) => r.key)).toEqual(m.ledger.withoutPolygon);
      expect(j.polygonsWithoutLedger.map((p) => p.name)).toEqual(m.ledger.polygonsWithoutLedger);
      expect(j.matched).toBe(layer.features.length - m.ledger.polygonsWithoutLedger.length);
      expect(j.duplicates).toEqual([]);
    }
  });

  it('merges ledger attributes so the mapped compounds carry them in canonical units', async () => {
    const layer = await loadFile('xinxiang-4547-gbk.zip', fixture('xinxiang-4547-gbk.zip'));
    const j = joinLedger(layer.features, await readLedger('ledger.xlsx', fixture('ledger.xlsx')));
    const { compounds } = toCompounds({ features: j.features }, matchFields(j.columns, j.features.map((f) => f.properties)));
    const first = compounds[0];
    expect(first.name).toBe('建设路家属院');
    expect(first.floor_area_m2).toBeCloseTo(m.compounds[0].area_m2, 6);
    expect(first.category).toBe('basic');
    expect(compounds[1].category).toBe('improve');
    expect(layer.features[0].properties['改造类别']).toBeUndefined();
  });

  it('joins by code when the ledger codes hit the polygons, and reports duplicates', () => {
    const f = (id: number, name: string): RawFeature => ({ id, row: id, properties: { 编号: `X-${id}`, 名称: name }, geometry: null });
    const features = [f(1, '甲'), f(2, '乙'), f(3, '丙')];
    const ledger = {
      columns: ['小区编号', '户数'],
      rows: [{ 小区编号: 'x-1', 户数: 10 }, { 小区编号: 'Ｘ-2', 户数: 20 }, { 小区编号: 'X-2', 户数: 21 }, { 小区编号: 'X-9', 户数: 90 }],
    };
    const j = joinLedger(features, ledger);
    expect(j.by).toBe('id');
    expect(j.featureKey).toBe('编号');
    expect(j.features.map((x) => x.properties['户数'])).toEqual([10, 20, undefined]);
    expect(j.ledgerWithoutPolygon).toEqual([{ row: 3, key: 'X-9' }]);
    expect(j.polygonsWithoutLedger.map((p) => p.id)).toEqual([3]);
    expect(j.duplicates).toEqual([{ key: 'x-2', ledgerRows: [1, 2], featureIds: [2] }]);
  });
});
