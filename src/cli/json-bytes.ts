// JSON output of the CLI as bytes: the ids of 200k compounds are written once per pair or list entry (millions of
// times), so each is encoded once and copied by hand from one buffer.
import type { FeatureId } from '../lib/geo/types';

/** Whether JSON.stringify writes `s` as it is between quotes: no control character, quote, backslash or surrogate. */
function plain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/** Every feature's id as JSON (UTF-8), one after another: id i is text[start[i] … start[i + 1] - 1]. */
export function idTable(features: readonly { id: FeatureId }[]): { text: Uint8Array; start: Uint32Array } {
  const n = features.length;
  const json = new Array<string>(n);
  // JSON.stringify per id costs ~0.4 µs; a plain string (the usual "WB-0001") is only quoted
  for (let i = 0; i < n; i++) {
    const id = features[i].id;
    json[i] = typeof id === 'string' && plain(id) ? `"${id}"` : JSON.stringify(id);
  }
  const joined = json.join('');
  const text = Buffer.from(joined, 'utf8');
  const start = new Uint32Array(n + 1);
  // all ASCII: one byte a character
  const oneByte = text.length === joined.length;
  for (let i = 0, at = 0; i < n; i++) start[i + 1] = at += oneByte ? json[i].length : Buffer.byteLength(json[i]);
  return { text, start };
}
