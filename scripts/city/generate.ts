// The sample city: a Xinxiang-like city of compounds, idle land, districts, roads and water,
// deterministic for a seed. At the default size its plan_year 2020 compounds reproduce the
// Xinxiang 2020 plan table per district to the digit; larger sizes add synthetic towns around it.

import type { AreaGeometry, Compound, District, IdleParcel, Position } from '../../src/lib/geo/types';
import turfArea from '@turf/area';
import { createRng, mixSeed, type Rng } from './prng';
import { offsetKm, toLonLat, type Frame } from './frame';
import { CITY, CORE_DISTRICTS, DEFAULT_COMPOUNDS, DISTRICTS, PREFECTURE_KM, TOWNS, UNPLANNED_SEEDS_KM, type DistrictSpec, type TownSpec } from './towns';
import { layoutTown } from './town';
import { districtRings, inRing, squareRing } from './outlines';
import { naturalLedger, planOthers, planYear2020, type Ledger } from './attributes';
import { PLAN_2020 } from './plan2020';
import { createNamer } from './names';
import { parcelIn } from './parcels';
import type { Rect, Ring } from './subdivide';
import type { City, Road, Water } from './types';

export type { City, Road, Water } from './types';

export const DEFAULT_SEED = 20200;

/** Spacing of the synthetic towns a grown city adds, km. */
const EXTRA_SPACING_KM = 40;

interface Draft {
  district: number;
  town: number;
  polygons: Position[][][];
  centre: Position;
  kind: 'compound' | 'lone';
  area: number;
  road: string;
  ledger: Ledger;
}

function townPlan(total: number, rng: Rng): { spec: TownSpec; target: number }[] {
  const base = Math.min(total, DEFAULT_COMPOUNDS);
  const targets = TOWNS.map((t) => Math.floor(t.share * base));
  targets[0] = (targets[0] as number) + base - targets.reduce((a, b) => a + b, 0);
  const plan = TOWNS.map((spec, i) => ({ spec, target: targets[i] as number }));
  let left = total - base;
  for (let k = 0; left > 0; k++) {
    let target = Math.min(left, rng.int(1500, 4000));
    if (left - target < 300) target = left;
    left -= target;
    const col = k % 10, row = Math.floor(k / 10);
    plan.push({
      spec: {
        name: `扩展${k + 1}城`,
        centreKm: [100 + col * EXTRA_SPACING_KM, 20 - row * EXTRA_SPACING_KM],
        angleDeg: rng.range(-8, 8),
        share: 0,
        district: DISTRICTS.length + k,
        arterialM: rng.range(650, 950),
        core: false,
      },
      target,
    });
  }
  return plan;
}

function extraDistrict(k: number, centreKm: [number, number]): DistrictSpec {
  const n = String(k + 1).padStart(3, '0');
  return { name: `扩展${n}区`, code: `99${String(k + 1).padStart(4, '0')}`, prefix: `X${n}`, seedKm: centreKm, streets: ['东城街道', '西城街道', '南城街道', '北城街道'] };
}

function closeRing(ring: Ring, frame: Frame): Position[] {
  const out = ring.map(([x, y]) => toLonLat(x, y, frame));
  out.push(out[0] as Position);
  return out;
}

function toGeometry(polygons: Position[][][]): AreaGeometry {
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] as Position[][] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/** Index of the nearest of `seeds` to a lon/lat point (in a locally isotropic metric). */
function nearest(p: Position, seeds: readonly Position[]): number {
  let best = 0, bd = Infinity;
  const k = Math.cos(((p[1] as number) * Math.PI) / 180);
  seeds.forEach((s, i) => {
    const d = (((s[0] as number) - (p[0] as number)) * k) ** 2 + ((s[1] as number) - (p[1] as number)) ** 2;
    if (d < bd) {
      bd = d;
      best = i;
    }
  });
  return best;
}

/**
 * Generates the sample city.
 * @param opts.seed PRNG seed (default 20200)
 * @param opts.compounds number of compounds (default 3000); larger cities add synthetic towns
 */
export function generateCity(opts: { seed?: number; compounds?: number } = {}): City {
  const { seed = DEFAULT_SEED, compounds: total = DEFAULT_COMPOUNDS } = opts;
  if (!Number.isInteger(total) || total < 1) throw new Error(`compounds must be a positive integer, got ${total}.`);
  const plan = townPlan(total, createRng(mixSeed(seed, 1)));

  const specs: DistrictSpec[] = DISTRICTS.slice();
  const rings: Position[][] = districtRings(
    [...DISTRICTS.map((d) => d.seedKm), ...UNPLANNED_SEEDS_KM],
    PREFECTURE_KM,
    { lon0: CITY.lon, lat0: CITY.lat },
  ).slice(0, DISTRICTS.length);
  for (let k = 0; k < plan.length - TOWNS.length; k++) {
    const centre = (plan[TOWNS.length + k] as { spec: TownSpec }).spec.centreKm;
    specs.push(extraDistrict(k, centre));
    rings.push(squareRing(centre, EXTRA_SPACING_KM / 2, { lon0: CITY.lon, lat0: CITY.lat }));
  }

  const drafts: Draft[] = [];
  const roads: Road[] = [];
  const water: Water[] = [];
  const freeCells: { cell: Rect; frame: Frame; district: number; town: number }[] = [];
  plan.forEach(({ spec, target }, t) => {
    const rng = createRng(mixSeed(seed, 100 + t));
    const attrRng = createRng(mixSeed(seed, 200_000 + t));
    const [lon0, lat0] = offsetKm(CITY.lon, CITY.lat, spec.centreKm[0], spec.centreKm[1]);
    const frame: Frame = { lon0, lat0, angle: (spec.angleDeg * Math.PI) / 180 };
    const layout = layoutTown(rng, { target, arterialM: spec.arterialM, core: spec.core });
    const locate = (x: number, y: number): number => {
      if (spec.district >= 0) return spec.district;
      const [lon, lat] = toLonLat(x, y, frame) as [number, number];
      for (const d of CORE_DISTRICTS) if (inRing(lon, lat, rings[d] as Position[])) return d;
      return nearest([lon, lat], CORE_DISTRICTS.map((d) => offsetKm(CITY.lon, CITY.lat, ...(DISTRICTS[d] as DistrictSpec).seedKm)));
    };
    for (const p of layout.pieces) {
      const outer = (p.polygons[0] as Ring[])[0] as Ring;
      let cx = 0, cy = 0;
      for (const [x, y] of outer) {
        cx += x / outer.length;
        cy += y / outer.length;
      }
      drafts.push({
        district: locate(cx, cy),
        town: t,
        polygons: p.polygons.map((poly) => poly.map((r) => closeRing(r, frame))),
        centre: toLonLat(cx, cy, frame),
        kind: p.kind,
        area: p.area,
        road: p.road,
        ledger: naturalLedger(p.area, p.kind, attrRng),
      });
    }
    for (const r of layout.roads) {
      roads.push({ name: r.name, class: r.cls, width_m: r.width, geometry: { type: 'LineString', coordinates: r.line.map(([x, y]) => toLonLat(x, y, frame)) } });
    }
    for (const w of layout.water) {
      water.push({ name: w.name, geometry: toGeometry(w.polygons.map((poly) => poly.map((r) => closeRing(r, frame)))) });
    }
    for (const cell of layout.free) freeCells.push({ cell, frame, district: locate((cell.x0 + cell.x1) / 2, (cell.y0 + cell.y1) / 2), town: t });
  });

  // Per district: plan, streets, names, ids — in district order so a grown city keeps the default's.
  const namer = createNamer();
  const compounds: Compound[] = [];
  const streetSeeds: Position[][] = [];
  specs.forEach((spec, d) => {
    const rng = createRng(mixSeed(seed, 300_000 + d));
    const mine = drafts.filter((x) => x.district === d);
    const ledgers = mine.map((x) => x.ledger);
    const target = PLAN_2020.find((p) => p.district === spec.name);
    if (target) planYear2020(ledgers, target, rng);
    planOthers(ledgers, rng);
    const seeds = spec.streets.map(() => (mine.length ? (rng.pick(mine) as Draft).centre : [0, 0]));
    streetSeeds.push(seeds);
    // The first compound written must have every field filled: FlatGeobuf takes column types from it.
    const first = mine.findIndex((x) => x.ledger.plan_year !== null);
    if (first > 0) mine.unshift(...mine.splice(first, 1));
    const place = d >= 4 && d < DISTRICTS.length ? spec.name : '';
    const width = Math.max(4, String(mine.length).length);
    mine.forEach((x, k) => {
      const l = x.ledger;
      compounds.push({
        id: `${spec.prefix}-${String(k + 1).padStart(width, '0')}`,
        name: namer.name({ kind: x.kind, year: l.year_built, road: x.road, place }, rng),
        district: spec.name,
        street: spec.streets[nearest(x.centre, seeds)] as string,
        year_built: l.year_built,
        buildings: l.buildings,
        households: l.households,
        floor_area_m2: l.floor_area_m2,
        investment_wan: l.investment_wan,
        category: l.category,
        plan_year: l.plan_year,
        status: l.status,
        extra: {},
        geometry: toGeometry(x.polygons),
      });
    });
  });

  // Idle land: about one parcel per ten compounds, in each town's free cells.
  const parcels: IdleParcel[] = [];
  const perDistrict = new Map<number, number>();
  plan.forEach(({ target }, t) => {
    const rng = createRng(mixSeed(seed, 400_000 + t));
    const cells = freeCells.filter((c) => c.town === t);
    const want = Math.round(target / 10);
    let made = 0;
    for (let k = 0; k < cells.length && made < want; k++) {
      // Visit cells in a seeded order so parcels spread over the whole town.
      const j = k + Math.floor(rng.next() * (cells.length - k));
      const c = cells[j] as (typeof cells)[number];
      cells[j] = cells[k] as (typeof cells)[number];
      const spec = specs[c.district] as DistrictSpec;
      const centre = toLonLat((c.cell.x0 + c.cell.x1) / 2, (c.cell.y0 + c.cell.y1) / 2, c.frame);
      const street = spec.streets[nearest(centre, streetSeeds[c.district] as Position[])] as string;
      const draft = parcelIn(c.cell, rng, { district: spec.name, street });
      if (!draft) continue;
      made++;
      const n = (perDistrict.get(c.district) ?? 0) + 1;
      perDistrict.set(c.district, n);
      const geometry: AreaGeometry = { type: 'Polygon', coordinates: [closeRing(draft.ring, c.frame)] };
      parcels.push({
        id: `XZ-${spec.prefix}-${String(n).padStart(3, '0')}`,
        area_m2: Math.round(turfArea({ type: 'Feature', properties: {}, geometry }) * 10) / 10,
        current_use: draft.current_use,
        owner: draft.owner,
        note: draft.note,
        extra: { district: spec.name, street },
        geometry,
      });
    }
  });
  parcels.sort((a, b) => specs.findIndex((s) => s.name === a.extra.district) - specs.findIndex((s) => s.name === b.extra.district) || (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0));

  const districts: District[] = specs.map((s, d) => ({
    name: s.name,
    code: s.code,
    geometry: { type: 'Polygon', coordinates: [rings[d] as Position[]] },
  }));
  return { compounds, parcels, districts, roads, water };
}
