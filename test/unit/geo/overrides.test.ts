// The planner's overrides (a compound taken out of its 连片 area, a compound put with another's cluster): kept by id,
// applied at any gap, and the same partition as a brute-force reference built from the all-pairs table.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeClustersSync, ClusterCache } from '../../../src/lib/geo/analyze';
import { packPolygons } from '../../../src/lib/geo/flat';
import { latestOverrides, type ClusterOverride } from '../../../src/lib/geo/overrides';
import type { Compound } from '../../../src/lib/geo/types';
import { compound, rect } from './helpers';
import { refComponents, refPairs } from './reference';

/**
 * A: 0–40 m, B: 40–80 m (shares a wall with A), C: 80–120 m (shares a wall with B), D: 140–180 m (20 m from C),
 * E: 400–440 m (far from all). Households 100, 200, 300, 400, 500.
 */
function street(): Compound[] {
  return [
    compound('A', rect(0, 0, 40, 30), 100),
    compound('B', rect(40, 0, 80, 30), 200),
    compound('C', rect(80, 0, 120, 30), 300),
    compound('D', rect(140, 0, 180, 30), 400),
    compound('E', rect(400, 0, 440, 30), 500),
  ];
}

/** Members of each cluster by id, sorted, the clusters sorted: a partition to compare. */
function partition(compounds: readonly Compound[], cluster: Int32Array): string[][] {
  const groups = new Map<number, string[]>();
  cluster.forEach((c, i) => {
    if (c < 0) return;
    groups.set(c, [...(groups.get(c) ?? []), String(compounds[i].id)]);
  });
  return [...groups.values()].map((g) => g.sort()).sort((x, y) => x[0].localeCompare(y[0]));
}

describe('manual overrides of clusters', () => {
  const overrides: ClusterOverride[] = [
    { kind: 'out', id: 'B' },
    { kind: 'join', id: 'E', with: 'A' },
  ];

  it('takes a compound out and puts one in, at gap 10 m', () => {
    const cs = street();
    const plain = analyzeClustersSync(cs, { gapM: 10 });
    expect(partition(cs, plain.clusters.cluster)).toEqual([['A', 'B', 'C'], ['D'], ['E']]);
    const r = analyzeClustersSync(cs, { gapM: 10, overrides });
    expect(partition(cs, r.clusters.cluster)).toEqual([['A', 'E'], ['B'], ['C'], ['D']]);
    // B's walls are no longer pairs; the join is no measured pair either
    expect(Array.from(r.pairs.a, (a, i) => `${cs[a].id}-${cs[r.pairs.b[i]].id}`)).toEqual([]);
    expect(Array.from(r.manual!.out)).toEqual([0, 1, 0, 0, 0]);
    expect(Array.from(r.manual!.joins)).toEqual([0, 4]);
    const ae = r.clusters.cluster[0];
    expect(r.clusters.households[ae]).toBe(600);
    expect(r.clusters.wall[ae]).toBe(0);
    expect(r.clusters.widestGap[ae]).toBe(0);
    // units stay connected through the join
    expect(r.units!.unit[0]).toBe(r.units!.unit[4]);
  });

  it('survive a recomputation at another gap with the same cache, and drop out when removed', () => {
    const cs = street();
    const cache = new ClusterCache();
    analyzeClustersSync(cs, { gapM: 10, overrides }, cache);
    const wide = analyzeClustersSync(cs, { gapM: 25, overrides }, cache);
    // at 25 m C and D are neighbours; B stays out, E stays with A
    expect(partition(cs, wide.clusters.cluster)).toEqual([['A', 'E'], ['B'], ['C', 'D']]);
    expect(Array.from(wide.pairs.a, (a, i) => `${cs[a].id}-${cs[wide.pairs.b[i]].id}`)).toEqual(['C-D']);
    const narrow = analyzeClustersSync(cs, { gapM: 1, overrides }, cache);
    expect(partition(cs, narrow.clusters.cluster)).toEqual([['A', 'E'], ['B'], ['C'], ['D']]);
    const none = analyzeClustersSync(cs, { gapM: 25 }, cache);
    expect(partition(cs, none.clusters.cluster)).toEqual([['A', 'B', 'C', 'D'], ['E']]);
    expect(none.manual).toBeNull();
  });

  it('hold by id when the file comes in another order, and name ids that are not there', () => {
    const cs = street().reverse();
    const r = analyzeClustersSync(cs, { gapM: 10, overrides: [...overrides, { kind: 'out', id: 'Z9' }] });
    expect(partition(cs, r.clusters.cluster)).toEqual([['A', 'E'], ['B'], ['C'], ['D']]);
    expect(r.manual!.missing).toEqual(['Z9']);
  });

  it('an id the file repeats: taking it out takes out every compound that has it', () => {
    const cs = [...street(), compound('B', rect(120, 0, 130, 30), 50)];
    const r = analyzeClustersSync(cs, { gapM: 10, overrides: [{ kind: 'out', id: 'B' }] });
    expect(Array.from(r.manual!.out)).toEqual([0, 1, 0, 0, 0, 1]);
    // C and D would otherwise hold the second B (it touches C); both Bs stand alone
    expect(partition(cs, r.clusters.cluster)).toEqual([['A'], ['B'], ['B'], ['C'], ['D'], ['E']]);
  });

  it('the last override of a compound wins: out, then put back with a neighbour', () => {
    expect(latestOverrides([{ kind: 'out', id: 'B' }, { kind: 'join', id: 'C', with: 'D' }, { kind: 'join', id: 'B', with: 'C' }])).toEqual([
      { kind: 'join', id: 'C', with: 'D' },
      { kind: 'join', id: 'B', with: 'C' },
    ]);
    const cs = street();
    const r = analyzeClustersSync(cs, { gapM: 10, overrides: [{ kind: 'out', id: 'B' }, { kind: 'join', id: 'B', with: 'C' }] });
    expect(partition(cs, r.clusters.cluster)).toEqual([['A', 'B', 'C'], ['D'], ['E']]);
  });

  it('give the partition of the reference pairs minus those taken out plus those joined (random rows, random overrides)', () => {
    const row = fc.array(fc.record({ w: fc.integer({ min: 5, max: 40 }), lane: fc.constantFrom(0, 0, 0.3, 6, 15, 30) }), { minLength: 2, maxLength: 8 });
    fc.assert(
      fc.property(row, fc.constantFrom(1, 10, 25), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 5 }), (parts, gapM, picks) => {
        let x = 0;
        const cs = parts.map(({ w, lane }, i) => {
          const c = compound(`c${i}`, rect(x, 0, x + w, 20), 10 * (i + 1));
          x += w + lane;
          return c;
        });
        const n = cs.length;
        const list: ClusterOverride[] = picks.map(([u, v, out]) => (out ? { kind: 'out', id: `c${u % n}` } : { kind: 'join', id: `c${u % n}`, with: `c${v % n}` }));
        const r = analyzeClustersSync(cs, { gapM, overrides: list });
        // the reference: all pairs by brute force, the overrides in force applied by hand
        const inForce = latestOverrides(list);
        const out = new Set(inForce.filter((o) => o.kind === 'out').map((o) => o.id));
        const idx = (id: string | number) => cs.findIndex((c) => c.id === id);
        const measured = refPairs(packPolygons(cs.map((c) => c.geometry), { lon0: 114 }), gapM).filter((p) => !out.has(cs[p.a].id) && !out.has(cs[p.b].id));
        const edges = [...measured];
        for (const o of inForce) if (o.kind === 'join') edges.push({ a: idx(o.id), b: idx(o.with), distance: 0, wall: 0 });
        const labels = refComponents(n, edges);
        const firstOf = new Map<number, number>();
        Array.from(r.clusters.cluster).forEach((c, i) => firstOf.has(c) || firstOf.set(c, i));
        expect(Array.from(r.clusters.cluster, (c) => firstOf.get(c))).toEqual(labels);
        // the pairs reported are the measured ones, without those taken out and without the joins
        expect(Array.from(r.pairs.a, (a, i) => `${a}-${r.pairs.b[i]}`)).toEqual(measured.map((e) => `${e.a}-${e.b}`));
      }),
      { numRuns: 150 },
    );
  });
});
