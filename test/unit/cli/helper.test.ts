// The CLI's second thread (src/cli/helper.ts): half the first pass and all the measuring of a large GeoJSON file.
// Its answer must be used exactly when the file loads as the helper guessed, and the output must never change.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args';
import { run as clusters } from '../../../src/cli/clusters';
import { sameAreas, startHelper } from '../../../src/cli/helper';
import { readCompounds, readParcels } from '../../../src/cli/load';
import { run as sites } from '../../../src/cli/sites';
import { neighbourPairs } from '../../../src/lib/geo/analyze';
import { siteReach } from '../../../src/lib/geo/sites';
import { generateCity } from '../../../scripts/city/generate';
import { repoRoot } from '../io/helpers';

const dir = mkdtempSync(join(tmpdir(), 'lianpian-helper-'));
const city = generateCity({ compounds: 2500, seed: 11 });

function collection(items: readonly { geometry: unknown }[], props: (i: number) => Record<string, unknown>, extra: unknown[] = []): string {
  const features = items.map((x, i) => ({ type: 'Feature', properties: props(i), geometry: x.geometry }));
  return JSON.stringify({ type: 'FeatureCollection', features: [...features.slice(0, 40), ...extra, ...features.slice(40)] });
}

const compoundProps = (i: number): Record<string, unknown> => {
  const c = city.compounds[i];
  return { id: c.id, name: c.name, district: c.district, households: c.households, floor_area_m2: c.floor_area_m2, investment_wan: c.investment_wan };
};
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const clean = file('compounds.geojson', collection(city.compounds, compoundProps));
const parcels = file('parcels.geojson', collection(city.parcels, (i) => ({ id: city.parcels[i].id })));
// existing facilities: a few parcels' polygons and one point
const existing = file('existing.geojson', JSON.stringify({
  type: 'FeatureCollection',
  features: [
    ...city.parcels.slice(0, 12).map((p) => ({ type: 'Feature', properties: {}, geometry: p.geometry })),
    { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: (city.compounds[5].geometry.coordinates as number[][][])[0][0] } },
  ],
}));
// guesses the helper cannot make: a feature skipped (a point), one repaired (a repeated vertex, an open ring)
const point = { type: 'Feature', properties: { id: 'PT' }, geometry: { type: 'Point', coordinates: [113.9, 35.3] } };
const ring = [[113.9, 35.3], [113.901, 35.3], [113.901, 35.3], [113.901, 35.301], [113.9, 35.301]];
const repaired = { type: 'Feature', properties: { id: 'RP', households: 10 }, geometry: { type: 'Polygon', coordinates: [ring] } };
const outside = { type: 'Feature', properties: { id: 'OUT' }, geometry: { type: 'Polygon', coordinates: [[[113.9, 95], [113.91, 95], [113.91, 95.1], [113.9, 95]]] } };
const withPoint = file('with-point.geojson', collection(city.compounds, compoundProps, [point]));
const withRepair = file('with-repair.geojson', collection(city.compounds, compoundProps, [repaired]));
const withOutside = file('with-outside.geojson', collection(city.compounds, compoundProps, [outside]));
// parcels the helper reads itself (its first pass over the file) and cannot guess: one repaired, one excluded
const parcelProps = (i: number): Record<string, unknown> => ({ id: city.parcels[i].id });
const parcelsWithPoint = file('parcels-with-point.geojson', collection(city.parcels, parcelProps, [point]));
const parcelsWithRepair = file('parcels-with-repair.geojson', collection(city.parcels, parcelProps, [repaired]));
const parcelsWithOutside = file('parcels-with-outside.geojson', collection(city.parcels, parcelProps, [outside]));

async function output(run: typeof clusters, argv: string[]): Promise<string> {
  const out = join(mkdtempSync(join(dir, 'out-')), 'out');
  await run(parseArgs([...argv, '--out', out]));
  return readFileSync(out, 'utf8');
}

/** The output with and without the helper (every file large, or none). */
async function bothWays(run: typeof clusters, argv: string[]): Promise<[string, string]> {
  process.env.LIANPIAN_FLAT_MIN_BYTES = '0';
  const helped = await output(run, argv);
  process.env.LIANPIAN_FLAT_MIN_BYTES = String(2 ** 40);
  const alone = await output(run, argv);
  return [helped, alone];
}

afterEach(() => {
  delete process.env.LIANPIAN_FLAT_MIN_BYTES;
});

describe('the CLI helper, in this thread (tests, tsx)', () => {
  it('on a clean file: its half scan and answer are used, and equal what the main thread computes', async () => {
    process.env.LIANPIAN_FLAT_MIN_BYTES = '0';
    const helper = startHelper({ kind: 'pairs', gapM: 10 })!;
    const { compounds } = await readCompounds(clean, undefined, helper);
    expect(compounds).toHaveLength(city.compounds.length);
    expect(sameAreas(compounds, helper.areas)).toBe(true);
    const answer = await helper.answer();
    const own = neighbourPairs(compounds.map((c) => c.geometry), 10);
    expect(answer?.pairs.a.length).toBeGreaterThan(1000);
    expect(answer).toEqual({ kind: 'pairs', ...own });

    const reachHelper = startHelper({ kind: 'reach', radiusM: 500, distances: true })!;
    const parcelGeoms = JSON.parse(readFileSync(parcels, 'utf8')).features.map((f: { geometry: unknown }) => f.geometry);
    reachHelper.provide(parcelGeoms, []);
    const again = await readCompounds(clean, undefined, reachHelper);
    expect(sameAreas(again.compounds, reachHelper.areas)).toBe(true);
    const reach = (await reachHelper.answer())!.reach;
    const ownReach = siteReach(compounds.map((c) => c.geometry), parcelGeoms, [], { radiusM: 500, distances: true });
    expect({ ...reach, timings: null }).toEqual({ ...ownReach, timings: null });
  });

  it('is trusted only when every polygon read is a compound as read (a point skipped is fine; a polygon excluded or repaired is not)', async () => {
    process.env.LIANPIAN_FLAT_MIN_BYTES = '0';
    for (const [path, trusted] of [[withPoint, true], [withRepair, false], [withOutside, false]] as const) {
      const helper = startHelper({ kind: 'pairs', gapM: 10 })!;
      const { compounds } = await readCompounds(path, undefined, helper);
      expect(helper.areas).not.toBeNull();
      expect(sameAreas(compounds, helper.areas), path).toBe(trusted);
    }
  });

  it('reading the parcels itself: trusted only when every parcel read here is a polygon of its first pass, as read', async () => {
    process.env.LIANPIAN_FLAT_MIN_BYTES = '0';
    for (const [path, trusted] of [[parcels, true], [parcelsWithPoint, true], [parcelsWithRepair, false], [parcelsWithOutside, false]] as const) {
      const helper = startHelper({ kind: 'reach', radiusM: 500, distances: false, parcelsFile: path })!;
      helper.provide(null, []);
      const { compounds } = await readCompounds(clean, undefined, helper);
      const scan = await helper.parcelScan();
      expect(scan?.areas.length, path).toBe(city.parcels.length + (path === parcels || path === parcelsWithPoint ? 0 : 1));
      const read = await readParcels(path, undefined, scan ?? undefined);
      expect(read.parcels.length).toBe(city.parcels.length + (path === parcelsWithRepair ? 1 : 0));
      expect(sameAreas(read.parcels, scan?.areas), path).toBe(trusted);
      // what the helper measured: its own first pass over the parcels (none when one of them is no lon/lat polygon)
      const answer = await helper.answer();
      if (path === parcelsWithOutside) expect(answer).toBeNull();
      else expect(answer!.reach.compound).toEqual(siteReach(compounds.map((c) => c.geometry), scan!.areas as never, [], { radiusM: 500 }).compound);
    }
  });

  it.each([
    ['parcels with a point', parcelsWithPoint],
    ['a parcel repaired', parcelsWithRepair],
    ['a parcel excluded', parcelsWithOutside],
  ])('sites writes the same bytes with and without it when it reads the parcels (%s)', async (_, path) => {
    const [a, b] = await bothWays(sites, [clean, path, '--radius', '500', '--k', '3', '--format', 'json']);
    expect(a).toBe(b);
    expect(JSON.parse(a).parcels.length).toBeGreaterThanOrEqual(city.parcels.length);
    const [c, d] = await bothWays(sites, [clean, path, '--radius', '400', '--existing', existing, '--capacity', '900', '--format', 'csv']);
    expect(c).toBe(d);
  }, 60_000);

  it.each([
    ['clean', clean],
    ['a point among the compounds', withPoint],
    ['a compound repaired', withRepair],
    ['a polygon excluded', withOutside],
  ])('clusters and sites write the same bytes with and without it (%s)', async (_, path) => {
    const [a, b] = await bothWays(clusters, [path, '--gap', '10', '--format', 'json']);
    expect(a).toBe(b);
    expect(JSON.parse(a).pairs.length).toBeGreaterThan(1000);
    const [c, d] = await bothWays(sites, [path, parcels, '--radius', '500', '--k', '3', '--format', 'json']);
    expect(c).toBe(d);
    const [e, f] = await bothWays(sites, [path, parcels, '--radius', '300', '--capacity', '800', '--k', '2', '--format', 'csv']);
    expect(e).toBe(f);
    const [g, h] = await bothWays(sites, [path, parcels, '--radius', '400', '--existing', existing, '--target', '60', '--format', 'json']);
    expect(g).toBe(h);
    expect(JSON.parse(g).covered_households).toBeGreaterThan(0);
  }, 60_000);
});

describe('the CLI helper thread (the bundled CLI, as npm run cli runs it)', () => {
  const cli = (env: Record<string, string>, ...argv: string[]): string =>
    execFileSync(process.execPath, [resolve(repoRoot, 'scripts/cli.mjs'), ...argv], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  beforeAll(() => {
    cli({}, '--help'); // builds dist-cli when stale
  }, 120_000);

  it.each([
    ['clean', clean],
    ['a compound repaired', withRepair],
  ])('writes the same bytes as without the thread (%s)', (_, path) => {
    for (const argv of [
      ['clusters', path, '--gap', '10', '--format', 'json'],
      ['sites', path, parcels, '--radius', '500', '--k', '3', '--format', 'json'],
      ['sites', path, parcels, '--radius', '400', '--existing', existing, '--capacity', '900', '--k', '4', '--format', 'json'],
    ]) {
      const helped = cli({ LIANPIAN_FLAT_MIN_BYTES: '0', LIANPIAN_DEBUG: '1' }, ...argv);
      const alone = cli({ LIANPIAN_FLAT_MIN_BYTES: String(2 ** 40) }, ...argv);
      expect(helped).toBe(alone);
      expect(helped.length).toBeGreaterThan(10_000);
    }
  }, 120_000);

  it('sites and clusters: the thread writes the --out file (over a longer one), or hands its text back for stdout, or ends unasked (csv)', () => {
    const run = (env: Record<string, string>, ...argv: string[]) =>
      spawnSync(process.execPath, [resolve(repoRoot, 'scripts/cli.mjs'), ...argv], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
    const helped = { LIANPIAN_FLAT_MIN_BYTES: '0', LIANPIAN_DEBUG: '1' }, alone = { LIANPIAN_FLAT_MIN_BYTES: String(2 ** 40) };
    const argv = ['sites', clean, parcels, '--radius', '500', '--k', '3'];
    const out = join(mkdtempSync(join(dir, 'over-')), 'sites.json');
    writeFileSync(out, 'x'.repeat(3_000_000));
    const written = run(helped, ...argv, '--out', out);
    expect(written.status).toBe(0);
    expect(written.stderr).toContain('written by the helper');
    const stdout = run(alone, ...argv);
    expect(readFileSync(out, 'utf8')).toBe(stdout.stdout);
    expect(JSON.parse(stdout.stdout).parcels.length).toBeGreaterThan(10);
    expect(run(helped, ...argv).stdout).toBe(stdout.stdout);
    const csv = run(helped, ...argv, '--format', 'csv');
    expect(csv.status).toBe(0);
    expect(csv.stderr).toContain('helper thread: answer used');
    expect(csv.stdout).toBe(run(alone, ...argv, '--format', 'csv').stdout);

    // clusters: the same with the pairs
    const pairsArgv = ['clusters', clean, '--gap', '10'];
    writeFileSync(out, 'x'.repeat(3_000_000));
    const clustersWritten = run(helped, ...pairsArgv, '--out', out);
    expect(clustersWritten.stderr).toContain('written by the helper');
    const clustersAlone = run(alone, ...pairsArgv).stdout;
    expect(readFileSync(out, 'utf8')).toBe(clustersAlone);
    expect(JSON.parse(clustersAlone).pairs.length).toBeGreaterThan(100);
    expect(run(helped, ...pairsArgv).stdout).toBe(clustersAlone);
    const pairsCsv = run(helped, ...pairsArgv, '--format', 'csv');
    expect(pairsCsv.stderr).toContain('helper thread: answer used');
    expect(pairsCsv.stdout).toBe(run(alone, ...pairsArgv, '--format', 'csv').stdout);
  }, 120_000);

  it('says on stderr (LIANPIAN_DEBUG) whether the thread measured the polygons', () => {
    const stderr = (path: string): string =>
      spawnSync(process.execPath, [resolve(repoRoot, 'scripts/cli.mjs'), 'clusters', path, '--out', join(dir, 'x.json')], {
        cwd: repoRoot, env: { ...process.env, LIANPIAN_FLAT_MIN_BYTES: '0', LIANPIAN_DEBUG: '1' }, encoding: 'utf8',
      }).stderr;
    expect(stderr(clean)).toContain('helper thread: answer used');
    expect(stderr(withRepair)).toContain('helper thread: not used');
  }, 60_000);

  it('reads the parcels on the thread, and does not use its answer when a parcel loads otherwise; a missing parcels file is named', () => {
    const run = (env: Record<string, string>, ...argv: string[]) =>
      spawnSync(process.execPath, [resolve(repoRoot, 'scripts/cli.mjs'), ...argv], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
    const helped = { LIANPIAN_FLAT_MIN_BYTES: '0', LIANPIAN_DEBUG: '1' }, alone = { LIANPIAN_FLAT_MIN_BYTES: String(2 ** 40) };
    const clean = run(helped, 'sites', withPoint, parcels, '--radius', '500');
    expect(clean.stderr).toContain("parcels: the helper's first pass received");
    expect(clean.stderr).toContain('helper thread: answer used');
    expect(clean.stdout).toBe(run(alone, 'sites', withPoint, parcels, '--radius', '500').stdout);
    const repairedRun = run(helped, 'sites', withPoint, parcelsWithRepair, '--radius', '500', '--k', '2');
    expect(repairedRun.status).toBe(0);
    expect(repairedRun.stderr).toContain('helper thread: not used');
    expect(repairedRun.stdout).toBe(run(alone, 'sites', withPoint, parcelsWithRepair, '--radius', '500', '--k', '2').stdout);
    expect(JSON.parse(repairedRun.stdout).parcels.some((p: { id: string }) => p.id === 'RP')).toBe(true);
    const missing = run(helped, 'sites', withPoint, join(dir, 'no-such-parcels.geojson'), '--radius', '500');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/no-such-parcels\.geojson.*file not found/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
