// The CLI's layer files: read from disk and loaded by the app's loader, large GeoJSON with flat polygons.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadFile, type LoadedLayer } from '../lib/io/load';

/**
 * Above this size GeoJSON polygons are parsed flat (src/lib/io/geojson-flat.ts): 26 % faster loading at 200k
 * compounds (74 MB), but slower below ~10 MB, where JSON.parse's native code has no garbage to fight
 * (`npm run bench -- load`).
 */
const FLAT_MIN_BYTES = 16 << 20;

/** Load the layer file at `path`; messages name it by its base name. */
export async function loadPath(path: string, crs?: string): Promise<LoadedLayer> {
  const bytes = await readFile(path);
  return loadFile(basename(path), bytes, { crs, flatGeometry: bytes.length >= FLAT_MIN_BYTES });
}
