// Planners overrule the gap rule: they take a compound out of its 连片 area (its residents said no) or put it in
// with another compound's cluster (a lane the rule could not bridge). Overrides name compounds by their own ids, so
// they hold whatever the gap, the filter or the order of the file; the analysis applies them to its pair table.
import type { PairTable } from './clusters';
import type { FeatureId } from './types';

export type ClusterOverride =
  /** the compound stands alone: none of its neighbour pairs count */
  | { kind: 'out'; id: FeatureId }
  /** the compound belongs with `with`: their clusters are one, whatever lies between them */
  | { kind: 'join'; id: FeatureId; with: FeatureId };

/** Overrides as indices into the compounds: what the analysis needs. */
export interface ResolvedOverrides {
  /** 1 = taken out by hand */
  out: Uint8Array;
  /** pairs of indices joined by hand, u, v, u, v, … */
  joins: Int32Array;
  /** ids of overrides whose compounds are not in this layer (kept, and said) */
  missing: string[];
}

/** The overrides in force: the last one for each compound wins. */
export function latestOverrides(list: readonly ClusterOverride[]): ClusterOverride[] {
  const byId = new Map<string, ClusterOverride>();
  for (const o of list) {
    const key = String(o.id);
    byId.delete(key);
    byId.set(key, o);
  }
  return [...byId.values()];
}

export function resolveOverrides(ids: readonly FeatureId[], list: readonly ClusterOverride[]): ResolvedOverrides {
  // an id the file repeats names every compound that has it (the loader warned about the repeat)
  const index = new Map<string, number[]>();
  ids.forEach((id, i) => index.set(String(id), [...(index.get(String(id)) ?? []), i]));
  const out = new Uint8Array(ids.length);
  const joins: number[] = [];
  const missing: string[] = [];
  for (const o of latestOverrides(list)) {
    const us = index.get(String(o.id));
    if (!us) {
      missing.push(String(o.id));
      continue;
    }
    if (o.kind === 'out') for (const u of us) out[u] = 1;
    else {
      const v = index.get(String(o.with))?.[0];
      if (v === undefined) missing.push(String(o.with));
      else for (const u of us) if (v !== u) joins.push(Math.min(u, v), Math.max(u, v));
    }
  }
  return { out, joins: Int32Array.from(joins), missing };
}

/**
 * The neighbour pairs as the planner decided: no pair of a compound taken out, plus one pair (distance 0, wall 0)
 * per join, so that it holds at any gap and adds no wall. Sorted by a, then b, like the analysis' own pairs.
 */
export function pairsWithOverrides(pairs: PairTable, manual: ResolvedOverrides): { effective: PairTable; measured: PairTable } {
  const { out, joins } = manual;
  let m = 0;
  for (let i = 0; i < pairs.a.length; i++) if (!out[pairs.a[i]] && !out[pairs.b[i]]) m++;
  const measured: PairTable = { a: new Int32Array(m), b: new Int32Array(m), distance: new Float64Array(m), wall: new Float64Array(m) };
  for (let i = 0, k = 0; i < pairs.a.length; i++) {
    if (out[pairs.a[i]] || out[pairs.b[i]]) continue;
    measured.a[k] = pairs.a[i];
    measured.b[k] = pairs.b[i];
    measured.distance[k] = pairs.distance[i];
    measured.wall[k++] = pairs.wall[i];
  }
  const j = joins.length / 2;
  if (!j) return { effective: measured, measured };
  // the joins in order, then merged into the measured pairs (already in order)
  const jo = Array.from({ length: j }, (_, i) => i).sort((x, y) => joins[2 * x] - joins[2 * y] || joins[2 * x + 1] - joins[2 * y + 1]);
  const total = m + j;
  const effective: PairTable = { a: new Int32Array(total), b: new Int32Array(total), distance: new Float64Array(total), wall: new Float64Array(total) };
  for (let k = 0, p = 0, q = 0; k < total; k++) {
    const u = q < j ? joins[2 * jo[q]] : Infinity, v = q < j ? joins[2 * jo[q] + 1] : Infinity;
    if (p < m && (measured.a[p] < u || (measured.a[p] === u && measured.b[p] <= v))) {
      effective.a[k] = measured.a[p];
      effective.b[k] = measured.b[p];
      effective.distance[k] = measured.distance[p];
      effective.wall[k] = measured.wall[p++];
    } else {
      effective.a[k] = u;
      effective.b[k] = v;
      q++;
    }
  }
  return { effective, measured };
}
