// Renovation units (片区): a cluster with more households than the planner's maximum is split into
// contiguous units of [min, max] households, each connected in the neighbour graph.
//
// Greedy region growing, one unit at a time: seed at the unassigned compound with the fewest unassigned
// neighbours (peel from the edge, so the rest stays connected), then add the frontier compound sharing
// the longest wall with the unit while it fits under max, until the unit reaches the even share
// remaining / ceil(remaining / max). Pieces left under min then join the neighbouring unit they share
// the longest wall with, if that stays under max. Whatever still breaks the bounds is reported, with
// the cluster and the reason. Clusters at or under max are one unit, even under min: nothing to split.

import type { FeatureId } from './types';
import type { ClusterTable, PairTable } from './clusters';

/** Neighbour graph in CSR form: neighbours of i are nbr[start[i] … start[i + 1] - 1]. */
export interface Csr {
  start: Int32Array;
  nbr: Int32Array;
  /** wall of each edge, metres */
  wall: Float64Array;
}

/** The neighbour graph of the pairs within `gapM` whose compounds are both in scope. */
export function neighbourGraph(n: number, pairs: PairTable, { gapM, scope }: { gapM: number; scope?: Uint8Array }): Csr {
  const keep = (i: number): boolean =>
    pairs.distance[i] <= gapM && (!scope || (scope[pairs.a[i]] === 1 && scope[pairs.b[i]] === 1));
  const start = new Int32Array(n + 1);
  for (let i = 0; i < pairs.a.length; i++) {
    if (!keep(i)) continue;
    start[pairs.a[i] + 1]++;
    start[pairs.b[i] + 1]++;
  }
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const nbr = new Int32Array(start[n]);
  const wall = new Float64Array(start[n]);
  const fill = start.slice(0, n);
  for (let i = 0; i < pairs.a.length; i++) {
    if (!keep(i)) continue;
    const u = pairs.a[i], v = pairs.b[i];
    nbr[fill[u]] = v;
    wall[fill[u]++] = pairs.wall[i];
    nbr[fill[v]] = u;
    wall[fill[v]++] = pairs.wall[i];
  }
  return { start, nbr, wall };
}

export interface UnitIssue {
  cluster: number;
  kind: 'compound-over-max' | 'piece-below-min';
  /** The compounds the issue is about (indices). */
  compounds: number[];
  households: number;
  en: string;
  zh: string;
}

export interface UnitTable {
  count: number;
  /** Unit of each compound, -1 when out of scope. */
  unit: Int32Array;
  /** Cluster each unit belongs to. */
  unitCluster: Int32Array;
  households: Float64Array;
  memberStart: Int32Array;
  memberIndex: Int32Array;
  issues: UnitIssue[];
}

/**
 * Split clusters into renovation units of [min, max] households.
 * @param households per compound (NaN = unknown, counted as 0)
 * @param options.min fewest households a unit should have (default 1500)
 * @param options.max most households a unit may have (default 4000)
 * @param options.ids the compounds' own ids, for the issue messages
 */
export function renovationUnits(
  clusters: ClusterTable, graph: Csr, households: Float64Array,
  { min = 1500, max = 4000, ids }: { min?: number; max?: number; ids?: readonly FeatureId[] } = {},
): UnitTable {
  if (!(min >= 0 && max > 0 && min <= max)) throw new Error(`Unit bounds must satisfy 0 <= min <= max, got [${min}, ${max}].`);
  const n = clusters.cluster.length;
  const h = (i: number): number => (households[i] === households[i] ? households[i] : 0);
  const name = (i: number): string => String(ids ? ids[i] : i);
  const unit = new Int32Array(n).fill(-1);
  const unitH: number[] = [];
  const unitCluster: number[] = [];
  const issues: UnitIssue[] = [];
  const wallTo = new Float64Array(n);

  for (let c = 0; c < clusters.count; c++) {
    const members = clusters.memberIndex.subarray(clusters.memberStart[c], clusters.memberStart[c + 1]);
    if (clusters.households[c] <= max) {
      for (const i of members) unit[i] = unitH.length;
      unitH.push(clusters.households[c]);
      unitCluster.push(c);
      continue;
    }
    const first = unitH.length;
    let remaining = clusters.households[c];
    let left = members.length;
    while (left > 0) {
      const target = Math.max(min, remaining / Math.ceil(remaining / max));
      const seed = peripheralSeed(members, unit, graph);
      const u = unitH.length;
      unitH.push(0);
      unitCluster.push(c);
      const frontier: number[] = [];
      const add = (i: number): void => {
        unit[i] = u;
        unitH[u] += h(i);
        left--;
        remaining -= h(i);
        for (let e = graph.start[i]; e < graph.start[i + 1]; e++) {
          const j = graph.nbr[e];
          if (unit[j] !== -1) continue;
          if (wallTo[j] === 0 && !frontier.includes(j)) frontier.push(j);
          wallTo[j] += graph.wall[e] + 1e-9;
        }
      };
      add(seed);
      if (h(seed) > max) {
        issues.push({
          cluster: c, kind: 'compound-over-max', compounds: [seed], households: h(seed),
          en: `cluster ${c}: compound ${name(seed)} alone has ${h(seed)} households > max ${max}`,
          zh: `连片 ${c}：小区 ${name(seed)} 单独就有 ${h(seed)} 户，超过上限 ${max}`,
        });
      }
      while (unitH[u] < target && unitH[u] <= max) {
        let best = -1;
        for (let f = 0; f < frontier.length; f++) {
          const j = frontier[f];
          if (unit[j] !== -1 || unitH[u] + h(j) > max) continue;
          if (best < 0 || wallTo[j] > wallTo[best] || (wallTo[j] === wallTo[best] && j < best)) best = j;
        }
        if (best < 0) break;
        add(best);
      }
      for (const j of frontier) wallTo[j] = 0;
    }
    mergeSmallPieces(first, unitH.length, unit, unitH, members, graph, min, max);
    for (let u = first; u < unitH.length; u++) {
      if (unitH[u] >= min || unitH[u] < 0) continue;
      const piece = Array.from(members).filter((i) => unit[i] === u);
      issues.push({
        cluster: c, kind: 'piece-below-min', compounds: piece, households: unitH[u],
        en: `cluster ${c}: no split found for compounds ${piece.map(name).join(', ')} (${unitH[u]} households < min ${min}); every neighbouring unit would exceed max ${max}`,
        zh: `连片 ${c}：小区 ${piece.map(name).join('、')}（共 ${unitH[u]} 户，少于下限 ${min}）找不到拆分方案：并入任何相邻片区都会超过上限 ${max}`,
      });
    }
  }
  return compact(n, unit, unitH, unitCluster, issues);
}

/** The unassigned member with the fewest unassigned neighbours (lowest index on ties). */
function peripheralSeed(members: Int32Array, unit: Int32Array, g: Csr): number {
  let best = -1, bestDeg = Infinity;
  for (const i of members) {
    if (unit[i] !== -1) continue;
    let deg = 0;
    for (let e = g.start[i]; e < g.start[i + 1]; e++) if (unit[g.nbr[e]] === -1) deg++;
    if (deg < bestDeg) {
      best = i;
      bestDeg = deg;
    }
  }
  return best;
}

/** Merge units under min into the neighbouring unit of the same cluster with the longest shared wall that stays <= max. */
function mergeSmallPieces(
  from: number, to: number, unit: Int32Array, unitH: number[], members: Int32Array, g: Csr, min: number, max: number,
): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (let u = from; u < to; u++) {
      if (unitH[u] >= min || unitH[u] < 0) continue;
      const shared = new Map<number, number>();
      for (const i of members) {
        if (unit[i] !== u) continue;
        for (let e = g.start[i]; e < g.start[i + 1]; e++) {
          const v = unit[g.nbr[e]];
          if (v !== u) shared.set(v, (shared.get(v) ?? 0) + g.wall[e] + 1e-9);
        }
      }
      let best = -1;
      for (const [v, w] of shared) {
        if (unitH[u] + unitH[v] > max) continue;
        if (best < 0 || w > (shared.get(best) ?? 0)) best = v;
      }
      if (best < 0) continue;
      for (const i of members) if (unit[i] === u) unit[i] = best;
      unitH[best] += unitH[u];
      unitH[u] = -1; // emptied
      changed = true;
    }
  }
}

/** Renumber units without the emptied ones and build the member lists. */
function compact(n: number, unit: Int32Array, unitH: number[], unitCluster: number[], issues: UnitIssue[]): UnitTable {
  const remap = new Int32Array(unitH.length).fill(-1);
  let count = 0;
  for (let u = 0; u < unitH.length; u++) if (unitH[u] >= 0) remap[u] = count++;
  const households = new Float64Array(count);
  const cl = new Int32Array(count);
  for (let u = 0; u < unitH.length; u++) {
    if (remap[u] < 0) continue;
    households[remap[u]] = unitH[u];
    cl[remap[u]] = unitCluster[u];
  }
  const memberStart = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) {
    if (unit[i] >= 0) {
      unit[i] = remap[unit[i]];
      memberStart[unit[i] + 1]++;
    }
  }
  for (let u = 0; u < count; u++) memberStart[u + 1] += memberStart[u];
  const memberIndex = new Int32Array(memberStart[count]);
  const fill = memberStart.slice(0, count);
  for (let i = 0; i < n; i++) if (unit[i] >= 0) memberIndex[fill[unit[i]]++] = i;
  return { count, unit, unitCluster: cl, households, memberStart, memberIndex, issues };
}
