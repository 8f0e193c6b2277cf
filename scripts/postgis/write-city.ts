// Write the sample city's compounds as GeoJSON for the PostGIS comparison: `tsx scripts/postgis/write-city.ts <n> <out.geojson>`.
import { createWriteStream } from 'node:fs';
import { generateCity } from '../city/generate';

const [n = '20000', out = '/tmp/lianpian-city.geojson'] = process.argv.slice(2);
const { compounds } = generateCity({ seed: 20200, compounds: Number(n) });
const w = createWriteStream(out);
w.write('{"type":"FeatureCollection","features":[\n');
compounds.forEach((c, i) => {
  const properties = {
    id: c.id, name: c.name, district: c.district, households: c.households, buildings: c.buildings,
    floor_area_m2: c.floor_area_m2, investment_wan: c.investment_wan, category: c.category,
  };
  w.write(`${i ? ',\n' : ''}${JSON.stringify({ type: 'Feature', properties, geometry: c.geometry })}`);
});
w.end('\n]}\n');
w.on('finish', () => console.error(`wrote ${compounds.length} compounds to ${out}`));
