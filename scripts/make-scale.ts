// Writes the national-scale test set (not committed): `npm run make:scale [-- --compounds N --out DIR]`.
// The generator's city grown to N compounds (default 200,000: synthetic towns around the sample city, spanning
// three Gauss-Krüger zones) and its idle parcels (about one per ten compounds), as FlatGeobuf,
// the format a provincial office would hand over at this size.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCity } from './city/generate';
import { serializeCity } from './city/serialize';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const compounds = Number(arg('compounds') ?? 200_000);
if (!Number.isInteger(compounds) || compounds < 1) {
  console.error(`make:scale: --compounds must be a whole number of compounds, 1 or more (got "${arg('compounds')}")`);
  process.exit(1);
}
const out = arg('out') ?? join(import.meta.dirname, '..', 'scale');
const t0 = performance.now();
const city = generateCity({ compounds });
const files = serializeCity(city);
mkdirSync(out, { recursive: true });
for (const name of ['compounds.fgb', 'parcels.fgb', 'districts.geojson']) {
  const target = join(out, name);
  writeFileSync(target, files[name]);
  console.log(`${target}  ${(files[name].length / 2 ** 20).toFixed(1)} MiB`);
}
console.log(`${city.compounds.length} compounds, ${city.parcels.length} idle parcels, ${city.districts.length} districts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
