// Writes the embedded sample city into data/: `npm run gen [-- --seed N --compounds N --out DIR]`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCity } from './city/generate';
import { serializeCity } from './city/serialize';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = arg('seed') === undefined ? undefined : Number(arg('seed'));
const compounds = arg('compounds') === undefined ? undefined : Number(arg('compounds'));
const out = arg('out') ?? join(import.meta.dirname, '..', 'data');
const t0 = performance.now();
const city = generateCity({ seed, compounds });
const files = serializeCity(city);
mkdirSync(out, { recursive: true });
for (const [name, bytes] of Object.entries(files)) {
  writeFileSync(join(out, name), bytes);
  console.log(`${name.padEnd(18)} ${(bytes.length / 1024).toFixed(0).padStart(6)} KiB`);
}
console.log(
  `${city.compounds.length} compounds, ${city.parcels.length} idle parcels, ${city.districts.length} districts, ` +
    `${city.roads.length} roads, ${city.water.length} water bodies in ${Math.round(performance.now() - t0)} ms -> ${out}`,
);
