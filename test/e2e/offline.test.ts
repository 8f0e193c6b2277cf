// With no network at all (every request that is not to the app's own loopback server is refused and logged),
// the app opens on the sample city, draws it, and runs an analysis; nothing tries to leave the machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { mapIdle, snapshotMap, startApp, waitForCompounds, type App } from './harness';

let app: App;
let context: BrowserContext;
let page: Page;
const refused: string[] = [];

beforeAll(async () => {
  app = await startApp();
  const origin = new URL(app.url).origin;
  context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    refused.push(url);
    return route.abort('internetdisconnected');
  });
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await app?.close();
});

describe('with the network disabled', () => {
  it('loads, draws and analyses the sample city, and asks for nothing outside the machine', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    expect(await waitForCompounds(page, 2500)).toBeGreaterThan(2500);
    await mapIdle(page);
    // the map drew something: the canvas is not one flat colour
    await snapshotMap(page, 'offline');
    const distinct = await page.evaluate(() => {
      const d = (globalThis as unknown as { __snaps: Record<string, ImageData> }).__snaps.offline.data;
      const seen = new Set<number>();
      for (let i = 0; i < d.length; i += 4 * 97) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return seen.size;
    });
    expect(distinct).toBeGreaterThan(10);
    await page.getByTestId('clusters-active').check();
    const summary = page.getByTestId('clusters-summary');
    await summary.waitFor({ timeout: 30000 });
    expect(Number(await summary.getAttribute('data-multi'))).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
  });
});
