import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(resolve(repoRoot, 'test/fixtures/io', name)));
export const realData = (path: string): Uint8Array => new Uint8Array(readFileSync(resolve(repoRoot, '../shared/data/real', path)));

export interface Manifest {
  compounds: { name: string; district: string; year: string; households: number; buildings: number; area_m2: number; invest_wan: number; geometry: { type: string; coordinates: unknown } | null }[];
  ledger: { rows: string[]; withoutPolygon: string[]; polygonsWithoutLedger: string[]; categories: string[] };
  gcj02: { ids: (string | number)[] };
}
export const manifest = (): Manifest => JSON.parse(new TextDecoder().decode(fixture('manifest.json'))) as Manifest;

/** Flat list of [lon, lat] from nested coordinates. */
export function positions(c: unknown): number[][] {
  if (Array.isArray(c) && typeof c[0] === 'number') return [c as number[]];
  return Array.isArray(c) ? c.flatMap(positions) : [];
}

/** Great-circle distance in metres (haversine, R = 6 371 008.8 m). */
export function metres(a: number[], b: number[]): number {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** Largest vertex-to-vertex distance (m) between two geometries with the same vertices, as multisets per ring order ignoring ring start. */
export function maxVertexGap(a: unknown, b: unknown): number {
  const pa = positions(a);
  const pb = positions(b);
  if (pa.length !== pb.length) return Infinity;
  let worst = 0;
  for (const p of pa) {
    let best = Infinity;
    for (const q of pb) best = Math.min(best, metres(p, q));
    worst = Math.max(worst, best);
  }
  return worst;
}
