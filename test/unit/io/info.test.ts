import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../../src/cli/args';
import { run } from '../../../src/cli/info';
import { UserError } from '../../../src/lib/io/errors';

describe('cli info', () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    vi.spyOn(console, 'log').mockImplementation((s: unknown) => void out.push(String(s)));
  });
  afterEach(() => vi.restoreAllMocks());

  it('prints count, geometry types, CRS with its source, mapped fields and skipped rows of a GBK shapefile', async () => {
    await run(parseArgs(['test/fixtures/io/xinxiang-4547-gbk.zip']));
    const text = out.join('\n');
    expect(text).toMatch(/CRS +EPSG:4547 \(from \.prj\)/);
    expect(text).toMatch(/features +6\n/);
    expect(text).toMatch(/geometry +Polygon 5, MultiPolygon 1/);
    expect(text).toMatch(/name <- 小区名称/);
    expect(text).toMatch(/skipped +1\n +row 7: no geometry/);
  });

  it('finds the .dbf/.prj/.cpg next to a .shp', async () => {
    await run(parseArgs(['../shared/data/real/beijing-townships-mosstool/beijing.shp']));
    expect(out.join('\n')).toMatch(/features +331[\s\S]*district <- 县[\s\S]*street <- 乡/);
  });

  it('fails with a UserError naming a missing file', async () => {
    await expect(run(parseArgs(['no/such.geojson']))).rejects.toThrow(UserError);
    await expect(run(parseArgs(['no/such.geojson']))).rejects.toThrow(/no\/such\.geojson: file not found/);
  });
});
