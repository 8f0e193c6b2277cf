// npm leaves out of package-lock.json the optional platform packages it could not fetch (a registry mirror
// that lacks, say, rollup's darwin builds), and `npm ci` then refuses the lock as out of sync. This adds the
// missing optional entries with their os/cpu so npm ci skips them on other platforms. Run after `npm install`:
//   node scripts/fix-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pk = lock.packages;
let added = 0;
for (const [key, meta] of Object.entries(pk)) {
  for (const name of Object.keys(meta.optionalDependencies ?? {})) {
    const m = /^@(rollup|esbuild)\/(?:rollup-)?([a-z0-9]+)-([a-z0-9]+)(?:-(gnu|musl|msvc|gnueabihf|musleabihf|eabi))?$/.exec(name);
    const where = key ? `${key}/node_modules/${name}` : `node_modules/${name}`;
    if (!m || pk[`node_modules/${name}`] || pk[where]) continue;
    const [, , os, cpu, abi] = m;
    const entry = { version: meta.optionalDependencies[name], cpu: [cpu], ...(meta.dev ? { dev: true } : {}), license: 'MIT', optional: true, os: [os] };
    if (abi === 'gnu' || abi === 'gnueabihf') entry.libc = ['glibc'];
    if (abi === 'musl' || abi === 'musleabihf') entry.libc = ['musl'];
    pk[`node_modules/${name}`] = entry;
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(pk).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added} optional platform entries`);
