// Clusters (集中连片): connected components of the neighbour graph among the compounds in scope,
// with their totals. Kruskal's order (pairs by ascending distance) gives each cluster's widest bridged
// gap for free: the last merge inside a cluster is its minimum-spanning-tree bottleneck, i.e. the
// smallest gap at which the cluster still holds together.

import { CATEGORIES, type Category } from './types';

/** Per-compound numbers the totals are summed from (NaN = missing, counted as 0 in sums). */
export interface CompoundAttrs {
  households: Float64Array;
  buildings: Float64Array;
  floorArea: Float64Array;
  investment: Float64Array;
  /** Index into CATEGORIES, or -1 when the compound has no category. */
  category: Int8Array;
}

/** Neighbour pairs over the whole layer (indices into the compounds array), with distances and walls. */
export interface PairTable {
  a: Int32Array;
  b: Int32Array;
  /** metres */
  distance: Float64Array;
  /** metres */
  wall: Float64Array;
}

/** Clusters as flat arrays: cluster c's members are memberIndex[memberStart[c] … memberStart[c + 1] - 1]. */
export interface ClusterTable {
  count: number;
  /** Cluster of each compound, -1 when out of scope. */
  cluster: Int32Array;
  memberStart: Int32Array;
  memberIndex: Int32Array;
  households: Float64Array;
  buildings: Float64Array;
  floorArea: Float64Array;
  investment: Float64Array;
  /** Sum of wall(a, b) over the cluster's neighbour pairs, metres. */
  wall: Float64Array;
  /** The widest gap the cluster bridges (its spanning-tree bottleneck), metres; 0 for a lone compound. */
  widestGap: Float64Array;
  /** Members per category: 5 per cluster, in CATEGORIES order, then "no category". */
  categoryMix: Int32Array;
}

/** Indices of pairs sorted by ascending distance (ties by index), the order `clusterPairs` wants. */
export function pairOrder(distance: Float64Array): Int32Array {
  // LSD radix sort on the bits of the doubles: for distances >= 0 their order is the numbers' order.
  // Stable, so ties keep index order; 4 passes of 16 bits, passes whose digit never varies are skipped.
  const m = distance.length;
  const bits = new Uint32Array(distance.buffer, distance.byteOffset, 2 * m);
  let order = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    if (!(distance[i] >= 0)) throw new Error(`Pair ${i} has distance ${distance[i]}; expected a number >= 0.`);
    order[i] = i;
  }
  let next = new Int32Array(m);
  const count = new Int32Array(65537);
  // little-endian doubles: bits[2i] is the low word, bits[2i + 1] the high word
  for (const [word, shift] of [[0, 0], [0, 16], [1, 0], [1, 16]] as const) {
    count.fill(0);
    for (let i = 0; i < m; i++) count[((bits[2 * i + word] >>> shift) & 0xffff) + 1]++;
    if (count.some((c) => c === m)) continue;
    for (let d = 0; d < 65536; d++) count[d + 1] += count[d];
    for (let k = 0; k < m; k++) {
      const i = order[k];
      next[count[(bits[2 * i + word] >>> shift) & 0xffff]++] = i;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * Connected components of the pairs within `gapM` among the compounds in scope, numbered by their
 * smallest member index (so the numbering is stable under any change that keeps membership).
 * @param n number of compounds
 * @param order pairOrder(pairs.distance)
 * @param options.gapM gap tolerance, metres
 * @param options.scope 1 = in scope, per compound (default all)
 */
export function clusterPairs(
  n: number, pairs: PairTable, order: Int32Array, attrs: CompoundAttrs,
  { gapM, scope }: { gapM: number; scope?: Uint8Array },
): ClusterTable {
  if (!(gapM >= 0)) throw new Error(`Gap must be a number of metres >= 0, got ${gapM}.`);
  if (scope && scope.length !== n) throw new Error(`Scope has ${scope.length} entries for ${n} compounds.`);
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const bridged = new Float64Array(n);
  const { a, b, distance } = pairs;
  for (let o = 0; o < order.length; o++) {
    const i = order[o];
    const d = distance[i];
    if (d > gapM) break;
    const u = a[i], v = b[i];
    if (scope && (!scope[u] || !scope[v])) continue;
    const ru = find(parent, u), rv = find(parent, v);
    if (ru === rv) continue;
    // union by smaller root index keeps the trees shallow enough with path halving
    if (ru < rv) {
      parent[rv] = ru;
      bridged[ru] = d;
    } else {
      parent[ru] = rv;
      bridged[rv] = d;
    }
  }
  const cluster = new Int32Array(n).fill(-1);
  const label = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (scope && !scope[i]) continue;
    const r = find(parent, i);
    if (label[r] < 0) label[r] = count++;
    cluster[i] = label[r];
  }
  const memberStart = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) if (cluster[i] >= 0) memberStart[cluster[i] + 1]++;
  for (let c = 0; c < count; c++) memberStart[c + 1] += memberStart[c];
  const memberIndex = new Int32Array(memberStart[count]);
  const fill = memberStart.slice(0, count);
  const households = new Float64Array(count), buildings = new Float64Array(count);
  const floorArea = new Float64Array(count), investment = new Float64Array(count);
  const categoryMix = new Int32Array(count * 5);
  const widestGap = new Float64Array(count);
  for (let i = 0; i < n; i++) {
    const c = cluster[i];
    if (c < 0) continue;
    memberIndex[fill[c]++] = i;
    households[c] += num(attrs.households[i]);
    buildings[c] += num(attrs.buildings[i]);
    floorArea[c] += num(attrs.floorArea[i]);
    investment[c] += num(attrs.investment[i]);
    const k = attrs.category[i];
    categoryMix[c * 5 + (k >= 0 ? k : 4)]++;
  }
  // every merge wrote its distance on one member, and merges come in ascending order: the max is the bottleneck
  for (let i = 0; i < n; i++) if (cluster[i] >= 0 && bridged[i] > widestGap[cluster[i]]) widestGap[cluster[i]] = bridged[i];
  const wall = new Float64Array(count);
  for (let o = 0; o < order.length; o++) {
    const i = order[o];
    if (distance[i] > gapM) break;
    const ca = cluster[a[i]];
    if (ca >= 0 && cluster[b[i]] >= 0) wall[ca] += pairs.wall[i];
  }
  return { count, cluster, memberStart, memberIndex, households, buildings, floorArea, investment, wall, widestGap, categoryMix };
}

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

function num(x: number): number {
  return x === x ? x : 0;
}

/** Category index in CATEGORIES, or -1. */
export function categoryIndex(c: Category | null): number {
  return c === null ? -1 : CATEGORIES.indexOf(c);
}
