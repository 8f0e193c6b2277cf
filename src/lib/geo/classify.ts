// Class breaks for a choropleth: quantile, equal interval and natural breaks (exact Jenks via ckmeans).
// Breaks are k+1 ascending numbers [min, b1, …, max]; class i holds values in (b_i, b_{i+1}],
// the first class also holds min. Values that are null or not finite are left out, never coerced to 0.

export type ClassMethod = 'quantile' | 'equal-interval' | 'natural-breaks';
export const CLASS_METHODS: readonly ClassMethod[] = ['quantile', 'equal-interval', 'natural-breaks'];

export interface ClassifyOptions {
  /** Number of classes wanted; fewer come back when the data has fewer distinct values. */
  classes?: number;
  method?: ClassMethod;
}

function finiteSorted(values: readonly (number | null | undefined)[]): number[] {
  const out: number[] = [];
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  return out.sort((a, b) => a - b);
}

function distinctCount(sorted: readonly number[]): number {
  let n = sorted.length ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) n++;
  return n;
}

/** Drop repeated breaks so no class is empty by construction. */
function dedupe(breaks: number[]): number[] {
  return breaks.filter((b, i) => i === 0 || b !== breaks[i - 1]);
}

/** Quantile breaks: each class gets about the same number of values (type-7 interpolation). */
export function quantileBreaks(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  const breaks = [sorted[0]];
  for (let i = 1; i < k; i++) {
    const pos = ((n - 1) * i) / k;
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, n - 1);
    breaks.push(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo));
  }
  breaks.push(sorted[n - 1]);
  return dedupe(breaks);
}

/** Equal-interval breaks: the range cut into k equal widths. */
export function equalIntervalBreaks(sorted: readonly number[], k: number): number[] {
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === max) return [min, max];
  const breaks = [min];
  for (let i = 1; i < k; i++) breaks.push(min + ((max - min) * i) / k);
  breaks.push(max);
  return breaks;
}

/**
 * Natural breaks: the optimal 1-D k-means (Wang & Song's ckmeans, the exact Fisher–Jenks
 * optimum of within-class squared deviations), O(k·n²) dynamic programming over sorted values.
 */
export function naturalBreaks(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  k = Math.min(k, distinctCount(sorted));
  if (k <= 1) return [sorted[0], sorted[n - 1]];
  // Shift by the median so prefix sums keep precision on large values (e.g. 万元 totals).
  const shift = sorted[Math.floor(n / 2)];
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const x = sorted[i] - shift;
    s1[i + 1] = s1[i] + x;
    s2[i + 1] = s2[i] + x * x;
  }
  // Sum of squared deviations of sorted[a..b] inclusive.
  const ssd = (a: number, b: number): number => {
    const m = b - a + 1;
    const s = s1[b + 1] - s1[a];
    return Math.max(0, s2[b + 1] - s2[a] - (s * s) / m);
  };
  // cost[c][i]: best cost of the first i+1 values in c+1 classes; from[c][i]: start of the last class.
  const cost = Array.from({ length: k }, () => new Float64Array(n));
  const from = Array.from({ length: k }, () => new Int32Array(n));
  for (let i = 0; i < n; i++) cost[0][i] = ssd(0, i);
  for (let c = 1; c < k; c++) {
    for (let i = c; i < n; i++) {
      let best = Infinity;
      let arg = c;
      for (let j = c; j <= i; j++) {
        const v = cost[c - 1][j - 1] + ssd(j, i);
        if (v < best) {
          best = v;
          arg = j;
        }
      }
      cost[c][i] = best;
      from[c][i] = arg;
    }
  }
  const starts: number[] = [];
  let end = n - 1;
  for (let c = k - 1; c > 0; c--) {
    const j = from[c][end];
    starts.push(j);
    end = j - 1;
  }
  starts.reverse();
  // A break is the top of a class: the last value before the next class starts.
  return [sorted[0], ...starts.map((j) => sorted[j - 1]), sorted[n - 1]];
}

/**
 * Class breaks for a list of values. Returns [] when no value is usable.
 * @param values one measure per district (any unit; the legend adds 万元 / 万m²)
 */
export function classify(
  values: readonly (number | null | undefined)[],
  { classes = 5, method = 'quantile' }: ClassifyOptions = {},
): number[] {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new RangeError(`classes must be a positive integer, got ${classes}.`);
  }
  const sorted = finiteSorted(values);
  if (!sorted.length) return [];
  if (method === 'quantile') return quantileBreaks(sorted, classes);
  if (method === 'equal-interval') return equalIntervalBreaks(sorted, classes);
  return naturalBreaks(sorted, classes);
}

/**
 * The class index (0-based) of a value under `breaks`, or -1 when the value is missing
 * or outside [min, max].
 */
export function classOf(value: number | null | undefined, breaks: readonly number[]): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || breaks.length < 2) return -1;
  if (value < breaks[0] || value > breaks[breaks.length - 1]) return -1;
  for (let i = 1; i < breaks.length; i++) if (value <= breaks[i]) return i - 1;
  return breaks.length - 2;
}
