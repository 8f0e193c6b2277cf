import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, waitForCompounds, type App } from './harness';

let app: App;
let page: Page;
const files: string[] = [];

beforeAll(async () => {
  app = await startApp();
  page = await app.newPage();
  await page.goto(app.url);
  await waitForCompounds(page, 2500);
});
afterAll(async () => {
  await app?.close();
  for (const f of files) rmSync(f, { force: true });
});

type Row = { id: string; name: string; households: number | null; investment_wan: number | null };
const rows = (p: Page): Promise<Row[]> =>
  p.evaluate(() => {
    const pr = (globalThis as unknown as { __lianpianProject: { compounds: Row[]; mask: Uint8Array } }).__lianpianProject;
    return pr.compounds.filter((_, i) => pr.mask[i]).map((c) => ({ id: String(c.id), name: c.name, households: c.households, investment_wan: c.investment_wan }));
  });

describe('exporting the filtered compounds', () => {
  for (const format of ['geojson', 'fgb'] as const) {
    it(`writes ${format} that reopens in the app with the same compounds and values`, async () => {
      await page.getByTestId('filter-district').selectOption('卫滨区');
      const before = await rows(page);
      expect(before.length).toBeGreaterThan(100);
      if (!(await page.getByTestId('attribute-table').isVisible())) await page.getByTestId('toggle-table').click();
      await page.getByTestId('export-format').selectOption(format);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-compounds').click()]);
      const file = path.join(os.tmpdir(), `lianpian-export-${process.pid}-${download.suggestedFilename()}`);
      files.push(file);
      await download.saveAs(file);
      await page.getByTestId('filter-district').selectOption('');
      await page.getByTestId('file-input').setInputFiles(file);
      await expect.poll(() => waitForCompounds(page, 1), { timeout: 30000 }).toBe(before.length);
      const after = await rows(page);
      const byId = (r: Row[]) => Object.fromEntries(r.map((x) => [x.id, x]));
      expect(byId(after)).toEqual(byId(before));
    });
  }
});
