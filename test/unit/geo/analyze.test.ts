import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { analyzeClusters, analyzeClustersSync, ClusterCache, transferables } from '../../../src/lib/geo/analyze';
import { pairOrder } from '../../../src/lib/geo/clusters';
import type { Compound } from '../../../src/lib/geo/types';
import { syntheticCity } from '../../../scripts/bench/synthetic';
import { compound, rect } from './helpers';

// a row of compounds 100 m wide separated by 0, 2, 8, 20 and 0 m gaps
function row(): Compound[] {
  const xs = [[0, 100], [100, 200], [202, 300], [308, 400], [420, 500], [500, 600]];
  return xs.map(([x0, x1], i) => compound(`c${i}`, rect(x0, 0, x1, 50), 1000 * (i + 1)));
}

const members = (r: ReturnType<typeof analyzeClustersSync>, cs: Compound[]): string[][] =>
  Array.from({ length: r.clusters.count }, (_, c) =>
    Array.from(r.clusters.memberIndex.subarray(r.clusters.memberStart[c], r.clusters.memberStart[c + 1]), (i) => String(cs[i].id)));

describe('analyzeClusters', () => {
  it('joins compounds across gaps up to the gap tolerance and no wider', () => {
    const cs = row();
    expect(members(analyzeClustersSync(cs, { gapM: 1 }), cs)).toEqual([['c0', 'c1'], ['c2'], ['c3'], ['c4', 'c5']]);
    expect(members(analyzeClustersSync(cs, { gapM: 10 }), cs)).toEqual([['c0', 'c1', 'c2', 'c3'], ['c4', 'c5']]);
    expect(members(analyzeClustersSync(cs, { gapM: 25 }), cs)).toEqual([['c0', 'c1', 'c2', 'c3', 'c4', 'c5']]);
  });

  it('reports each cluster\'s totals, internal walls and widest bridged gap', () => {
    const cs = row();
    const r = analyzeClustersSync(cs, { gapM: 10 });
    expect(Array.from(r.clusters.households)).toEqual([10000, 11000]);
    expect(Array.from(r.clusters.floorArea)).toEqual([4000, 2000]);
    expect(r.clusters.widestGap[0]).toBeCloseTo(8, 6);
    expect(r.clusters.widestGap[1]).toBe(0);
    // three 50 m walls (each plus 1 m at both ends of the facing boundaries) and one across the 8 m lane
    expect(r.clusters.wall[0]).toBeCloseTo(52 * 3, 6);
    expect(Array.from(r.clusters.categoryMix.subarray(0, 5))).toEqual([0, 4, 0, 0, 0]);
  });

  it('leaves compounds out of scope out of every cluster and pair', () => {
    const cs = row();
    const scope = Uint8Array.from([1, 1, 0, 1, 1, 1]);
    const r = analyzeClustersSync(cs, { gapM: 10, scope });
    expect(r.clusters.cluster[2]).toBe(-1);
    expect(members(r, cs)).toEqual([['c0', 'c1'], ['c3'], ['c4', 'c5']]);
    expect(Array.from(r.pairs.a).concat(Array.from(r.pairs.b))).not.toContain(2);
  });

  it('gives the same answer from the cache at a smaller gap as a fresh run', () => {
    const cs = syntheticCity({ seed: 3, compounds: 600 });
    const cache = new ClusterCache();
    analyzeClustersSync(cs, { gapM: 25 }, cache);
    const cached = analyzeClustersSync(cs, { gapM: 4 }, cache);
    const fresh = analyzeClustersSync(cs, { gapM: 4 });
    expect(cached.timings.measure).toBe(0);
    expect(cached.pairs).toEqual(fresh.pairs);
    expect(cached.clusters).toEqual(fresh.clusters);
  });

  it('recomputes when the gap grows beyond the cached one', () => {
    const cs = row();
    const cache = new ClusterCache();
    analyzeClustersSync(cs, { gapM: 1 }, cache);
    expect(members(analyzeClustersSync(cs, { gapM: 25 }, cache), cs)).toHaveLength(1);
  });

  it('does not mutate its input', () => {
    const cs = row();
    const before = JSON.stringify(cs);
    analyzeClustersSync(cs, { gapM: 10, scope: Uint8Array.from([1, 1, 1, 1, 0, 1]) });
    expect(JSON.stringify(cs)).toBe(before);
  });

  it('reports progress up to 1 and stops with the abort reason when cancelled', async () => {
    const cs = syntheticCity({ seed: 4, compounds: 3000 });
    const seen: number[] = [];
    await analyzeClusters(cs, { gapM: 10, onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
    const ctl = new AbortController();
    const run = analyzeClusters(cs, { gapM: 10, signal: ctl.signal, onProgress: () => ctl.abort(new Error('stop')) });
    await expect(run).rejects.toThrow('stop');
  });

  it('splits data spanning Gauss-Krüger zones into regions and still finds pairs across the zone edge', () => {
    // 115.5°E is the edge between the zones of 114°E and 117°E; two compounds 8 m apart straddle it
    const lat = 30.5, m = 111320 * Math.cos((lat * Math.PI) / 180);
    const sq = (lon0: number, w: number) => ({
      type: 'Polygon' as const,
      coordinates: [[[lon0, lat], [lon0 + w / m, lat], [lon0 + w / m, lat + 50 / 110574], [lon0, lat + 50 / 110574], [lon0, lat]]],
    });
    const cs = [
      compound('west', sq(115.5 - 100 / m, 100)), compound('east', sq(115.5 + 8 / m, 100)),
      compound('far-west', sq(113, 100)), compound('far-east', sq(118, 100)), compound('far-east-2', sq(118 + 105 / m, 100)),
    ];
    const r = analyzeClustersSync(cs, { gapM: 10 });
    expect(r.meridians.length).toBeGreaterThan(1);
    expect(Array.from(r.pairs.a, (a, i) => `${cs[a].id}-${cs[r.pairs.b[i]].id}`)).toEqual(['west-east', 'far-east-far-east-2']);
    expect(r.pairs.distance[0]).toBeCloseTo(8, 1);
    expect(r.pairs.distance[1]).toBeCloseTo(5, 1);
  });

  it('names the bad value when the gap is not a number of metres', () => {
    expect(() => analyzeClustersSync(row(), { gapM: -1 })).toThrow('-1');
    expect(() => analyzeClustersSync(row(), { gapM: NaN })).toThrow('NaN');
  });
});

describe('pairOrder', () => {
  it('sorts pair indices by distance, ties by index', () => {
    const d = Float64Array.from([3, 0, 2.5, 0, 1e-9, 2.5, 100, 0.1]);
    expect(Array.from(pairOrder(d))).toEqual([1, 3, 4, 7, 2, 5, 0, 6]);
  });

  it('agrees with a stable sort on any distances, zeros and repeats included', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.constantFrom(0.5, 1, 10), fc.double({ min: 0, max: 1e4, noNaN: true })), { maxLength: 300 }), (ds) => {
        const d = Float64Array.from(ds, (x) => x + 0); // -0 becomes +0, as distances are
        const expected = Array.from(d.keys()).sort((x, y) => d[x] - d[y] || x - y);
        expect(Array.from(pairOrder(d))).toEqual(expected);
      }),
    );
  });
});

describe('transferables', () => {
  it('lists every typed array of a result once, so a worker can post it without copying', () => {
    const r = analyzeClustersSync(row(), { gapM: 10 });
    const buffers = transferables(r);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).toContain(r.pairs.wall.buffer);
    expect(buffers).toContain(r.clusters.cluster.buffer);
    expect(buffers).toContain(r.units!.unit.buffer);
    const copy = structuredClone(r, { transfer: buffers });
    expect(copy.clusters.count).toBe(2);
    expect(r.pairs.wall.length).toBe(0);
  });
});
