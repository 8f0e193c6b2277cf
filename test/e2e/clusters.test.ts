import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { changedShare, jumpTo, mapIdle, ROOT, snapshotMap, startApp, waitForCompounds, type App } from './harness';

let app: App;
let page: Page;

/** What the CLI says for the sample city at `gap` metres. */
function cliClusters(gap: number): { clusters: unknown[]; pairs: unknown[] } {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/main.ts', 'clusters', 'data/compounds.fgb', '--gap', String(gap), '--format', 'json'], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString('utf8')) as { clusters: unknown[]; pairs: unknown[] };
}

async function summaryAt(gap: number): Promise<number> {
  const el = page.locator(`[data-testid="clusters-summary"][data-gap="${gap}"]`);
  await el.waitFor({ timeout: 60000 });
  return Number(await el.getAttribute('data-clusters'));
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

describe('contiguous-renovation clusters on the map', () => {
  it('agrees with the CLI on the cluster count as the gap slider moves', async () => {
    await page.getByTestId('clusters-active').check();
    expect(await summaryAt(10)).toBe(cliClusters(10).clusters.length);
    // the worker says how long it took, in the planner's language
    const ms = Number(await page.getByTestId('clusters-summary').getAttribute('data-worker-ms'));
    expect(ms).toBeGreaterThan(0);
    expect(await page.getByTestId('clusters-time').textContent()).toBe(`后台计算用时 ${(ms / 1000).toFixed(1)} 秒`);
    await page.getByTestId('gap-slider').fill('1');
    const at1 = await summaryAt(1);
    expect(at1).toBe(cliClusters(1).clusters.length);
    await page.getByTestId('gap-slider').fill('25');
    const at25 = await summaryAt(25);
    expect(at25).toBe(cliClusters(25).clusters.length);
    // wider gaps join more compounds into fewer clusters
    expect(at25).toBeLessThan(at1);
  });

  it('keeps the last gap while the gap box holds no gap, says so, and takes a typed gap', async () => {
    const box = page.getByTestId('gap-input');
    const at25 = await summaryAt(25);
    for (const typed of ['', '-5']) {
      await box.fill(typed);
      await expect.poll(() => page.getByTestId('gap-invalid').textContent()).toBe('间距须为不小于 0 的米数；仍按 25 米计算');
      expect(await box.getAttribute('aria-invalid')).toBe('true');
      await page.waitForTimeout(300);
      expect(await summaryAt(25)).toBe(at25);
      expect(await page.getByRole('alert').filter({ hasText: 'Gap must be' }).count()).toBe(0);
    }
    // leaving the box puts the gap in use back in it
    await box.blur();
    expect(await box.inputValue()).toBe('25');
    expect(await page.getByTestId('gap-invalid').count()).toBe(0);
    await box.fill('10');
    expect(await summaryAt(10)).toBe(cliClusters(10).clusters.length);
    expect(await page.getByTestId('gap-preset-10').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('gap-preset-25').getAttribute('aria-pressed')).toBe('false');
    await page.getByTestId('gap-preset-25').click();
    expect(await summaryAt(25)).toBe(at25);
  });

  it('draws walls and gap links over the compounds, and lists clusters that select on click', async () => {
    await jumpTo(page, [113.88, 35.31], 16);
    await snapshotMap(page, 'clusters');
    await page.getByTestId('clusters-active').uncheck();
    await mapIdle(page);
    await snapshotMap(page, 'categories');
    expect(await changedShare(page, 'clusters', 'categories')).toBeGreaterThan(0.05);
    await page.getByTestId('clusters-active').check();
    await summaryAt(25);
    const row = page.getByTestId('cluster-row').first();
    await row.click();
    const card = page.getByTestId('cluster-card');
    await card.waitFor();
    // the largest cluster by households is first; its card lists its members
    const members = Number((await row.locator('td').nth(1).textContent()) ?? '0');
    expect(members).toBeGreaterThan(1);
    expect(await card.locator('li button').count()).toBe(members);
  });
});
