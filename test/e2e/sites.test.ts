import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { changedShare, jumpTo, mapIdle, ROOT, snapshotMap, startApp, waitForCompounds, waitForParcels, type App } from './harness';

let app: App;
let page: Page;

interface CliSites {
  radius_m: number;
  parcels: { id: string; area_m2: number; compounds: string[]; households: number }[];
  chosen?: { id: string; added_households: number }[];
  covered_households: number;
  total_households: number;
}

/** What the CLI says for the sample city with these flags. */
function cliSites(...flags: string[]): CliSites {
  const out = execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/main.ts', 'sites', 'data/compounds.fgb', 'data/parcels.fgb', ...flags, '--format', 'json'],
    { cwd: ROOT, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return JSON.parse(out.toString('utf8')) as CliSites;
}

/** The panel's summary once it shows a result for this type and radius. */
async function summary(type: string, radius: number, ask: { k?: number; target?: number; minArea?: number }): Promise<{ chosen: string[]; covered: number; total: number }> {
  const by = (ask.k !== undefined ? `[data-k="${ask.k}"]` : `[data-target="${ask.target}"]`) + (ask.minArea !== undefined ? `[data-min-area="${ask.minArea}"]` : '');
  const el = page.locator(`[data-testid="site-summary"][data-type="${type}"][data-radius="${radius}"]${by}`);
  await el.waitFor({ timeout: 60000 });
  const chosen = (await el.getAttribute('data-chosen')) ?? '';
  return { chosen: chosen ? chosen.split(',') : [], covered: Number(await el.getAttribute('data-covered')), total: Number(await el.getAttribute('data-total')) };
}

beforeAll(async () => {
  app = await startApp();
  page = await app.newPage();
  await page.goto(app.url);
  await waitForCompounds(page, 2500);
  await waitForParcels(page);
});
afterAll(async () => {
  await app?.close();
});

describe('idle land as facility sites', () => {
  it('chooses the same parcels, in the same order and covering the same households, as the CLI for the default type', async () => {
    await jumpTo(page, [113.88, 35.31], 14);
    await snapshotMap(page, 'before-sites');
    await page.getByTestId('sites-active').check();
    // elderly day care by default: 500 m, at least 400 m², at most 3000 households per facility
    await expect.poll(() => page.getByTestId('site-type').inputValue()).toBe('elderly-day-care');
    await page.getByTestId('site-k').fill('5');
    const ui = await summary('elderly-day-care', 500, { k: 5 });
    const cli = cliSites('--type', 'elderly-day-care', '--k', '5');
    expect(ui.chosen).toEqual(cli.chosen!.map((c) => c.id));
    expect(ui.covered).toBeCloseTo(cli.covered_households, 3);
    expect(ui.total).toBeCloseTo(cli.total_households, 3);
    // the sentence about exact or greedy and its bound is there
    expect((await page.getByTestId('site-method').textContent())?.length).toBeGreaterThan(5);
    await mapIdle(page);
    await snapshotMap(page, 'sites');
    expect(await changedShare(page, 'before-sites', 'sites')).toBeGreaterThan(0.02);
  });

  it('shows a parcel picked in the dock with the households the CLI lists for it, and draws its ring and lines', async () => {
    const cli = cliSites('--type', 'elderly-day-care', '--k', '5');
    await page.getByTestId('site-sort-households').click();
    const row = page.getByTestId('site-row').first();
    const id = (await row.getAttribute('data-id'))!;
    await mapIdle(page);
    await snapshotMap(page, 'no-ring');
    await row.click();
    const card = page.locator(`[data-testid="site-parcel"][data-id="${id}"]`);
    await card.waitFor();
    const entry = cli.parcels.find((p) => p.id === id)!;
    expect(Number(await card.getAttribute('data-households'))).toBeCloseTo(entry.households, 3);
    expect(Number(await card.getAttribute('data-compounds'))).toBe(entry.compounds.length);
    // the most households any parcel reaches, as in the CLI
    expect(entry.households).toBe(Math.max(...cli.parcels.map((p) => p.households)));
    await mapIdle(page);
    await snapshotMap(page, 'ring');
    expect(await changedShare(page, 'no-ring', 'ring')).toBeGreaterThan(0.005);
  });

  it('follows an edited facility table and another type, still agreeing with the CLI', async () => {
    await page.getByTestId('site-type').selectOption('service-station');
    await page.getByTestId('site-k').fill('3');
    const a = await summary('service-station', 300, { k: 3 });
    const cliA = cliSites('--radius', '300', '--min-area', '600', '--k', '3');
    expect(a.chosen).toEqual(cliA.chosen!.map((c) => c.id));
    expect(a.covered).toBeCloseTo(cliA.covered_households, 3);

    await page.getByTestId('facility-edit').click();
    const row = page.getByTestId('facility-service-station');
    await row.getByTestId('facility-radius').fill('400');
    await row.getByTestId('facility-min-area').fill('300');
    await page.getByTestId('facility-close').click();
    const b = await summary('service-station', 400, { k: 3, minArea: 300 });
    const cliB = cliSites('--radius', '400', '--min-area', '300', '--k', '3');
    expect(b.chosen).toEqual(cliB.chosen!.map((c) => c.id));
    expect(b.covered).toBeCloseTo(cliB.covered_households, 3);
    // the edit is kept in the browser
    const saved = await page.evaluate(() => localStorage.getItem('lianpian.facilities'));
    expect(saved).toContain('"radiusM":400');
    await page.getByTestId('facility-edit').click();
    await page.getByTestId('facility-reset').click();
    await page.getByTestId('facility-close').click();
    await summary('service-station', 300, { k: 3, minArea: 600 });
  });

  it('says in plain words why a household target cannot be met, and lists the compounds left with nothing in reach', async () => {
    await page.getByTestId('site-mode-target').check();
    await page.getByTestId('site-target').fill('99');
    const ui = await summary('service-station', 300, { target: 99 });
    const cli = cliSites('--radius', '300', '--min-area', '600', '--target', '99');
    expect(ui.chosen).toEqual(cli.chosen!.map((c) => c.id));
    expect(ui.covered).toBeCloseTo(cli.covered_households, 3);
    expect(await page.getByTestId('site-shortfall').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('site-shortfall').first().textContent()).toMatch(/户/);
    expect(Number(await page.getByTestId('site-summary').getAttribute('data-unserved'))).toBeGreaterThan(0);
  });

  it('counts loaded existing facilities as covering, as the CLI does with --existing', async () => {
    await page.getByTestId('site-mode-k').check();
    // two existing service stations at the first vertices of two compounds
    const points = await page.evaluate(() => {
      const cs = (globalThis as unknown as { __lianpianProject: { compounds: { geometry: { type: string; coordinates: unknown } }[] } }).__lianpianProject.compounds;
      const first = (g: { type: string; coordinates: unknown }): number[] => (g.type === 'Polygon' ? (g.coordinates as number[][][])[0][0] : (g.coordinates as number[][][][])[0][0][0]);
      return [first(cs[0].geometry), first(cs[Math.floor(cs.length / 2)].geometry)];
    });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sites-')), 'stations.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: points.map((p) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: p } })) }));
    await page.getByTestId('site-existing').setInputFiles(file);
    await page.getByTestId('site-existing-info').waitFor();
    const cli = cliSites('--radius', '300', '--min-area', '600', '--k', '3', '--existing', file);
    await expect.poll(async () => Number(await page.getByTestId('site-summary').getAttribute('data-covered')), { timeout: 60000 }).toBeCloseTo(cli.covered_households, 3);
    const ui = await summary('service-station', 300, { k: 3 });
    expect(ui.chosen).toEqual(cli.chosen!.map((c) => c.id));
    expect(await page.getByTestId('site-existing-info').textContent()).toContain('2');
    expect(Number(await page.getByTestId('site-summary').getAttribute('data-existing'))).toBeGreaterThan(0);
  });
});
