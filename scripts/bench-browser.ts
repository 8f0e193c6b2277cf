// `npm run bench:browser`: the national-scale set (`npm run make:scale`) loaded into the built app in headless
// Chromium (software WebGL), with the figures issue #8 asks for. Needs `npm run build` and Debian's chromium.
//   npm run bench:browser [-- --dir scale --pan 10 --load-only 1]
import { existsSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { ROOT, startApp, waitForCompounds } from '../test/e2e/harness';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const dir = path.resolve(ROOT, arg('dir', 'scale'));
const compoundsFile = path.join(dir, 'compounds.fgb');
const parcelsFile = path.join(dir, 'parcels.fgb');
const panFrames = Number(arg('pan', '10'));
/** `--load-only 1`: stop after the load figures */
const loadOnly = arg('load-only', '0') === '1';
for (const f of [compoundsFile, parcelsFile]) {
  if (!existsSync(f)) {
    console.error(`${f} is missing: run \`npm run make:scale\` first`);
    process.exit(1);
  }
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MB`;

/** JS heap in use on the page's main thread and in each of its workers, after a full collection. */
async function heaps(page: Page, cdp: CDPSession): Promise<{ main: number; workers: number[] }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const main = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  const workers: number[] = [];
  // the workers through the page's session (non-flat attachment: messages wrapped in Target.sendMessageToTarget)
  const sessions: string[] = [];
  const replies = new Map<number, (r: { result?: { usedSize?: number } }) => void>();
  const onAttach = (e: { sessionId: string; targetInfo: { type: string } }): void => {
    if (e.targetInfo.type === 'worker') sessions.push(e.sessionId);
  };
  const onMessage = (e: { message: string }): void => {
    const m = JSON.parse(e.message) as { id?: number; result?: { usedSize?: number } };
    if (m.id !== undefined) replies.get(m.id)?.(m);
  };
  cdp.on('Target.attachedToTarget', onAttach);
  cdp.on('Target.receivedMessageFromTarget', onMessage);
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await new Promise((r) => setTimeout(r, 500));
  let id = 1000;
  const ask = (sessionId: string, method: string): Promise<{ result?: { usedSize?: number } }> =>
    new Promise((resolve) => {
      const k = ++id;
      replies.set(k, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: k, method }) });
      setTimeout(() => resolve({}), 10000);
    });
  for (const sessionId of sessions) {
    await ask(sessionId, 'HeapProfiler.collectGarbage');
    const u = await ask(sessionId, 'Runtime.getHeapUsage');
    if (u.result?.usedSize !== undefined) workers.push(u.result.usedSize);
  }
  cdp.off('Target.attachedToTarget', onAttach);
  cdp.off('Target.receivedMessageFromTarget', onMessage);
  return { main, workers };
}

/**
 * Times of `frames` frames (ms) while the map pans by a few pixels each: each one from the move to its pixels being
 * ready (a one-pixel readback waits for the GPU, which is software here), so they are what a user sees.
 */
async function panFrameTimes(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(
    (n) =>
      new Promise<number[]>((resolve) => {
        type M = { panBy(o: [number, number], a: object): void; once(e: string, f: () => void): void; painter: { context: { gl: WebGL2RenderingContext } } };
        const map = (globalThis as unknown as { __lianpianMap: M }).__lianpianMap;
        const gl = map.painter.context.gl;
        const px = new Uint8Array(4);
        const times: number[] = [];
        const step = (): void => {
          if (times.length >= n) return resolve(times);
          const t = performance.now();
          map.once('render', () => {
            gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
            times.push(performance.now() - t);
            setTimeout(step, 0);
          });
          map.panBy([8, 3], { duration: 0 });
        };
        step();
      }),
    frames,
  );
}

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const app = await startApp();
try {
  const page = await app.newPage();
  page.on('crash', () => console.error('[page crashed]'));
  page.on('console', (m) => {
    if (m.type() === 'error') console.error('[console]', m.text());
  });
  // tsx names the functions it compiles with a helper the page does not have
  await page.addInitScript('globalThis.__name = (f) => f;');
  const cdp = await page.context().newCDPSession(page);
  await page.goto(app.url);
  await waitForCompounds(page, 2500);
  console.log(`machine: ${cpus().length} × ${cpus()[0].model}, Chromium headless (SwiftShader)`);
  console.log(`file: ${path.relative(ROOT, compoundsFile)} (${mb(statSync(compoundsFile).size)}), ${path.relative(ROOT, parcelsFile)} (${mb(statSync(parcelsFile).size)})`);
  await page.getByTestId('open-role').selectOption('compounds');
  // the stages of the load as the progress bar shows them: when each began (ms after the file was chosen)
  await page.evaluate(() => {
    const g = globalThis as unknown as { __stages: [string, number][]; __t0: number };
    g.__stages = [];
    g.__t0 = performance.now();
    setInterval(() => {
      const el = document.querySelector('[data-testid="progress"]');
      const stage = el?.getAttribute('data-stage') ?? (g.__stages.length ? 'done' : '');
      // from this file's reading on (the sample city may still be finishing)
      if (!g.__stages.length && stage !== 'read') return;
      if (stage && g.__stages.at(-1)?.[0] !== stage) g.__stages.push([stage, performance.now() - g.__t0]);
    }, 20);
  });
  const t0 = Date.now();
  await page.getByTestId('file-input').setInputFiles(compoundsFile);
  const count = await waitForCompounds(page, 100000, 300000);
  const tLoaded = Date.now() - t0;
  // the whole layer arrives at once, so the first frame drawn with it is also the one with every feature
  await panFrameTimes(page, 1);
  const tDrawn = Date.now() - t0;
  console.log(`compounds: ${count} loaded in ${s(tLoaded)}; first frame with them (all ${count}) drawn at ${s(tDrawn)}`);
  const stages = await page.evaluate(() => (globalThis as unknown as { __stages: [string, number][] }).__stages);
  console.log(`  stages (start, s after choosing the file): ${stages.map(([k, t]) => `${k} ${(t / 1000).toFixed(2)}`).join(' · ')}`);
  const h = await heaps(page, cdp);
  console.log(`heap after load: main ${mb(h.main)}, workers ${h.workers.map(mb).join(' + ') || '–'}, total ${mb(h.main + h.workers.reduce((a, b) => a + b, 0))}`);

  if (!loadOnly) {
  const frameLine = (xs: number[]): string => `median ${pct(xs, 50).toFixed(0)} ms/frame, p95 ${pct(xs, 95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (${xs.length} frames)`;
  const zoomOut = await page.evaluate(() => (globalThis as unknown as { __lianpianMap: { getZoom(): number } }).__lianpianMap.getZoom());
  console.log(`panning at zoom ${zoomOut.toFixed(1)} (every compound in view): ${frameLine(await panFrameTimes(page, panFrames))}`);
  await page.evaluate(() => (globalThis as unknown as { __lianpianMap: { jumpTo(o: object): void } }).__lianpianMap.jumpTo({ zoom: 15 }));
  await panFrameTimes(page, 1);
  console.log(`panning at zoom 15 (walls drawn): ${frameLine(await panFrameTimes(page, panFrames))}`);
  await page.evaluate((z) => (globalThis as unknown as { __lianpianMap: { jumpTo(o: object): void } }).__lianpianMap.jumpTo({ zoom: z }), zoomOut);
  await panFrameTimes(page, 1);

  // clusters at 10 m: the panel's default gap
  const c0 = Date.now();
  await page.getByTestId('clusters-active').check();
  const done = page.locator('[data-testid="clusters-summary"][data-gap="10"]').waitFor({ timeout: 300000 }).then(() => Date.now() - c0);
  const busy = await panFrameTimes(page, 5);
  const tClusters = await done;
  const summary = page.locator('[data-testid="clusters-summary"]');
  const clusters = await summary.getAttribute('data-clusters');
  const workerMs = Number(await summary.getAttribute('data-worker-ms'));
  console.log(`clusters at 10 m: ${clusters} clusters in ${s(tClusters)} (request to summary shown; the worker's analysis ${s(workerMs)})`);
  console.log(`panning while clusters run (first 5 frames after the request): ${frameLine(busy)}`);
  await page.getByTestId('clusters-active').uncheck();

  await page.getByTestId('open-role').selectOption('parcels');
  const p0 = Date.now();
  await page.getByTestId('file-input').setInputFiles(parcelsFile);
  await page.waitForFunction((min) => ((globalThis as unknown as { __lianpianProject: { parcels: unknown[] } }).__lianpianProject.parcels.length) >= min, 10000, { timeout: 300000 });
  console.log(`parcels: loaded in ${s(Date.now() - p0)}`);
  const s0 = Date.now();
  await page.getByTestId('sites-active').check();
  await page.getByTestId('site-type').selectOption('community-clinic');
  await page.locator('[data-testid="site-summary"][data-type="community-clinic"][data-radius="1000"]').waitFor({ timeout: 300000 });
  console.log(`sites at 1,000 m (community clinic): ${s(Date.now() - s0)} (request to summary shown)`);
  }
} finally {
  await app.close();
}
