// Saved views, the presentation, the project file and the link: on the sample city, as a planner would.
import os from 'node:os';
import path from 'node:path';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, mapIdle, startApp, waitForCompounds, type App } from './harness';

let app: App;
let page: Page;
const files: string[] = [];
const SHOTS = path.join(ROOT, 'test-results/slides');

beforeAll(async () => {
  app = await startApp();
  page = await app.newPage();
  await page.goto(app.url);
  await waitForCompounds(page, 2500);
  mkdirSync(SHOTS, { recursive: true });
});
afterEach(async () => {
  // a failed presentation test must not leave the slides over the next test's panels
  if (await page.getByTestId('presenter').count()) await page.keyboard.press('Escape');
});
afterAll(async () => {
  await app?.close();
  for (const f of files) rmSync(f, { force: true });
});

type Cam = { lng: number; lat: number; zoom: number };
const camera = (p: Page): Promise<Cam> =>
  p.evaluate(() => {
    const m = (globalThis as unknown as { __lianpianMap: { getCenter(): { lng: number; lat: number }; getZoom(): number } }).__lianpianMap;
    const c = m.getCenter();
    return { lng: c.lng, lat: c.lat, zoom: m.getZoom() };
  });
const jump = (p: Page, lng: number, lat: number, zoom: number) =>
  p.evaluate(([x, y, z]) => (globalThis as unknown as { __lianpianMap: { jumpTo(o: object): void } }).__lianpianMap.jumpTo({ center: [x, y], zoom: z }), [lng, lat, zoom] as const);
const summary = async (p: Page) => {
  const el = p.getByTestId('clusters-summary');
  await el.waitFor({ state: 'attached', timeout: 30000 });
  return { gap: Number(await el.getAttribute('data-gap')), multi: Number(await el.getAttribute('data-multi')) };
};
/** The cluster summary once no run is pending and it has stopped changing. */
const settled = async (p: Page) => {
  let last = '';
  await expect
    .poll(
      async () => {
        if (await p.getByTestId('clusters-progress').count()) return false;
        const now = JSON.stringify(await summary(p));
        const same = now === last;
        last = now;
        return same;
      },
      { timeout: 30000, interval: 400 },
    )
    .toBe(true);
  return summary(p);
};

/** How far the live camera is from `b`: the largest of |Δlng|, |Δlat| (degrees) and |Δzoom| / 100. */
const off = async (p: Page, b: Cam) => {
  const a = await camera(p);
  return Math.max(Math.abs(a.lng - b.lng), Math.abs(a.lat - b.lat), Math.abs(a.zoom - b.zoom) / 100);
};

describe('saved views and the presentation', () => {
  const cams: Cam[] = [];

  it('saves three views, reorders them and undoes a delete', async () => {
    await jump(page, 113.87, 35.31, 11.5);
    await mapIdle(page);
    await page.getByTestId('view-save').click();
    await page.getByTestId('view-item').nth(0).getByLabel('标题').fill('全市概览');
    cams.push(await camera(page));

    await page.getByTestId('clusters-active').check();
    await page.getByTestId('gap-preset-25').click();
    await expect.poll(async () => (await summary(page)).gap, { timeout: 30000 }).toBe(25);
    await jump(page, 113.9, 35.3, 13.5);
    await mapIdle(page);
    await page.getByTestId('view-save').click();
    await page.getByTestId('view-item').nth(1).getByLabel('标题').fill('连片区域');
    await page.getByTestId('view-item').nth(1).getByLabel('说明').fill('间距 25 米的集中连片改造区域');
    cams.push(await camera(page));

    await page.getByTestId('clusters-active').uncheck();
    await page.getByTestId('districts-active').check();
    await jump(page, 113.95, 35.28, 12.2);
    await mapIdle(page);
    await page.getByTestId('view-save').click();
    await page.getByTestId('view-item').nth(2).getByLabel('标题').fill('各区投资');
    cams.push(await camera(page));
    await page.getByTestId('districts-active').uncheck();

    const titles = () => page.getByTestId('view-item').evaluateAll((els) => els.map((e) => (e.querySelector('input') as HTMLInputElement).value));
    expect(await titles()).toEqual(['全市概览', '连片区域', '各区投资']);
    // move the last up and back down; delete the first and undo
    await page.getByTestId('view-item').nth(2).getByRole('button', { name: '上移' }).click();
    expect(await titles()).toEqual(['全市概览', '各区投资', '连片区域']);
    await page.getByTestId('view-item').nth(1).getByRole('button', { name: '下移' }).click();
    expect(await titles()).toEqual(['全市概览', '连片区域', '各区投资']);
    await page.getByTestId('view-item').nth(0).getByTestId('view-delete').click();
    expect(await titles()).toEqual(['连片区域', '各区投资']);
    await page.getByTestId('view-undo').click();
    expect(await titles()).toEqual(['全市概览', '连片区域', '各区投资']);
  });

  it('presents the deck full screen, advances with the keyboard, and each slide restores its view', async () => {
    await page.getByTestId('view-item').nth(0).getByTestId('view-go').click();
    await page.getByTestId('present-start').click();
    const presenter = page.getByTestId('presenter');
    await presenter.waitFor();
    expect(await page.locator('header').isVisible()).toBe(false);
    const shots: Buffer[] = [];
    const expected = [
      { title: '全市概览', figures: /个小区.*户/ },
      { title: '连片区域', figures: /个连片区域/ },
      { title: '各区投资', figures: /个区县/ },
    ];
    for (let i = 0; i < 3; i++) {
      if (i > 0) await page.keyboard.press(i === 1 ? 'ArrowRight' : 'Space');
      await expect.poll(() => presenter.getAttribute('data-index')).toBe(String(i));
      expect(await page.getByTestId('slide-title').textContent()).toBe(expected[i].title);
      expect(await page.getByTestId('slide-count').textContent()).toBe(`第 ${i + 1} / 3 页`);
      // the camera flies to the view (1.8 s)
      await expect.poll(() => off(page, cams[i]), { timeout: 10000 }).toBeLessThan(1e-4);
      await expect.poll(() => page.getByTestId('slide-figures').textContent(), { timeout: 30000 }).toMatch(expected[i].figures);
      await mapIdle(page);
      const shot = await page.screenshot({ path: path.join(SHOTS, `slide-${i + 1}.png`) });
      shots.push(shot);
    }
    // the slides look different from each other
    expect(shots[0].equals(shots[1])).toBe(false);
    expect(shots[1].equals(shots[2])).toBe(false);
    // the second slide brought back its analysis: clusters at 25 m
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => presenter.getAttribute('data-index')).toBe('1');
    expect(await page.getByTestId('slide-caption').textContent()).toBe('间距 25 米的集中连片改造区域');
    expect(await page.getByTestId('clusters-active').isChecked()).toBe(true);
    await expect.poll(async () => (await summary(page)).gap, { timeout: 30000 }).toBe(25);
    // Tab goes round the slide's own controls only; Enter on "leave" leaves (it does not turn the page)
    const focused = () => page.evaluate(() => ({ inside: !!document.activeElement?.closest('[data-testid="presenter"]'), id: document.activeElement?.getAttribute('data-testid') ?? '' }));
    for (let i = 0; i < 8 && (await focused()).id !== 'present-exit'; i++) {
      await page.keyboard.press('Tab');
      expect((await focused()).inside).toBe(true);
    }
    expect((await focused()).id).toBe('present-exit');
    await page.keyboard.press('Enter');
    await presenter.waitFor({ state: 'detached' });
    expect(await page.locator('header').isVisible()).toBe(true);
  });

  it('builds the default deck: overview, districts, top areas, coverage, funding', async () => {
    const before = await page.getByTestId('view-item').count();
    await page.getByTestId('deck-default').click();
    await expect.poll(() => page.getByTestId('view-item').count(), { timeout: 90000 }).toBe(before + 5);
    await expect.poll(() => page.getByTestId('deck-default').isEnabled(), { timeout: 30000 }).toBe(true);
    const titles = await page.getByTestId('view-item').evaluateAll((els) => els.map((e) => (e.querySelector('input') as HTMLInputElement).value));
    expect(titles.slice(before)).toEqual(['全市概览', '各区投资', '重点连片区域', '设施覆盖', '资金筹措']);
  });
});

describe('the project file and the link', () => {
  it('saves the project to one file and reopens it in a fresh browser with the same map, parameters and results', async () => {
    await page.getByTestId('clusters-active').check();
    await page.getByTestId('gap-preset-25').click();
    await page.getByTestId('filter-year-max').fill('1995');
    await page.waitForTimeout(300);
    const clustersBefore = await settled(page);
    const multiBefore = clustersBefore.multi;
    expect(multiBefore).toBeGreaterThan(0);
    await jump(page, 113.91, 35.29, 13.25);
    await mapIdle(page);
    const camBefore = await camera(page);
    const viewsBefore = await page.getByTestId('view-item').count();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('project-save').click()]);
    expect(download.suggestedFilename()).toMatch(/^lianpian-\d{4}-\d{2}-\d{2}\.lianpian\.json$/);
    const file = path.join(os.tmpdir(), `lianpian-project-${process.pid}.lianpian.json`);
    files.push(file);
    await download.saveAs(file);
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('lianpian-project');

    // a new browser context: empty storage, the sample city
    const fresh = await app.newPage();
    await fresh.goto(app.url);
    await waitForCompounds(fresh, 2500);
    expect(await fresh.getByTestId('view-item').count()).toBe(0);
    await fresh.getByTestId('project-file-input').setInputFiles(file);
    await expect.poll(() => fresh.getByTestId('view-item').count(), { timeout: 30000 }).toBe(viewsBefore);
    await expect.poll(() => fresh.getByTestId('clusters-active').isChecked()).toBe(true);
    expect(await fresh.getByTestId('filter-year-max').inputValue()).toBe('1995');
    await fresh.waitForTimeout(300);
    expect(await settled(fresh)).toEqual(clustersBefore);
    await expect.poll(() => off(fresh, camBefore), { timeout: 10000 }).toBeLessThan(1e-4);
    await fresh.close();
  });

  it('says what is wrong with a file that is not a project', async () => {
    const bad = path.join(os.tmpdir(), `lianpian-not-a-project-${process.pid}.json`);
    files.push(bad);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, '{"type":"FeatureCollection","features":[]}');
    await page.getByTestId('project-file-input').setInputFiles(bad);
    await expect.poll(() => page.getByTestId('project-error').textContent()).toMatch(/lianpian-not-a-project-\d+\.json：不是连片项目文件/);
  });

  it('puts the view in the address bar, and the link reopens it', async () => {
    await page.getByTestId('clusters-active').check();
    await jump(page, 113.88, 35.32, 14.1);
    await mapIdle(page);
    await expect.poll(() => decodeURIComponent(page.url()), { timeout: 5000 }).toMatch(/#map=14\.1\/35\.3[12]\d*\/113\.8[78]\d*\/0\/0&setup=/);
    const link = page.url();
    const other = await app.newPage();
    await other.goto(link);
    await waitForCompounds(other, 2500);
    await expect.poll(() => off(other, { lng: 113.88, lat: 35.32, zoom: 14.1 }), { timeout: 10000 }).toBeLessThan(1e-4);
    await expect.poll(() => other.getByTestId('clusters-active').isChecked()).toBe(true);
    expect(await other.getByTestId('filter-year-max').inputValue()).toBe('1995');
    await other.close();
  });

  it('names a saved view in the link only while it is shown as saved: a reload keeps what was changed since', async () => {
    // a view saved here and now: the map shows it exactly (a view saved at a camera the map cannot reach is not
    // named in the link at all)
    await page.getByTestId('view-save').click();
    await mapIdle(page);
    await expect.poll(() => page.url(), { timeout: 10000 }).toContain('view=');
    const sites = page.getByTestId('sites-active');
    const was = await sites.isChecked();
    await sites.setChecked(!was);
    // the camera has not moved, the setup has: the link no longer names the view
    await expect.poll(() => page.url(), { timeout: 5000 }).not.toContain('view=');
    await expect.poll(() => page.getByTestId('autosave-status').getAttribute('data-state'), { timeout: 15000 }).toBe('saved');
    await page.reload();
    await waitForCompounds(page, 2500);
    await expect.poll(() => page.getByTestId('sites-active').isChecked(), { timeout: 30000 }).toBe(!was);
  });
});
