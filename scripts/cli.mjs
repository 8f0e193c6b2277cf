// `npm run cli`: run the CLI from a prebuilt bundle (dist-cli/, gitignored), rebuilt with esbuild when any of its
// inputs changed. Saves tsx's start-up transpile (~1 s) and its per-closure __name helper in hot loops.
// package.json starts it with --initial-heap-size=1024: parsing a 77 MB GeoJSON then runs fewer full GCs while the
// heap grows (5-10 % less CPU on the 200k files, peak RSS no higher). It also sets GLIBC_TUNABLES=glibc.malloc.hugetlb=1
// (glibc >= 2.35; ignored elsewhere): malloc asks for transparent huge pages for its large blocks, which back Node's
// ArrayBuffers (the file's bytes, the flat coordinates, the measuring's typed arrays). On the 2-core KVM host every
// fresh 4 kB page cost ~10 µs (800 MB first touched: 2.2 s; with huge pages 1.2 s), and `clusters` on the 200k city
// ran 10-15 % faster with it in interleaved runs (3.5-4.3 s against 4.0-4.7 s through npm).
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, 'dist-cli/main.mjs');
// the helper thread's own bundle (src/cli/helper.ts): a tenth of the CLI's, so the thread starts sooner
const helperOut = resolve(root, 'dist-cli/helper.mjs');
const meta = resolve(root, 'dist-cli/meta.json');

/** True when a bundle is missing or older than one of the inputs esbuild recorded for them. */
function stale() {
  let built;
  try {
    built = Math.min(statSync(out).mtimeMs, statSync(helperOut).mtimeMs);
    const inputs = Object.keys(JSON.parse(readFileSync(meta, 'utf8')).inputs);
    return inputs.some((f) => statSync(resolve(root, f)).mtimeMs > built);
  } catch {
    return true;
  }
}

if (stale()) {
  const { build } = await import('esbuild');
  const r = await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts', helper: 'src/cli/helper-main.ts' },
    outdir: dirname(out),
    outExtension: { '.js': '.mjs' },
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'warning',
    // CommonJS dependencies bundled into an ES module still call require() for Node built-ins
    banner: { js: "import { createRequire as __lpRequire } from 'node:module'; const require = __lpRequire(import.meta.url);" },
  });
  mkdirSync(dirname(out), { recursive: true });
  // written aside and renamed, so a second run starting meanwhile never imports half a file; the helper first
  const files = [helperOut, out].map((path) => ({ path, file: r.outputFiles.find((f) => f.path === path) }));
  for (const { path, file } of files) {
    if (!file) throw new Error(`esbuild wrote no ${path}`);
    writeFileSync(`${path}.${process.pid}`, file.contents);
  }
  writeFileSync(meta, JSON.stringify({ inputs: r.metafile.inputs }));
  for (const { path } of files) renameSync(`${path}.${process.pid}`, path);
}
await import(pathToFileURL(out).href);
