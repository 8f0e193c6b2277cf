import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, waitForCompounds, type App } from './harness';

let app: App;
let page: Page;
const FILE = path.join(os.tmpdir(), `lianpian-hostile-${process.pid}.geojson`);
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  'javascript:window.__xss=3',
  '{{constructor.constructor("window.__xss=4")()}}',
  '=HYPERLINK("http://example.invalid")',
];

beforeAll(async () => {
  const ring = (x: number) => [[[113.88 + x, 35.3], [113.881 + x, 35.3], [113.881 + x, 35.301], [113.88 + x, 35.301], [113.88 + x, 35.3]]];
  writeFileSync(
    FILE,
    JSON.stringify({
      type: 'FeatureCollection',
      features: PAYLOADS.map((p, i) => ({ type: 'Feature', properties: { id: `X${i}`, 小区名称: p, 所属区县: p, 街道: p, 备注: p, 户数: 100 }, geometry: { type: 'Polygon', coordinates: ring(i * 0.002) } })),
    }),
  );
  app = await startApp();
  page = await app.newPage();
  await page.goto(app.url);
  await waitForCompounds(page, 2500);
});
afterAll(async () => {
  await app?.close();
  rmSync(FILE, { force: true });
});

describe('hostile attribute values', () => {
  it('are shown as text in the table and the card, and no script runs', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.getByTestId('file-input').setInputFiles(FILE);
    await expect.poll(() => waitForCompounds(page, 1), { timeout: 30000 }).toBe(PAYLOADS.length);
    await page.getByTestId('toggle-table').click();
    const rows = page.getByTestId('attribute-table').getByTestId('table-row');
    await expect.poll(() => rows.count()).toBe(PAYLOADS.length);
    for (let i = 0; i < PAYLOADS.length; i++) {
      await rows.nth(i).click();
      const card = page.getByTestId('feature-card');
      await card.waitFor();
      // the markup arrives verbatim as text: no element was made from it
      expect(PAYLOADS).toContain((await card.locator('h3').textContent()) ?? '');
      expect(await card.locator('img, script').count()).toBe(0);
    }
    expect(await page.locator('table img, table script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // on a slide: a view saved with the hostile compound selected names it on the slide, as text
    await rows.nth(0).click();
    await page.getByTestId('view-save').click();
    await page.getByTestId('present-start').click();
    const subject = page.getByTestId('slide-subject');
    await subject.waitFor();
    expect(await subject.textContent()).toBe(PAYLOADS[0]);
    expect(await page.getByTestId('presenter').locator('img, script').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('presenter').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // in a printed page: the summary table lists the districts, here the payloads, drawn as text on the page
    await page.getByTestId('print-open').click();
    await page.getByTestId('print-size').selectOption('A4');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('print-pdf').click()]);
    const pdf = path.join(os.tmpdir(), `lianpian-hostile-${process.pid}.pdf`);
    await download.saveAs(pdf);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/^Pages:\s+1$/m);
    rmSync(pdf, { force: true });
    expect(await page.getByTestId('print-dialog').locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // and still nothing left the machine
    const origin = new URL(app.url).origin;
    expect(app.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  });
});
