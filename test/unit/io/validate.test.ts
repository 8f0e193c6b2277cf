// duplicateIds' own hash table against the plain rule: an id equal (===) to an earlier one is warned about, naming the
// row of its first use.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawFeature } from '../../../src/lib/geo/types';
import { duplicateIds } from '../../../src/lib/io/validate';

describe('duplicateIds', () => {
  it('warns exactly for the ids used before, naming the first row (random ids: strings, numbers, 7 and "7", 0 and -0)', () => {
    const id = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -5, max: 5 }), fc.constantFrom(0, -0, 7, '7', 1.5, 'WB-0001', '顺城街'));
    fc.assert(
      fc.property(fc.array(id, { maxLength: 60 }), (ids) => {
        const features = ids.map((x, row) => ({ id: x, row, properties: {}, geometry: null }) as unknown as RawFeature);
        const expected: string[] = [];
        ids.forEach((x, i) => {
          const first = ids.findIndex((y) => y === x);
          if (first < i) expected.push(`${i}:${first + 1}`);
        });
        const got = duplicateIds('f.geojson', features).map((w) => `${w.row}:${/also used by row (\d+)/.exec(w.en)![1]}`);
        expect(got).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('finds none among 100k different ids, and the one repeated among them', () => {
    const features = Array.from({ length: 100_000 }, (_, row) => ({ id: row % 2 ? `WB-${row}` : row, row, properties: {}, geometry: null }) as unknown as RawFeature[][number]);
    expect(duplicateIds('f.geojson', features)).toEqual([]);
    features.push({ id: 'WB-99999', row: 100_000, properties: {}, geometry: null } as unknown as RawFeature);
    expect(duplicateIds('f.geojson', features).map((w) => w.row)).toEqual([100_000]);
  });
});
