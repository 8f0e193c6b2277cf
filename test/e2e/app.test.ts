import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFile } from '../../src/lib/io/load';
import { matchFields, toCompounds } from '../../src/lib/io/fields';
import { locateDistricts } from '../../src/lib/geo/district-locate';
import type { AreaGeometry } from '../../src/lib/geo/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { changedShare, jumpTo, mapIdle, ROOT, snapshotMap, startApp, waitForCompounds, type App } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = await app.newPage();
  await page.goto(app.url);
});
afterAll(async () => {
  await app?.close();
});

describe('the app on the sample city', () => {
  it('opens on about 3,000 compounds with no request leaving the machine', async () => {
    const n = await waitForCompounds(page, 2500);
    expect(n).toBeGreaterThan(2500);
    expect(n).toBeLessThan(3600);
    const origin = new URL(app.url).origin;
    const external = app.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(external).toEqual([]);
  });

  it('draws the compounds on the map canvas', async () => {
    // the old town of the sample city
    await jumpTo(page, [113.88, 35.31], 14);
    await snapshotMap(page, 'with');
    await page.getByTestId('layer-compounds').uncheck();
    await mapIdle(page);
    await snapshotMap(page, 'without');
    await page.getByTestId('layer-compounds').check();
    // compounds cover a visible share of the old town
    expect(await changedShare(page, 'with', 'without')).toBeGreaterThan(0.05);
  });

  it('opens the attribute table, searches it and selects a row', async () => {
    await page.getByTestId('toggle-table').click();
    const table = page.getByTestId('attribute-table');
    await expect.poll(() => table.getByTestId('table-row').count()).toBeGreaterThan(5);
    const firstName = (await table.getByTestId('table-row').first().locator('td').nth(1).textContent()) ?? '';
    expect(firstName.length).toBeGreaterThan(0);
    await page.getByTestId('table-search').fill(firstName);
    await expect.poll(async () => (await page.getByTestId('table-count').textContent()) ?? '').toMatch(/^\s*[1-9]\d?\s/);
    await table.getByTestId('table-row').first().click();
    await expect.poll(async () => (await page.getByTestId('feature-card').textContent()) ?? '').toContain(firstName);
    // the card writes numbers as the table does, a stage in words, and the id once
    const row = table.getByTestId('table-row').first();
    const card = page.getByTestId('feature-card');
    const field = async (label: string) => card.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]').textContent();
    expect(await field('户数')).toBe((await row.locator('td[data-field="households"]').textContent())!.trim());
    expect(await card.locator('dt', { hasText: /^编号$/ }).count()).toBe(1);
    expect(await card.locator('dt', { hasText: /^id$/ }).count()).toBe(0);
    expect(['', '摸底征询', '设计', '招标', '施工', '验收']).toContain((await field('状态')) ?? '');
    await page.getByTestId('table-search').fill('');
  });

  it('selects a compound clicked on the map and shows its attributes as text', async () => {
    // centre the view on the largest compound (its bounding-box centre lies inside it for these blocks)
    const target = await page.evaluate(() => {
      const p = (globalThis as unknown as { __lianpianProject: { compounds: { name: string; floor_area_m2: number | null; geometry: { type: string; coordinates: number[][][] } }[] } }).__lianpianProject;
      let best = p.compounds[0];
      for (const c of p.compounds) if (c.geometry.type === 'Polygon' && c.geometry.coordinates.length === 1 && (c.floor_area_m2 ?? 0) > (best.floor_area_m2 ?? 0)) best = c;
      const ring = best.geometry.coordinates[0];
      const xs = ring.map((q) => q[0]);
      const ys = ring.map((q) => q[1]);
      return { name: best.name, centre: [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2] as [number, number] };
    });
    await jumpTo(page, target.centre, 18);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(async () => (await page.getByTestId('feature-card').textContent()) ?? '', { timeout: 15000 }).toContain(target.name);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('feature-card').count()).toBe(0);
  });

  it('switches the interface language to English and back', async () => {
    await expect.poll(async () => page.locator('h1').textContent()).toContain('老旧小区');
    await page.getByTestId('lang-toggle').click();
    await expect.poll(async () => page.locator('h1').textContent()).toContain('renovation');
    expect(await page.getByTestId('toggle-table').textContent()).toBe('Attribute table');
    await page.getByTestId('lang-toggle').click();
    await expect.poll(async () => page.locator('h1').textContent()).toContain('老旧小区');
  });
});

/** every [lon, lat] of a GeoJSON coordinates array, however deep */
function positions(c: unknown): number[][] {
  return typeof (c as number[])[0] === 'number' ? [c as number[]] : (c as unknown[]).flatMap(positions);
}

describe('opening files', () => {
  it('lands a GBK Shapefile in a Gauss-Krüger zone where it belongs, names intact', async () => {
    const fixtures = path.join(ROOT, 'test/fixtures/io');
    const manifest = JSON.parse(readFileSync(path.join(fixtures, 'manifest.json'), 'utf8')) as {
      compounds: { name: string; geometry: { coordinates: number[][][] } | null }[];
    };
    // one fixture compound has no geometry: the loader skips it and says so
    const drawn = manifest.compounds.filter((c): c is { name: string; geometry: { coordinates: number[][][] } } => c.geometry !== null);
    expect(drawn.length).toBe(manifest.compounds.length - 1);
    await page.getByTestId('file-input').setInputFiles(path.join(fixtures, 'xinxiang-4547-gbk.zip'));
    await expect.poll(() => waitForCompounds(page, 1), { timeout: 30000 }).toBe(drawn.length);
    const loaded = await page.evaluate(() => {
      const p = (globalThis as unknown as { __lianpianProject: { compounds: { name: string; geometry: { type: string; coordinates: number[][][] } }[] } }).__lianpianProject;
      const positions = (c: unknown): number[][] => (typeof (c as number[])[0] === 'number' ? [c as number[]] : (c as unknown[]).flatMap(positions));
      return p.compounds.map((c) => ({ name: c.name, ring: positions(c.geometry.coordinates) }));
    });
    for (const truth of drawn) {
      const got = loaded.find((c) => c.name === truth.name);
      expect(got, `${truth.name} loaded with its Chinese name`).toBeDefined();
      // every true vertex has a loaded vertex within 1 m (the ring may start elsewhere or turn the other way)
      const metres = ([a, b]: number[], [c, d]: number[]) => Math.hypot((a - c) * 111320 * Math.cos((b * Math.PI) / 180), (b - d) * 110574);
      const truthVertices = positions(truth.geometry.coordinates);
      expect(truthVertices.length).toBeGreaterThan(3);
      for (const v of truthVertices) {
        expect(Math.min(...got!.ring.map((w) => metres(v, w)))).toBeLessThan(1);
      }
    }
    // the map moved to the new layer
    await mapIdle(page);
    const center = await page.evaluate(() => (globalThis as unknown as { __lianpianMap: { getCenter(): { lng: number; lat: number } } }).__lianpianMap.getCenter());
    const all = drawn.flatMap((c) => positions(c.geometry.coordinates));
    const lons = all.map((p) => p[0]);
    const lats = all.map((p) => p[1]);
    expect(center.lng).toBeGreaterThan(Math.min(...lons) - 0.01);
    expect(center.lng).toBeLessThan(Math.max(...lons) + 0.01);
    expect(center.lat).toBeGreaterThan(Math.min(...lats) - 0.01);
    expect(center.lat).toBeLessThan(Math.max(...lats) + 0.01);
    await page.getByTestId('table-search').fill(drawn[0].name);
    await expect.poll(() => page.getByTestId('attribute-table').getByTestId('table-row').count()).toBe(1);
    // the skipped feature is counted and listed in the load report
    await page.getByTestId('reports-toggle').click();
    await expect.poll(async () => (await page.getByTestId('reports').textContent()) ?? '').toMatch(/跳过 1 个要素|1 features skipped/);
  });
});

describe('coordinates with no declared CRS', () => {
  it('asks which CRS loose shapefile parts are in, pre-selects the likely Gauss-Krüger zone, and lands them', async () => {
    const fixtures = path.join(ROOT, 'test/fixtures/io');
    await page.getByTestId('file-input').setInputFiles(['shp', 'shx', 'dbf', 'cpg'].map((e) => path.join(fixtures, `loose-noprj.${e}`)));
    const dialog = page.getByTestId('crs-dialog');
    await dialog.waitFor({ state: 'visible', timeout: 30000 });
    // eastings carry the zone number 38: EPSG:4526 is the likely answer and is pre-selected
    expect(await dialog.locator('select').inputValue()).toBe('EPSG:4526');
    await dialog.getByRole('button', { name: /应用|Apply/ }).click();
    const manifest = JSON.parse(readFileSync(path.join(fixtures, 'manifest.json'), 'utf8')) as { compounds: { name: string; geometry: unknown }[] };
    const drawn = manifest.compounds.filter((c) => c.geometry !== null);
    await expect.poll(() => waitForCompounds(page, 1), { timeout: 30000 }).toBe(drawn.length);
    const names = await page.evaluate(() => (globalThis as unknown as { __lianpianProject: { compounds: { name: string }[] } }).__lianpianProject.compounds.map((c) => c.name));
    expect(names.sort()).toEqual(drawn.map((c) => c.name).sort());
  });
});

describe('compounds without a district attribute', () => {
  it('are placed in the district polygon that holds them, and the load report says so', async () => {
    const layer = await loadFile('compounds.fgb', new Uint8Array(readFileSync(path.join(ROOT, 'data/compounds.fgb'))));
    // the first compound of each of three districts that lies wholly inside its own district's polygon
    // (a few sample compounds sit across a boundary), district attribute removed
    const districtsFc = JSON.parse(readFileSync(path.join(ROOT, 'data/districts.geojson'), 'utf8')) as { features: { properties: { name: string }; geometry: AreaGeometry }[] };
    const compounds = toCompounds(layer, matchFields(layer.columns, layer.features.slice(0, 50).map((f) => f.properties))).compounds;
    const loc = locateDistricts(compounds, districtsFc.features.map((f) => ({ name: f.properties.name, code: '', geometry: f.geometry })));
    const straddling = new Set(loc.straddlers.map((x) => x.index));
    const seen = new Map<string, (typeof layer.features)[number]>();
    layer.features.forEach((f, i) => {
      const d = String(f.properties.district);
      if (!seen.has(d) && seen.size < 3 && loc.located[i] === d && !straddling.has(i)) seen.set(d, f);
    });
    const features = [...seen.values()].map((f) => {
      const { district: _drop, ...properties } = f.properties;
      return { type: 'Feature', properties, geometry: f.geometry };
    });
    const file = path.join(os.tmpdir(), `lianpian-no-district-${process.pid}.geojson`);
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
    try {
      await page.getByTestId('file-input').setInputFiles(file);
      await expect.poll(() => waitForCompounds(page, 1), { timeout: 30000 }).toBe(3);
      const got = await page.evaluate(() =>
        (globalThis as unknown as { __lianpianProject: { compounds: { id: string; district: string }[] } }).__lianpianProject.compounds.map((c) => [String(c.id), c.district]),
      );
      expect(Object.fromEntries(got)).toEqual(Object.fromEntries([...seen].map(([d, f]) => [String(f.id), d])));
      if (!(await page.getByTestId('reports').isVisible())) await page.getByTestId('reports-toggle').click();
      await expect.poll(async () => (await page.getByTestId('reports').textContent()) ?? '').toMatch(/按位置归入区县 3 个小区|3 compounds placed in a district/);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
