// The `pairs` of the clusters JSON as bytes (clusters.ts): written by the main thread, or by the helper thread
// (helper.ts) while the main one forms the clusters.
import type { PairTable } from '../lib/geo/clusters';
import type { ListIds, ListText } from './json-bytes';

/** Metres to the millimetre, as a JSON number. */
export function mm(x: number): string {
  return x === 0 ? '0' : String(Math.round(x * 1000) / 1000);
}

/** `{"a": id, "b": id, "distance_m": x, "wall_m": y}` for every pair, joined by commas, as one list (json-bytes.ts interleave). */
export function pairsText({ idText, idStart }: ListIds, { a, b, distance, wall }: PairTable): ListText {
  // sized up front, one allocation: at most 2 × 24 bytes of numbers and 40 of keys a pair, and the ids
  let size = 0;
  for (let i = 0; i < a.length; i++) size += idStart[a[i] + 1] - idStart[a[i]] + idStart[b[i] + 1] - idStart[b[i]] + 96;
  const buf = new Uint8Array(size);
  const id = (n: number, k: number): number => {
    for (let j = idStart[k], e = idStart[k + 1]; j < e; j++) buf[n++] = idText[j];
    return n;
  };
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    n = bytes(buf, n, i ? PAIR_NEXT : PAIR_FIRST);
    n = id(n, a[i]);
    n = bytes(buf, n, PAIR_B);
    n = id(n, b[i]);
    n = bytes(buf, n, PAIR_DISTANCE);
    n = milli(buf, n, distance[i]);
    n = bytes(buf, n, PAIR_WALL);
    n = milli(buf, n, wall[i]);
    buf[n++] = 0x7d; // '}'
  }
  return { bytes: buf.subarray(0, n), start: Uint32Array.of(0, n) };
}

/** Whether two pair tables hold the same pairs in the same order, to the bit. */
export function samePairs(x: PairTable, y: PairTable): boolean {
  const n = x.a.length;
  if (y.a.length !== n) return false;
  for (let i = 0; i < n; i++) {
    if (x.a[i] !== y.a[i] || x.b[i] !== y.b[i] || !Object.is(x.distance[i], y.distance[i]) || !Object.is(x.wall[i], y.wall[i])) return false;
  }
  return true;
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const PAIR_FIRST = ascii('{"a":'), PAIR_NEXT = ascii(',{"a":'), PAIR_B = ascii(',"b":'), PAIR_DISTANCE = ascii(',"distance_m":');
const PAIR_WALL = ascii(',"wall_m":');

/** `u8` written at `n`; returns the index after it. */
export function bytes(buf: Uint8Array, n: number, u8: Uint8Array): number {
  for (let i = 0; i < u8.length; i++) buf[n++] = u8[i];
  return n;
}

/** ASCII text written at `n`. */
export function text(buf: Uint8Array, n: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[n++] = s.charCodeAt(i);
  return n;
}

/** `x` rounded to 3 decimals, trailing zeros dropped, as mm() writes it (at most 24 bytes). */
export function milli(buf: Uint8Array, n: number, x: number): number {
  const k = Math.round(x * 1000);
  if (!(Math.abs(k) < 1e15)) return text(buf, n, mm(x));
  if (k < 0) buf[n++] = 0x2d; // '-'
  const abs = k < 0 ? -k : k;
  let int = Math.floor(abs / 1000);
  let frac = abs - int * 1000;
  // integer digits, written backwards after counting them
  let digits = 1;
  for (let t = int; t >= 10; t = Math.floor(t / 10)) digits++;
  for (let d = n + digits - 1; d >= n; d--) {
    const q = Math.floor(int / 10);
    buf[d] = 48 + int - 10 * q;
    int = q;
  }
  n += digits;
  if (frac === 0) return n;
  buf[n++] = 0x2e; // '.'
  let fd = 3;
  while (frac % 10 === 0) {
    frac /= 10;
    fd--;
  }
  for (let d = n + fd - 1; d >= n; d--) {
    const q = Math.floor(frac / 10);
    buf[d] = 48 + frac - 10 * q;
    frac = q;
  }
  return n + fd;
}
