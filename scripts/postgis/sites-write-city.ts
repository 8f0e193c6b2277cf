// Write the sample city's compounds and idle parcels as GeoJSON for the PostGIS comparison of `sites`:
// `tsx scripts/postgis/sites-write-city.ts <n> <compounds.geojson> <parcels.geojson>`.
import { createWriteStream } from 'node:fs';
import { generateCity } from '../city/generate';

const [n = '20000', compoundsOut = '/tmp/lianpian-compounds.geojson', parcelsOut = '/tmp/lianpian-parcels.geojson'] = process.argv.slice(2);
const { compounds, parcels } = generateCity({ seed: 20200, compounds: Number(n) });

function write(path: string, features: { properties: Record<string, unknown>; geometry: unknown }[]): Promise<void> {
  const w = createWriteStream(path);
  w.write('{"type":"FeatureCollection","features":[\n');
  features.forEach((f, i) => w.write(`${i ? ',\n' : ''}${JSON.stringify({ type: 'Feature', ...f })}`));
  w.end('\n]}\n');
  return new Promise((resolve) => w.on('finish', resolve));
}

await write(compoundsOut, compounds.map((c) => ({ properties: { id: c.id, name: c.name, households: c.households }, geometry: c.geometry })));
await write(parcelsOut, parcels.map((p) => ({ properties: { id: p.id, current_use: p.current_use }, geometry: p.geometry })));
console.error(`wrote ${compounds.length} compounds to ${compoundsOut} and ${parcels.length} parcels to ${parcelsOut}`);
