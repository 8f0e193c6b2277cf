import { describe, expect, it } from 'vitest';
import type { RawFeature } from '../../../src/lib/geo/types';
import { applyManualMapping, columnSetKey, matchFields, toCompounds, toParcels, unitFromValues } from '../../../src/lib/io/fields';

const col = (m: ReturnType<typeof matchFields>, f: keyof ReturnType<typeof matchFields>['fields']) => m.fields[f]?.column;

describe('matchFields', () => {
  it('recognises the Chinese names of every compound field', () => {
    const columns = ['小区编号', '小区名称', '所属区县', '所属街道', '建成年代', '楼栋数', '户数', '建筑面积（㎡）', '计划投资（万元）', '改造类别', '计划年度', '改造进度', '联系人'];
    const m = matchFields(columns);
    expect(m.fields).toMatchObject({
      id: { column: '小区编号' },
      name: { column: '小区名称' },
      district: { column: '所属区县' },
      street: { column: '所属街道' },
      year_built: { column: '建成年代' },
      buildings: { column: '楼栋数' },
      households: { column: '户数' },
      floor_area_m2: { column: '建筑面积（㎡）', scale: 1, unitSource: 'name' },
      investment_wan: { column: '计划投资（万元）', scale: 1, unitSource: 'name' },
      category: { column: '改造类别' },
      plan_year: { column: '计划年度' },
      status: { column: '改造进度' },
    });
    expect(m.unmatched).toEqual(['联系人']);
  });

  it('recognises the canonical English names', () => {
    const columns = ['id', 'name', 'district', 'street', 'year_built', 'buildings', 'households', 'floor_area_m2', 'investment_wan', 'category', 'plan_year', 'status'];
    const m = matchFields(columns);
    for (const c of columns) expect(m.fields[c as keyof typeof m.fields]?.column).toBe(c);
    expect(m.unmatched).toEqual([]);
  });

  it('gives a compound column to the field its head word names', () => {
    const m = matchFields(['街道名称', '小区户数', '所属区县名称', '总建筑面积m2']);
    expect(col(m, 'street')).toBe('街道名称');
    expect(col(m, 'households')).toBe('小区户数');
    expect(col(m, 'district')).toBe('所属区县名称');
    expect(col(m, 'floor_area_m2')).toBe('总建筑面积m2');
    expect(col(m, 'name')).toBeUndefined();
  });

  it('does not mistake ArcGIS bookkeeping columns for fields', () => {
    const m = matchFields(['FID_1', 'Shape_Area', 'Shape_Leng', 'OBJECTID']);
    expect(m.fields).toEqual({});
  });

  it('prefers the column that states its unit when two carry the same name', () => {
    const m = matchFields(['建筑面积', '建筑面积（万㎡）']);
    expect(m.fields.floor_area_m2).toMatchObject({ column: '建筑面积（万㎡）', scale: 1e4 });
  });

  it('reads units in column names', () => {
    const m = matchFields(['建筑面积(万平方米)', '总投资（元）']);
    expect(m.fields.floor_area_m2).toMatchObject({ scale: 1e4, unit: '万m²' });
    expect(m.fields.investment_wan).toMatchObject({ scale: 1e-4, unit: '元' });
    expect(matchFields(['投资(亿元)']).fields.investment_wan?.scale).toBe(1e4);
  });
});

describe('unit detection from values', () => {
  it('takes small floor areas to be 万m²', () => {
    expect(unitFromValues('floor_area_m2', [1.85, 2.76, 0.72, 3.6])).toMatchObject({ scale: 1e4 });
  });

  it('takes floor areas in the thousands to be m²', () => {
    expect(unitFromValues('floor_area_m2', [18500, 27600, 7200])).toMatchObject({ scale: 1 });
  });

  it('takes investments above 100 000 to be yuan', () => {
    expect(unitFromValues('investment_wan', ['4,200,000', '6100000', 1500000])).toMatchObject({ scale: 1e-4, unit: '元' });
    expect(unitFromValues('investment_wan', [420, 610, 150])).toMatchObject({ scale: 1, unit: '万元' });
  });

  it('does not guess from fewer than three numbers', () => {
    expect(unitFromValues('floor_area_m2', [1.2, 3])).toBeNull();
  });

  it('is used by matchFields when the name is silent, and marked as a guess', () => {
    const rows = [{ 建筑面积: '1.2' }, { 建筑面积: '0.8' }, { 建筑面积: '2.5' }];
    expect(matchFields(['建筑面积'], rows).fields.floor_area_m2).toMatchObject({ scale: 1e4, unitSource: 'values' });
  });
});

describe('columnSetKey and manual mapping', () => {
  it('gives the same key whatever the order and case of the columns', () => {
    expect(columnSetKey(['小区名称', 'Name', '户数'])).toBe(columnSetKey(['户数', '小区名称', 'NAME']));
    expect(columnSetKey(['小区名称', '户数'])).not.toBe(columnSetKey(['小区名称', '户数', '楼栋数']));
  });

  it('binds, moves and unbinds columns without changing the original match', () => {
    const m = matchFields(['名字', '户数', '面积']);
    const m2 = applyManualMapping(m, { name: '名字', households: null, floor_area_m2: { column: '面积', scale: 1e4, unit: '万m²' } });
    expect(m2.fields.name?.column).toBe('名字');
    expect(m2.fields.households).toBeUndefined();
    expect(m2.fields.floor_area_m2).toMatchObject({ scale: 1e4, unitSource: 'user' });
    expect(m2.unmatched).toEqual(['户数']);
    expect(m.fields.households?.column).toBe('户数');
    const m3 = applyManualMapping(m2, { street: '名字' });
    expect(m3.fields.street?.column).toBe('名字');
    expect(m3.fields.name).toBeUndefined();
  });
});

const square = (x: number): RawFeature['geometry'] => ({
  type: 'Polygon',
  coordinates: [[[x, 35], [x + 0.001, 35], [x + 0.001, 35.001], [x, 35.001], [x, 35]]],
});

describe('toCompounds', () => {
  const features: RawFeature[] = [
    { id: 'a', row: 0, properties: { 小区名称: '建设路小区', 建成年代: '1990年代', 户数: '1,200', 建筑面积: '1.2万m²', 投资: '350万元', 类别: '基础类', 联系人: '张三' }, geometry: square(113.9) },
    { id: 'b', row: 1, properties: { 小区名称: '平原路小区', 建成年代: '不详', 户数: '约300', 建筑面积: 8000, 投资: 80000, 类别: '综合' }, geometry: square(113.91) },
    { id: 'c', row: 2, properties: { 小区名称: '点' }, geometry: { type: 'Point', coordinates: [113.9, 35] } },
  ];
  const match = matchFields(['小区名称', '建成年代', '户数', '建筑面积', '投资', '类别', '联系人']);

  it('converts values to canonical units, a unit in the cell winning over the column', () => {
    const { compounds } = toCompounds({ features }, match);
    expect(compounds[0]).toMatchObject({ id: 'a', name: '建设路小区', year_built: 1990, households: 1200, floor_area_m2: 12000, investment_wan: 350, category: 'basic' });
    expect(compounds[1]).toMatchObject({ floor_area_m2: 8000, investment_wan: 80000 });
  });

  it('keeps unmapped columns and unreadable cells verbatim in extra', () => {
    const { compounds } = toCompounds({ features }, match);
    expect(compounds[0].extra).toEqual({ 联系人: '张三' });
    expect(compounds[1].year_built).toBeNull();
    expect(compounds[1].households).toBeNull();
    expect(compounds[1].extra).toEqual({ 户数: '约300', 类别: '综合' });
  });

  it('skips non-area geometries with a reason, keeping earlier skips', () => {
    const { compounds, skipped } = toCompounds({ features, skipped: [{ row: 9, id: 9, reason: 'no geometry' }] }, match);
    expect(compounds.map((c) => c.id)).toEqual(['a', 'b']);
    expect(skipped).toHaveLength(2);
    expect(skipped[1]).toMatchObject({ row: 2, id: 'c' });
    expect(skipped[1].reason).toMatch(/Point/);
  });

  it('does not mutate its input', () => {
    const before = JSON.stringify(features);
    toCompounds({ features }, match);
    expect(JSON.stringify(features)).toBe(before);
  });
});

describe('toParcels', () => {
  it('computes the geodesic area and reads use, owner and note', () => {
    const features: RawFeature[] = [{ id: 1, row: 0, properties: { 现状用途: '空地', 权属: '市国资委', 备注: '拆违后', 编号: 'P1' }, geometry: square(113.9) }];
    const { parcels } = toParcels({ features }, matchFields(['现状用途', '权属', '备注', '编号']));
    // 0.001° × 0.001° at 35°N: 111.0 m × 91.3 m (WGS84 ellipsoid ~ sphere used by turf)
    expect(parcels[0].area_m2).toBeGreaterThan(9900);
    expect(parcels[0].area_m2).toBeLessThan(10300);
    expect(parcels[0]).toMatchObject({ current_use: '空地', owner: '市国资委', note: '拆违后', extra: { 编号: 'P1' } });
  });
});
