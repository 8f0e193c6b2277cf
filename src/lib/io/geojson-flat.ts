// A large GeoJSON file parsed with its polygon coordinates kept flat (geo/flat-area.ts).
//
// Why: JSON.parse of a 77 MB file of 200k compounds takes ~1.5 s with UTF-8 decoding and leaves ~1.2 million
// two-element arrays for the garbage collector to copy, while the analyses only read coordinates into flat arrays.
// Here one pass over the bytes reads every `"coordinates": [...]` value of Polygon or MultiPolygon shape (two
// numbers per position, nothing empty) into a FlatStore and puts a short placeholder string in its place; JSON.parse
// then reads the rest (properties, ids, structure) and the placeholders are swapped for FlatAreas. `npm run bench --
// load` compares the two on the generator's city.
//
// Exactness (the result is what JSON.parse of the decoded file gives, FlatAreas standing for the geometries):
// - The pass finds coordinates by their opening bracket preceded by `"coordinates"` and a colon, the first quote
//   unescaped: in a valid prefix of JSON such a quote always opens a string, so that is the key JSON.parse sees (see
//   Scan.run). Only complete arrays of numbers are replaced, each by a string: the reduced text is valid JSON exactly
//   when the file is, and everything else in it is the file's own bytes.
// - Numbers: an integer of at most 15 digits times or over an exact power of ten (<= 1e22) is correctly rounded by one
//   IEEE operation (Clinger's fast path); any other number is read by Number() from its text, as JSON.parse does.
// - A placeholder carries a random tag, and every one must come back at a geometry's `coordinates` (a feature's
//   geometry, or the document's): otherwise, as on invalid JSON or invalid UTF-8, the answer is null and the caller
//   parses the file with JSON.parse instead.
// - A geometry that is not exactly {type, coordinates} of the matching type gets its coordinates as nested arrays.
import { FlatArea, FlatStore } from '../geo/flat-area';

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const COORDINATES = [0x63, 0x6f, 0x6f, 0x72, 0x64, 0x69, 0x6e, 0x61, 0x74, 0x65, 0x73];

/** The parsed document with polygon geometries as FlatAreas, or null when the file must go through JSON.parse. */
export function parseGeoJsonFlat(u8: Uint8Array): unknown {
  return parseFlatScan(scanGeoJsonFlat(u8));
}

/** The first pass over (part of) a file: its polygons, read flat, and the rest of it with a placeholder for each. */
export interface FlatScan {
  /** Every Polygon/MultiPolygon `coordinates` value read flat, in file order, as the geometry JSON.parse would make. */
  readonly areas: readonly FlatArea[];
  /** The rest of the text, each polygon's coordinates replaced by a placeholder, in parts to be read one after another. */
  readonly reduced: readonly Uint8Array[];
  /**
   * Per area, 1 when its placeholder stands for the whole geometry object (exactly `{"type": <its type>,
   * "coordinates": [...]}`, white space aside), 0 when only for the `coordinates` value.
   */
  readonly whole: Uint8Array;
  /** The placeholders' tags: areas[offsets[k]] onwards are `${tags[k]}${index - offsets[k]}`. */
  readonly tags: readonly string[];
  readonly offsets: readonly number[];
}

/**
 * The first pass alone: what is needed to measure the polygons is known here, before JSON.parse reads the rest
 * (the CLI hands the areas to a second thread meanwhile). A FeatureCollection of clean polygons gives feature i
 * the geometry areas[i], the very object; anything else can only be told by parseFlatScan.
 */
export function scanGeoJsonFlat(u8: Uint8Array): FlatScan {
  return scanPart(u8, 0, u8.length);
}

/**
 * The first pass over bytes from … to - 1 alone (two threads can scan the two sides of splitPoint at once; joinScans
 * puts them together). Its placeholders carry a tag of their own. `room`: bytes to keep free after the reduced text
 * for the reduced texts of the parts after this one (joinScans copies them there: one text, decoded and parsed whole).
 */
export function scanPart(u8: Uint8Array, from: number, to: number, room = 0, store = new FlatStore()): FlatScan {
  const tag = newTag();
  const scan = new Scan(u8.subarray(from, to), tag, room, store);
  scan.runTo(to - from);
  return scan.result(to - from);
}

function newTag(): string {
  return '\u0000' + Math.random().toString(36).slice(2, 8) + ':';
}

/**
 * Cut points for two threads that share the first pass as they go (scanClaimed from the front, scanClaimedBack from
 * the back): [0, …, u8.length], about `pieces` pieces of equal size, each later one starting at a splitPoint.
 */
export function splitPoints(u8: Uint8Array, pieces: number): number[] {
  const out = [0];
  for (let k = 1; k < pieces; k++) {
    const cut = splitPoint(u8, Math.floor((k * u8.length) / pieces));
    if (cut > out[out.length - 1] && cut < u8.length) out.push(cut);
  }
  out.push(u8.length);
  return out;
}

/**
 * The first pass over the pieces bounds[k] … bounds[k + 1] - 1 (splitPoints) for k = 0, 1, … while `claim(k)` grants
 * them: one scan of bytes 0 … end - 1, where `end` is the start of the first piece refused (another thread scans from
 * there: scanClaimedBack), or u8.length. The reduced text keeps room for the rest of the file's (joinScans).
 */
export function scanClaimed(u8: Uint8Array, bounds: readonly number[], claim: (k: number) => boolean): { scan: FlatScan; end: number } {
  const scan = new Scan(u8, newTag(), 0, new FlatStore());
  let k = 0;
  while (k + 1 < bounds.length && claim(k)) scan.runTo(bounds[++k]);
  return { scan: scan.result(bounds[k]), end: bounds[k] };
}

/**
 * The first pass over the pieces k = last, last - 1, … while `claim(k)` grants them (scanClaimed takes them from the
 * front): one scan of bytes `from` … u8.length - 1, its polygons in one store.
 */
export function scanClaimedBack(u8: Uint8Array, bounds: readonly number[], claim: (k: number) => boolean): { scan: FlatScan; from: number } {
  const store = new FlatStore();
  const parts: FlatScan[] = [];
  let k = bounds.length - 2;
  for (; k >= 0 && claim(k); k--) parts.push(scanPart(u8, bounds[k], bounds[k + 1], 0, store));
  return { scan: joinScans(parts.reverse()), from: bounds[k + 1] };
}

/**
 * Where a file can be cut in two for scanPart: at the quote opening a `"coordinates"` near the middle, with no
 * backslash before it, or at the end. Coordinates the whole file's pass reads flat hold no quote, so none spans
 * the cut, and the pass decides every key from the bytes between its quote and its bracket, the same on both sides.
 */
export function splitPoint(u8: Uint8Array, at = u8.length >> 1): number {
  for (let k = u8.indexOf(0x22, at); k >= 0; k = u8.indexOf(0x22, k + 1)) {
    if (k > 0 && u8[k - 1] !== 0x5c && KEY.every((c, j) => u8[k + j] === c)) return k;
  }
  return u8.length;
}

const KEY = Uint8Array.from('"coordinates"', (c) => c.charCodeAt(0));

/**
 * Scans of consecutive parts of one file, as one scan of the whole: the reduced texts one after another, copied into
 * the room the first part kept for them (scanPart), else left as parts (parseFlatScan then joins them).
 */
export function joinScans(parts: readonly FlatScan[]): FlatScan {
  const reduced = joinTexts(parts.flatMap((p) => p.reduced), false);
  const whole = new Uint8Array(parts.reduce((n, p) => n + p.whole.length, 0));
  const areas: FlatArea[] = [], tags: string[] = [], offsets: number[] = [];
  for (const p of parts) {
    whole.set(p.whole, areas.length);
    p.tags.forEach((t, k) => {
      tags.push(t);
      offsets.push(areas.length + p.offsets[k]);
    });
    for (const a of p.areas) areas.push(a);
  }
  return { areas, reduced, whole, tags, offsets };
}

/** The second pass: JSON.parse of the reduced text, the placeholders swapped for the scan's areas; null as parseGeoJsonFlat. */
export function parseFlatScan({ areas, reduced, whole, tags, offsets }: FlatScan): unknown {
  let doc: unknown;
  try {
    // decoded whole, as one flat string: JSON.parse of a string joined from pieces first copies it into one (at 200k
    // compounds a 93 MB copy, ~0.3 s on a VM where fresh memory is slow; `npm run bench -- load`)
    const [text] = joinTexts(reduced, true);
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(text));
  } catch {
    return null;
  }
  // tag → the areas its placeholders number from 0
  const range = new Map(tags.map((t, k) => [t, { from: offsets[k], to: offsets[k + 1] ?? areas.length }]));
  /** The area a placeholder stands for, or -1 when `c` is not one. */
  const index = (c: string): number => {
    if (c.charCodeAt(0) !== 0) return -1;
    const colon = c.indexOf(':');
    const r = range.get(c.slice(0, colon + 1));
    const i = r ? r.from + Number(c.slice(colon + 1)) : NaN;
    return r && Number.isInteger(i) && i >= r.from && i < r.to ? i : -1;
  };
  let resolved = 0;
  const resolve = (g: unknown): unknown => {
    if (typeof g === 'string') {
      // a whole geometry's placeholder
      const i = index(g);
      if (i < 0 || !whole[i]) return g;
      resolved++;
      return areas[i];
    }
    if (!g || typeof g !== 'object') return g;
    const o = g as { type?: unknown; coordinates?: unknown };
    const c = o.coordinates;
    const i = typeof c === 'string' ? index(c) : -1;
    if (i < 0 || whole[i]) return g;
    const area = areas[i];
    resolved++;
    let members = 0;
    for (const k in o) if (Object.hasOwn(o, k)) members++;
    if (members === 2 && o.type === area.type) return area;
    o.coordinates = area.coordinates;
    return g;
  };
  const d = doc as { type?: unknown; features?: unknown; geometry?: unknown } | null;
  if (d && typeof d === 'object') {
    if (Array.isArray(d.features)) {
      for (const f of d.features as unknown[]) {
        if (f && typeof f === 'object' && 'geometry' in f) (f as { geometry: unknown }).geometry = resolve((f as { geometry: unknown }).geometry);
      }
    }
    if ('geometry' in d) d.geometry = resolve(d.geometry);
  }
  // the document itself may be a geometry, or (read whole) a placeholder
  doc = resolve(doc);
  return resolved === areas.length ? doc : null;
}

/**
 * Byte texts one after another as one: copied into the room after the first (its buffer's bytes past its end), or
 * when there is none and `always`, into a new buffer; else left as they are.
 */
function joinTexts(texts: readonly Uint8Array[], always: boolean): Uint8Array[] {
  if (texts.length < 2) return [...texts];
  const [first] = texts;
  const total = texts.reduce((n, t) => n + t.length, 0);
  const room = first.buffer.byteLength - first.byteOffset;
  if (room < total && !always) return [...texts];
  const out = room >= total ? new Uint8Array(first.buffer, first.byteOffset, total) : new Uint8Array(total);
  let at = 0;
  for (const t of texts) {
    if (t !== first || out.buffer !== first.buffer) out.set(t, at);
    at += t.length;
  }
  return [out];
}

class Scan {
  readonly areas: FlatArea[] = [];
  readonly whole: number[] = [];
  private out: Uint8Array;
  private n = 0;
  private i = 0;
  /** The bytes before this are in `out` (as they are, or as placeholders). */
  private copied = 0;
  /** Where the search for the next bracket goes on. */
  private next = 0;

  constructor(
    private readonly u8: Uint8Array,
    private readonly tag: string,
    room: number,
    readonly store: FlatStore,
  ) {
    // untouched bytes cost no memory: the room is only paid for when joinScans fills it
    this.out = new Uint8Array(Math.max(1024, u8.length + room));
  }

  /** The scan of bytes 0 … end - 1, once runTo(end) has run. */
  result(end: number): FlatScan {
    this.copy(this.copied, end);
    this.copied = end;
    return { areas: this.areas, reduced: [this.out.subarray(0, this.n)], whole: Uint8Array.from(this.whole), tags: [this.tag], offsets: [0] };
  }

  /**
   * The pass over the bytes before `to`: flat-read coordinates replaced by placeholders in `out` (result() then copies
   * what is left, up to where the scan ends). Coordinates are found from their opening bracket
   * (a native byte search: outside coordinates, brackets are rare), preceded by `"coordinates"` and a colon. In a
   * valid prefix of JSON an unescaped quote (an even number of backslashes before it) always opens or closes a string,
   * so `"coordinates"` there is that key and not text inside a string; where the prefix is not valid JSON, the reduced
   * text keeps the same error.
   */
  runTo(to: number): void {
    const u8 = this.u8;
    let copied = this.copied;
    let i = this.next;
    for (;;) {
      const k = u8.indexOf(0x5b, i);
      if (k < 0 || k >= to) {
        // a bracket at or after `to` (a piece boundary, a key's quote) belongs to the next piece: coordinates read
        // flat hold no quote, so none that start before it ends after it
        i = k < 0 ? u8.length : k;
        break;
      }
      i = k + 1;
      if (!afterCoordinatesKey(u8, k)) continue;
      const end = this.coords(k);
      if (end < 0) continue;
      // the whole geometry object when it is exactly {type, coordinates}: JSON.parse then makes no object for it
      const [open, close] = wholeGeometry(u8, k, end, this.areas[this.areas.length - 1].type);
      const from = open >= copied ? open : k;
      this.whole.push(from === open ? 1 : 0);
      this.copy(copied, from);
      this.text(`"\\u0000${this.tag.slice(1)}${this.areas.length - 1}"`);
      copied = i = from === open ? close + 1 : end;
    }
    this.copied = copied;
    this.next = i;
  }

  private copy(a: number, b: number): void {
    this.reserve(b - a);
    this.out.set(this.u8.subarray(a, b), this.n);
    this.n += b - a;
  }

  private text(s: string): void {
    this.reserve(s.length);
    for (let k = 0; k < s.length; k++) this.out[this.n++] = s.charCodeAt(k);
  }

  private reserve(m: number): void {
    if (this.n + m <= this.out.length) return;
    const next = new Uint8Array(Math.max(this.n + m, this.out.length * 2));
    next.set(this.out.subarray(0, this.n));
    this.out = next;
  }

  /**
   * Read Polygon (3 levels) or MultiPolygon (4 levels) coordinates at `at` flat; returns the index after them, or -1
   * (and nothing kept) when they are anything else.
   */
  private coords(at: number): number {
    const u8 = this.u8, store = this.store;
    let levels = 0;
    for (let k = at; u8[k] === 0x5b || ws(u8[k]); k++) if (u8[k] === 0x5b) levels++;
    if (levels !== 3 && levels !== 4) return -1;
    const nv = store.nv, nr = store.nr, np = store.np;
    this.i = at;
    store.ringMark();
    if (levels === 3 ? this.rings() : this.polygons()) {
      this.areas.push(new FlatArea(levels === 4 ? 'MultiPolygon' : 'Polygon', store, nr, store.nr - nr - 1, np, store.np - np - 1));
      return this.i;
    }
    store.nv = nv;
    store.nr = nr;
    store.np = np;
    return -1;
  }

  /** `[polygon, ...]`, marking where each part starts and ends. */
  private polygons(): boolean {
    const u8 = this.u8;
    this.store.partMark();
    this.i++;
    for (;;) {
      this.i = skipWs(u8, this.i);
      if (!this.rings()) return false;
      this.store.partMark();
      this.i = skipWs(u8, this.i);
      const c = u8[this.i++];
      if (c === 0x2c) continue;
      return c === 0x5d;
    }
  }

  /** `[ring, ...]` with ring = `[[x, y], ...]`, marking where each ring ends. The hot loop: positions without spaces first. */
  private rings(): boolean {
    const u8 = this.u8, store = this.store;
    let i = this.i;
    if (u8[i] !== 0x5b) return false;
    i++;
    for (;;) {
      i = skipWs(u8, i);
      if (u8[i] !== 0x5b) return false;
      i++;
      for (;;) {
        if (u8[i] !== 0x5b) {
          i = skipWs(u8, i);
          if (u8[i] !== 0x5b) return false;
        }
        this.i = u8[i + 1] === 0x2d || (u8[i + 1] >= 0x30 && u8[i + 1] <= 0x39) ? i + 1 : skipWs(u8, i + 1);
        const x = this.number();
        i = this.i;
        if (u8[i] !== 0x2c) {
          i = skipWs(u8, i);
          if (u8[i] !== 0x2c) return false;
        }
        this.i = u8[i + 1] === 0x2d || (u8[i + 1] >= 0x30 && u8[i + 1] <= 0x39) ? i + 1 : skipWs(u8, i + 1);
        const y = this.number();
        i = this.i;
        if (x !== x || y !== y) return false;
        if (u8[i] !== 0x5d) {
          i = skipWs(u8, i);
          if (u8[i] !== 0x5d) return false;
        }
        store.vertex(x, y);
        i = skipWs(u8, i + 1);
        const c = u8[i++];
        if (c === 0x2c) {
          i = skipWs(u8, i);
          continue;
        }
        if (c === 0x5d) break;
        return false;
      }
      store.ringMark();
      i = skipWs(u8, i);
      const c = u8[i++];
      if (c === 0x2c) continue;
      this.i = i;
      return c === 0x5d;
    }
  }

  /** The JSON number at this.i (moving past it), or NaN when there is none. */
  private number(): number {
    const u8 = this.u8;
    const start = this.i;
    let i = start;
    const neg = u8[i] === 0x2d;
    if (neg) i++;
    let m = 0;
    let digits = 0;
    let c = u8[i];
    if (c === 0x30) {
      c = u8[++i];
    } else if (c >= 0x31 && c <= 0x39) {
      do {
        m = m * 10 + (c - 0x30);
        digits++;
        c = u8[++i];
      } while (c >= 0x30 && c <= 0x39);
    } else return NaN;
    let frac = 0;
    if (c === 0x2e) {
      c = u8[++i];
      if (!(c >= 0x30 && c <= 0x39)) return NaN;
      do {
        m = m * 10 + (c - 0x30);
        if (digits || m !== 0) digits++;
        frac++;
        c = u8[++i];
      } while (c >= 0x30 && c <= 0x39);
    }
    let exp = 0;
    if (c === 0x65 || c === 0x45) {
      c = u8[++i];
      const eneg = c === 0x2d;
      if (c === 0x2b || c === 0x2d) c = u8[++i];
      if (!(c >= 0x30 && c <= 0x39)) return NaN;
      do {
        if (exp < 1e6) exp = exp * 10 + (c - 0x30);
        c = u8[++i];
      } while (c >= 0x30 && c <= 0x39);
      if (eneg) exp = -exp;
    }
    this.i = i;
    const e = exp - frac;
    if (digits <= 15 && e >= -22 && e <= 22) {
      const v = e < 0 ? m / POW10[-e] : m * POW10[e];
      return neg ? -v : v;
    }
    let s = '';
    for (let k = start; k < i; k++) s += String.fromCharCode(u8[k]);
    return Number(s);
  }
}

function ws(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipWs(u8: Uint8Array, i: number): number {
  for (;;) {
    const c = u8[i];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

const TYPE_KEY = Uint8Array.from('"type"', (c) => c.charCodeAt(0));
const TYPE_NAME = { Polygon: Uint8Array.from('"Polygon"', (c) => c.charCodeAt(0)), MultiPolygon: Uint8Array.from('"MultiPolygon"', (c) => c.charCodeAt(0)) };

/** Whether `word` is at u8[at …]. */
function bytesAt(u8: Uint8Array, at: number, word: Uint8Array): boolean {
  if (at < 0) return false;
  for (let j = 0; j < word.length; j++) if (u8[at + j] !== word[j]) return false;
  return true;
}

/**
 * Where the object holding the coordinates at `k` … `end` - 1 opens and closes, when it is exactly
 * `{ "type" : "<type>" , "coordinates" : [...] }` (any white space), else [-1, -1]. The coordinates key is known to
 * be a key (afterCoordinatesKey), so the comma, strings and brace before it, with only white space between, are JSON's
 * own, as is the brace after.
 */
function wholeGeometry(u8: Uint8Array, k: number, end: number, type: 'Polygon' | 'MultiPolygon'): [number, number] {
  const close = skipWs(u8, end);
  if (u8[close] !== 0x7d) return [-1, -1];
  // back over ws ':' ws '"coordinates"' (checked by afterCoordinatesKey) and ws
  let j = k - 1;
  while (ws(u8[j])) j--;
  j--;
  while (ws(u8[j])) j--;
  j -= 13;
  while (j >= 0 && ws(u8[j])) j--;
  if (u8[j] !== 0x2c) return [-1, -1];
  j--;
  while (j >= 0 && ws(u8[j])) j--;
  const name = TYPE_NAME[type];
  j -= name.length - 1;
  if (!bytesAt(u8, j, name)) return [-1, -1];
  j--;
  while (j >= 0 && ws(u8[j])) j--;
  if (u8[j] !== 0x3a) return [-1, -1];
  j--;
  while (j >= 0 && ws(u8[j])) j--;
  j -= TYPE_KEY.length - 1;
  if (!bytesAt(u8, j, TYPE_KEY)) return [-1, -1];
  j--;
  while (j >= 0 && ws(u8[j])) j--;
  return u8[j] === 0x7b ? [j, close] : [-1, -1];
}

/** Whether the bracket at `k` follows `"coordinates"` ws `:` ws, the first quote unescaped. */
function afterCoordinatesKey(u8: Uint8Array, k: number): boolean {
  let j = k - 1;
  while (j >= 0 && ws(u8[j])) j--;
  if (u8[j] !== 0x3a) return false;
  j--;
  while (j >= 0 && ws(u8[j])) j--;
  if (u8[j] !== 0x22) return false;
  const s = j - 11;
  if (s < 1 || u8[s - 1] !== 0x22) return false;
  for (let c = 0; c < 11; c++) if (u8[s + c] !== COORDINATES[c]) return false;
  let slashes = 0;
  for (let b = s - 2; b >= 0 && u8[b] === 0x5c; b--) slashes++;
  return slashes % 2 === 0;
}
