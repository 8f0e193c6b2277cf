import { describe, it, expect } from 'vitest';
import { analyzeClustersSync } from '../../../src/lib/geo/analyze';
import type { Compound } from '../../../src/lib/geo/types';
import { compound, rect } from './helpers';

// a 4 x 3 block of touching 100 m squares with the given households, row by row
function grid(households: number[], cols = 4): Compound[] {
  return households.map((h, i) => compound(`g${i}`, rect((i % cols) * 100, Math.floor(i / cols) * 100, (i % cols) * 100 + 100, Math.floor(i / cols) * 100 + 100), h));
}

/** Whether the members are connected through pairs of the result. */
function connected(members: number[], pairs: { a: Int32Array; b: Int32Array }): boolean {
  const set = new Set(members);
  const seen = new Set([members[0]]);
  const stack = [members[0]];
  while (stack.length) {
    const u = stack.pop()!;
    for (let i = 0; i < pairs.a.length; i++) {
      const v = pairs.a[i] === u ? pairs.b[i] : pairs.b[i] === u ? pairs.a[i] : -1;
      if (v >= 0 && set.has(v) && !seen.has(v)) {
        seen.add(v);
        stack.push(v);
      }
    }
  }
  return seen.size === set.size;
}

describe('renovation units', () => {
  it('splits a big cluster into connected units within the household bounds', () => {
    const cs = grid(Array.from({ length: 12 }, () => 800));
    const r = analyzeClustersSync(cs, { gapM: 1, units: { min: 1500, max: 4000 } });
    const u = r.units!;
    expect(r.clusters.count).toBe(1);
    expect(u.count).toBeGreaterThanOrEqual(3);
    expect(u.issues).toEqual([]);
    for (let k = 0; k < u.count; k++) {
      expect(u.households[k]).toBeGreaterThanOrEqual(1500);
      expect(u.households[k]).toBeLessThanOrEqual(4000);
      expect(connected(Array.from(u.memberIndex.subarray(u.memberStart[k], u.memberStart[k + 1])), r.pairs)).toBe(true);
    }
    expect(Array.from(u.unit).every((k) => k >= 0)).toBe(true);
  });

  it('keeps a cluster under the maximum as one unit, even under the minimum', () => {
    const cs = grid([300, 300, 300, 300]);
    const u = analyzeClustersSync(cs, { gapM: 1 }).units!;
    expect(u.count).toBe(1);
    expect(u.households[0]).toBe(1200);
    expect(u.issues).toEqual([]);
  });

  it('names the compound that alone exceeds the maximum', () => {
    const cs = grid([5200, 900, 900, 900]);
    const u = analyzeClustersSync(cs, { gapM: 1 }).units!;
    const issue = u.issues.find((i) => i.kind === 'compound-over-max');
    expect(issue?.en).toBe('cluster 0: compound g0 alone has 5200 households > max 4000');
    expect(issue?.zh).toContain('g0');
  });

  it('says which cluster cannot be split and why when every split breaks the bounds', () => {
    // a star: a 3,500-household hub touching three 600-household spokes that do not touch each other
    const cs = [
      compound('hub', rect(100, 100, 200, 200), 3500),
      compound('w', rect(0, 120, 100, 180), 600), compound('e', rect(200, 120, 300, 180), 600), compound('s', rect(120, 0, 180, 100), 600),
    ];
    const u = analyzeClustersSync(cs, { gapM: 1 }).units!;
    const piece = u.issues.filter((i) => i.kind === 'piece-below-min');
    expect(piece.length).toBeGreaterThan(0);
    expect(piece[0].en).toMatch(/^cluster 0: no split found for compounds .* households < min 1500\); every neighbouring unit would exceed max 4000$/);
  });

  it('names bad bounds', () => {
    expect(() => analyzeClustersSync(grid([1, 2]), { units: { min: 5000, max: 4000 } })).toThrow('[5000, 4000]');
  });
});
