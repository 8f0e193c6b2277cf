import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classify, classOf, naturalBreaks } from '../../../src/lib/geo/classify';

/** Within-class sum of squared deviations of a partition given by breaks (class tops). */
function cost(sorted: number[], breaks: number[]): number {
  const groups: number[][] = breaks.slice(1).map(() => []);
  for (const v of sorted) groups[Math.max(0, classOf(v, breaks))].push(v);
  let total = 0;
  for (const g of groups) {
    if (!g.length) continue;
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    total += g.reduce((a, b) => a + (b - mean) ** 2, 0);
  }
  return total;
}

/** Every way to cut `sorted` into k non-empty runs, as breaks. */
function allCuts(sorted: number[], k: number): number[][] {
  const out: number[][] = [];
  const rec = (start: number, left: number, tops: number[]) => {
    if (left === 1) {
      out.push([sorted[0], ...tops, sorted[sorted.length - 1]]);
      return;
    }
    for (let end = start; end <= sorted.length - left; end++) rec(end + 1, left - 1, [...tops, sorted[end]]);
  };
  rec(0, k, []);
  return out;
}

describe('classify', () => {
  it('cuts the range into equal widths for equal interval', () => {
    // range 0..100 in 4 classes → width 25
    expect(classify([0, 10, 100, 55], { method: 'equal-interval', classes: 4 })).toEqual([0, 25, 50, 75, 100]);
  });

  it('puts about the same number of values in each quantile class', () => {
    // 1..8 in 4 classes: positions 1.75, 3.5, 5.25 of the 0-based sorted list
    expect(classify([8, 1, 2, 3, 4, 5, 6, 7], { method: 'quantile', classes: 4 })).toEqual([1, 2.75, 4.5, 6.25, 8]);
  });

  it('finds the obvious gaps with natural breaks', () => {
    const values = [1, 2, 3, 50, 51, 52, 200, 201];
    expect(classify(values, { method: 'natural-breaks', classes: 3 })).toEqual([1, 3, 52, 201]);
  });

  it('ignores missing and non-finite values rather than counting them as zero', () => {
    expect(classify([null, 5, undefined, NaN, 15], { method: 'equal-interval', classes: 2 })).toEqual([5, 10, 15]);
    expect(classify([null, undefined])).toEqual([]);
  });

  it('returns fewer classes when the data has fewer distinct values', () => {
    expect(classify([3, 3, 3], { method: 'natural-breaks', classes: 5 })).toEqual([3, 3]);
    expect(classify([1, 1, 1, 9], { method: 'quantile', classes: 4 })).toEqual([1, 3, 9]);
  });

  it('rejects a class count that is not a positive integer', () => {
    expect(() => classify([1, 2], { classes: 0 })).toThrow(/classes must be a positive integer, got 0/);
  });

  it('gives every value a class between 0 and k-1 and -1 to missing or out-of-range values', () => {
    const breaks = [0, 10, 20];
    expect([0, 10, 10.5, 20].map((v) => classOf(v, breaks))).toEqual([0, 0, 1, 1]);
    expect([null, -1, 21].map((v) => classOf(v, breaks))).toEqual([-1, -1, -1]);
  });

  it('natural breaks are never worse than any other partition into the same number of classes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 9 }),
        fc.integer({ min: 2, max: 4 }),
        (raw, k) => {
          const sorted = [...new Set(raw)].sort((a, b) => a - b);
          if (sorted.length < k) return;
          const best = Math.min(...allCuts(sorted, k).map((b) => cost(sorted, b)));
          expect(cost(sorted, naturalBreaks(sorted, k))).toBeCloseTo(best, 6);
        },
      ),
    );
  });

  it('does not mutate its input', () => {
    const values = [5, 1, 3];
    classify(values, { method: 'natural-breaks', classes: 2 });
    expect(values).toEqual([5, 1, 3]);
  });
});
