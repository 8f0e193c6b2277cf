// Property-based fuzzing of loadFile (issue 7): random bytes under every extension, format headers followed by noise,
// truncations and byte mutations of the valid fixtures, and random GeoJSON-shaped documents. 10,000 cases in all.
// The property: loadFile resolves with a well-formed layer or rejects with a UserError, and each case finishes fast.
// Seeded for reproducible runs; FUZZ_SEED=<n> explores other seeds, FUZZ_SCALE=<k> runs k times as many cases.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/lib/io/errors';
import { loadFile, type LoadOptions } from '../../../src/lib/io/load';

const SEED = Number(process.env.FUZZ_SEED ?? 20240607);
/** FUZZ_SCALE=<k> multiplies every case count (e.g. for a longer local hunt). */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
/** A case slower than this counts as a hang (a loaded 2-core machine; typical cases take well under 5 ms). */
const CASE_MS = 2000;
const io = resolve(import.meta.dirname, '../../fixtures/io');
const bad = resolve(import.meta.dirname, '../../fixtures/bad');
const read = (dir: string, name: string): Uint8Array => new Uint8Array(readFileSync(resolve(dir, name)));

/** Valid (and a few damaged) inputs to cut and mutate; large fixtures left out to keep cases fast. */
const seeds: { name: string; bytes: Uint8Array; opts?: LoadOptions }[] = [
  ...['xinxiang-4547.fgb', 'xinxiang-4547-gbk.zip', 'xinxiang-4526-nocpg.zip', 'xinxiang-gcj02.geojson', 'ledger-utf8.csv', 'ledger-gbk.csv', 'ledger.xlsx'].map((name) => ({
    name,
    bytes: read(io, name),
  })),
  {
    name: 'loose-noprj.shp',
    bytes: read(io, 'loose-noprj.shp'),
    opts: { crs: 'EPSG:4526', extraFiles: ['dbf', 'cpg'].map((e) => ({ name: `loose-noprj.${e}`, bytes: read(io, `loose-noprj.${e}`) })) },
  },
  ...readdirSync(bad)
    .filter((n) => /\.(geojson|zip|fgb|xlsx)$/.test(n))
    .map((name) => ({ name, bytes: read(bad, name) })),
];

const EXTENSIONS = ['geojson', 'json', 'fgb', 'zip', 'shp', 'csv', 'txt', 'xlsx', 'kml', 'dbf', 'bin', ''];
const enc = new TextEncoder();
const MAGIC: Uint8Array[] = [
  new Uint8Array([0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x00]), // fgb
  new Uint8Array([0x50, 0x4b, 0x03, 0x04]), // zip
  new Uint8Array([0, 0, 0x27, 0x0a]), // shp file code 9994
  enc.encode('{"type":"FeatureCollection","features":['),
  enc.encode('\uFEFF小区名称,经度,纬度\r\n'),
];

interface Outcome {
  ms: number;
  error: unknown;
}

async function attempt(name: string, bytes: Uint8Array, opts?: LoadOptions): Promise<Outcome> {
  const t0 = performance.now();
  try {
    const layer = await loadFile(name, bytes, opts);
    wellFormed(name, layer);
    return { ms: performance.now() - t0, error: null };
  } catch (error) {
    return { ms: performance.now() - t0, error };
  }
}

/** A loaded layer: finite lon/lat everywhere, counts that add up, report sentences that start with the file name. */
function wellFormed(name: string, layer: Awaited<ReturnType<typeof loadFile>>): void {
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) throw new Error(`coordinate out of lon/lat: ${x}, ${y}`);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  for (const f of layer.features) walk(f.geometry?.coordinates);
  if (layer.excluded.length !== layer.skipped.length) throw new Error('excluded and skipped disagree');
  for (const i of [...layer.repairs, ...layer.warnings, ...layer.excluded]) {
    if (!i.en.startsWith(name) || !i.zh.startsWith(name)) throw new Error(`report sentence without the file name: ${i.en}`);
  }
}

/** Only UserErrors may escape, and every case must finish in time; failures print the case for reproduction. */
function check(o: Outcome, label: string): boolean {
  if (o.ms > CASE_MS) throw new Error(`${label}: took ${Math.round(o.ms)} ms`);
  if (o.error !== null && !(o.error instanceof UserError)) {
    const e = o.error instanceof Error ? `${o.error.name}: ${o.error.message}\n${o.error.stack ?? ''}` : String(o.error);
    throw new Error(`${label}: threw a non-UserError: ${e}`);
  }
  return true;
}

const bytes = (max: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ maxLength: max });

describe('loadFile under fuzzing: only UserError, never a hang', () => {
  it('random bytes under every extension (3,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EXTENSIONS), bytes(512), async (ext, b) => check(await attempt(`f.${ext}`, b), `.${ext} ${b.length} B`)),
      { numRuns: 3000 * SCALE, seed: SEED },
    );
  });

  it('format headers followed by noise (2,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...MAGIC), fc.constantFrom(...EXTENSIONS), bytes(400), async (magic, ext, tail) => {
        const b = new Uint8Array(magic.length + tail.length);
        b.set(magic);
        b.set(tail, magic.length);
        return check(await attempt(`m.${ext}`, b), `magic ${magic[0]} .${ext}`);
      }),
      { numRuns: 2000 * SCALE, seed: SEED + 1 },
    );
  });

  it('valid files cut short at any byte (2,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), async (k, frac) => {
        const s = seeds[k];
        const cut = Math.floor(s.bytes.length * frac);
        return check(await attempt(s.name, s.bytes.slice(0, cut), s.opts), `${s.name} cut at ${cut}`);
      }),
      { numRuns: 2000 * SCALE, seed: SEED + 2 },
    );
  });

  it('valid files with bytes overwritten (2,000 cases)', async () => {
    const edits = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), edits, async (k, changes) => {
        const s = seeds[k];
        const b = s.bytes.slice();
        for (const [at, v] of changes) if (b.length) b[Math.floor(at * b.length)] = v;
        return check(await attempt(s.name, b, s.opts), `${s.name} ${JSON.stringify(changes)}`);
      }),
      { numRuns: 2000 * SCALE, seed: SEED + 3 },
    );
  });

  it('random GeoJSON-shaped documents (1,000 cases)', async () => {
    const num = fc.oneof(fc.double({ min: -200, max: 200, noNaN: true }), fc.constantFrom(0, 1, 113.9, 35.3, 38500000, 1e308), fc.constant('1'), fc.constant(null));
    const position = fc.array(num, { minLength: 0, maxLength: 3 });
    const ring = fc.array(position, { maxLength: 7 });
    const coords = fc.oneof(position, ring, fc.array(ring, { maxLength: 3 }), fc.array(fc.array(ring, { maxLength: 2 }), { maxLength: 3 }), fc.jsonValue({ maxDepth: 3 }));
    const type = fc.constantFrom('Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection', 'Circle', 7);
    const geometry = fc.oneof(fc.record({ type, coordinates: coords }), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
    const properties = fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), fc.constant(null));
    const feature = fc.record({ type: fc.constant('Feature'), id: fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: 0, max: 3 }), fc.constant(null)), properties, geometry });
    const doc = fc.oneof(
      fc.record({ type: fc.constant('FeatureCollection'), features: fc.array(fc.oneof(feature, fc.jsonValue({ maxDepth: 2 })), { maxLength: 6 }) }),
      feature,
      fc.record({ type: fc.constant('FeatureCollection'), crs: fc.record({ type: fc.constant('name'), properties: fc.record({ name: fc.constantFrom('EPSG:4547', 'EPSG:4326', 'urn:ogc:def:crs:EPSG::4490', 'nonsense', 'EPSG:999999') }) }), features: fc.array(feature, { maxLength: 4 }) }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(doc, fc.constantFrom<LoadOptions | undefined>(undefined, { need: 'area' }, { crs: 'EPSG:4547' }), async (d, opts) => {
        const text = JSON.stringify(d) ?? 'null';
        return check(await attempt('doc.geojson', enc.encode(text), opts), text.slice(0, 300));
      }),
      { numRuns: 1000 * SCALE, seed: SEED + 4 },
    );
  });

  it('the fuzz seeds themselves load or refuse cleanly', async () => {
    for (const s of seeds) expect(check(await attempt(s.name, s.bytes, s.opts), s.name)).toBe(true);
  });
});
