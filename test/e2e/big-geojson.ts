// Writes a ~100 MB GeoJSON of compounds (the sample city tiled across the map) for the large-file test.
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { loadFile } from '../../src/lib/io/load';
import { ROOT } from './harness';

type Coords = number[] | Coords[];
const shift = (c: Coords, dx: number, dy: number): Coords =>
  typeof c[0] === 'number' ? [Math.round(((c[0] as number) + dx) * 1e7) / 1e7, Math.round(((c[1] as number) + dy) * 1e7) / 1e7] : (c as Coords[]).map((x) => shift(x, dx, dy));

/** Write at least `bytes` of GeoJSON to `file`; returns the feature count. */
export async function writeBigGeoJson(file: string, bytes = 100 * 1024 * 1024): Promise<number> {
  const fc = (await loadFile('compounds.fgb', new Uint8Array(readFileSync(path.join(ROOT, 'data/compounds.fgb'))))) as unknown as {
    features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: Coords } }[];
  };
  const out = createWriteStream(file);
  out.write('{"type":"FeatureCollection","features":[\n');
  let written = 0;
  let n = 0;
  for (let tile = 0; written < bytes; tile++) {
    const dx = (tile % 8) * 1.2;
    const dy = Math.floor(tile / 8) * 0.9;
    for (const f of fc.features) {
      const feat = { type: 'Feature', properties: { ...f.properties, id: `T${tile}-${String(f.properties.id)}` }, geometry: { type: f.geometry.type, coordinates: shift(f.geometry.coordinates, dx, dy) } };
      const s = (n ? ',\n' : '') + JSON.stringify(feat);
      written += Buffer.byteLength(s);
      n++;
      if (!out.write(s)) await once(out, 'drain');
    }
  }
  out.end(']}\n');
  await once(out, 'finish');
  if (statSync(file).size < bytes) throw new Error(`${file} came out smaller than ${bytes} bytes`);
  return n;
}
