import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idTable } from '../../../src/cli/json-bytes';

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
