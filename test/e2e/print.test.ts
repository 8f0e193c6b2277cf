import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { jumpTo, ROOT, startApp, waitForCompounds, type App } from './harness';
import { pageLayout, type Rect } from '../../src/lib/print/page';
import { CATEGORY_COLORS } from '../../src/lib/map/colors';

let app: App;
let page: Page;
const dir = mkdtempSync(path.join(os.tmpdir(), 'lianpian-print-'));
const dialogs: string[] = [];

beforeAll(async () => {
  app = await startApp();
  page = await app.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(app.url);
  await waitForCompounds(page, 2500);
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Click `testId` in the print dialog and save the download it starts. */
async function exportFile(testId: string, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.getByTestId(testId).click()]);
  const file = path.join(dir, name);
  await download.saveAs(file);
  return file;
}

async function openDialog(size: string, orientation: string, dpi: number): Promise<void> {
  if (!(await page.getByTestId('print-dialog').isVisible())) await page.getByTestId('print-open').click();
  await page.getByTestId('print-size').selectOption(size);
  await page.getByTestId('print-orientation').selectOption(orientation);
  await page.getByTestId('print-dpi').selectOption(String(dpi));
}

function pdfinfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
}

interface Raster {
  w: number;
  h: number;
  rgb: Buffer;
}

/** Page `n` of a PDF rendered by poppler at `dpi` (binary PPM, parsed here). */
function rasterise(file: string, n: number, dpi: number): Raster {
  const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(n), '-l', String(n), file], { maxBuffer: 1 << 28 });
  const header = ppm.subarray(0, 40).toString('latin1').match(/^P6\s+(\d+)\s+(\d+)\s+255\s/);
  if (!header) throw new Error('pdftoppm did not write a binary PPM');
  return { w: Number(header[1]), h: Number(header[2]), rgb: ppm.subarray(header[0].length) };
}

/** Pixels inside `r` for which `test(r, g, b)` holds. */
function count(img: Raster, r: Rect, test: (r: number, g: number, b: number) => boolean): number {
  let n = 0;
  for (let y = Math.max(0, Math.floor(r.y)); y < Math.min(img.h, Math.ceil(r.y + r.h)); y++)
    for (let x = Math.max(0, Math.floor(r.x)); x < Math.min(img.w, Math.ceil(r.x + r.w)); x++) {
      const i = (y * img.w + x) * 3;
      if (test(img.rgb[i], img.rgb[i + 1], img.rgb[i + 2])) n++;
    }
  return n;
}
const ink = (r: number, g: number, b: number) => r + g + b < 200;

/** Tesseract's reading (simplified Chinese) of a rectangle of page `n` rendered at `dpi`. */
function ocr(file: string, n: number, r: Rect, dpi: number): string {
  const crop = path.join(dir, `crop-${n}`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(n), '-l', String(n), '-singlefile', '-png', '-x', String(Math.round(r.x)), '-y', String(Math.round(r.y)), '-W', String(Math.round(r.w)), '-H', String(Math.round(r.h)), file, crop]);
  return execFileSync('tesseract', [`${crop}.png`, 'stdout', '-l', 'chi_sim', '--psm', '7'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\s+/g, '');
}

/** Share of the characters of `want` that `got` contains, in order (a longest common subsequence). */
function recognised(want: string, got: string): number {
  const a = [...want];
  const b = [...got];
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
  return dp[a.length][b.length] / a.length;
}

describe('the print layout', () => {
  it('exports an A3 landscape PDF with a Chinese title, a legend in the map colours, a scale bar and a north arrow', async () => {
    // close enough to the old town that compounds are tens of pixels wide at 50 dpi
    const centre = await page.evaluate(() => {
      const pr = (globalThis as unknown as { __lianpianProject: { compounds: { district: string; geometry: { coordinates: unknown } }[] } }).__lianpianProject;
      const xs: number[] = [];
      const ys: number[] = [];
      const visit = (c: unknown): void => {
        if (typeof (c as number[])[0] === 'number') {
          xs.push((c as number[])[0]);
          ys.push((c as number[])[1]);
        } else for (const k of c as unknown[]) visit(k);
      };
      for (const c of pr.compounds) if (c.district === '红旗区') visit(c.geometry.coordinates);
      const mid = (a: number[]) => a.sort((p, q) => p - q)[a.length >> 1];
      return [mid(xs), mid(ys)] as [number, number];
    });
    await jumpTo(page, centre, 14);
    await openDialog('A3', 'landscape', 150);
    const title = await page.getByTestId('print-title').inputValue();
    expect(title).toMatch(/[\u4e00-\u9fff]{4,}/);
    const file = await exportFile('print-pdf', 'a3.pdf');
    const info = pdfinfo(file);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toMatch(/^1190\.55 x 841\.89 pts/);
    expect(info.Title).toBe(title);

    const dpi = 50;
    const img = rasterise(file, 1, dpi);
    const f = pageLayout('A3', 'landscape', dpi).frames;
    expect(Math.abs(img.w - 827)).toBeLessThanOrEqual(1);
    expect(count(img, f.title, ink)).toBeGreaterThan(200);
    // every category colour is in the legend, as swatches of a few dozen pixels or more
    for (const [name, [r, g, b]] of Object.entries(CATEGORY_COLORS)) {
      const n = count(img, f.legend, (x, y, z) => Math.abs(x - r) + Math.abs(y - g) + Math.abs(z - b) < 45);
      expect(n, `legend swatch of ${name}`).toBeGreaterThan(40);
    }
    // the map has the compounds in their category colours (most categories are on this view)
    const onMap = Object.values(CATEGORY_COLORS).filter(([r, g, b]) => count(img, f.map, (x, y, z) => Math.abs(x - r) + Math.abs(y - g) + Math.abs(z - b) < 60) > 50);
    expect(onMap.length).toBeGreaterThanOrEqual(3);
    // the scale bar and north arrow have ink
    expect(count(img, f.scaleBar, ink)).toBeGreaterThan(40);
    expect(count(img, f.north, ink)).toBeGreaterThan(40);
    // the table has rows of figures
    expect(count(img, f.table, ink)).toBeGreaterThan(150);

    // the title is real Chinese text, readable by OCR (the font was embedded in the page, no tofu)
    const ocrDpi = 150;
    const t = pageLayout('A3', 'landscape', ocrDpi).frames.title;
    const read = ocr(file, 1, { ...t, h: t.h * 0.62 }, ocrDpi);
    expect(recognised(title.replace(/\s+/g, ''), read), `OCR read "${read}"`).toBeGreaterThan(0.7);
  });

  it('closes on Escape and gives the focus back to its button', async () => {
    if (await page.getByTestId('print-dialog').isVisible()) await page.getByTestId('print-close').click();
    await page.getByTestId('print-open').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('print-dialog').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="print-dialog"]') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('print-dialog').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('print-open');
  });

  it('exports a PNG of the page at the chosen size and dpi', async () => {
    await openDialog('A4', 'portrait', 150);
    const file = await exportFile('print-png', 'a4.png');
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const l = pageLayout('A4', 'portrait', 150);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([l.widthPx, l.heightPx]);
    // it says its dpi (pHYs, pixels per metre), so it prints at A4
    const phys = png.indexOf('pHYs');
    expect(phys).toBeGreaterThan(0);
    expect(png.readUInt32BE(phys + 4)).toBe(Math.round(150 / 0.0254));
    // and still decodes: OCR reads its title
    const read = execFileSync('tesseract', [file, 'stdout', '-l', 'chi_sim', '--psm', '3'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\s+/g, '');
    expect(recognised('新乡市老旧小区改造规划图', read), `OCR read "${read.slice(0, 80)}"`).toBeGreaterThan(0.7);
  });

  it('prints the review layers the map shows: a reference layer under the compounds changes the page', async () => {
    const pdfAt = async (name: string): Promise<Raster> => {
      await openDialog('A4', 'landscape', 150);
      const r = rasterise(await exportFile('print-pdf', name), 1, 40);
      await page.keyboard.press('Escape');
      return r;
    };
    const before = await pdfAt('without-reference.pdf');
    await page.getByTestId('review-reference-input').setInputFiles(path.join(ROOT, 'test/fixtures/review/zoning.geojson'));
    await expect.poll(() => page.getByTestId('review-reference').count(), { timeout: 30000 }).toBe(1);
    const after = await pdfAt('with-reference.pdf');
    expect([after.w, after.h]).toEqual([before.w, before.h]);
    let changed = 0;
    for (let i = 0; i < before.rgb.length; i += 3) {
      if (Math.abs(before.rgb[i] - after.rgb[i]) + Math.abs(before.rgb[i + 1] - after.rgb[i + 1]) + Math.abs(before.rgb[i + 2] - after.rgb[i + 2]) > 30) changed++;
    }
    // the zoning covers most of the city: a large share of the map area takes its colours
    expect(changed / (before.w * before.h)).toBeGreaterThan(0.05);
    await page.getByTestId('review-reference').getByRole('button', { name: '移除参考图层' }).click();
    await expect.poll(() => page.getByTestId('review-reference').count()).toBe(0);
  });

  it('prints a hostile title as literal text and runs nothing', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    await openDialog('A4', 'landscape', 150);
    await page.getByTestId('print-title').fill(hostile);
    const file = await exportFile('print-pdf', 'hostile.pdf');
    expect(pdfinfo(file).Title).toBe(hostile);
    const f = pageLayout('A4', 'landscape', 50).frames;
    expect(count(rasterise(file, 1, 50), f.title, ink)).toBeGreaterThan(100);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.getByTestId('print-title').fill('新乡市老旧小区改造规划图');
  });

  it('exports an atlas with one page per district, each titled with its district', async () => {
    const districts = (JSON.parse(readFileSync(path.join(ROOT, 'data/districts.geojson'), 'utf8')) as { features: { properties: { name: string } }[] }).features.map((x) => x.properties.name);
    expect(districts.length).toBeGreaterThan(1);
    await openDialog('A3', 'landscape', 150);
    const file = await exportFile('print-atlas-districts', 'atlas.pdf');
    await expect.poll(() => page.getByTestId('print-status').textContent()).toMatch(new RegExp(`${districts.length}`));
    const info = pdfinfo(file);
    expect(Number(info.Pages)).toBe(districts.length);
    expect(info['Page size']).toMatch(/^1190\.55 x 841\.89 pts/);
    const ocrDpi = 150;
    const t = pageLayout('A3', 'landscape', ocrDpi).frames.title;
    // the page's title ends with its district's name, in the file's order
    for (const [i, name] of districts.entries()) {
      const read = ocr(file, i + 1, { ...t, h: t.h * 0.62 }, ocrDpi);
      expect(recognised(name, read), `page ${i + 1}: OCR read "${read}", wanted ${name}`).toBeGreaterThanOrEqual(0.6);
    }
    expect(dialogs).toEqual([]);
  }, 400_000);

  it('stops an atlas on cancel, says so, and downloads nothing', async () => {
    await openDialog('A4', 'landscape', 150);
    let downloads = 0;
    const count = () => downloads++;
    page.on('download', count);
    await page.getByTestId('print-atlas-districts').click();
    await expect.poll(() => page.getByTestId('print-status').textContent(), { timeout: 60_000 }).toMatch(/第 [12] \/ \d+ 页/);
    await page.getByTestId('print-cancel').click();
    await expect.poll(() => page.getByTestId('print-status').textContent()).toBe('已取消导出。');
    await expect.poll(() => page.getByTestId('print-atlas-districts').isEnabled()).toBe(true);
    page.off('download', count);
    expect(downloads).toBe(0);
    expect(await page.getByTestId('print-error').count()).toBe(0);
  });

  it('exports an atlas of the largest clusters when the cluster analysis is shown', async () => {
    if (await page.getByTestId('print-dialog').isVisible()) await page.getByTestId('print-close').click();
    await page.getByTestId('clusters-active').check();
    await openDialog('A4', 'landscape', 150);
    const button = page.getByTestId('print-atlas-clusters');
    await button.waitFor({ timeout: 60_000 });
    const file = await exportFile('print-atlas-clusters', 'clusters.pdf');
    const info = pdfinfo(file);
    expect(Number(info.Pages)).toBe(12);
    expect(info['Page size']).toMatch(/^841\.89 x 595\.2\d+ pts \(A4\)/);
    const t = pageLayout('A4', 'landscape', 150).frames.title;
    const read = ocr(file, 1, { ...t, h: t.h * 0.62 }, 150);
    expect(recognised('连片单元', read), `OCR read "${read}"`).toBeGreaterThanOrEqual(0.75);
  }, 400_000);
});
