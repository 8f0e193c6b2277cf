// A small seeded PRNG (sfc32) with the few draws the generator needs.
// Same seed, same sequence, on every platform: only integer ops and Math.fround-free arithmetic.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number;
  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** Standard normal draw (Box–Muller). */
  normal(): number;
  /** Log-uniform in [lo, hi): small values as likely per octave as large ones. */
  logRange(lo: number, hi: number): number;
}

/** Mixes two integers into a 32-bit seed (for independent sub-streams: one per town, per district). */
export function mixSeed(a: number, b: number): number {
  let h = (a ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (b + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Creates an sfc32 generator from a 32-bit seed. */
export function createRng(seed: number): Rng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const raw = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) raw();
  const rng: Rng = {
    next: raw,
    range: (lo, hi) => lo + (hi - lo) * raw(),
    int: (lo, hi) => lo + Math.floor((hi - lo + 1) * raw()),
    chance: (p) => raw() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick() needs a non-empty array, got length 0.');
      return items[Math.floor(items.length * raw())] as (typeof items)[number];
    },
    normal: () => {
      const u = 1 - raw();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * raw());
    },
    logRange: (lo, hi) => lo * Math.exp(Math.log(hi / lo) * raw()),
  };
  return rng;
}
