import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idTable, interleaved, listIds, listText, textPieces, writeInterleaved, writeOutput } from '../../../src/cli/json-bytes';

describe('idTable', () => {
  it('holds every id exactly as JSON.stringify writes it, in UTF-8, one after another (random ids)', () => {
    const id = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('WB-0001', '顺城街174号院', 'a"b', 'back\\slash', 'tab\there', '\u0000', '\ud800', '𠀀', ''),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 30 }), (ids) => {
        const { text, start } = idTable(ids.map((x) => ({ id: x })));
        const dec = new TextDecoder();
        expect(start).toHaveLength(ids.length + 1);
        ids.forEach((x, i) => expect(dec.decode(text.subarray(start[i], start[i + 1]))).toBe(JSON.stringify(x)));
        expect(start[ids.length]).toBe(text.length);
      }),
      { numRuns: 300 },
    );
  });
});

const anyId = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('WB-0001', '顺城街174号院', 'a"b', 'HQ-0581-very-long-id', '𠀀'),
  fc.integer(),
);

describe('listText and interleave', () => {
  it('write each list as its ids joined by commas, framed exactly (random ids, short ones in 16-byte slots or not, random lists)', () => {
    fc.assert(
      fc.property(
        fc.array(anyId, { minLength: 1, maxLength: 25 }).chain((ids) =>
          fc.tuple(fc.constant(ids), fc.array(fc.array(fc.nat(ids.length - 1), { maxLength: 12 }), { maxLength: 8 }))),
        fc.array(fc.string({ maxLength: 6 }), { minLength: 9, maxLength: 9 }),
        ([ids, lists], words) => {
          const offsets = new Uint32Array(lists.length + 1);
          lists.forEach((l, s) => (offsets[s + 1] = offsets[s] + l.length));
          const text = listText(listIds(ids.map((id) => ({ id }))), offsets, Int32Array.from(lists.flat()));
          const dec = new TextDecoder();
          lists.forEach((l, s) => expect(dec.decode(text.bytes.subarray(text.start[s], text.start[s + 1]))).toBe(l.map((c) => JSON.stringify(ids[c])).join(',')));
          const pieces = words.slice(0, lists.length + 1);
          const framed = dec.decode(interleaved(textPieces(pieces), text));
          expect(framed).toBe(pieces.map((p, k) => p + (k < lists.length ? lists[k].map((c) => JSON.stringify(ids[c])).join(',') : '')).join(''));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('writeOutput', () => {
  it('leaves exactly the new bytes in a file that held more, less or nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lianpian-out-'));
    const path = join(dir, 'out.json');
    writeOutput(path, 'x'.repeat(100_000));
    expect(readFileSync(path, 'utf8')).toBe('x'.repeat(100_000));
    writeOutput(path, '{"短":1}\n');
    expect(readFileSync(path, 'utf8')).toBe('{"短":1}\n');
    const big = Buffer.alloc(9 << 20, 0x61);
    writeOutput(path, big);
    expect(readFileSync(path).equals(big)).toBe(true);
    writeInterleaved(path, textPieces(['[', ']']), { bytes: Buffer.from('"a","b"'), start: Uint32Array.of(0, 7) });
    expect(readFileSync(path, 'utf8')).toBe('["a","b"]');
    // a text longer than the 4 MB buffer goes out in pieces: surrogate pairs across every cut survive
    for (const long of ['𠀀'.repeat(2_500_000), 'a' + '𠀀'.repeat(2_500_000), '顺城街174号院,'.repeat(600_000)]) {
      writeOutput(path, long);
      expect(readFileSync(path, 'utf8') === long).toBe(true);
    }
  });
});
