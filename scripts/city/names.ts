// Compound names as ledgers write them — 纺织厂家属院, 平原路小区, 建设路12号院 — unique in the city.

import type { Rng } from './prng';
import { GOOD_SUFFIX_NEW, GOOD_SUFFIX_OLD, GOOD_WORDS, PHASES, UNIT_SUFFIX, UNITS } from './names-pool';

export interface NameRequest {
  kind: 'compound' | 'lone';
  year: number;
  /** The road the compound faces. */
  road: string;
  /** A place prefix for county towns (e.g. "原阳县"), or "" in the core city. */
  place: string;
}

export interface Namer {
  name(req: NameRequest, rng: Rng): string;
}

function draw(req: NameRequest, rng: Rng): string {
  const place = req.place && rng.chance(0.45) ? req.place : '';
  const no = rng.int(1, 199);
  if (req.kind === 'lone') {
    return rng.chance(0.6) ? `${req.road}${no}号楼` : `${place}${rng.pick(UNITS)}家属楼`;
  }
  const r = rng.next();
  if (req.year < 2000) {
    if (r < 0.45) return `${place}${rng.pick(UNITS)}${rng.pick(UNIT_SUFFIX)}`;
    if (r < 0.75) return `${req.road}${no}号院`;
    if (r < 0.85) return `${req.road}小区`;
    return `${rng.pick(GOOD_WORDS)}${rng.pick(GOOD_SUFFIX_OLD)}`;
  }
  if (r < 0.6) return `${rng.pick(GOOD_WORDS)}${rng.pick(GOOD_SUFFIX_NEW)}`;
  if (r < 0.8) return `${req.road}${no}号院`;
  return `${place}${rng.pick(UNITS)}${rng.pick(UNIT_SUFFIX)}`;
}

/** A name source that never repeats: redraws, then adds 一期/东院…, then a number. */
export function createNamer(): Namer {
  const used = new Set<string>();
  // Next free number per base name, so a grown city does not rescan 2区, 3区, … every time.
  const nextNo = new Map<string, number>();
  const take = (n: string): string => {
    used.add(n);
    return n;
  };
  return {
    name(req, rng) {
      let base = '';
      for (let t = 0; t < 6; t++) {
        base = draw(req, rng);
        if (!used.has(base)) return take(base);
      }
      for (const p of PHASES) if (!used.has(base + p)) return take(base + p);
      for (let k = nextNo.get(base) ?? 2; ; k++) {
        if (used.has(`${base}${k}区`)) continue;
        nextNo.set(base, k + 1);
        return take(`${base}${k}区`);
      }
    },
  };
}
