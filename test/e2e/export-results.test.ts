import os from 'node:os';
import path from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { analyzeClustersSync, type ClusterResult } from '../../src/lib/geo/analyze';
import type { Compound } from '../../src/lib/geo/types';
import { matchFields, toCompounds } from '../../src/lib/io/fields';
import { readLedger } from '../../src/lib/io/ledger-read';
import { loadFile } from '../../src/lib/io/load';
import { ROOT, startApp, waitForCompounds, waitForParcels, type App } from './harness';

let app: App;
let page: Page;
const files: string[] = [];
/** The sample city's compounds and their clusters at the app's default gap, computed here by the same engine. */
let compounds: Compound[];
let expected: ClusterResult;

type Props = Record<string, unknown>;
type Collection = { features: { properties: Props; geometry: { type: string } | null }[] };

beforeAll(async () => {
  const layer = await loadFile('compounds.fgb', readFileSync(path.join(ROOT, 'data/compounds.fgb')));
  compounds = toCompounds(layer, matchFields(layer.columns, layer.features.slice(0, 50).map((f) => f.properties))).compounds;
  expected = analyzeClustersSync(compounds, { gapM: 10, units: false });
  app = await startApp();
  page = await app.newPage();
  await page.goto(app.url);
  await waitForCompounds(page, 2500);
  await waitForParcels(page);
});
afterAll(async () => {
  await app?.close();
  for (const f of files) rmSync(f, { force: true });
});

/** Press an export button in `format` and return the downloaded file's path. */
async function download(testid: string, format: string, formatTestid = `${testid}-format`): Promise<string> {
  await page.getByTestId(formatTestid).selectOption(format);
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const file = path.join(os.tmpdir(), `lianpian-results-${process.pid}-${d.suggestedFilename()}`);
  files.push(file);
  await d.saveAs(file);
  return file;
}

const json = (file: string): Collection => JSON.parse(readFileSync(file, 'utf8')) as Collection;

/** CSV rows as cells (no quoted commas in these columns), after checking and dropping the BOM. */
function csvRows(file: string): string[][] {
  const bytes = readFileSync(file);
  expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.subarray(3).toString('utf8').trimEnd().split('\r\n').map((l) => l.split(','));
}

describe('exporting the analysis results', () => {
  it('exports clusters and neighbour pairs as GeoJSON and CSV with the analysis counts and values', async () => {
    await page.getByTestId('clusters-active').check();
    const summary = page.locator('[data-testid="clusters-summary"][data-gap="10"]');
    await summary.waitFor({ timeout: 60000 });
    const count = Number(await summary.getAttribute('data-clusters'));
    expect(count).toBe(expected.clusters.count);

    const clusters = json(await download('export-clusters', 'geojson')).features;
    expect(clusters.length).toBe(count);
    expect(clusters.map((f) => f.properties.households)).toEqual(Array.from(expected.clusters.households));
    clusters.forEach((f, k) => expect(f.properties.wall_m).toBeCloseTo(expected.clusters.wall[k], 6));
    expect(clusters.every((f) => f.geometry?.type === 'MultiPolygon')).toBe(true);

    const pairs = json(await download('export-pairs', 'geojson')).features;
    expect(pairs.length).toBe(expected.pairs.a.length);
    expect(pairs.length).toBeGreaterThan(100);
    pairs.forEach((f, i) => {
      expect(f.properties.a_id).toBe(compounds[expected.pairs.a[i]].id);
      expect(f.properties.wall_m).toBeCloseTo(expected.pairs.wall[i], 6);
    });

    // CSV: Chinese headers (the page is zh-CN), one line per cluster / pair
    const clusterCsv = csvRows(await download('export-clusters', 'csv'));
    expect(clusterCsv[0].slice(0, 4)).toEqual(['连片编号', '小区数', '成员小区编号', '户数']);
    expect(clusterCsv.length - 1).toBe(count);
    expect(clusterCsv.slice(1).map((r) => Number(r[3]))).toEqual(Array.from(expected.clusters.households));
    const pairCsv = csvRows(await download('export-pairs', 'csv'));
    expect(pairCsv.length - 1).toBe(expected.pairs.a.length);
  });

  it('exports the parcels with the chosen sites as FlatGeobuf', async () => {
    await page.getByTestId('sites-active').check();
    await page.getByTestId('site-k').fill('5');
    const summary = page.locator('[data-testid="site-summary"][data-k="5"]');
    await summary.waitFor({ timeout: 60000 });
    const chosen = ((await summary.getAttribute('data-chosen')) ?? '').split(',');
    const added = Number(await summary.getAttribute('data-covered')) - Number(await summary.getAttribute('data-existing'));
    const parcels = await page.evaluate(() => (globalThis as unknown as { __lianpianProject: { parcels: unknown[] } }).__lianpianProject.parcels.length);

    const file = await download('export-parcels', 'fgb');
    const layer = await loadFile(path.basename(file), readFileSync(file));
    expect(layer.features.length).toBe(parcels);
    const ranked = layer.features.filter((f) => Number(f.properties.chosen_rank) > 0).sort((a, b) => Number(a.properties.chosen_rank) - Number(b.properties.chosen_rank));
    expect(ranked.map((f) => String(f.properties.id))).toEqual(chosen);
    expect(ranked.reduce((s, f) => s + Number(f.properties.added_households), 0)).toBeCloseTo(added, 6);
    expect(layer.features.every((f) => f.geometry && f.properties.facility_type === 'elderly-day-care')).toBe(true);
  });

  it('exports the district table as XLSX with the sums the dock shows', async () => {
    await page.getByTestId('districts-active').check();
    await page.getByTestId('district-dock').waitFor();
    const shown = await page.getByTestId('dm-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-district')));
    const households = await page.evaluate(() => {
      const out: Record<string, number> = {};
      for (const c of (globalThis as unknown as { __lianpianProject: { compounds: Compound[] } }).__lianpianProject.compounds) out[c.district] = (out[c.district] ?? 0) + (c.households ?? 0);
      return out;
    });
    const file = await download('export-districts', 'xlsx');
    const table = await readLedger(path.basename(file), readFileSync(file));
    expect(table.rows.map((r) => r['区县'])).toEqual(shown);
    expect(Object.fromEntries(table.rows.map((r) => [r['区县'], r['户数']]))).toEqual(households);
    // the default profile (Xinxiang 2020) splits the subsidy: its money columns carry the dock's headers
    const money = await page.getByTestId('dm-table').locator('thead th').evaluateAll((th) => th.slice(6).map((e) => e.textContent));
    expect(money).toContain('上级补助（万元）');
    expect(table.columns.slice(6, 6 + money.length)).toEqual(money);
  });

  it('reopens exported compounds with the computed columns, with the same features and values', async () => {
    type Row = { id: string; households: number | null; investment_wan: number | null; extra: Props };
    const rows = (): Promise<Row[]> =>
      page.evaluate(() =>
        (globalThis as unknown as { __lianpianProject: { compounds: Compound[] } }).__lianpianProject.compounds.map((c) => ({
          id: String(c.id), households: c.households, investment_wan: c.investment_wan, extra: { ...c.extra },
        })),
      );
    const before = await rows();
    if (!(await page.getByTestId('attribute-table').isVisible())) await page.getByTestId('toggle-table').click();
    const file = await download('export-compounds', 'geojson', 'export-format');
    const exported = json(file).features.map((f) => f.properties);
    expect(exported.length).toBe(before.length);
    // the computed columns are the analyses' values
    exported.forEach((p, i) => expect(p.cluster).toBe(expected.clusters.cluster[i] + 1));
    expect(exported.filter((p) => p.served_by === 'existing' || (typeof p.served_by === 'string' && p.served_by.length > 0)).length).toBeGreaterThan(0);
    expect(exported.every((p) => typeof p.subsidy_wan === 'number')).toBe(true);

    await page.getByTestId('file-input').setInputFiles(file);
    await expect.poll(async () => (await rows()).map((r) => r.extra.cluster !== undefined).every(Boolean), { timeout: 30000 }).toBe(true);
    const after = await rows();
    expect(after.map((r) => [r.id, r.households, r.investment_wan])).toEqual(before.map((r) => [r.id, r.households, r.investment_wan]));
    const computed = ['cluster', 'unit', 'served_by', 'grants_wan', 'subsidy_wan', 'subsidy_district_wan'];
    expect(after.map((r) => computed.map((k) => r.extra[k] ?? null))).toEqual(exported.map((p) => computed.map((k) => p[k] ?? null)));
  });
});
