import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, startApp, waitForCompounds, type App } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = await app.newPage();
  await page.goto(app.url);
  await waitForCompounds(page, 2500);
});
afterAll(async () => {
  await app?.close();
});

const names = (p: Page): Promise<string[]> =>
  p.evaluate(() => (globalThis as unknown as { __lianpianProject: { compounds: { name: string }[] } }).__lianpianProject.compounds.map((c) => c.name).sort());

describe('no lost work', () => {
  it('brings back the opened file and the parameters after a reload', async () => {
    await page.getByTestId('file-input').setInputFiles(path.join(ROOT, 'test/fixtures/io/xinxiang-4547-gbk.zip'));
    await expect.poll(() => waitForCompounds(page, 1), { timeout: 30000 }).toBeLessThan(20);
    const before = await names(page);
    await page.getByTestId('clusters-active').check();
    await page.getByTestId('gap-slider').fill('25');
    await page.getByTestId('filter-year-max').fill('1999');
    // autosave is debounced: the header says when everything is in storage
    const status = page.getByTestId('autosave-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15000 }).toBe('saved');
    expect(await status.textContent()).toMatch(/已自动保存 \d\d:\d\d/);
    await page.reload();
    await expect.poll(() => waitForCompounds(page, 1), { timeout: 30000 }).toBe(before.length);
    expect(await names(page)).toEqual(before);
    expect(await page.getByTestId('clusters-active').isChecked()).toBe(true);
    expect(await page.getByTestId('gap-slider').inputValue()).toBe('25');
    expect(await page.getByTestId('filter-year-max').inputValue()).toBe('1999');
  });

  it('asks before a new project discards it, then opens on the sample city again', async () => {
    page.once('dialog', (d) => void d.dismiss());
    await page.getByTestId('new-project').click();
    await page.waitForTimeout(500);
    expect((await names(page)).length).toBeLessThan(20);
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('new-project').click();
    await page.waitForLoadState('load');
    expect(await waitForCompounds(page, 2500)).toBeGreaterThan(2500);
  });
});
