// JSON output of the CLI as bytes: the ids of 200k compounds are written once per pair or list entry (millions of
// times), so each is encoded once and copied by hand from one buffer.
import { closeSync, constants, ftruncateSync, openSync, writeSync } from 'node:fs';
import type { FeatureId } from '../lib/geo/types';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

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

/** The compounds' ids as JSON bytes, and as 16-byte list entries when they all fit (idSlots), with each entry's length. */
export interface ListIds {
  idText: Uint8Array;
  idStart: Uint32Array;
  slots: Uint32Array | null;
  /** 1 + the id's length in bytes: a list entry after the first (',' and the id). */
  entryBytes: Uint32Array;
}

export function listIds(features: readonly { id: FeatureId }[]): ListIds {
  const { text: idText, start: idStart } = idTable(features);
  const entryBytes = new Uint32Array(features.length);
  for (let c = 0; c < features.length; c++) entryBytes[c] = 1 + idStart[c + 1] - idStart[c];
  return { idText, idStart, slots: idSlots(idText, idStart), entryBytes };
}

/**
 * Every compound's list entry (',' and its JSON id) padded to 16 bytes, as four little-endian 32-bit words, when every
 * id fits (15 bytes or less, e.g. "HQ-0581"); else null. Four word stores per entry instead of a loop per byte: the
 * lists of a 200k-compound city at 1 km are ~67 MB.
 */
function idSlots(idText: Uint8Array, idStart: Uint32Array): Uint32Array | null {
  const n = idStart.length - 1;
  for (let i = 0; i < n; i++) if (idStart[i + 1] - idStart[i] > 15) return null;
  const bytes = new Uint8Array(16 * n);
  for (let i = 0; i < n; i++) {
    bytes[16 * i] = 44; // ','
    for (let k = idStart[i], at = 16 * i + 1; k < idStart[i + 1]; k++) bytes[at++] = idText[k];
  }
  // the bytes as little-endian words: on a little-endian machine (nearly all) that is the bytes themselves
  if (LITTLE_ENDIAN) return new Uint32Array(bytes.buffer);
  const words = new Uint32Array(4 * n);
  const dv = new DataView(bytes.buffer);
  for (let k = 0; k < 4 * n; k++) words[k] = dv.getUint32(4 * k, true);
  return words;
}

/** The inside of every list (ids joined by commas, no brackets): list s is bytes[start[s] … start[s + 1] - 1]. */
export interface ListText {
  bytes: Uint8Array;
  start: Uint32Array;
}

/** The text of lists offsets/compound (list s holds compound[offsets[s] … offsets[s + 1] - 1], indices into `ids`). */
export function listText({ idText, idStart, slots, entryBytes }: ListIds, offsets: Uint32Array, compound: Int32Array): ListText {
  const nLists = offsets.length - 1;
  const start = new Uint32Array(nLists + 1);
  // room for the longest entries, written one after another: no pass to size them (the pages past the end are never touched)
  let room = 16;
  if (slots) room += 16 * compound.length;
  else for (let q = 0; q < compound.length; q++) room += entryBytes[compound[q]];
  const bytes = new Uint8Array(room);
  const dv = new DataView(bytes.buffer);
  let n = 0;
  for (let s = 0; s < nLists; s++) {
    const a = offsets[s], b = offsets[s + 1];
    if (a < b) {
      const c = compound[a];
      for (let k = idStart[c], e = idStart[c + 1]; k < e; k++) bytes[n++] = idText[k];
      if (slots) {
        // ',' and the id as four little-endian words; the next entry overwrites the slot's padding
        for (let q = a + 1; q < b; q++) {
          const o = 4 * compound[q];
          dv.setUint32(n, slots[o], true);
          dv.setUint32(n + 4, slots[o + 1], true);
          dv.setUint32(n + 8, slots[o + 2], true);
          dv.setUint32(n + 12, slots[o + 3], true);
          n += entryBytes[compound[q]];
        }
      } else {
        for (let q = a + 1; q < b; q++) {
          bytes[n++] = 44; // ','
          const d = compound[q];
          for (let k = idStart[d], e = idStart[d + 1]; k < e; k++) bytes[n++] = idText[k];
        }
      }
    }
    start[s + 1] = n;
  }
  return { bytes: bytes.subarray(0, n), start };
}

/**
 * UTF-8 output, either growing in memory or, with a file descriptor, written out in chunks of the starting size:
 * the compound lists of a 200k city run to 80 MB, and one buffer that big makes V8 run a full GC (external memory).
 */
export class Bytes {
  buf: Buffer;
  length = 0;
  /** Bytes written to the file descriptor so far. */
  written = 0;
  constructor(
    readonly fd: number | null = null,
    size = 1 << 16,
  ) {
    this.buf = Buffer.allocUnsafe(size);
  }
  reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    if (this.fd !== null) {
      this.flush();
      if (n <= this.buf.length) return;
    }
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
  text(s: string): void {
    // a long text to a file goes out a piece at a time (never splitting a surrogate pair), not through a buffer of 3 × its length
    const piece = this.fd === null ? s.length : Math.max(1, this.buf.length / 3 - 1) | 0;
    for (let at = 0; at < s.length; ) {
      let end = Math.min(s.length, at + piece);
      if (end < s.length && (s.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++;
      this.reserve((end - at) * 3);
      this.length += this.buf.write(at === 0 && end === s.length ? s : s.slice(at, end), this.length, 'utf8');
      at = end;
    }
  }
  /** src[from … to - 1], copied (through when bigger than the buffer). */
  bytes(src: Uint8Array, from: number, to: number): void {
    if (this.fd !== null && to - from > this.buf.length) {
      this.flush();
      for (let at = from; at < to; ) at += writeSync(this.fd, src, at, to - at);
      this.written += to - from;
      return;
    }
    this.reserve(to - from);
    if (to - from < 64) for (let k = from; k < to; k++) this.buf[this.length++] = src[k];
    else {
      this.buf.set(src.subarray(from, to), this.length);
      this.length += to - from;
    }
  }
  /** Write what is buffered to the file descriptor (none: nothing to do). */
  flush(): void {
    if (this.fd === null) return;
    for (let at = 0; at < this.length; ) at += writeSync(this.fd, this.buf, at, this.length - at);
    this.written += this.length;
    this.length = 0;
  }
  result(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}


/** Strings as one UTF-8 text: piece k is bytes[start[k] … start[k + 1] - 1]. */
export function textPieces(pieces: readonly string[]): ListText {
  const joined = pieces.join('');
  const bytes = Buffer.from(joined, 'utf8');
  const start = new Uint32Array(pieces.length + 1);
  const oneByte = bytes.length === joined.length;
  for (let k = 0; k < pieces.length; k++) start[k + 1] = start[k] + (oneByte ? pieces[k].length : Buffer.byteLength(pieces[k], 'utf8'));
  return { bytes, start };
}

/** frame piece 0, list 0, frame piece 1, list 1, … the last frame piece (one more piece than lists). */
export function interleave(w: Bytes, frame: ListText, lists: ListText): void {
  const n = lists.start.length - 1;
  for (let k = 0; k < n; k++) {
    w.bytes(frame.bytes, frame.start[k], frame.start[k + 1]);
    w.bytes(lists.bytes, lists.start[k], lists.start[k + 1]);
  }
  w.bytes(frame.bytes, frame.start[n], frame.start[n + 1]);
}

/** interleave in memory. */
export function interleaved(frame: ListText, lists: ListText): Buffer {
  const w = new Bytes(null, frame.bytes.length + lists.bytes.length);
  interleave(w, frame, lists);
  return w.result();
}

/** interleave into the file at `path`, 4 MB at a time. */
export function writeInterleaved(path: string, frame: ListText, lists: ListText): void {
  writeOver(path, (w) => interleave(w, frame, lists));
}

/** `data` to the file at `out` (writeOutput), or to stdout when there is none (once written). */
export function output(out: string | undefined, data: string | Uint8Array): Promise<void> {
  if (out) {
    writeOutput(out, data);
    return Promise.resolve();
  }
  return new Promise<void>((resolve, reject) => process.stdout.write(data, (err) => (err ? reject(err) : resolve())));
}

/** `data` as the file at `path` (writeOver). */
export function writeOutput(path: string, data: string | Uint8Array): void {
  writeOver(path, (w) => (typeof data === 'string' ? w.text(data) : w.bytes(data, 0, data.length)));
}

/**
 * The file at `path` made of what `write` puts into a Bytes, written over what the file held: in place, then cut to
 * the new length. Opening with truncation would first free the old file's pages, which for an 80 MB output written
 * again takes 0.15–0.25 s on ext4 here; the same bytes written in place take ~25 ms.
 */
function writeOver(path: string, write: (w: Bytes) => void): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT, 0o666);
  try {
    const w = new Bytes(fd, 4 << 20);
    write(w);
    w.flush();
    ftruncateSync(fd, w.written);
  } finally {
    closeSync(fd);
  }
}
