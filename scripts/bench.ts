// Seeded benchmarks: `npm run bench [-- <section…>] [--sizes 2000,20000,200000] [--runs 3]`.
// Each case runs in a child process: generate its data, force a GC, then time `runs` runs and keep the
// fastest of each column; peak RSS is the child's maximum resident set. Add a section: a module in
// scripts/bench/ exporting name, title, notes and cases(sizes), listed in SECTIONS below.
import { fork } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import { cpus, totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BenchSection } from './bench/harness';

const SECTIONS: Record<string, () => Promise<BenchSection>> = {
  clusters: () => import('./bench/clusters'),
  sites: () => import('./bench/sites'),
  load: () => import('./bench/load'),
  cli: () => import('./bench/cli'),
};

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function child(section: string, index: number, sizes: number[], runs: number): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const mod = await SECTIONS[section]();
  const c = mod.cases(sizes)[index];
  const data = await c.prepare();
  gc();
  const rssBefore = process.memoryUsage().rss;
  let gcMs = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  }).observe({ entryTypes: ['gc'] });
  let best: Record<string, number> = {};
  for (let r = 0; r < runs; r++) {
    gc();
    // let the observer report the forced GC before counting starts
    await new Promise((resolve) => setTimeout(resolve, 20));
    gcMs = 0;
    const row = c.run(data, { now: () => performance.now() });
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (!c.external) row['of which GC ms'] = gcMs;
    // keep the fastest run whole, so its columns add up
    if (!(row['total ms'] >= best['total ms'])) best = row;
  }
  if (!c.external) best = { ...best, 'RSS before MB': rssBefore / 2 ** 20, 'peak RSS MB': process.resourceUsage().maxRSS / 1024 };
  process.send!({ label: c.label, row: best });
}

/** A figure for the table; none (e.g. no PostGIS run recorded for this size) is a dash. */
function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return Number.isInteger(v) ? String(v) : v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

async function main(): Promise<void> {
  const sizes = (flag('sizes') ?? '2000,20000,200000').split(',').map(Number);
  const runs = Number(flag('runs') ?? 3);
  const wanted = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  const names = wanted.length ? wanted : Object.keys(SECTIONS);
  const cpu = cpus();
  console.log(`machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; best of ${runs} runs\n`);
  for (const name of names) {
    if (!(name in SECTIONS)) throw new Error(`Unknown bench section "${name}"; have ${Object.keys(SECTIONS).join(', ')}.`);
    const mod = await SECTIONS[name]();
    console.log(`## ${mod.title}\n`);
    const rows: { label: string; row: Record<string, number> }[] = [];
    const cases = mod.cases(sizes);
    for (let i = 0; i < cases.length; i++) {
      const res = await new Promise<{ label: string; row: Record<string, number> }>((resolve, reject) => {
        const cp = fork(new URL(import.meta.url).pathname, ['--child', name, String(i), '--sizes', sizes.join(','), '--runs', String(runs)], {
          execArgv: [...process.execArgv, '--max-old-space-size=8192'],
        });
        cp.on('message', (m) => resolve(m as { label: string; row: Record<string, number> }));
        cp.on('exit', (code) => code && reject(new Error(`bench case ${cases[i].label} exited with ${code}`)));
      });
      rows.push(res);
      process.stderr.write(`  ${res.label} done\n`);
    }
    const cols = Object.keys(rows[0]?.row ?? {});
    console.log(`| case | ${cols.join(' | ')} |`);
    console.log(`|---|${cols.map(() => '--:').join('|')}|`);
    for (const { label, row } of rows) console.log(`| ${label} | ${cols.map((c) => fmt(row[c])).join(' | ')} |`);
    console.log('\n' + mod.notes.map((n) => `- ${n}`).join('\n') + '\n');
  }
}

const ci = process.argv.indexOf('--child');
if (ci >= 0) {
  const sizes = (flag('sizes') ?? '').split(',').map(Number);
  void child(process.argv[ci + 1], Number(process.argv[ci + 2]), sizes, Number(flag('runs') ?? 3));
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
