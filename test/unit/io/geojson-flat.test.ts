// The flat GeoJSON parser (CLI loads) against JSON.parse, the FlatGeobuf reader's flat polygons against flatgeobuf's
// own GeoJSON, and every fast path that reads its FlatAreas against the
// nested path it stands in for: repair, conversion, packing, whole layers, whole analyses.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeClustersSync } from '../../../src/lib/geo/analyze';
import { lonExtent, packPolygons } from '../../../src/lib/geo/flat';
import area from '@turf/area';
import { FlatArea, flatAreasFrom, flatAreasOf, turfArea } from '../../../src/lib/geo/flat-area';
import { analyzeSites } from '../../../src/lib/geo/sites';
import type { AreaGeometry } from '../../../src/lib/geo/types';
import { matchFields, toCompounds, toParcels } from '../../../src/lib/io/fields';
import { joinScans, parseFlatScan, parseGeoJsonFlat, scanClaimed, scanClaimedBack, scanPart, splitPoint, splitPoints } from '../../../src/lib/io/geojson-flat';
import { convertGeometry } from '../../../src/lib/io/geometry';
import { loadFile } from '../../../src/lib/io/load';
import { repairGeometry } from '../../../src/lib/io/repair';
import { deserialize as fgbDeserialize, serialize as fgbSerialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { repoRoot } from './helpers';

const enc = new TextEncoder();

/** JSON.parse's value with every FlatArea replaced by the plain geometry it stands for. */
function plain(v: unknown): unknown {
  if (v instanceof FlatArea) return { type: v.type, coordinates: v.coordinates };
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) Object.defineProperty(o, k, { value: plain((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    return o;
  }
  return v;
}

/**
 * Deep equality that tells -0 from 0 and keeps key order, except within a geometry {type, coordinates}: a FlatArea
 * names its members in that order whatever the file's order was.
 */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && typeof a === 'object') {
    if (!b || typeof b !== 'object' || Array.isArray(b)) return false;
    let ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length === 2 && ka.includes('coordinates') && ka.includes('type')) {
      ka = ka.sort();
      kb = kb.sort();
    }
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** How many geometries with coordinates the document has where the parser looks (features, the document itself). */
function geometriesOf(doc: unknown): number {
  const has = (g: unknown): number => (g && typeof g === 'object' && 'coordinates' in g ? 1 : 0);
  const d = doc as { features?: { geometry?: unknown }[]; geometry?: unknown } | null;
  return (Array.isArray(d?.features) ? d.features.reduce((n, f) => n + has(f?.geometry), 0) : 0) + has(d?.geometry) + has(d);
}

function expectLikeJsonParse(text: string): unknown {
  const flat = parseGeoJsonFlat(enc.encode(text));
  const ref: unknown = JSON.parse(text);
  if (flat === null) return null;
  expect(same(plain(flat), ref), text.slice(0, 400)).toBe(true);
  return flat;
}

// ---- random documents, written with random number forms and white space ----

type Tok = { num: string } | string | number | boolean | null | Tok[] | { obj: [string, Tok][] };

const ws = fc.constantFrom('', '', '', ' ', '\n', '\t', ' \r\n  ');
const numText = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.tuple(fc.boolean(), fc.nat(400), fc.nat(9_999_999), fc.integer({ min: 0, max: 9 })).map(([neg, i, f, pad]) => `${neg ? '-' : ''}${i}.${'0'.repeat(pad)}${f}`),
  fc.tuple(fc.boolean(), fc.nat(99_999), fc.constantFrom('e', 'E', 'e+', 'e-', 'E-'), fc.nat(330)).map(([neg, m, e, x]) => `${neg ? '-' : ''}${m}${e}${x}`),
  fc.constantFrom('-0', '0', '-0.0', '0e0', '1e400', '-1e400', '1e-400', '123456789012345678', '0.1234567890123456789', '113.95079123456789', '9007199254740993', '4.9e-324'),
);
const str = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('小区', '卫滨区', 'coordinates', 'type', 'Polygon', '"quoted"', 'back\\slash', 'tab\there', '𠀀 surrogate', '=SUM(A1)', '\u0000'),
);
const position = fc.tuple(numText, numText).map(([x, y]) => [{ num: x }, { num: y }] as Tok[]);
const ring = fc.array(position, { minLength: 1, maxLength: 7 });
const polygonCoords = fc.array(ring, { minLength: 1, maxLength: 3 });
const oddCoords = fc.oneof(
  fc.constant([] as Tok[]),
  fc.array(fc.array(fc.constant([] as Tok[]), { maxLength: 2 }), { maxLength: 2 }),
  fc.array(fc.array(fc.tuple(numText, numText, numText).map((p) => p.map((n) => ({ num: n })) as Tok[]), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }).map((r) => [r] as Tok[]),
  position,
  ring,
);
const geometry: fc.Arbitrary<Tok> = fc.oneof(
  polygonCoords.map((c) => ({ obj: [['type', 'Polygon'], ['coordinates', c]] }) as Tok),
  polygonCoords.map((c) => ({ obj: [['coordinates', c], ['type', 'Polygon']] }) as Tok),
  fc.array(polygonCoords, { minLength: 1, maxLength: 3 }).map((c) => ({ obj: [['type', 'MultiPolygon'], ['coordinates', c]] }) as Tok),
  polygonCoords.map((c) => ({ obj: [['type', 'MultiLineString'], ['coordinates', c]] }) as Tok),
  polygonCoords.map((c) => ({ obj: [['type', 'MultiPolygon'], ['coordinates', c]] }) as Tok),
  polygonCoords.map((c) => ({ obj: [['type', 'Polygon'], ['coordinates', c], ['bbox', [{ num: '0' }, { num: '1' }]]] }) as Tok),
  fc.tuple(fc.constantFrom('Polygon', 'MultiPolygon', 'Point', 'LineString'), oddCoords).map(([t, c]) => ({ obj: [['type', t], ['coordinates', c]] }) as Tok),
  fc.constant(null),
);
const scalar: fc.Arbitrary<Tok> = fc.oneof(numText.map((n) => ({ num: n })), str, fc.boolean(), fc.constant(null));
const properties = fc.array(fc.tuple(fc.oneof(str, fc.constantFrom('id', 'name', '户数', '__proto__', 'coordinates')), fc.oneof(scalar, polygonCoords as fc.Arbitrary<Tok>)), { maxLength: 6 });
const feature = fc.tuple(properties, geometry, fc.boolean()).map(
  ([p, g, geomFirst]) => ({ obj: geomFirst ? [['geometry', g], ['type', 'Feature'], ['properties', { obj: p }]] : [['type', 'Feature'], ['properties', { obj: p }], ['geometry', g]] }) as Tok,
);
const collection = fc.tuple(fc.array(feature, { maxLength: 8 }), fc.boolean()).map(([fs, crsLast]) => {
  const crs: [string, Tok] = ['crs', { obj: [['type', 'name'], ['properties', { obj: [['name', 'EPSG:4326']] }]] }];
  return { obj: crsLast ? [['type', 'FeatureCollection'], ['features', fs], crs] : [crs, ['type', 'FeatureCollection'], ['features', fs]] } as Tok;
});

function write(t: Tok, sp: () => string): string {
  if (t === null || typeof t === 'boolean' || typeof t === 'number') return String(t);
  if (typeof t === 'string') return JSON.stringify(t);
  if (Array.isArray(t)) return `[${sp()}${t.map((x) => write(x, sp)).join(`${sp()},${sp()}`)}${sp()}]`;
  if ('num' in t) return t.num;
  return `{${sp()}${t.obj.map(([k, v]) => `${JSON.stringify(k)}${sp()}:${sp()}${write(v, sp)}`).join(`${sp()},${sp()}`)}${sp()}}`;
}

const documentText = fc.tuple(fc.oneof(collection, feature, geometry), fc.array(ws, { minLength: 1, maxLength: 40 }), fc.boolean()).map(([doc, spaces, bom]) => {
  let k = 0;
  return (bom ? '\ufeff' : '') + write(doc, () => spaces[k++ % spaces.length]);
});

/** Where the FlatAreas sit in a parsed document (paths), to compare two parses. */
function flatPaths(v: unknown, path = '', out: string[] = []): string[] {
  if (v instanceof FlatArea) out.push(`${path}:${v.type}`);
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) flatPaths((v as Record<string, unknown>)[k], `${path}/${k}`, out);
  return out;
}

/** `two` (a document read in parts) is what one pass gives: null alike, the same values, FlatAreas at the same places. */
function expectSameDocument(two: unknown, whole: unknown): void {
  expect(two === null).toBe(whole === null);
  if (whole === null) return;
  expect(same(plain(two), plain(whole))).toBe(true);
  expect(flatPaths(two)).toEqual(flatPaths(whole));
}

/**
 * The document scanned in two parts, cut where splitPoint says near `at`; with `room` the first part keeps room for
 * the second's reduced text (as the CLI's main thread does: joinScans copies it there), else parseFlatScan joins them.
 */
function parseInTwo(u8: Uint8Array, at: number, room = false): unknown {
  const cut = splitPoint(u8, at);
  const parts = [scanPart(u8, 0, cut, room ? u8.length - cut : 0), scanPart(u8, cut, u8.length)];
  const joined = joinScans(parts);
  if (room) expect(joined.reduced).toHaveLength(1);
  return parseFlatScan(joined);
}

describe('first pass in two parts (the CLI scans half a file on a second thread)', () => {
  it('gives the same document as one pass, for any cut splitPoint chooses (random documents)', () => {
    fc.assert(
      fc.property(documentText, fc.nat(), fc.boolean(), (text, at, room) => {
        const u8 = enc.encode(text);
        const whole = parseGeoJsonFlat(u8);
        const two = parseInTwo(u8, at % (u8.length + 1), room);
        expectSameDocument(two, whole);
      }),
      { numRuns: 500 },
    );
  });

  it('two threads claiming pieces from either end give the same document as one pass, wherever they meet (random documents)', () => {
    fc.assert(
      fc.property(documentText, fc.integer({ min: 1, max: 12 }), fc.nat(), fc.boolean(), (text, pieces, meet, backFirst) => {
        const u8 = enc.encode(text);
        const bounds = splitPoints(u8, pieces);
        expect(bounds[0]).toBe(0);
        expect(bounds[bounds.length - 1]).toBe(u8.length);
        for (let k = 1; k < bounds.length; k++) expect(bounds[k]).toBeGreaterThan(bounds[k - 1]);
        // who owns each piece, as Atomics.compareExchange would decide: the front thread gets 0 … m - 1
        const m = meet % bounds.length;
        const owner = new Int8Array(bounds.length - 1);
        const claimer = (who: 1 | 2, ok: (k: number) => boolean) => (k: number) => (owner[k] === 0 && ok(k) ? ((owner[k] = who), true) : false);
        const front = () => scanClaimed(u8, bounds, claimer(1, (k) => k < m));
        const back = () => scanClaimedBack(u8, bounds, claimer(2, (k) => k >= m));
        const [f, b] = backFirst ? (() => { const b0 = back(); return [front(), b0]; })() : (() => { const f0 = front(); return [f0, back()]; })();
        expect(f.end).toBe(bounds[m]);
        expect(b.from).toBe(bounds[m]);
        expect([...owner].every((o) => o !== 0)).toBe(true);
        const whole = parseGeoJsonFlat(u8);
        const two = parseFlatScan(joinScans([f.scan, b.scan]));
        expectSameDocument(two, whole);
      }),
      { numRuns: 500 },
    );
  });

  it('joins two reduced texts that have no room kept for them into one before decoding (a character of 3 bytes each side)', () => {
    const feature = (k: number): string =>
      `{"type":"Feature","properties":{"id":"顺城街${k}号院"},"geometry":{"type":"Polygon","coordinates":[[[113.${k},35.1],[113.2,35.1],[113.2,35.2],[113.${k},35.1]]]}}`;
    const u8 = enc.encode(`{"type":"FeatureCollection","features":[${Array.from({ length: 60 }, (_, k) => feature(k)).join(',')}]}`);
    const cut = splitPoint(u8);
    const joined = joinScans([scanPart(u8, 0, cut), scanPart(u8, cut, u8.length)]);
    expect(joined.reduced).toHaveLength(2);
    const two = parseFlatScan(joined);
    expect(same(plain(two), plain(parseGeoJsonFlat(u8)))).toBe(true);
    expect((two as { features: { properties: { id: string } }[] }).features[59].properties.id).toBe('顺城街59号院');
  });

  it('never cuts at "coordinates" inside a string (an escaped quote before it), whatever the cut asked', () => {
    const ring = '[[[113.1,35.1],[113.2,35.1],[113.2,35.2],[113.1,35.1]]]';
    // B has a property named `say "coordinates` holding polygon coordinates: its bytes `\"coordinates":[[[` look
    // like the key but for the backslash; C a text value with the key's look inside it
    const f = (id: string, key: string, value: string): string =>
      `{"type":"Feature","properties":{"id":"${id}",${JSON.stringify(key)}:${value}},"geometry":{"type":"Polygon","coordinates":${ring}}}`;
    const text = `{"type":"FeatureCollection","features":[${f('A', 'note', '"x"')},${f('B', 'say "coordinates', ring)},${f('C', 'note', JSON.stringify(`"coordinates":${ring}`))},${f('D', 'n', '1')}]}`;
    const u8 = enc.encode(text);
    const whole = parseGeoJsonFlat(u8);
    expect(flatPaths(whole)).toHaveLength(4);
    const cuts = new Set<number>();
    for (let at = 0; at <= u8.length; at++) {
      const cut = splitPoint(u8, at);
      cuts.add(cut);
      expect(u8[cut - 1]).not.toBe(0x5c);
      const two = parseInTwo(u8, at, at % 2 === 1);
      expect(same(plain(two), plain(whole))).toBe(true);
      expect(flatPaths(two)).toEqual(flatPaths(whole));
    }
    // a cut before each of the four geometries' keys that has one after it, and the end
    expect(cuts.size).toBeGreaterThanOrEqual(4);
    expect(cuts.has(u8.length)).toBe(true);
  });
});

describe('parseGeoJsonFlat', () => {
  it('gives what JSON.parse gives, polygon geometries as FlatAreas (random documents)', () => {
    let taken = 0;
    fc.assert(
      fc.property(documentText, (text) => {
        const flat = parseGeoJsonFlat(enc.encode(text));
        const ref: unknown = JSON.parse(text.replace(/^\ufeff/, ''));
        // null only for the document null, or where polygon-like coordinates sit outside a geometry (a property
        // named "coordinates")
        if (flat === null) expect(ref === null || text.split('"coordinates"').length - 1 > geometriesOf(ref)).toBe(true);
        else {
          taken++;
          expect(same(plain(flat), ref)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
    expect(taken).toBeGreaterThan(200);
  });

  it('makes a FlatArea exactly for {type, coordinates} of the matching shape, nested arrays for anything else', () => {
    const doc = expectLikeJsonParse(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } },
          { type: 'Feature', properties: {}, geometry: { coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]], type: 'MultiPolygon' } },
          { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } },
          { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]], bbox: [0, 0, 1, 1] } },
          { type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: [[[0, 0], [1, 0]]] } },
          { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0, 5], [1, 0, 5], [1, 1, 5], [0, 0, 5]]] } },
          { type: 'Feature', properties: { coordinates: [[1, 2]] }, geometry: null },
        ],
      }),
    ) as { features: { geometry: unknown }[] };
    expect(doc.features.map((f) => f.geometry instanceof FlatArea)).toEqual([true, true, false, false, false, false, false]);
    // polygon-like coordinates outside any geometry: left to JSON.parse
    expect(parseGeoJsonFlat(enc.encode('{"type":"Feature","properties":{"coordinates":[[[1,2]]]},"geometry":null}'))).toBeNull();
    // a whole polygon object outside any feature geometry (a property, a GeometryCollection member): the same
    const ring = '[[[0,0],[1,0],[1,1],[0,0]]]';
    for (const text of [
      `{"type":"Feature","properties":{"shape":{"type":"Polygon","coordinates":${ring}}},"geometry":null}`,
      `{"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Polygon","coordinates":${ring}}]}}`,
      `[{"type":"Polygon","coordinates":${ring}}]`,
    ]) {
      expect(parseGeoJsonFlat(enc.encode(text)), text).toBeNull();
    }
    // a geometry that is only a polygon object, with any white space, is read whole; the document itself too
    const spaced = `{"type":"Feature","properties":{},"geometry": {\n "type" : "Polygon" ,\t"coordinates" :${ring} \n}}`;
    expect((expectLikeJsonParse(spaced) as { geometry: unknown }).geometry).toBeInstanceOf(FlatArea);
    expect(expectLikeJsonParse(`{"type":"MultiPolygon","coordinates":[${ring}]}`)).toBeInstanceOf(FlatArea);
  });

  it('reads numbers exactly as JSON.parse does, on the fast path and off it', () => {
    for (const n of ['113.8950398', '35.3029026', '-0', '0.1', '0.3', '1e22', '1e23', '123456789012345', '1234567890123456', '9007199254740993', '2.2250738585072011e-308', '1.7976931348623157e308', '5e-324', '0.000001234', '1E+2', '-12.5e-3']) {
      const text = `{"type":"Polygon","coordinates":[[[${n},1],[2,${n}],[3,3],[${n},1]]]}`;
      const g = expectLikeJsonParse(text);
      expect(g).toBeInstanceOf(FlatArea);
      expect(Object.is((g as FlatArea).store.xy[0], JSON.parse(n) as number)).toBe(true);
    }
  });

  it('answers null where JSON.parse throws, and like JSON.parse where it does not (random damage)', () => {
    fc.assert(
      fc.property(documentText, fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), fc.constantFrom('[', ']', ',', '"', '\\', '}', '{', '1', '-', '.', ' ', 'e', '\u00e9'), (text, at, how, ch) => {
        const k = at % Math.max(1, text.length);
        const bad = how === 'delete' ? text.slice(0, k) + text.slice(k + 1) : how === 'insert' ? text.slice(0, k) + ch + text.slice(k) : text.slice(0, k) + ch + text.slice(k + 1);
        // the reference reads the same bytes: a damaged surrogate pair is encoded as U+FFFD
        const bytes = enc.encode(bad);
        let ref: unknown;
        try {
          ref = JSON.parse(new TextDecoder().decode(bytes));
        } catch {
          expect(parseGeoJsonFlat(bytes)).toBeNull();
          return;
        }
        const flat = parseGeoJsonFlat(bytes);
        if (flat !== null) expect(same(plain(flat), ref)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('answers null for bytes that are not UTF-8 (the loader then tries GBK)', () => {
    const gbk = new Uint8Array([...enc.encode('{"type":"Feature","properties":{"name":"'), 0xd0, 0xc2, ...enc.encode('"},"geometry":null}')]);
    expect(parseGeoJsonFlat(gbk)).toBeNull();
  });
});

// ---- the fast paths against the nested paths ----

const coord = fc.integer({ min: -20, max: 20 }).map((v) => 114 + v / 1000);
const rawRing = fc.array(fc.tuple(coord, coord), { minLength: 1, maxLength: 9 }).chain((pts) =>
  fc.tuple(fc.constant(pts), fc.boolean(), fc.boolean()).map(([p, close, dup]) => {
    const r = p.map(([x, y]) => [x, y - 114 + 30]);
    if (dup && r.length > 1) r.splice(1, 0, [...r[1]]);
    if (close) r.push([...r[0]]);
    return r;
  }),
);
const areaGeom = fc.oneof(
  fc.array(rawRing, { minLength: 1, maxLength: 3 }).map((c) => ({ type: 'Polygon', coordinates: c })),
  fc.array(fc.array(rawRing, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }).map((c) => ({ type: 'MultiPolygon', coordinates: c })),
  // well-formed squares with a hole, in either orientation: most of them take the fast path
  fc.tuple(coord, coord, fc.boolean(), fc.boolean()).map(([x, y, ccw, hole]) => {
    const y0 = y - 114 + 30;
    const sq = (s: number, d: number): number[][] => {
      const r = [[x + d, y0 + d], [x + s - d, y0 + d], [x + s - d, y0 + s - d], [x + d, y0 + s - d], [x + d, y0 + d]];
      return ccw ? r : r.reverse();
    };
    return { type: 'Polygon', coordinates: hole ? [sq(0.01, 0), sq(0.01, 0.003).reverse()] : [sq(0.01, 0)] };
  }),
);
const asFlat = (g: unknown): FlatArea => parseGeoJsonFlat(enc.encode(JSON.stringify(g))) as FlatArea;

describe('FlatArea fast paths', () => {
  it('turfArea: the very number @turf/area gives for the nested polygon (holes, parts, open and degenerate rings)', () => {
    fc.assert(
      fc.property(areaGeom, (g) => {
        const flat = asFlat(g);
        // a ring of one point is no polygon for the flat parser: nothing to compare
        if (!(flat instanceof FlatArea)) return;
        expect(Object.is(turfArea(flat), area(g as AreaGeometry))).toBe(true);
      }),
      { numRuns: 400 },
    );
    const wuhan = { type: 'MultiPolygon', coordinates: [[[[114.3, 30.5], [114.31, 30.5], [114.31, 30.51], [114.3, 30.51], [114.3, 30.5]], [[114.302, 30.502], [114.302, 30.505], [114.305, 30.505], [114.302, 30.502]]], [[[114.32, 30.5], [114.33, 30.5], [114.32, 30.52], [114.32, 30.5]]]] };
    expect(turfArea(asFlat(wuhan))).toBe(area(wuhan as AreaGeometry));
    expect(turfArea(asFlat(wuhan))).toBeGreaterThan(1e6);
  });

  it('repairGeometry: the same repairs, warnings, exclusions and geometry as for the nested polygon', () => {
    fc.assert(
      fc.property(areaGeom, fc.boolean(), (g, geographic) => {
        const flat = asFlat(g);
        expect(flat).toBeInstanceOf(FlatArea);
        for (const area of [true, false]) {
          const a = repairGeometry(flat, { area, geographic });
          const b = repairGeometry(g, { area, geographic });
          expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        }
      }),
      { numRuns: 600 },
    );
  });

  it('convertGeometry: the same result without and with a conversion', () => {
    fc.assert(
      fc.property(areaGeom, (g) => {
        const checked = repairGeometry(g, { area: true, geographic: true });
        if (!checked.geometry) return;
        const flat = asFlat(checked.geometry);
        for (const convert of [null, (x: number, y: number): [number, number] => [x + 0.5, y - 0.25]]) {
          expect(JSON.stringify(convertGeometry(flat, convert))).toBe(JSON.stringify(convertGeometry(checked.geometry, convert)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('packPolygons and lonExtent: identical arrays', () => {
    fc.assert(
      fc.property(fc.array(areaGeom, { minLength: 1, maxLength: 6 }), (gs) => {
        const nested = gs.map((g) => repairGeometry(g, { area: true, geographic: true }).geometry).filter((g): g is AreaGeometry => !!g) as AreaGeometry[];
        if (!nested.length) return;
        const flat = nested.map((g) => asFlat(g) as unknown as AreaGeometry);
        expect(lonExtent(flat)).toEqual(lonExtent(nested));
        for (const planar of [false, true]) expect(packPolygons(flat, { lon0: 114, planar })).toEqual(packPolygons(nested, { lon0: 114, planar }));
      }),
      { numRuns: 200 },
    );
  });
});

describe('flatAreasOf (polygons sent to the CLI helper thread)', () => {
  it('the receiver reads the same geometries and packs the same arrays, from nested polygons or FlatAreas', () => {
    fc.assert(
      fc.property(fc.array(areaGeom, { minLength: 1, maxLength: 6 }), (gs) => {
        const nested = gs.map((g) => repairGeometry(g, { area: true, geographic: true }).geometry).filter((g): g is AreaGeometry => !!g) as AreaGeometry[];
        if (!nested.length) return;
        const flat = nested.map((g) => asFlat(g) as unknown as AreaGeometry);
        // some repaired (nested), some not (FlatAreas of their own stores), as a layer after its checks
        const mixed = nested.map((g, i) => (i % 2 ? flat[i] : g));
        for (const sent of [nested, flat, mixed]) {
          const got = flatAreasFrom(structuredClone(flatAreasOf(sent))) as unknown as AreaGeometry[];
          // the FlatAreas' vertices were copied from their stores: their nested coordinates were not built for it
          for (const g of sent) if (g instanceof FlatArea) expect((g as unknown as { nested: unknown }).nested).toBeNull();
          expect(got.map((g) => ({ type: g.type, coordinates: g.coordinates }))).toEqual(nested.map((g) => ({ type: g.type, coordinates: g.coordinates })));
          expect(packPolygons(got, { lon0: 114 })).toEqual(packPolygons(nested, { lon0: 114 }));
        }
      }),
      { numRuns: 200 },
    );
  });
});

// ---- whole files ----

const geojsonFixtures = ['bad', 'geo'].flatMap((dir) =>
  readdirSync(resolve(repoRoot, 'test/fixtures', dir))
    .filter((f) => f.endsWith('.geojson'))
    .map((f) => `${dir}/${f}`),
);

async function bothWays(name: string, bytes: Uint8Array, opts: { crs?: string } = {}): Promise<[unknown, unknown]> {
  const settle = async (flatGeometry: boolean): Promise<unknown> => {
    try {
      return JSON.parse(JSON.stringify(await loadFile(name, bytes, { ...opts, flatGeometry })));
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  };
  return [await settle(true), await settle(false)];
}

describe('loading with flat geometry', () => {
  it.each(geojsonFixtures)('%s: the same layer, report and errors', async (path) => {
    const bytes = new Uint8Array(readFileSync(resolve(repoRoot, 'test/fixtures', path)));
    const [flat, nested] = await bothWays(path.split('/')[1], bytes);
    expect(flat).toEqual(nested);
  });

  it('the same clusters and sites on a generated city, and on real Hong Kong estates', async () => {
    const { generateCity } = await import('../../../scripts/city/generate');
    const city = generateCity({ compounds: 3000, seed: 7 });
    const collection = (items: readonly { geometry: unknown }[], props: (x: never) => Record<string, unknown>): Uint8Array =>
      enc.encode(JSON.stringify({ type: 'FeatureCollection', features: items.map((x) => ({ type: 'Feature', properties: props(x as never), geometry: x.geometry })) }));
    const compoundsText = collection(city.compounds, (c: (typeof city.compounds)[number]) => ({
      id: c.id, name: c.name, district: c.district, households: c.households, floor_area_m2: c.floor_area_m2, investment_wan: c.investment_wan,
    }));
    const parcelsText = collection(city.parcels, (p: (typeof city.parcels)[number]) => ({ id: p.id, current_use: p.current_use }));
    const load = async (bytes: Uint8Array, flatGeometry: boolean) => loadFile('city.geojson', bytes, { flatGeometry });
    const results = await Promise.all(
      [true, false].map(async (flatGeometry) => {
        const cl = await load(compoundsText, flatGeometry);
        const compounds = toCompounds(cl, matchFields(cl.columns, cl.features.slice(0, 50).map((f) => f.properties))).compounds;
        const pl = await load(parcelsText, flatGeometry);
        const parcels = toParcels(pl, matchFields(pl.columns, pl.features.slice(0, 50).map((f) => f.properties))).parcels;
        const clusters = analyzeClustersSync(compounds, { gapM: 10 });
        const sites = analyzeSites(compounds, parcels, { radiusM: 500, k: 5 });
        return JSON.stringify({ pairs: [...clusters.pairs.a, ...clusters.pairs.wall], count: clusters.clusters.count, cluster: [...clusters.clusters.cluster], sites: [...sites.compound, ...sites.households], chosen: [...(sites.choice?.chosen ?? [])] });
      }),
    );
    expect(results[0]).toBe(results[1]);
    const hk = new Uint8Array(readFileSync(resolve(repoRoot, '../shared/data/real/hk-public-housing-estates/hk_public_housing_estates.geojson')));
    const [flat, nested] = await bothWays('hk.geojson', hk);
    expect(flat).toEqual(nested);
  }, 60_000);
});

describe('FlatGeobuf polygons read as FlatAreas', () => {
  /** What a load gives, comparable across formats: features, notes and skipped rows, the file's name made one. */
  const outcome = async (name: string, bytes: Uint8Array): Promise<unknown> => {
    try {
      const layer = await loadFile(name, bytes);
      const { features, repairs, warnings, excluded, skipped } = layer;
      return JSON.parse(JSON.stringify({ features, repairs, warnings, excluded, skipped }).replaceAll(name, 'layer'));
    } catch (err) {
      return { error: (err instanceof Error ? err.message : String(err)).replaceAll(name, 'layer') };
    }
  };
  const withZ = (g: { type: string; coordinates: unknown }): unknown => {
    const lift = (c: unknown): unknown => (typeof (c as unknown[])[0] === 'number' ? [...(c as number[]), 7.5] : (c as unknown[]).map(lift));
    return { type: g.type, coordinates: lift(g.coordinates) };
  };
  const other = fc.constantFrom<unknown>(
    { type: 'Point', coordinates: [114.01, 30.02] },
    { type: 'LineString', coordinates: [[114, 30], [114.01, 30.01]] },
  );
  const geometryArb = fc.oneof({ weight: 6, arbitrary: areaGeom as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: areaGeom.map(withZ) }, { weight: 1, arbitrary: other });

  it('the same features, repairs and exclusions as the GeoJSON flatgeobuf itself decodes (random polygons, parts, holes, Z, mixed types)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(geometryArb, { minLength: 1, maxLength: 6 }), async (geoms) => {
        const features = geoms.map((geometry, i) => ({ type: 'Feature', properties: { name: `小区${i}`, households: 100 + i }, geometry }));
        const fgb = fgbSerialize({ type: 'FeatureCollection', features } as never, 4326);
        // the reference: flatgeobuf's GeoJSON reader, then the nested path of our GeoJSON loader
        const decoded: unknown[] = [];
        for await (const f of fgbDeserialize(fgb) as AsyncGenerator<unknown>) decoded.push(f);
        const geojson = enc.encode(JSON.stringify({ type: 'FeatureCollection', features: decoded }));
        const flat = await outcome('layer.fgb', fgb);
        const nested = await outcome('layer.geojson', geojson);
        expect(flat).toEqual(nested);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('a generated city: every polygon in one flat store, and the same clusters as from its GeoJSON', async () => {
    const { generateCity } = await import('../../../scripts/city/generate');
    const city = generateCity({ compounds: 2000, seed: 11 });
    const collection = { type: 'FeatureCollection', features: city.compounds.map((c) => ({ type: 'Feature', properties: { id: c.id, name: c.name, households: c.households }, geometry: c.geometry })) };
    const fromFgb = await loadFile('city.fgb', fgbSerialize(collection as never, 4326));
    const fromJson = await loadFile('city.geojson', enc.encode(JSON.stringify(collection)));
    const stores = new Set(fromFgb.features.map((f) => (f.geometry instanceof FlatArea ? f.geometry.store : null)));
    expect(stores.size).toBe(1);
    expect([...stores][0]).not.toBeNull();
    const clusters = (layer: typeof fromFgb) => {
      const compounds = toCompounds(layer, matchFields(layer.columns, layer.features.slice(0, 50).map((f) => f.properties))).compounds;
      const r = analyzeClustersSync(compounds, { gapM: 10 });
      return JSON.stringify({ a: [...r.pairs.a], b: [...r.pairs.b], wall: [...r.pairs.wall], cluster: [...r.clusters.cluster] });
    };
    expect(clusters(fromFgb)).toBe(clusters(fromJson));
  }, 60_000);
});
