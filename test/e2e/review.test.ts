// The natural-resources bureau's review on the sample city: a zoning layer, a conflict for a chosen site, measuring
// against values computed independently (proj4), a compound taken out of its area with undo and redo, a note pinned
// and approved, all of it back after a reload, and the review report (XLSX and PDF) holding the note and the conflict.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import proj4 from 'proj4';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jumpTo, ROOT, startApp, waitForCompounds, waitForParcels, type App } from './harness';

let app: App;
let page: Page;

const M1 = 'M1 一类工业用地';
const NOTE = '入口北移5米，保留消防通道';
/** the compound whose households the table test edits */
let editedName = '';

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

type Ring = [number, number][];
/** Outer ring of compound i (lon/lat) from the page. */
const ringOf = (i: number): Promise<Ring> =>
  page.evaluate((k) => {
    const c = (globalThis as unknown as { __lianpianProject: { compounds: { geometry: { type: string; coordinates: unknown } }[] } }).__lianpianProject.compounds[k];
    const g = c.geometry as { type: string; coordinates: number[][][] | number[][][][] };
    return (g.type === 'Polygon' ? (g.coordinates as number[][][])[0] : (g.coordinates as number[][][][])[0][0]) as [number, number][];
  }, i);

/** Screen position (page coordinates) of a lon/lat point on the map. */
async function screenOf(p: [number, number]): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const s = await page.evaluate((q) => (globalThis as unknown as { __lianpianMap: { project(p: [number, number]): { x: number; y: number } } }).__lianpianMap.project(q), p);
  return { x: box.x + s.x, y: box.y + s.y };
}

/** Planar length and area in the Gauss-Krüger zone on 114°E (CGCS2000), by proj4: the independent reference. */
const gk = proj4('WGS84', '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
const gkLength = (a: [number, number], b: [number, number]): number => {
  const [x1, y1] = gk.forward(a), [x2, y2] = gk.forward(b);
  return Math.hypot(x2 - x1, y2 - y1);
};
const gkArea = (ring: Ring): number => {
  const xy = ring.map((p) => gk.forward(p));
  let s = 0;
  for (let i = 0, j = xy.length - 1; i < xy.length; j = i++) s += xy[j][0] * xy[i][1] - xy[i][0] * xy[j][1];
  return Math.abs(s) / 2;
};

async function clustersCount(): Promise<number> {
  const el = page.getByTestId('clusters-summary');
  await el.waitFor();
  return Number(await el.getAttribute('data-clusters'));
}

describe('reviewing layouts', () => {
  it('lists a conflict for a chosen site on land zoned restricted for its facility type', async () => {
    await page.getByTestId('review-reference-input').setInputFiles(path.join(ROOT, 'test/fixtures/review/zoning.geojson'));
    await expect.poll(() => page.getByTestId('review-reference-info').first().textContent(), { timeout: 30000 }).toMatch(/zoning\.geojson.*3/);
    expect(await page.getByTestId('review-class-column').first().inputValue()).toBe('用地性质');
    // a second reference layer sits beside the first, classed by its own attribute
    await page.getByTestId('review-reference-input').setInputFiles(path.join(ROOT, 'test/fixtures/review/heritage.geojson'));
    await expect.poll(() => page.getByTestId('review-reference').count(), { timeout: 30000 }).toBe(2);
    expect(await page.locator('[data-testid="review-reference"][data-name="heritage.geojson"] [data-testid="review-class-column"]').inputValue()).toBe('保护级别');
    await page.getByTestId('sites-active').check();
    await page.getByTestId('site-k').fill('5');
    const summary = page.locator('[data-testid="site-summary"][data-k="5"]');
    await summary.waitFor({ timeout: 60000 });
    const chosen = ((await summary.getAttribute('data-chosen')) ?? '').split(',');
    const type = (await summary.getAttribute('data-type'))!;
    await page.getByTestId('review-use').selectOption(type);
    await page.locator(`[data-testid="review-restrict"][data-class="${M1}"]`).check();
    const rows = page.locator(`[data-testid="conflict-row"][data-class="${M1}"]`);
    await expect.poll(() => rows.count(), { timeout: 30000 }).toBeGreaterThan(0);
    const subject = (await rows.first().getAttribute('data-subject'))!;
    expect(subject.startsWith('site:')).toBe(true);
    expect(chosen).toContain(subject.slice('site:'.length));
    expect(Number(await rows.first().getAttribute('data-overlap'))).toBeGreaterThan(0);
    // parks are not restricted: none listed
    expect(await page.locator('[data-testid="conflict-row"][data-class="G1 公园绿地"]').count()).toBe(0);
    await page.getByTestId('sites-active').uncheck();
  });

  it('measures a wall length and a compound area that agree with proj4 in the Gauss-Krüger zone', async () => {
    // a compound none of whose corners has another compound's corner within ~5 m (clicks snap to the nearest corner)
    const lone = await page.evaluate(() => {
      const cs = (globalThis as unknown as { __lianpianProject: { compounds: { geometry: { type: string; coordinates: unknown } }[] } }).__lianpianProject.compounds;
      const outer = (g: { type: string; coordinates: unknown }) => (g.type === 'Polygon' ? (g.coordinates as number[][][])[0] : (g.coordinates as number[][][][])[0][0]);
      const corners = cs.map((c) => outer(c.geometry));
      // corners on a grid of ~5 m cells: a compound is alone when no other compound has a corner in a cell next to one of its own
      const cellOf = (p: number[], dx = 0, dy = 0) => `${Math.floor(p[0] / 6e-5) + dx},${Math.floor(p[1] / 5e-5) + dy}`;
      const owners = new Map<string, Set<number>>();
      corners.forEach((r, i) => r.forEach((p) => owners.set(cellOf(p), (owners.get(cellOf(p)) ?? new Set()).add(i))));
      const alone = (i: number) => corners[i].every((p) => [-1, 0, 1].every((dx) => [-1, 0, 1].every((dy) => [...(owners.get(cellOf(p, dx, dy)) ?? [])].every((j) => j === i))));
      for (let i = 0; i < cs.length; i++) if (corners[i].length >= 5 && alone(i)) return i;
      return -1;
    });
    expect(lone).toBeGreaterThanOrEqual(0);
    const ring = await ringOf(lone);
    const [w, s, e, n] = ring.reduce((b, p) => [Math.min(b[0], p[0]), Math.min(b[1], p[1]), Math.max(b[2], p[0]), Math.max(b[3], p[1])], [Infinity, Infinity, -Infinity, -Infinity]);
    await jumpTo(page, [(w + e) / 2, (s + n) / 2], 17.5);
    await page.getByTestId('tool-distance').click();
    for (const p of [ring[0], ring[1]]) {
      const at = await screenOf(p);
      // a few pixels off the corner: the click snaps to it
      await page.mouse.click(at.x + 3, at.y - 2);
    }
    await page.keyboard.press('Enter');
    const result = page.getByTestId('measure-result');
    const length = Number(await result.getAttribute('data-length-m'));
    expect(Math.abs(length - gkLength(ring[0], ring[1])) / gkLength(ring[0], ring[1])).toBeLessThan(1e-4);

    await page.getByTestId('tool-area').click();
    const corners = ring.slice(0, -1);
    for (const p of corners) {
      const at = await screenOf(p);
      await page.mouse.click(at.x - 2, at.y + 3);
    }
    await page.keyboard.press('Enter');
    await expect.poll(async () => Number(await result.getAttribute('data-points'))).toBe(corners.length);
    const area = Number(await result.getAttribute('data-area-m2'));
    expect(Math.abs(area - gkArea(corners)) / gkArea(corners)).toBeLessThan(1e-4);
    await page.keyboard.press('Escape');
  });

  it('draws a proposed footprint on restricted land and lists its conflict', async () => {
    // inside the M1 zone of the fixture, away from its hole
    await jumpTo(page, [114.3, 35.2], 16);
    await page.getByTestId('tool-footprint').click();
    const box = (await page.getByTestId('map').boundingBox())!;
    const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
    for (const [dx, dy] of [[-40, -30], [40, -30], [40, 30], [-40, 30]]) await page.mouse.click(cx + dx, cy + dy);
    await page.getByTestId('footprint-save').click();
    const row = page.locator(`[data-testid="conflict-row"][data-class="${M1}"][data-subject^="footprint:"]`);
    await expect.poll(() => row.count(), { timeout: 30000 }).toBe(1);
    // all of it lies on M1 land: the share is the whole footprint
    expect(await row.textContent()).toContain('100.0%');
    await page.keyboard.press('Escape');
  });

  it('takes a compound out of its area, undoes and redoes it, pins a note and approves it', async () => {
    await page.getByTestId('clusters-active').check();
    const before = await clustersCount();
    // the largest cluster (the table is sorted by households): its first member is selected
    await page.getByTestId('cluster-row').first().click();
    await page.getByTestId('review-take-out').click();
    await expect.poll(clustersCount, { timeout: 30000 }).toBeGreaterThan(before);
    const after = await clustersCount();
    expect(await page.getByTestId('manual-badge').count()).toBe(1);
    await page.getByTestId('review-undo').click();
    await expect.poll(clustersCount, { timeout: 30000 }).toBe(before);
    // the keyboard as well: Ctrl+Shift+Z redoes
    await page.locator('body').press('Control+Shift+Z');
    await expect.poll(clustersCount, { timeout: 30000 }).toBe(after);

    await page.getByTestId('review-note-add').click();
    await page.getByTestId('review-note-text').fill(NOTE);
    await page.getByTestId('review-note-save').click();
    const note = page.getByTestId('note-row');
    await expect.poll(() => note.count()).toBe(1);
    expect(await note.getAttribute('data-status')).toBe('open');
    await page.getByTestId('note-status').selectOption('approved');
    expect(await note.getAttribute('data-status')).toBe('approved');
    // filtering by status hides it, and shows it again
    await page.getByTestId('show-status-approved').uncheck();
    expect(await note.count()).toBe(0);
    await page.getByTestId('show-status-approved').check();
    expect(await note.count()).toBe(1);
    // taken out, undone, redone, note pinned, approved
    expect(await page.getByTestId('review-log').locator('li').count()).toBeGreaterThanOrEqual(5);
  });

  it('edits a household count in the table: refuses a bad value, keeps a good one, undoes it', async () => {
    const name = (editedName = (await page.getByTestId('feature-card').getAttribute('aria-label'))!);
    await page.getByTestId('toggle-table').click();
    await page.getByTestId('table-search').fill(name);
    const cell = page.getByTestId('table-row').first().locator('td[data-field="households"]');
    const before = (await cell.textContent())!.trim();
    await cell.dblclick();
    await page.getByTestId('cell-input').fill('12.5');
    await page.getByTestId('cell-input').press('Enter');
    await expect.poll(() => page.getByTestId('cell-problem').textContent()).toContain('整数');
    await page.getByTestId('cell-input').fill('1234');
    await page.getByTestId('cell-input').press('Enter');
    await expect.poll(async () => (await cell.textContent())!.trim()).toBe('1,234');
    expect(await page.getByTestId('review-log').textContent()).toContain(`将小区“${name}”的户数由`);
    // the worker analyses the edited value: the compound stands alone (taken out above), its cluster's households are its own
    const cardHouseholds = page.locator('[data-testid="cluster-card"] dd').nth(1);
    await expect.poll(() => cardHouseholds.textContent(), { timeout: 30000 }).toBe('1,234');
    await page.getByTestId('review-undo').click();
    await expect.poll(async () => (await cell.textContent())!.trim()).toBe(before);
    await page.getByTestId('review-redo').click();
    await expect.poll(async () => (await cell.textContent())!.trim()).toBe('1,234');
  });

  it('finds everything as it was after a reload', async () => {
    const after = await clustersCount();
    const status = page.getByTestId('autosave-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15000 }).toBe('saved');
    await page.reload();
    await waitForCompounds(page, 2500);
    await expect.poll(() => page.getByTestId('review-reference').count(), { timeout: 30000 }).toBe(2);
    await expect.poll(clustersCount, { timeout: 60000 }).toBe(after);
    const note = page.getByTestId('note-row');
    await expect.poll(() => note.count()).toBe(1);
    expect(await note.getAttribute('data-status')).toBe('approved');
    expect(await note.textContent()).toContain(NOTE);
    // the edited value is back too (the table stays open after a reload)
    await page.getByTestId('table-search').fill(editedName);
    await expect.poll(() => page.getByTestId('table-row').first().locator('td[data-field="households"]').textContent()).toBe('1,234');
    // and the undo history: the last step (the edit, redone) can still be undone, and redone again
    const undo = page.getByTestId('review-undo');
    expect(await undo.isEnabled()).toBe(true);
    expect(await undo.getAttribute('title')).toContain('1234');
    await undo.click();
    await expect.poll(() => page.getByTestId('table-row').first().locator('td[data-field="households"]').textContent()).not.toBe('1,234');
    await page.getByTestId('review-redo').click();
    await expect.poll(() => page.getByTestId('table-row').first().locator('td[data-field="households"]').textContent()).toBe('1,234');
    await page.getByTestId('sites-active').check();
    await page.locator('[data-testid="site-summary"][data-k="5"]').waitFor({ timeout: 60000 });
    await expect.poll(() => page.locator(`[data-testid="conflict-row"][data-class="${M1}"]`).count(), { timeout: 30000 }).toBeGreaterThan(0);
  });

  it('exports the review report as XLSX and PDF with the note and the conflict in them', async () => {
    await page.getByTestId('toggle-table').click();
    const dir = mkdtempSync(path.join(tmpdir(), 'lianpian-review-'));
    const save = async (testid: string, name: string): Promise<string> => {
      const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.getByTestId(testid).click()]);
      const file = path.join(dir, name);
      await d.saveAs(file);
      return file;
    };
    const xlsx = unzipSync(readFileSync(await save('review-report-xlsx', 'report.xlsx')));
    const strings = strFromU8(xlsx['xl/sharedStrings.xml']);
    expect(strings).toContain(NOTE);
    expect(strings).toContain(M1);
    expect(strings).toContain('已通过');
    expect(Object.keys(xlsx).filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))).toHaveLength(4);

    const pdf = await save('review-report-pdf', 'report.pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const png = path.join(dir, 'page');
    execFileSync('pdftoppm', ['-r', '200', '-f', '1', '-l', '1', '-singlefile', '-png', pdf, png]);
    const text = execFileSync('tesseract', [`${png}.png`, 'stdout', '-l', 'chi_sim', '--psm', '6'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\s+/g, '');
    expect(text).toContain('入口北移');
    expect(text).toContain('一类工业用地');
  });

  it('edits from the keyboard too: F2 on a row, Tab along it, Enter keeps, Esc leaves', async () => {
    await page.getByTestId('toggle-table').click();
    await page.getByTestId('table-search').fill(editedName);
    const row = page.getByTestId('table-row').first();
    const cell = row.locator('td[data-field="households"]');
    const logged = await page.getByTestId('review-log').textContent();
    await row.focus();
    await page.keyboard.press('F2');
    const input = page.getByTestId('cell-input');
    expect(await input.getAttribute('aria-label')).toBe('小区名称');
    // along the row to 户数: name, district, street, year, buildings, households
    for (let k = 0; k < 5; k++) await page.keyboard.press('Tab');
    expect(await input.getAttribute('aria-label')).toBe('户数');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cell-input');
    // the fields passed over were not changed: nothing logged
    expect(await page.getByTestId('review-log').textContent()).toBe(logged);
    // typed over: the value is selected when the field opens
    await page.keyboard.type('1300');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await cell.textContent())!.trim()).toBe('1,300');
    await row.focus();
    await page.keyboard.press('F2');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('cell-input').count()).toBe(0);
    // and undone from the keyboard
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await cell.textContent())!.trim()).toBe('1,234');
  });
});
