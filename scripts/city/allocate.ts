// Splits an integer total over items in proportion to weights, every item getting at least `min`:
// largest-remainder rounding, so the parts always sum to the total exactly.

/**
 * @param total the integer to split
 * @param weights one non-negative weight per item
 * @returns integer parts, each >= min, summing to total
 */
export function allocate(total: number, weights: readonly number[], options: { min?: number } = {}): number[] {
  const { min = 0 } = options;
  const n = weights.length;
  if (!Number.isInteger(total)) throw new Error(`allocate() needs an integer total, got ${total}.`);
  const rest = total - n * min;
  if (rest < 0) throw new Error(`Cannot give ${n} items at least ${min} each out of ${total}.`);
  const sum = weights.reduce((a, w) => a + w, 0);
  const exact = weights.map((w) => (sum > 0 ? (w / sum) * rest : rest / n));
  const parts = exact.map((e) => Math.floor(e));
  let left = rest - parts.reduce((a, p) => a + p, 0);
  const order = exact.map((e, i) => ({ i, frac: e - Math.floor(e) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) (parts[(order[k] as { i: number }).i] as number)++;
  return parts.map((p) => p + min);
}
