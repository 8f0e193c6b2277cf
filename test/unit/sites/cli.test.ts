import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { serialize as fgbSerialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../../../src/cli/args';
import { run, sitesJson } from '../../../src/cli/sites';
import type { SiteResult } from '../../../src/lib/geo/sites';
import type { Compound, IdleParcel } from '../../../src/lib/geo/types';

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/sites/${name}.geojson`, import.meta.url));
const files = [fixture('compounds'), fixture('parcels')];

async function cli(argv: string[]): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'lianpian-sites-')), 'out');
  await run(parseArgs([...argv, '--out', out]));
  return readFileSync(out, 'utf8');
}

describe('npm run cli -- sites', () => {
  it('writes exactly the documented JSON: every parcel with its compounds and households, the choice in order, coverage', async () => {
    const doc = JSON.parse(await cli([...files, '--radius', '100', '--k', '2', '--format', 'json']));
    expect(Object.keys(doc)).toEqual(['radius_m', 'parcels', 'chosen', 'covered_households', 'total_households']);
    doc.parcels.forEach((p: { area_m2: number; compounds: string[] }) => {
      expect(p.area_m2).toBeGreaterThan(890);
      p.compounds.sort();
    });
    expect(doc.parcels.map(({ id, compounds, households }: { id: string; compounds: string[]; households: number }) => ({ id, compounds, households }))).toEqual([
      { id: 'P1', compounds: ['A', 'B', 'F'], households: 550 },
      { id: 'P2', compounds: [], households: 0 },
      { id: 'P3', compounds: ['E'], households: 500 },
      { id: 'P4', compounds: ['H'], households: 600 },
      { id: 'P5', compounds: ['M'], households: 700 },
    ]);
    expect(doc).toMatchObject({
      radius_m: 100,
      chosen: [{ id: 'P5', added_households: 700 }, { id: 'P4', added_households: 600 }],
      covered_households: 1300,
      total_households: 2750,
    });
  });

  it('leaves out "chosen" without --k, and counts households near existing facilities as covered', async () => {
    const doc = JSON.parse(await cli([...files, '--radius', '100', '--existing', fixture('existing')]));
    expect(Object.keys(doc)).toEqual(['radius_m', 'parcels', 'covered_households', 'total_households']);
    expect(doc.covered_households).toBe(2350);
    const withK = JSON.parse(await cli([...files, '--radius', '100', '--k', '1', '--existing', fixture('existing')]));
    expect(withK.covered_households).toBe(900);
  });

  it('takes existing facilities drawn as footprints from FlatGeobuf as from GeoJSON', async () => {
    const points = JSON.parse(readFileSync(fixture('existing'), 'utf8')) as { features: { geometry: { coordinates: number[] } }[] };
    // a 20 m square footprint around each existing facility
    const d = 0.0001;
    const footprints = {
      type: 'FeatureCollection',
      features: points.features.map((f, i) => {
        const [x, y] = f.geometry.coordinates;
        return { type: 'Feature', properties: { name: `facility ${i}` }, geometry: { type: 'Polygon', coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] } };
      }),
    };
    const dir = mkdtempSync(join(tmpdir(), 'lianpian-existing-'));
    writeFileSync(join(dir, 'existing.geojson'), JSON.stringify(footprints));
    writeFileSync(join(dir, 'existing.fgb'), fgbSerialize(footprints as never, 4326));
    const fromJson = await cli([...files, '--radius', '100', '--k', '1', '--existing', join(dir, 'existing.geojson')]);
    const fromFgb = await cli([...files, '--radius', '100', '--k', '1', '--existing', join(dir, 'existing.fgb')]);
    expect(fromFgb).toBe(fromJson);
    expect(JSON.parse(fromFgb).covered_households).toBeGreaterThan(0);
  });

  it('takes radius and minimum area from a facility type, and skips parcels below it', async () => {
    const doc = JSON.parse(await cli([...files, '--type', 'childcare', '--min-area', '1000', '--k', '5']));
    expect(doc.radius_m).toBe(300);
    expect(doc.chosen.map((c: { id: string }) => c.id)).toEqual(['P4']);
  });

  it('writes one CSV row and one GeoJSON feature per parcel, with its rank in the choice', async () => {
    const csv = (await cli([...files, '--radius', '100', '--k', '1', '--format', 'csv'])).trim().split('\n');
    expect(csv[0]).toBe('id,area_m2,eligible,compounds,households,chosen_rank,added_households');
    expect(csv).toHaveLength(6);
    expect(csv[5]).toMatch(/^P5,[\d.]+,1,1,700,1,700$/);
    const fc = JSON.parse(await cli([...files, '--radius', '100', '--k', '1', '--format', 'geojson']));
    expect(fc.features).toHaveLength(5);
    expect(fc.features[4].properties).toMatchObject({ id: 'P5', chosen_rank: 1, added_households: 700, households: 700 });
  });

  it('names the bad flag value', async () => {
    await expect(cli([...files, '--radius', 'far'])).rejects.toThrow('"far"');
    await expect(cli([...files, '--radius', '100', '--format', 'kml'])).rejects.toThrow('"kml"');
    await expect(cli([...files, '--type', 'gym'])).rejects.toThrow('"gym"');
    await expect(cli([...files])).rejects.toThrow('--radius');
  });

  it('lists compounds by their own ids, short, long or non-ASCII', () => {
    const lists = [[0, 2, 1], [], [2], [1, 0]];
    const offsets = Uint32Array.from([0, 3, 3, 4, 6]);
    const r = { radiusM: 5, offsets, compound: Int32Array.from(lists.flat()), households: new Float64Array(4), choice: null, maxCoverable: 0, totalHouseholds: 0 } as unknown as SiteResult;
    const parcels = lists.map((_, i) => ({ id: `P${i}`, area_m2: 1 })) as IdleParcel[];
    for (const ids of [['A', 7, '小区-1'], ['A', 7, '一个非常长的小区编号-0000001']]) {
      const compounds = ids.map((id) => ({ id })) as Compound[];
      const doc = JSON.parse(sitesJson(compounds, parcels, r).toString('utf8')) as { parcels: { compounds: unknown[] }[] };
      expect(doc.parcels.map((p) => p.compounds)).toEqual(lists.map((l) => l.map((i) => ids[i])));
    }
  });
});
