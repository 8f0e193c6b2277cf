import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { jumpTo, mapIdle, mapPixels, startApp, waitForCompounds, type App } from './harness';

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
    const withCompounds = await mapPixels(page);
    await page.getByTestId('layer-compounds').uncheck();
    await mapIdle(page);
    const without = await mapPixels(page);
    await page.getByTestId('layer-compounds').check();
    let changed = 0;
    for (let i = 0; i < withCompounds.data.length; i += 4) {
      const d =
        Math.abs(withCompounds.data[i] - without.data[i]) +
        Math.abs(withCompounds.data[i + 1] - without.data[i + 1]) +
        Math.abs(withCompounds.data[i + 2] - without.data[i + 2]);
      if (d > 30) changed++;
    }
    // compounds cover a visible share of the city view
    expect(changed / (withCompounds.width * withCompounds.height)).toBeGreaterThan(0.02);
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
    await page.getByTestId('table-search').fill('');
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
