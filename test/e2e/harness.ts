// Starts the built app (vite preview) on a free loopback port and drives Debian's Chromium with playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** the built app to serve (LIANPIAN_DIST lets parallel work trees test their own build) */
const DIST = path.resolve(ROOT, process.env.LIANPIAN_DIST ?? 'dist');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface App {
  url: string;
  browser: Browser;
  /** every URL the page requested */
  requests: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function startApp(): Promise<App> {
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error(`${DIST} is missing: run \`npm run build\` before the end-to-end tests`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'preview', '--outDir', DIST, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 200) throw new Error(`vite preview did not start on ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
    ],
  });
  const requests: string[] = [];
  return {
    url,
    browser,
    requests,
    async newPage() {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => console.error('[page error]', e.message));
      return page;
    },
    async close() {
      await browser.close();
      server.kill();
    },
  };
}

/** Wait until the app has drawn `n` or more compounds (the layer list shows the count). */
/** Wait until the sample city's parcels have loaded (they come after the compounds). */
export async function waitForParcels(page: Page, timeout = 60000): Promise<void> {
  await page.waitForFunction(() => ((globalThis as unknown as { __lianpianProject?: { parcels: unknown[] } }).__lianpianProject?.parcels.length ?? 0) > 0, null, { timeout });
}

export async function waitForCompounds(page: Page, atLeast = 1, timeout = 60000): Promise<number> {
  const handle = await page.waitForFunction(
    (min) => {
      const el = document.querySelector('[data-testid="shown-count"]');
      const m = el?.textContent?.replace(/[,，\s]/g, '').match(/(\d+)\D+(\d+)/);
      return m && Number(m[2]) >= min ? Number(m[2]) : null;
    },
    atLeast,
    { timeout },
  );
  return (await handle.jsonValue()) as number;
}

/** Keep a copy of the map canvas's pixels in the page under `key` (the map keeps its drawing buffer). */
export async function snapshotMap(page: Page, key: string): Promise<void> {
  await page.evaluate((k) => {
    const c = document.querySelector('canvas.maplibregl-canvas') as HTMLCanvasElement;
    const t = document.createElement('canvas');
    t.width = c.width;
    t.height = c.height;
    const ctx = t.getContext('2d')!;
    ctx.drawImage(c, 0, 0);
    const g = globalThis as unknown as { __snaps?: Record<string, ImageData> };
    (g.__snaps ??= {})[k] = ctx.getImageData(0, 0, t.width, t.height);
  }, key);
}

/** Share of pixels whose colour differs visibly between two snapshots. */
export async function changedShare(page: Page, a: string, b: string): Promise<number> {
  return page.evaluate(
    ([ka, kb]) => {
      const s = (globalThis as unknown as { __snaps: Record<string, ImageData> }).__snaps;
      const x = s[ka].data;
      const y = s[kb].data;
      let changed = 0;
      for (let i = 0; i < x.length; i += 4) {
        if (Math.abs(x[i] - y[i]) + Math.abs(x[i + 1] - y[i + 1]) + Math.abs(x[i + 2] - y[i + 2]) > 30) changed++;
      }
      return changed / (x.length / 4);
    },
    [a, b] as const,
  );
}

/** Wait for the map to finish rendering what it has. */
export async function mapIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const m = (globalThis as unknown as { __lianpianMap: { once(e: string, f: () => void): void; triggerRepaint(): void } }).__lianpianMap;
        m.once('idle', () => resolve());
        m.triggerRepaint();
        // software WebGL may never report idle while deck keeps redrawing: give up waiting after 5 s
        setTimeout(resolve, 5000);
      }),
  );
  await page.waitForTimeout(300);
}

/** Move the camera without animation. */
export async function jumpTo(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(
    ([c, z]) => (globalThis as unknown as { __lianpianMap: { jumpTo(o: object): void } }).__lianpianMap.jumpTo({ center: c, zoom: z }),
    [center, zoom] as const,
  );
  await mapIdle(page);
}
