// One test per file of test/fixtures/bad (written by its make.ts): the sentence the user reads (file, feature, row,
// problem, in English and Chinese), the counts of loaded / repaired / excluded features, and that the valid ones load.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CrsNeededError } from '../../../src/lib/io/crs-detect';
import { UserError } from '../../../src/lib/io/errors';
import { matchFields, toCompounds } from '../../../src/lib/io/fields';
import type { LoadedLayer } from '../../../src/lib/io/layer';
import { readLedger } from '../../../src/lib/io/ledger-read';
import { loadFile, type LoadOptions } from '../../../src/lib/io/load';
import { checkFields, requireColumns, type Issue } from '../../../src/lib/io/validate';

const dir = resolve(import.meta.dirname, '../../fixtures/bad');
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(resolve(dir, name)));
const load = (name: string, opts?: LoadOptions): Promise<LoadedLayer> => loadFile(name, bytes(name), opts);
const GOOD = ['XX-001', 'XX-002', 'XX-003'];

async function refusal(name: string, opts?: LoadOptions, data?: Uint8Array): Promise<UserError> {
  const err = await (data ? loadFile(name, data, opts) : load(name, opts)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

/** Loaded / repaired / excluded / warned counts (features, not notes). */
function counts(l: LoadedLayer): { loaded: number; repaired: number; excluded: number; warned: number } {
  const rows = (list: Issue[]): number => new Set(list.filter((i) => i.row !== null).map((i) => i.row)).size;
  return { loaded: l.features.length, repaired: rows(l.repairs), excluded: l.skipped.length, warned: rows(l.warnings) };
}

/** The sentence names the file, the feature (when it has its own id) and its 1-based row, in both languages. */
function names(i: { en: string; zh: string }, file: string, id: string | null, row: number | null, en: RegExp, zh: RegExp): void {
  expect(i.en.startsWith(`${file}`)).toBe(true);
  expect(i.zh.startsWith(`${file}`)).toBe(true);
  if (id !== null) {
    expect(i.en).toContain(`feature ${id}`);
    expect(i.zh).toContain(`要素 ${id}`);
  }
  if (row !== null) {
    expect(i.en).toContain(`row ${row}`);
    expect(i.zh).toContain(`第 ${row} 行`);
  }
  expect(i.en).toMatch(en);
  expect(i.zh).toMatch(zh);
}

/** Every valid compound of the file loads, with a polygon. */
function validLoad(l: LoadedLayer, ids = GOOD): void {
  for (const id of ids) {
    const f = l.features.find((x) => x.id === id);
    expect(f, id).toBeDefined();
    expect(f?.geometry?.type).toMatch(/Polygon/);
  }
}

describe('geometry problems are repaired, flagged or excluded, each said in a sentence', () => {
  it('unclosed-ring.geojson: the ring is closed and the repair reported', async () => {
    const l = await load('unclosed-ring.geojson');
    expect(counts(l)).toEqual({ loaded: 4, repaired: 1, excluded: 0, warned: 0 });
    names(l.repairs[0], 'unclosed-ring.geojson', 'XX-004', 4, /not closed/, /未闭合/);
    const ring = l.features[3].geometry?.type === 'Polygon' ? l.features[3].geometry.coordinates[0] : [];
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    validLoad(l);
  });

  it('bowtie.geojson: a self-crossing boundary is kept as drawn and flagged', async () => {
    const l = await load('bowtie.geojson');
    expect(counts(l)).toEqual({ loaded: 4, repaired: 0, excluded: 0, warned: 1 });
    expect(l.warnings[0].code).toBe('self-intersection');
    names(l.warnings[0], 'bowtie.geojson', 'XX-004', 4, /crosses itself/, /自相交/);
    validLoad(l);
  });

  it('wrong-winding.geojson: a clockwise outer ring is turned counter-clockwise (RFC 7946)', async () => {
    const l = await load('wrong-winding.geojson');
    expect(counts(l)).toEqual({ loaded: 4, repaired: 1, excluded: 0, warned: 0 });
    names(l.repairs[0], 'wrong-winding.geojson', 'XX-004', 4, /orientation/, /方向/);
    const r = l.features[3].geometry?.type === 'Polygon' ? l.features[3].geometry.coordinates[0] : [];
    let s = 0;
    for (let i = 0; i + 1 < r.length; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
    expect(s).toBeGreaterThan(0);
    validLoad(l);
  });

  it('duplicate-points.geojson: repeated points are removed and counted in an area layer, kept as drawn otherwise', async () => {
    const l = await load('duplicate-points.geojson', { need: 'area' });
    expect(counts(l)).toEqual({ loaded: 4, repaired: 1, excluded: 0, warned: 0 });
    names(l.repairs[0], 'duplicate-points.geojson', 'XX-004', 4, /2 repeated consecutive point/, /2 个连续重复点/);
    expect(l.features[3].geometry?.type === 'Polygon' && l.features[3].geometry.coordinates[0]).toHaveLength(5);
    validLoad(l);
    const asDrawn = await load('duplicate-points.geojson');
    expect(counts(asDrawn)).toEqual({ loaded: 4, repaired: 0, excluded: 0, warned: 0 });
    expect(asDrawn.features[3].geometry?.type === 'Polygon' && asDrawn.features[3].geometry.coordinates[0]).toHaveLength(7);
  });

  it('too-few-points.geojson: a ring of 2 distinct points is excluded, never silently', async () => {
    const l = await load('too-few-points.geojson');
    expect(counts(l)).toEqual({ loaded: 3, repaired: 0, excluded: 1, warned: 0 });
    expect(l.skipped[0]).toMatchObject({ row: 3, id: 'XX-004' });
    names(l.excluded[0], 'too-few-points.geojson', 'XX-004', 4, /fewer than 3 distinct points.*excluded/, /少于 3 个不同的点.*已排除/);
    validLoad(l);
  });

  it('string-coords.geojson: coordinates written as strings exclude the feature', async () => {
    const l = await load('string-coords.geojson');
    expect(counts(l)).toEqual({ loaded: 3, repaired: 0, excluded: 1, warned: 0 });
    names(l.excluded[0], 'string-coords.geojson', 'XX-004', 4, /not a pair of finite numbers/, /不是一对有限数值/);
    validLoad(l);
  });

  it('nan-coords.zip: NaN and Infinity in a shapefile exclude their features', async () => {
    const l = await load('nan-coords.zip');
    expect(counts(l)).toEqual({ loaded: 3, repaired: 0, excluded: 2, warned: 0 });
    names(l.excluded[0], 'nan-coords.zip', 'XX-004', 4, /NaN.*not a pair of finite numbers/, /NaN.*不是一对有限数值/);
    names(l.excluded[1], 'nan-coords.zip', 'XX-005', 5, /Infinity/, /Infinity/);
    validLoad(l);
  });

  it('out-of-range.geojson: one feature beyond longitude 180 is excluded, the file is not questioned', async () => {
    const l = await load('out-of-range.geojson');
    expect(counts(l)).toEqual({ loaded: 4, repaired: 0, excluded: 1, warned: 0 });
    names(l.excluded[0], 'out-of-range.geojson', 'XX-005', 5, /outside longitude -180…180/, /超出经度/);
    validLoad(l, [...GOOD, 'XX-004']);
  });

  it('null-geometry.geojson: a feature without geometry is excluded', async () => {
    const l = await load('null-geometry.geojson');
    expect(counts(l)).toEqual({ loaded: 3, repaired: 0, excluded: 1, warned: 0 });
    names(l.excluded[0], 'null-geometry.geojson', 'XX-004', 4, /no geometry/, /没有几何/);
    validLoad(l);
  });

  it('multipolygon-bad-part.geojson: the unusable part is dropped, the rest kept', async () => {
    const l = await load('multipolygon-bad-part.geojson');
    expect(counts(l)).toEqual({ loaded: 4, repaired: 1, excluded: 0, warned: 0 });
    names(l.repairs[0], 'multipolygon-bad-part.geojson', 'XX-004', 4, /part 3 of 3 dropped/, /第 3\/3 部分已删除/);
    const g = l.features[3].geometry;
    expect(g?.type === 'MultiPolygon' && g.coordinates).toHaveLength(2);
    validLoad(l);
  });

  it('hole-outside.geojson: a hole outside its shell is flagged, kept as drawn', async () => {
    const l = await load('hole-outside.geojson');
    expect(counts(l)).toEqual({ loaded: 4, repaired: 0, excluded: 0, warned: 1 });
    names(l.warnings[0], 'hole-outside.geojson', 'XX-004', 4, /hole lies outside/, /内环位于外环之外/);
    validLoad(l);
  });

  it('hole-too-few.geojson: a degenerate hole is dropped and said so', async () => {
    const l = await load('hole-too-few.geojson');
    expect(counts(l)).toEqual({ loaded: 4, repaired: 1, excluded: 0, warned: 0 });
    names(l.repairs[0], 'hole-too-few.geojson', 'XX-004', 4, /hole\(s\) .* dropped/, /内环/);
    expect(l.features[3].geometry?.type === 'Polygon' && l.features[3].geometry.coordinates).toHaveLength(1);
    validLoad(l);
  });

  it('points-as-compounds.geojson: points refused for an area layer, loaded as points otherwise', async () => {
    const err = await refusal('points-as-compounds.geojson', { need: 'area' });
    expect(err.en).toMatch(/^points-as-compounds\.geojson: holds no polygons \(3 features/);
    expect(err.zh).toMatch(/^points-as-compounds\.geojson：不含面要素/);
    const l = await load('points-as-compounds.geojson');
    expect(counts(l)).toEqual({ loaded: 3, repaired: 0, excluded: 0, warned: 0 });
    // toCompounds names each non-area feature too
    expect(toCompounds(l, matchFields(l.columns)).skipped).toHaveLength(3);
  });
});

describe('CRS problems ask the user', () => {
  it('metres-as-degrees.geojson: GK metres without crs → CrsNeededError guessing EPSG:4547', async () => {
    const err = await refusal('metres-as-degrees.geojson');
    expect(err).toBeInstanceOf(CrsNeededError);
    expect((err as CrsNeededError).question.likely).toBe('EPSG:4547');
    expect(err.en).toMatch(/^metres-as-degrees\.geojson: the coordinate system is not declared/);
    expect(err.zh).toMatch(/^metres-as-degrees\.geojson：未声明坐标系/);
    const l = await load('metres-as-degrees.geojson', { crs: 'EPSG:4547' });
    expect(counts(l)).toEqual({ loaded: 3, repaired: 0, excluded: 0, warned: 0 });
    validLoad(l);
  });

  it('noprj-projected.zip: a shapefile without .prj in prefixed GK → question, EPSG:4526 likely', async () => {
    const err = await refusal('noprj-projected.zip');
    expect((err as CrsNeededError).question.likely).toBe('EPSG:4526');
    expect(err.en).toMatch(/^noprj-projected\.zip: .*zone number 38/);
    expect(err.zh).toMatch(/^noprj-projected\.zip：.*带号 38/);
    const l = await load('noprj-projected.zip', { crs: 'EPSG:4526' });
    expect(counts(l).loaded).toBe(3);
    validLoad(l);
  });
});

describe('attributes', () => {
  it('gbk-nocpg.zip: GBK names read right without .cpg, the guess reported', async () => {
    const l = await load('gbk-nocpg.zip');
    expect(counts(l)).toEqual({ loaded: 3, repaired: 0, excluded: 0, warned: 0 });
    expect(l.features.map((f) => f.properties['小区名称'])).toEqual(['建设路家属院', '平原路2号院', '人民公园东院']);
    expect(l.warnings).toHaveLength(1);
    names(l.warnings[0], 'gbk-nocpg.zip', null, null, /no \.cpg.*GBK/, /无 \.cpg.*GBK/);
    validLoad(l);
  });

  it('text-in-numeric.geojson: "约200户", "不详" and "早年" are warned about, left empty, kept verbatim', async () => {
    const l = await load('text-in-numeric.geojson');
    expect(counts(l)).toEqual({ loaded: 3, repaired: 0, excluded: 0, warned: 0 });
    const match = matchFields(l.columns, l.features.map((f) => f.properties));
    const issues = checkFields(l, match);
    expect(issues.map((i) => [i.row, i.code])).toEqual([[1, 'non-numeric'], [2, 'non-numeric'], [2, 'non-numeric']]);
    names(issues[0], 'text-in-numeric.geojson', 'XX-002', 2, /户数 "约200户" is not a number/, /户数“约200户”不是数字/);
    names(issues[2], 'text-in-numeric.geojson', 'XX-003', 3, /建成年代 "早年" is not a year/, /不是年份/);
    const { compounds } = toCompounds(l, match);
    expect(compounds.map((c) => c.households)).toEqual([240, null, null]);
    expect(compounds[1].extra['户数']).toBe('约200户');
    validLoad(l);
  });

  it('numbers-formatted.geojson: "1,234", "1 234", "12.5万", "１２", "610万元" parsed', async () => {
    const l = await load('numbers-formatted.geojson');
    const match = matchFields(l.columns, l.features.map((f) => f.properties));
    expect(checkFields(l, match)).toEqual([]);
    const c = toCompounds(l, match).compounds;
    expect(c.map((x) => x.households)).toEqual([1234, 1234, 96]);
    expect(c.map((x) => x.buildings)).toEqual([12, 9, 3]);
    expect(c.map((x) => x.floor_area_m2)).toEqual([125000, 27600, 7200]);
    expect(c.map((x) => x.investment_wan)).toEqual([1234, 610, 150]);
    validLoad(l);
  });

  it('duplicate-id.geojson: the second use of an id is warned about, both features load', async () => {
    const l = await load('duplicate-id.geojson');
    expect(counts(l)).toEqual({ loaded: 4, repaired: 0, excluded: 0, warned: 1 });
    names(l.warnings[0], 'duplicate-id.geojson', 'XX-002', 4, /also used by row 2/, /与第 2 行重复/);
    validLoad(l);
  });

  it('markup.geojson: HTML in values and ids loads verbatim as text', async () => {
    const l = await load('markup.geojson');
    expect(counts(l)).toEqual({ loaded: 4, repaired: 0, excluded: 0, warned: 0 });
    const f = l.features[3];
    expect(f.id).toBe('<b>XX-004</b>');
    expect(f.properties).toMatchObject({ 小区名称: '<img src=x onerror=alert(1)>', 备注: '<script>alert("x")</script>', 地址: '"引号" & <尖括号>' });
    validLoad(l);
  });

  it('formula.xlsx: formula-looking cells stay text and are warned about', async () => {
    const l = await load('formula.xlsx');
    expect(counts(l)).toEqual({ loaded: 3, repaired: 0, excluded: 0, warned: 2 });
    expect(l.features.map((f) => f.properties['备注'])).toEqual(['=HYPERLINK("http://example.com","点击")', '=1+1', '-3 正常的负号开头']);
    names(l.warnings[0], 'formula.xlsx', null, 1, /looks like a spreadsheet formula; kept as text/, /像电子表格公式；按文本保留/);
  });

  it('ledger-no-name.csv: a ledger without a name column is refused, naming the file and the columns', async () => {
    const t = await readLedger('ledger-no-name.csv', bytes('ledger-no-name.csv'));
    const err = (() => {
      try {
        requireColumns('ledger-no-name.csv', matchFields(t.columns), ['name']);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UserError);
    names(err as UserError, 'ledger-no-name.csv', null, null, /has no name column \(columns: 序号, 所属区县, 户数/, /缺少小区名称列/);
    expect(t.rows).toHaveLength(2);
  });
});

describe('files that cannot be loaded at all', () => {
  it('empty.geojson: 0 bytes', async () => {
    const err = await refusal('empty.geojson');
    expect(err.en).toBe('empty.geojson: is empty (0 bytes)');
    expect(err.zh).toBe('empty.geojson：是空文件（0 字节）');
  });

  it('empty-collection.geojson: a FeatureCollection with no features', async () => {
    const err = await refusal('empty-collection.geojson');
    expect(err.en).toBe('empty-collection.geojson: holds no features');
    expect(err.zh).toBe('empty-collection.geojson：不含任何要素');
  });

  it('truncated.geojson: cut short, the JSON error position given', async () => {
    const err = await refusal('truncated.geojson');
    expect(err.en).toMatch(/^truncated\.geojson: is not valid JSON \(.*position \d+/);
    expect(err.zh).toMatch(/^truncated\.geojson：不是有效的 JSON/);
  });

  it('truncated.fgb: cut inside its features, the whole ones before the cut load and the cut is reported', async () => {
    const l = await load('truncated.fgb');
    expect(counts(l)).toEqual({ loaded: 1, repaired: 0, excluded: 0, warned: 0 });
    names(l.warnings[0], 'truncated.fgb', null, null, /is cut short: only 1 of its 3 features could be read/, /文件不完整：3 个要素中只能读取 1 个/);
    validLoad(l, GOOD.slice(0, 1));
    const head = await refusal('truncated.fgb.head.fgb', undefined, bytes('truncated.fgb').slice(0, 40));
    expect(head.en).toBe('truncated.fgb.head.fgb: is cut short inside its FlatGeobuf header');
    expect(head.zh).toBe('truncated.fgb.head.fgb：文件不完整：在 FlatGeobuf 文件头处中断');
  });

  it('truncated.zip: half a zip', async () => {
    const err = await refusal('truncated.zip');
    expect(err.en).toMatch(/^truncated\.zip: is not a readable zip file/);
    expect(err.zh).toMatch(/^truncated\.zip：不是可读取的 zip 文件/);
  });

  it('truncated-shp.zip: a .shp cut inside its third record loads the first two and says so', async () => {
    const l = await load('truncated-shp.zip');
    expect(counts(l)).toEqual({ loaded: 2, repaired: 0, excluded: 1, warned: 0 });
    names(l.warnings[0], 'truncated-shp.zip', null, null, /cut short: only its first 2 shapes/, /只能读取前 2 个图形/);
    names(l.excluded[0], 'truncated-shp.zip', 'XX-003', 3, /no shape in the \.shp/, /没有图形/);
    validLoad(l, GOOD.slice(0, 2));
  });

  it('compounds.kml: unsupported, with the supported formats and a way out', async () => {
    const err = await refusal('compounds.kml');
    expect(err.en).toMatch(/^compounds\.kml: is not a supported format \(\.kml\); use GeoJSON, FlatGeobuf.*export it .* as GeoJSON/);
    expect(err.zh).toMatch(/^compounds\.kml：格式不受支持（\.kml）；请使用 GeoJSON/);
  });

  it('plan.docx: a zip that is a Word document is not taken for a shapefile', async () => {
    const err = await refusal('plan.docx');
    expect(err.en).toMatch(/^plan\.docx: is not a supported format \(\.docx\)/);
    expect(err.zh).toMatch(/^plan\.docx：格式不受支持（\.docx）/);
  });

  it('archive.rar: unsupported', async () => {
    const err = await refusal('archive.rar');
    expect(err.en).toMatch(/^archive\.rar: is not a supported format \(\.rar\)/);
    expect(err.zh).toMatch(/^archive\.rar：格式不受支持（\.rar）/);
  });

  it('any file over maxBytes is refused before parsing, with the sizes', async () => {
    const err = await refusal('unclosed-ring.geojson', { maxBytes: 1024 });
    expect(err.en).toMatch(/^unclosed-ring\.geojson: is 1.9 KB, more than the 1 KB this device can load; split it, or convert it to FlatGeobuf/);
    expect(err.zh).toMatch(/^unclosed-ring\.geojson：有 1.9 KB，超过本设备可加载的 1 KB/);
  });
});

describe('the largest file a device may load', () => {
  it('is a sixth of its memory, between 256 MB and the 1.5 GB cap, and the cap when memory is unknown', async () => {
    const { maxBytesFor, DEFAULT_MAX_BYTES, checkSize } = await import('../../../src/lib/io/validate');
    const MB = 1024 ** 2;
    expect(maxBytesFor(undefined)).toBe(DEFAULT_MAX_BYTES);
    expect(maxBytesFor(8)).toBeCloseTo((8 * 1024 * MB) / 6);
    expect(maxBytesFor(2)).toBeCloseTo((2 * 1024 * MB) / 6);
    expect(maxBytesFor(0.5)).toBe(256 * MB);
    expect(maxBytesFor(64)).toBe(DEFAULT_MAX_BYTES);
    // on a 2 GB device a 400 MB export is refused with both sizes in the sentence; on 8 GB a 300 MB one loads
    expect(() => checkSize('城区小区.geojson', 400 * MB, maxBytesFor(2))).toThrow('城区小区.geojson: is 400 MB, more than the 341 MB this device can load');
    expect(() => checkSize('城区小区.geojson', 300 * MB, maxBytesFor(8))).not.toThrow();
  });
});
