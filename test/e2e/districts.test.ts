import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { changedShare, mapIdle, snapshotMap, startApp, waitForCompounds, type App } from './harness';

let app: App;
let page: Page;

const TARGETS = path.resolve(import.meta.dirname, '../../../shared/data/seed-tables/xinxiang-2020-plan.csv');

interface Spot {
  /** a screen point (page coordinates) inside the district and away from every compound */
  x: number;
  y: number;
  /** compounds of the district in the data */
  count: number;
}

/**
 * Frame `name` on the map, then find a point inside its polygon as far as possible from any compound
 * (so the click lands on the choropleth, not on a compound), in page coordinates.
 */
async function spotIn(name: string): Promise<Spot> {
  return page.evaluate(async (district) => {
    type Ring = number[][];
    const g = globalThis as unknown as {
      __lianpianMap: {
        fitBounds(b: number[], o: object): void;
        project(p: number[]): { x: number; y: number };
        getCanvas(): HTMLCanvasElement;
        once(e: string, f: () => void): void;
      };
      __lianpianProject: {
        districts: { name: string; geometry: { type: string; coordinates: unknown } }[];
        compounds: { district: string; geometry: { type: string; coordinates: unknown } }[];
      };
    };
    const d = g.__lianpianProject.districts.find((x) => x.name === district)!;
    const rings: Ring[] = d.geometry.type === 'Polygon' ? [(d.geometry.coordinates as Ring[])[0]] : (d.geometry.coordinates as Ring[][]).map((p) => p[0]);
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const r of rings) for (const [x, y] of r) {
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    }
    const inside = (px: number, py: number): boolean => {
      let hit = false;
      for (const r of rings) {
        for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
          const [xi, yi] = r[i];
          const [xj, yj] = r[j];
          if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) hit = !hit;
        }
      }
      return hit;
    };
    const vertices: number[][] = [];
    for (const c of g.__lianpianProject.compounds) {
      const polys = (c.geometry.type === 'Polygon' ? [c.geometry.coordinates] : c.geometry.coordinates) as Ring[][];
      for (const p of polys) for (const v of p[0]) vertices.push(v);
    }
    const m = g.__lianpianMap;
    await new Promise<void>((resolve) => {
      m.once('moveend', () => resolve());
      m.fitBounds([x0, y0, x1, y1], { padding: 40, duration: 0 });
    });
    const canvas = m.getCanvas();
    const rect = canvas.getBoundingClientRect();
    const onScreen = (p: number[]): { x: number; y: number } | null => {
      const s = m.project(p);
      const x = rect.left + s.x;
      const y = rect.top + s.y;
      // the map itself must be what is under the pointer there (not a panel, a control or the dock)
      return document.elementFromPoint(x, y) === canvas ? { x, y } : null;
    };
    let best = { x: 0, y: 0 };
    let bestD = -1;
    for (let i = 1; i < 40; i++) {
      for (let j = 1; j < 40; j++) {
        const px = x0 + ((x1 - x0) * i) / 40;
        const py = y0 + ((y1 - y0) * j) / 40;
        if (!inside(px, py)) continue;
        const screen = onScreen([px, py]);
        if (!screen) continue;
        // stay clear of the boundary too, so a slightly off projection still lands inside
        let near = Infinity;
        for (const v of vertices) near = Math.min(near, Math.hypot(v[0] - px, v[1] - py));
        for (const r of rings) for (const v of r) near = Math.min(near, Math.hypot(v[0] - px, v[1] - py));
        if (near > bestD) {
          bestD = near;
          best = screen;
        }
      }
    }
    const count = g.__lianpianProject.compounds.filter((c) => c.district === district).length;
    return { ...best, count };
  }, name);
}

async function shown(): Promise<number> {
  const text = (await page.getByTestId('shown-count').textContent()) ?? '';
  return Number(text.replace(/[,，\s]/g, '').match(/(\d+)\D+\d+/)?.[1]);
}

beforeAll(async () => {
  app = await startApp();
  page = await app.newPage();
  await page.goto(app.url);
  await waitForCompounds(page, 2500);
});
afterAll(async () => {
  await app?.close();
});

describe('districts mode: choropleth, linked charts and tables', () => {
  it('filters the charts, the district table and the attribute table when a district is clicked on the map', async () => {
    const total = await shown();
    await page.getByTestId('districts-active').check();
    await page.getByTestId('district-dock').waitFor();
    // every district of the sample city gets a bar and a table row
    expect(await page.getByTestId('dm-bar').count()).toBe(8);
    expect(await page.getByTestId('dm-row').count()).toBe(8);
    expect(await page.getByTestId('dm-legend-class').count()).toBeGreaterThanOrEqual(3);

    const name = '原阳县';
    await mapIdle(page); // the dock took room: let the map resize first
    const spot = await spotIn(name);
    await mapIdle(page);
    await page.mouse.click(spot.x, spot.y);

    await expect.poll(() => page.getByTestId('filter-district').inputValue()).toBe(name);
    expect(spot.count).toBeGreaterThan(0);
    expect(spot.count).toBeLessThan(total);
    expect(await shown()).toBe(spot.count);
    // the district table and the bars mark the district; the bars still show every district
    await expect.poll(() => page.locator(`[data-testid="dm-row"][data-district="${name}"]`).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('[data-testid="dm-row"][aria-selected="true"]').count()).toBe(1);
    expect(await page.locator(`[data-testid="dm-bar"][data-district="${name}"]`).getAttribute('data-selected')).toBe('true');
    expect(await page.getByTestId('dm-bar').count()).toBe(8);
    // the detail charts narrow to the district
    expect(await page.getByTestId('dm-mix-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-district')))).toEqual([name]);
    expect(await page.getByTestId('dm-funding-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-district')))).toEqual([name]);
    const stages = await page.getByTestId('dm-stage').evaluateAll((els) => els.reduce((n, e) => n + Number(e.getAttribute('data-n')), 0));
    expect(stages).toBe(spot.count);
    expect(await page.getByTestId('dm-scope').textContent()).toBe(name);

    // the attribute table lists only that district's compounds
    await page.getByTestId('toggle-table').click();
    await page.getByTestId('attribute-table').waitFor();
    const countText = (await page.getByTestId('table-count').textContent()) ?? '';
    expect(Number(countText.replace(/[,，\s]/g, '').match(/\d+/)?.[0])).toBe(spot.count);
    const districtsListed = await page.getByTestId('table-row').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[2]?.textContent));
    expect(districtsListed.length).toBeGreaterThan(0);
    expect(new Set(districtsListed)).toEqual(new Set([name]));
    await page.getByTestId('toggle-table').click();

    // a second click on the same district shows all again (the layout moved: find the spot anew)
    await mapIdle(page);
    const again = await spotIn(name);
    await mapIdle(page);
    await page.mouse.click(again.x, again.y);
    await expect.poll(() => page.getByTestId('filter-district').inputValue()).toBe('');
    expect(await shown()).toBe(total);
    expect(await page.locator('[data-testid="dm-row"][aria-selected="true"]').count()).toBe(0);
  });

  it('shows targets beside the loaded compounds, with the difference', async () => {
    await page.getByTestId('dm-targets-file').setInputFiles(TARGETS);
    await page.getByTestId('dm-targets-loaded').waitFor();
    // the plan's 8 districts, all on the map: one row each, each with a difference
    expect(await page.getByTestId('dm-row').count()).toBe(8);
    const diffs = await page.getByTestId('dm-diff').allTextContents();
    expect(diffs).toHaveLength(8);
    expect(diffs.every((d) => d !== '—')).toBe(true);
  });

  it('changes the funding shares and flags with the policy profile', async () => {
    await page.getByTestId('dm-profile').selectOption('huaibei-2021');
    await expect.poll(() => page.getByTestId('dm-funding').locator('figcaption').textContent()).toContain('淮北');
    await page.getByTestId('dm-profile').selectOption('custom');
    await page.getByTestId('dm-share-basic').fill('10');
    await page.getByTestId('dm-share-basic').dispatchEvent('change');
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('lianpian.customPolicy') ?? 'null') as { residentShares: { basic: number } } | null);
    expect(saved?.residentShares.basic).toBeCloseTo(0.1);
  });

  it('tilts the map and draws investment hexagons in 3D', async () => {
    await mapIdle(page);
    await snapshotMap(page, 'flat');
    await page.getByTestId('dm-3d').selectOption('hex');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __lianpianMap: { getPitch(): number } }).__lianpianMap.getPitch()), { timeout: 5000 }).toBeCloseTo(45, 0);
    await mapIdle(page);
    await snapshotMap(page, 'hex');
    expect(await changedShare(page, 'flat', 'hex')).toBeGreaterThan(0.02);
    await page.getByTestId('dm-3d').selectOption('off');
  });
});
