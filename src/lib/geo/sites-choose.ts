// Weighted maximum coverage: choose candidate sets (parcels) whose union has the largest weight (households).
//
// greedyCover   lazy greedy (Minoux's accelerated greedy): gains kept in a max-heap, a stale gain is an upper
//               bound of the fresh one (coverage is submodular), so only the top is ever re-evaluated. Alongside,
//               the data-dependent online bound (Leskovec et al. 2007): for every step i,
//               OPT_k <= f(S_i) + the k largest marginal gains w.r.t. S_i, where stale heap values may stand in
//               for the gains since they only overestimate. The best of these and f(S_k) / (1 - 1/e) is reported.
//               For a coverage target, the same sums give a lower bound on how many sets any solution needs.
// exactCover    branch and bound over the candidates (include / exclude, best singletons first), bounded by
//               f(S) + the largest (k - |S|) marginal gains among the candidates left; starts from the greedy value.

/** Candidate sets as CSR lists: set s covers items[offsets[s] … offsets[s + 1] - 1]. */
export interface SetLists {
  offsets: Uint32Array;
  items: Int32Array;
}

export interface CoverChoice {
  /** Chosen sets in order of choice. */
  chosen: Int32Array;
  /** Weight each choice added, in order. */
  gain: Float64Array;
  /** Weight of the union of the chosen sets. */
  value: number;
  /** OPT <= upperBound for the same k (k mode), else Infinity. */
  upperBound: number;
  /** Any choice reaching the target needs at least this many sets (target mode; Infinity when none can), else 0. */
  minCount: number;
}

export interface CoverOptions {
  /** Choose at most k sets. */
  k?: number;
  /** Stop as soon as the union weighs this much (then the choice is as short as greedy can make it). */
  target?: number;
}

/** Marginal weight of set s given cover counts. */
function gainOf(sets: SetLists, weight: Float64Array, covered: Uint8Array | Int32Array, s: number): number {
  let g = 0;
  for (let k = sets.offsets[s], e = sets.offsets[s + 1]; k < e; k++) {
    const i = sets.items[k];
    if (covered[i] === 0) g += weight[i];
  }
  return g;
}

/**
 * Lazy greedy choice with its online bound. Stops at k sets, at the target, or when no set adds weight.
 * Ties go to the lower set index.
 * @param weight weight of each item (>= 0)
 */
export function greedyCover(sets: SetLists, weight: Float64Array, { k = Infinity, target = Infinity }: CoverOptions = {}): CoverChoice {
  const m = sets.offsets.length - 1;
  const covered = new Uint8Array(weight.length);
  // max-heap of sets by (gain desc, index asc)
  const heap = new Int32Array(m);
  const val = new Float64Array(m);
  let size = 0;
  for (let s = 0; s < m; s++) {
    val[s] = gainOf(sets, weight, covered, s);
    if (val[s] > 0) heap[size++] = s;
  }
  const above = (a: number, b: number): boolean => val[a] > val[b] || (val[a] === val[b] && a < b);
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let top = i;
      if (l < size && above(heap[l], heap[top])) top = l;
      if (r < size && above(heap[r], heap[top])) top = r;
      if (top === i) return;
      const t = heap[i];
      heap[i] = heap[top];
      heap[top] = t;
      i = top;
    }
  };
  for (let i = (size >> 1) - 1; i >= 0; i--) down(i);
  const fresh = new Int32Array(m).fill(-1);
  const chosen: number[] = [];
  const gains: number[] = [];
  let value = 0;
  let upper = Infinity;
  let minCount = 0;
  const kMode = Number.isFinite(k);
  const tMode = Number.isFinite(target);
  // the online bounds at the current step, from the heap's (possibly stale, hence larger) values
  const bounds = (): void => {
    if (kMode) upper = Math.min(upper, value + topSum(heap, size, val, above, k));
    if (tMode && value < target) minCount = Math.max(minCount, topCount(heap, size, val, above, target - value));
  };
  bounds();
  while (chosen.length < k && value < target && size > 0) {
    const s = heap[0];
    if (fresh[s] !== chosen.length) {
      val[s] = gainOf(sets, weight, covered, s);
      fresh[s] = chosen.length;
      if (val[s] <= 0) {
        heap[0] = heap[--size];
        down(0);
      } else down(0);
      continue;
    }
    heap[0] = heap[--size];
    down(0);
    chosen.push(s);
    gains.push(val[s]);
    value += val[s];
    for (let q = sets.offsets[s], e = sets.offsets[s + 1]; q < e; q++) covered[sets.items[q]] = 1;
    bounds();
  }
  if (kMode) {
    // no set adds anything: the choice cannot be improved
    if (size === 0) upper = value;
    upper = Math.min(upper, value / (1 - 1 / Math.E));
    if (upper < value) upper = value;
  }
  if (tMode && value >= target) minCount = Math.min(Math.max(minCount, 1), chosen.length);
  // every set that adds anything was taken and the target is still short: no choice reaches it
  else if (tMode && size === 0) minCount = Infinity;
  if (tMode && target <= 0) minCount = 0;
  return { chosen: Int32Array.from(chosen), gain: Float64Array.from(gains), value, upperBound: kMode ? upper : Infinity, minCount };
}

/** Sum of the k largest heap values, popping from a scratch heap of heap positions (O(k log k)). */
function topSum(heap: Int32Array, size: number, val: Float64Array, above: (a: number, b: number) => boolean, k: number): number {
  let sum = 0;
  walkTop(heap, size, val, above, (v, taken) => {
    sum += v;
    return taken < k;
  });
  return sum;
}

/** How many of the largest heap values it takes to sum to `need` (Infinity when they never do). */
function topCount(heap: Int32Array, size: number, val: Float64Array, above: (a: number, b: number) => boolean, need: number): number {
  let sum = 0;
  let count = Infinity;
  walkTop(heap, size, val, above, (v, taken) => {
    sum += v;
    if (sum >= need) {
      count = taken;
      return false;
    }
    return true;
  });
  return count;
}

/** Visit heap values in descending order until `visit` returns false; taken counts from 1. */
function walkTop(
  heap: Int32Array, size: number, val: Float64Array, above: (a: number, b: number) => boolean, visit: (v: number, taken: number) => boolean,
): void {
  if (size === 0) return;
  const frontier: number[] = [0];
  let taken = 0;
  while (frontier.length) {
    // the frontier stays small (one more per visit), so a linear scan for its best is enough
    let bi = 0;
    for (let i = 1; i < frontier.length; i++) if (above(heap[frontier[i]], heap[frontier[bi]])) bi = i;
    const pos = frontier[bi];
    frontier[bi] = frontier[frontier.length - 1];
    frontier.pop();
    if (!visit(val[heap[pos]], ++taken)) return;
    if (2 * pos + 1 < size) frontier.push(2 * pos + 1);
    if (2 * pos + 2 < size) frontier.push(2 * pos + 2);
  }
}

export interface ExactChoice {
  /** The best sets, in greedy order among themselves (so gains read as in a greedy choice). */
  chosen: Int32Array;
  gain: Float64Array;
  value: number;
  /** False when the node budget ran out: then `value` is the best found, not proven optimal. */
  proven: boolean;
}

/**
 * The best choice of at most k sets by branch and bound (meant for up to ~60 sets).
 * @param options.maxNodes search budget in branch nodes (default 2 million)
 * @param options.start a known choice to beat (e.g. greedy's)
 */
export function exactCover(
  sets: SetLists, weight: Float64Array, k: number, { maxNodes = 2_000_000, start }: { maxNodes?: number; start?: Int32Array } = {},
): ExactChoice {
  const m = sets.offsets.length - 1;
  const covered = new Int32Array(weight.length);
  // best singletons first: good choices early, and the bound tightens sooner
  const single = new Float64Array(m);
  for (let s = 0; s < m; s++) single[s] = gainOf(sets, weight, covered, s);
  const order = Int32Array.from({ length: m }, (_, i) => i).filter((s) => single[s] > 0).sort((a, b) => single[b] - single[a] || a - b);
  const n = order.length;
  const kk = Math.min(k, n);
  let best = start ? start.slice(0, kk) : new Int32Array(0);
  let bestValue = unionWeight(sets, weight, best);
  const current = new Int32Array(kk);
  let nodes = 0;
  let proven = true;
  const add = (s: number, d: number): void => {
    for (let q = sets.offsets[s], e = sets.offsets[s + 1]; q < e; q++) covered[sets.items[q]] += d;
  };
  // per depth: the candidates' marginal gains at the node, and suffix bounds
  const gainAt = Array.from({ length: kk + 1 }, () => new Float64Array(n));
  const suffix = Array.from({ length: kk + 1 }, () => new Float64Array(n + 1));
  const topBuf = new Float64Array(kk + 1);
  const search = (from: number, depth: number, value: number): void => {
    if (value > bestValue) {
      bestValue = value;
      best = current.slice(0, depth);
    }
    if (depth === kk || from === n) return;
    if (++nodes > maxNodes) {
      proven = false;
      return;
    }
    const g = gainAt[depth], bound = suffix[depth];
    const slots = kk - depth;
    // bound[i]: the `slots` largest gains among candidates i … n - 1 (branches from i choose only among them)
    let held = 0;
    let sum = 0;
    bound[n] = 0;
    for (let i = n - 1; i >= from; i--) {
      const gi = (g[i] = gainOf(sets, weight, covered, order[i]));
      if (gi > 0 && (held < slots || gi > topBuf[held - 1])) {
        // keep topBuf sorted descending, at most `slots` long
        if (held === slots) sum -= topBuf[--held];
        let at = held++;
        while (at > 0 && topBuf[at - 1] < gi) {
          topBuf[at] = topBuf[at - 1];
          at--;
        }
        topBuf[at] = gi;
        sum += gi;
      }
      bound[i] = sum;
    }
    for (let i = from; i < n && proven; i++) {
      // bounds only shrink with i: once no branch can beat the best, none further can
      if (value + bound[i] <= bestValue) return;
      if (g[i] <= 0) continue;
      const s = order[i];
      current[depth] = s;
      add(s, 1);
      search(i + 1, depth + 1, value + g[i]);
      add(s, -1);
    }
  };
  search(0, 0, 0);
  const { chosen, gain } = greedyOrder(sets, weight, best);
  return { chosen, gain, value: bestValue, proven };
}

/** Weight of the union of the given sets. */
export function unionWeight(sets: SetLists, weight: Float64Array, chosen: ArrayLike<number>): number {
  const seen = new Uint8Array(weight.length);
  let w = 0;
  for (let c = 0; c < chosen.length; c++) {
    const s = chosen[c];
    for (let q = sets.offsets[s], e = sets.offsets[s + 1]; q < e; q++) {
      const i = sets.items[q];
      if (!seen[i]) {
        seen[i] = 1;
        w += weight[i];
      }
    }
  }
  return w;
}

/** The given sets reordered greedily (largest marginal gain first), with their gains. */
function greedyOrder(sets: SetLists, weight: Float64Array, pick: Int32Array): { chosen: Int32Array; gain: Float64Array } {
  const sub: SetLists = { offsets: new Uint32Array(pick.length + 1), items: new Int32Array(0) };
  const parts: Int32Array[] = [];
  for (let i = 0; i < pick.length; i++) {
    const part = sets.items.subarray(sets.offsets[pick[i]], sets.offsets[pick[i] + 1]);
    parts.push(part);
    sub.offsets[i + 1] = sub.offsets[i] + part.length;
  }
  sub.items = new Int32Array(sub.offsets[pick.length]);
  parts.forEach((p, i) => sub.items.set(p, sub.offsets[i]));
  const g = greedyCover(sub, weight, { k: pick.length });
  return { chosen: Int32Array.from(g.chosen, (i) => pick[i]), gain: g.gain };
}

/**
 * The fewest sets whose union weighs at least `target`, exactly: the smallest k whose best choice reaches it,
 * trying k from `fromK` up (pass greedy's lower bound). Null when even all sets fall short.
 */
export function exactMinCover(
  sets: SetLists, weight: Float64Array, target: number, { fromK = 1, toK, maxNodes = 2_000_000 }: { fromK?: number; toK?: number; maxNodes?: number } = {},
): ExactChoice | null {
  const m = sets.offsets.length - 1;
  if (target <= 0) return { chosen: new Int32Array(0), gain: new Float64Array(0), value: 0, proven: true };
  let proven = true;
  for (let k = Math.max(1, fromK); k <= (toK ?? m); k++) {
    const r = exactCover(sets, weight, k, { maxNodes });
    proven &&= r.proven;
    if (r.value >= target) return { ...r, proven };
  }
  return null;
}
