// Ledger attributes of a compound drawn from its polygon: year built, buildings, households and
// floor area plausible for its land area, and the plan year, class, status and money of the plan.

import type { Category } from '../../src/lib/geo/types';
import type { Rng } from './prng';
import { allocate } from './allocate';
import type { PlanTarget } from './plan2020';

export interface Ledger {
  /** A lone building (单栋楼): always exactly one building. */
  lone: boolean;
  year_built: number;
  buildings: number;
  households: number;
  floor_area_m2: number;
  investment_wan: number | null;
  category: Category | null;
  plan_year: number | null;
  status: string;
}

/**
 * Attributes a compound of this size and kind would have before any plan.
 * @param areaM2 land area of the polygon (footprint for a lone building), m²
 */
export function naturalLedger(areaM2: number, kind: 'compound' | 'lone', rng: Rng): Ledger {
  const r = rng.next();
  const year = r < 0.7 ? rng.int(1975, 1999) : r < 0.87 ? rng.int(2000, 2005) : rng.int(2006, 2018);
  const floors = year < 1990 ? rng.int(4, 6) : year < 2006 ? rng.int(5, 7) : rng.chance(0.3) ? rng.int(11, 18) : rng.int(6, 7);
  let floorArea: number, buildings: number;
  if (kind === 'lone') {
    floorArea = areaM2 * floors * 0.95;
    buildings = 1;
  } else {
    const footprint = areaM2 * rng.range(0.22, 0.32);
    floorArea = footprint * floors;
    buildings = Math.max(1, Math.round(footprint / rng.range(350, 900)));
  }
  const households = Math.max(1, Math.round(floorArea / rng.range(72, 100)));
  if (kind !== 'lone') {
    if (households / buildings > 60) buildings = Math.ceil(households / 60);
    if (households / buildings < 12) buildings = Math.max(1, Math.floor(households / 12));
  }
  return {
    lone: kind === 'lone',
    year_built: year,
    buildings,
    households,
    floor_area_m2: Math.max(1, Math.round(floorArea)),
    investment_wan: null,
    category: null,
    plan_year: null,
    status: 'survey',
  };
}

function pickCategory(rng: Rng): Category {
  const r = rng.next();
  return r < 0.55 ? 'basic' : r < 0.88 ? 'improve' : 'upgrade';
}

/** Where a plan stands in autumn 2022, the moment the sample ledger describes. */
function statusFor(planYear: number | null, rng: Rng): string {
  switch (planYear) {
    case 2019:
      return 'done';
    case 2020:
      return rng.chance(0.85) ? 'done' : 'acceptance';
    case 2021:
      return rng.pick(['works', 'acceptance', 'acceptance', 'done']);
    case 2022:
      return rng.pick(['design', 'tender', 'works', 'works']);
    case 2023:
      return rng.pick(['survey', 'survey', 'design']);
    default:
      return 'survey';
  }
}

/** Plans the compounds that are not in the 2020 plan: other years for some old ones, none for the rest. */
export function planOthers(ledgers: Ledger[], rng: Rng): void {
  for (const l of ledgers) {
    if (l.plan_year === 2020) {
      l.status = statusFor(2020, rng);
      continue;
    }
    if (l.year_built < 2006) {
      const r = rng.next();
      l.plan_year = r < 0.07 ? 2019 : r < 0.18 ? 2021 : r < 0.29 ? 2022 : r < 0.38 ? 2023 : null;
    }
    if (l.plan_year !== null) {
      l.category = pickCategory(rng);
      l.investment_wan = Math.max(1, Math.round((l.floor_area_m2 * rng.range(130, 420)) / 1000)) / 10;
    }
    l.status = statusFor(l.plan_year, rng);
  }
}

/**
 * Chooses the district's plan_year 2020 compounds and splits the plan's totals over them exactly.
 * Chosen compounds are old (mostly before 2000) and sized near the plan's mean, spread at random
 * over the district. Mutates the chosen ledgers; returns their indices.
 */
export function planYear2020(ledgers: Ledger[], target: PlanTarget, rng: Rng): number[] {
  const candidates = ledgers.map((l, i) => ({ l, i })).filter(({ l }) => l.year_built < 2006);
  const count = Math.min(target.compounds, Math.floor(candidates.length * 0.6));
  if (count <= 0) return [];
  const scale = count / target.compounds;
  const mean = target.floorAreaM2 / target.compounds;
  // Efraimidis–Spirakis weighted sampling without replacement.
  const keyed = candidates.map(({ l, i }) => {
    const z = Math.log(l.floor_area_m2 / mean);
    const w = Math.exp(-(z * z) / (2 * 0.45 * 0.45)) * (l.year_built < 2000 ? 1 : 0.06) + 1e-9;
    return { i, key: Math.log(rng.next() + 1e-12) / w };
  });
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  const chosen = keyed.slice(0, count).map((k) => k.i).sort((a, b) => a - b);
  const ls = chosen.map((i) => ledgers[i] as Ledger);
  const total = (v: number): number => Math.round(v * scale);
  // Lone buildings keep their one building; the rest of the plan's buildings go to the compounds.
  const multi = ls.map((l, k) => ({ l, k })).filter(({ l }) => !l.lone);
  const buildings = ls.map(() => 1);
  const shares = allocate(total(target.buildings) - (ls.length - multi.length), multi.map(({ l }) => l.buildings * rng.range(0.8, 1.25)), { min: 1 });
  multi.forEach(({ k }, m) => (buildings[k] = shares[m] as number));
  const households = allocate(total(target.households), ls.map((l, k) => (buildings[k] as number) * (l.households / l.buildings) * rng.range(0.85, 1.15)), { min: 1 });
  const floor = allocate(total(target.floorAreaM2), ls.map((l, k) => (households[k] as number) * (l.floor_area_m2 / l.households) * rng.range(0.9, 1.1)), { min: 1 });
  const invest = allocate(total(target.investmentTenthWan), floor.map((f) => f * rng.range(0.8, 1.25)), { min: 1 });
  ls.forEach((l, k) => {
    l.buildings = buildings[k] as number;
    l.households = households[k] as number;
    l.floor_area_m2 = floor[k] as number;
    l.investment_wan = (invest[k] as number) / 10;
    l.plan_year = 2020;
    l.category = pickCategory(rng);
  });
  return chosen;
}
