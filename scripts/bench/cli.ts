// Bench section: the whole CLI run (start Node, read, parse, analyse, write JSON) on the files the PostGIS comparison
// scripts use, against PostGIS's time from their last run. `clusters` at gap 10 m, `sites` at 1 km, largest size only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { BenchCase } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');
const CLUSTERS_WORK = process.env.WORK ?? '/tmp/lianpian-postgis';
const SITES_WORK = process.env.WORK ?? '/tmp/lianpian-postgis-sites';

/** The words of `npm run cli` (package.json), so the bench times what users run. */
function cliWords(): string[] {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { cli: string } }).scripts.cli.split(/\s+/);
}

/** Its Node flags. */
function cliFlags(): string[] {
  return cliWords().filter((a) => a.startsWith('--'));
}

/** The environment it sets before `node` (GLIBC_TUNABLES=…). */
function cliEnv(): Record<string, string> {
  const words = cliWords();
  const env = words.slice(0, words.indexOf('node')).filter((w) => /^[A-Z_][A-Z0-9_]*=/.test(w));
  return Object.fromEntries(env.map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
}

/** A number from a file the compare scripts wrote, or NaN when there is none yet. */
function figure(path: string): number {
  return existsSync(path) ? Number(readFileSync(path, 'utf8').trim()) : NaN;
}

/** Write the compare scripts' input files when missing (the same generator and seed). */
function ensure(files: string[], script: string, n: number): void {
  if (files.every((f) => existsSync(f))) return;
  for (const f of files) mkdirSync(dirname(f), { recursive: true });
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, script), String(n), ...files], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${script} ${n} exited with ${r.status}`);
}

function cliCase(label: string, n: number, args: string[], pg: { seconds: string; cpu: string }): BenchCase {
  return {
    label,
    external: true,
    async prepare() {
      return null;
    },
    run(_: unknown, measure) {
      // a fresh directory per run, removed after it: the sites JSON alone is 82 MB
      const dir = mkdtempSync(join(tmpdir(), 'lianpian-bench-cli-'));
      const cpuFile = join(dir, 'cpu');
      const t0 = measure.now();
      const r = spawnSync(process.execPath, [...cliFlags(), '--import', join(ROOT, 'scripts/bench/cpu-report.mjs'), join(ROOT, 'scripts/cli.mjs'), ...args, '--out', join(dir, 'out.json')], {
        env: { ...process.env, ...cliEnv(), LP_CPU_OUT: cpuFile }, stdio: ['ignore', 'ignore', 'pipe'],
      });
      const wall = measure.now() - t0;
      if (r.status !== 0) throw new Error(`cli ${args.join(' ')} exited with ${r.status}: ${r.stderr.toString()}`);
      const cpu = figure(cpuFile);
      rmSync(dir, { recursive: true, force: true });
      const pgS = figure(pg.seconds), pgCpu = figure(pg.cpu);
      return {
        compounds: n, 'CLI wall ms': wall, 'CLI CPU ms': cpu, 'PostGIS wall s': pgS, 'PostGIS CPU s': pgCpu,
        'wall ratio': (pgS * 1000) / wall, '**CPU ratio**': (pgCpu * 1000) / cpu, 'total ms': cpu,
      };
    },
  };
}

export const name = 'cli';
export const title = 'Whole CLI runs against PostGIS (scripts/postgis/compare.sh, sites-compare.sh)';
export const notes = [
  'CLI: `node <flags> scripts/cli.mjs` (what `npm run cli` runs, its flags and environment read from package.json, without npm\'s own start-up) from process start to exit: read, parse, analyse, write JSON; CPU = user + system of all its threads; best of the runs by CPU ("total ms" = CPU ms).',
  'PostGIS: the figures the compare scripts wrote in their WORK directories on their last run (ogr2ogr load, transform, GiST, the same query, JSON out; CPU of server, ogr2ogr and psql); a dash when they have not been run here: `scripts/postgis/compare.sh 200000` and `scripts/postgis/sites-compare.sh 200000 1000` (need postgresql-15-postgis-3 and gdal-bin).',
];

export function cases(sizes: number[]): BenchCase[] {
  const n = Math.max(...sizes);
  const city = `${CLUSTERS_WORK}/city-${n}.geojson`;
  const compounds = `${SITES_WORK}/compounds-${n}.geojson`, parcels = `${SITES_WORK}/parcels-${n}.geojson`;
  return [
    {
      ...cliCase(`clusters ${n / 1000}k, gap 10 m`, n, ['clusters', city, '--gap', '10', '--format', 'json'], { seconds: `${CLUSTERS_WORK}/postgis-${n}.seconds`, cpu: `${CLUSTERS_WORK}/postgis-${n}.cpu` }),
      prepare: async () => ensure([city], 'scripts/postgis/write-city.ts', n),
    },
    {
      ...cliCase(`sites ${n / 1000}k × ${n / 10000}k parcels, 1 km`, n, ['sites', compounds, parcels, '--radius', '1000', '--format', 'json'], {
        seconds: `${SITES_WORK}/postgis-${n}-1000.seconds`, cpu: `${SITES_WORK}/postgis-${n}-1000.cpu`,
      }),
      prepare: async () => ensure([compounds, parcels], 'scripts/postgis/sites-write-city.ts', n),
    },
  ];
}
