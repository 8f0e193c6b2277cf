import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { geojson } from 'flatgeobuf';
import Flatbush from 'flatbush';
import { generateCity } from '../../scripts/city/generate';
import { serializeCity } from '../../scripts/city/serialize';
import { allocate } from '../../scripts/city/allocate';

const ROOT = join(import.meta.dirname, '..', '..');
const DATA = join(ROOT, 'data');
const PLAN_CSV = join(ROOT, '..', 'shared', 'data', 'seed-tables', 'xinxiang-2020-plan.csv');

type Pt = [number, number];
interface Feat {
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon'; coordinates: Pt[][] } | { type: 'MultiPolygon'; coordinates: Pt[][][] };
}

async function readFgb(name: string): Promise<Feat[]> {
  const out: Feat[] = [];
  for await (const f of geojson.deserialize(new Uint8Array(readFileSync(join(DATA, name))))) out.push(f as unknown as Feat);
  return out;
}

function polygons(f: Feat): Pt[][][] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

// Local metres around latitude 35.3°: plenty for centimetre-scale tests inside one town.
const M_LAT = 111_320;
const M_LON = 111_320 * Math.cos((35.3 * Math.PI) / 180);

/** Distance in metres from p to segment ab, and whether p projects strictly inside it (>1 m from its ends). */
function toSegment(p: Pt, a: Pt, b: Pt): { d: number; inner: boolean } {
  const ax = (a[0] - p[0]) * M_LON, ay = (a[1] - p[1]) * M_LAT;
  const bx = (b[0] - p[0]) * M_LON, by = (b[1] - p[1]) * M_LAT;
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
  const len = Math.sqrt(len2);
  return { d: Math.hypot(ax + t * dx, ay + t * dy), inner: t * len > 1 && (1 - t) * len > 1 };
}

function inRing(p: Pt, ring: Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Pt, [xj, yj] = ring[j] as Pt;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inFeature(p: Pt, f: Feat): boolean {
  return polygons(f).some((poly) => inRing(p, poly[0] as Pt[]) && !poly.slice(1).some((h) => inRing(p, h)));
}

function ringAreaM2(ring: Pt[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    s += ((ring[j] as Pt)[0] - (ring[i] as Pt)[0]) * M_LON * ((ring[j] as Pt)[1] + (ring[i] as Pt)[1]) * M_LAT;
  }
  return s / 2;
}

/** How a pair of neighbouring compounds touches: T-junction, sliver gap, small overlap. */
function classifyPair(a: Feat, b: Feat): { tee: boolean; sliver: boolean; overlap: boolean; sharesVertex: boolean } {
  const verts = (f: Feat): Pt[] => polygons(f).flatMap((p) => p.flatMap((r) => r.slice(0, -1)));
  const edges = (f: Feat): [Pt, Pt][] => polygons(f).flatMap((p) => p.flatMap((r) => r.slice(0, -1).map((q, i) => [q, r[i + 1]] as [Pt, Pt])));
  const va = verts(a), vb = verts(b);
  const keys = new Set(vb.map((p) => `${p[0]},${p[1]}`));
  const sharesVertex = va.some((p) => keys.has(`${p[0]},${p[1]}`));
  let tee = false, sliver = false, overlap = false;
  const probe = (vs: Pt[], other: Feat): void => {
    const es = edges(other);
    for (const p of vs) {
      let best = Infinity, inner = false;
      for (const [s, t] of es) {
        const r = toSegment(p, s, t);
        if (r.d < best) {
          best = r.d;
          inner = r.inner;
        }
      }
      if (!inner) continue;
      const inside = inFeature(p, other);
      if (best < 0.02) tee = true;
      else if (!inside && best >= 0.09 && best <= 0.81) sliver = true;
      else if (inside && best >= 0.09 && best <= 0.51) overlap = true;
    }
  };
  probe(va, b);
  probe(vb, a);
  return { tee: tee && !sharesVertex, sliver, overlap, sharesVertex };
}

function bboxOf(f: Feat): [number, number, number, number] {
  let b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygons(f)) for (const [x, y] of poly[0] as Pt[]) b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
  return b;
}

describe('the committed sample city', () => {
  it('reproduces the Xinxiang 2020 plan table per district to the digit with its plan_year 2020 compounds', async () => {
    const features = await readFgb('compounds.fgb');
    const [header, ...rows] = readFileSync(PLAN_CSV, 'utf8').trim().split(/\r?\n/);
    expect(header).toBe('district,compounds,buildings,households,floor_area_wan_m2,investment_wan_yuan');
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      const [district, compounds, buildings, households, floorWan, investWan] = row.split(',');
      const mine = features.filter((f) => f.properties.district === district && f.properties.plan_year === 2020);
      const sum = (k: string): number => mine.reduce((a, f) => a + (f.properties[k] as number), 0);
      expect(mine.length, district).toBe(Number(compounds));
      expect(sum('buildings'), district).toBe(Number(buildings));
      expect(sum('households'), district).toBe(Number(households));
      expect(sum('floor_area_m2'), district).toBe(Math.round(Number(floorWan) * 10000));
      expect(Math.round(sum('investment_wan') * 10) / 10, district).toBe(Number(investWan));
      for (const f of mine) {
        expect(f.properties.buildings as number).toBeGreaterThanOrEqual(1);
        expect(f.properties.households as number).toBeGreaterThanOrEqual(1);
        expect(Number.isInteger(f.properties.floor_area_m2)).toBe(true);
        const inv = f.properties.investment_wan as number;
        expect(Math.round(inv * 10) / 10).toBe(inv);
      }
    }
  });

  it('holds about 3,000 compounds with unique ids and names and the canonical attributes', async () => {
    const features = await readFgb('compounds.fgb');
    expect(features).toHaveLength(3000);
    expect(new Set(features.map((f) => f.properties.id)).size).toBe(3000);
    expect(new Set(features.map((f) => f.properties.name)).size).toBe(3000);
    const statuses = new Set(['survey', 'design', 'tender', 'works', 'acceptance', 'done']);
    for (const f of features) {
      const p = f.properties;
      expect(p.id).toMatch(/^[A-Z]{2}-\d{4}$/);
      expect(p.name).toMatch(/[\u4e00-\u9fff]/);
      expect(p.street).toMatch(/(街道|镇|乡)$/);
      expect(p.year_built as number).toBeGreaterThanOrEqual(1975);
      expect(p.year_built as number).toBeLessThanOrEqual(2020);
      expect(statuses.has(p.status as string)).toBe(true);
      expect([undefined, null, 2019, 2020, 2021, 2022, 2023]).toContain(p.plan_year);
      expect([undefined, null, 'basic', 'improve', 'upgrade', 'mandatory']).toContain(p.category);
      const perHousehold = (p.floor_area_m2 as number) / (p.households as number);
      expect(perHousehold).toBeGreaterThan(40);
      expect(perHousehold).toBeLessThan(200);
    }
    const pre2000 = features.filter((f) => f.properties.plan_year === 2020 && (f.properties.year_built as number) < 2000);
    expect(pre2000.length / 331).toBeGreaterThan(0.8);
  });

  it('draws compounds the way real ledgers do: holes, two-part compounds, L-shapes and lone buildings', async () => {
    const features = await readFgb('compounds.fgb');
    const withHole = features.filter((f) => polygons(f).some((p) => p.length > 1));
    const multi = features.filter((f) => polygons(f).length > 1);
    const concave = features.filter((f) => {
      const r = (polygons(f)[0] as Pt[][])[0] as Pt[];
      const n = r.length - 1;
      let sign = 0;
      for (let i = 0; i < n; i++) {
        const a = r[i] as Pt, b = r[(i + 1) % n] as Pt, c = r[(i + 2) % n] as Pt;
        const ux = (b[0] - a[0]) * M_LON, uy = (b[1] - a[1]) * M_LAT;
        const vx = (c[0] - b[0]) * M_LON, vy = (c[1] - b[1]) * M_LAT;
        // Only sharp turns count: a digitising wobble on a straight wall is not an L.
        const sin = (ux * vy - uy * vx) / (Math.hypot(ux, uy) * Math.hypot(vx, vy));
        if (Math.abs(sin) > 0.7) {
          if (sign !== 0 && Math.sign(sin) !== sign) return true;
          sign = Math.sign(sin);
        }
      }
      return false;
    });
    const lone = features.filter((f) => f.properties.buildings === 1 && ringAreaM2((polygons(f)[0] as Pt[][])[0] as Pt[]) < 1500);
    expect(withHole.length).toBeGreaterThanOrEqual(5);
    expect(multi.length).toBeGreaterThanOrEqual(5);
    expect(concave.length).toBeGreaterThanOrEqual(50);
    expect(lone.length).toBeGreaterThanOrEqual(100);
    // Every hole holds another compound.
    for (const f of withHole) {
      const hole = ((polygons(f).find((p) => p.length > 1) as Pt[][])[1] as Pt[]).slice(0, -1);
      const c: Pt = [hole.reduce((a, p) => a + p[0], 0) / hole.length, hole.reduce((a, p) => a + p[1], 0) / hole.length];
      expect(features.some((g) => g !== f && inFeature(c, g))).toBe(true);
    }
  });

  it('has neighbours meeting at T-junctions without shared vertices, and slivers and overlaps between them', async () => {
    const features = await readFgb('compounds.fgb');
    const index = new Flatbush(features.length);
    const boxes = features.map(bboxOf);
    for (const b of boxes) index.add(...b);
    index.finish();
    const pad = 1e-5;
    let tee = 0, sliver = 0, overlap = 0, pairs = 0;
    features.forEach((f, i) => {
      const b = boxes[i] as [number, number, number, number];
      for (const j of index.search(b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad)) {
        if (j <= i) continue;
        pairs++;
        const r = classifyPair(f, features[j] as Feat);
        if (r.tee) tee++;
        if (r.sliver) sliver++;
        if (r.overlap) overlap++;
      }
    });
    expect(pairs).toBeGreaterThan(3000);
    expect(tee).toBeGreaterThanOrEqual(300);
    expect(sliver).toBeGreaterThanOrEqual(150);
    expect(overlap).toBeGreaterThanOrEqual(100);
  });

  it('has about 300 idle parcels, mostly 200–3,000 m², next to compounds, described in Chinese', async () => {
    const parcels = await readFgb('parcels.fgb');
    const compounds = await readFgb('compounds.fgb');
    expect(parcels.length).toBeGreaterThan(250);
    expect(parcels.length).toBeLessThan(350);
    const areas = parcels.map((p) => ringAreaM2((polygons(p)[0] as Pt[][])[0] as Pt[]));
    expect(areas.filter((a) => a >= 200 && a <= 3000).length / areas.length).toBeGreaterThan(0.7);
    const index = new Flatbush(compounds.length);
    for (const c of compounds) index.add(...bboxOf(c));
    index.finish();
    const near = parcels.filter((p) => {
      const b = bboxOf(p);
      const d = 100 / M_LAT;
      return index.search(b[0] - d, b[1] - d, b[2] + d, b[3] + d).length > 0;
    });
    expect(near.length).toBe(parcels.length);
    for (const p of parcels) {
      for (const k of ['current_use', 'owner', 'note', 'district']) expect(p.properties[k]).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('places every compound in the district polygon it names, with the real admin codes', async () => {
    const compounds = await readFgb('compounds.fgb');
    const districts = JSON.parse(readFileSync(join(DATA, 'districts.geojson'), 'utf8')) as { features: Feat[] };
    const codes = Object.fromEntries(districts.features.map((d) => [d.properties.name, d.properties.code]));
    expect(codes).toEqual({
      卫滨区: '410703', 红旗区: '410702', 牧野区: '410711', 高新区: '410771',
      长垣市: '410783', 原阳县: '410725', 延津县: '410726', 封丘县: '410727',
    });
    const byName = new Map(districts.features.map((d) => [d.properties.name, d]));
    const inside = compounds.filter((c) => {
      const ring = ((polygons(c)[0] as Pt[][])[0] as Pt[]).slice(0, -1);
      const centre: Pt = [ring.reduce((a, p) => a + p[0], 0) / ring.length, ring.reduce((a, p) => a + p[1], 0) / ring.length];
      return inFeature(centre, byName.get(c.properties.district) as Feat);
    });
    expect(inside.length / compounds.length).toBeGreaterThan(0.998);
  });

  it('regenerates byte-identical files, equal to the committed data/', () => {
    const a = serializeCity(generateCity());
    const b = serializeCity(generateCity());
    for (const name of Object.keys(a)) {
      expect(Buffer.compare(Buffer.from(a[name] as Uint8Array), Buffer.from(b[name] as Uint8Array)), name).toBe(0);
      expect(Buffer.compare(Buffer.from(a[name] as Uint8Array), readFileSync(join(DATA, name))), `${name} differs from data/; run npm run gen`).toBe(0);
    }
  });
});

describe('generateCity', () => {
  it('gives a different city for a different seed', () => {
    const a = generateCity({ seed: 1, compounds: 400 });
    const b = generateCity({ seed: 2, compounds: 400 });
    expect(a.compounds).toHaveLength(400);
    expect(JSON.stringify(a.compounds[0]?.geometry)).not.toBe(JSON.stringify(b.compounds[0]?.geometry));
  });

  it('grows to 20,000 compounds in new towns and keeps the default city and its plan table inside', () => {
    const small = generateCity();
    const big = generateCity({ compounds: 20_000 });
    expect(big.compounds).toHaveLength(20_000);
    expect(new Set(big.compounds.map((c) => c.id)).size).toBe(20_000);
    expect(new Set(big.compounds.map((c) => c.name)).size).toBe(20_000);
    expect(big.districts.length).toBeGreaterThan(8);
    const byId = new Map(big.compounds.map((c) => [c.id, c]));
    for (const c of small.compounds) expect(byId.get(c.id)).toEqual(c);
  });
});

describe('allocate', () => {
  it('splits a total exactly in proportion to weights with a minimum per item', () => {
    const parts = allocate(317, [5, 1, 0, 2.5, 9], { min: 1 });
    expect(parts.reduce((a, b) => a + b, 0)).toBe(317);
    expect(Math.min(...parts)).toBeGreaterThanOrEqual(1);
    expect(parts[4]).toBeGreaterThan(parts[0] as number);
  });

  it('refuses a total too small for the minimum', () => {
    expect(() => allocate(2, [1, 1, 1], { min: 1 })).toThrow(/at least 1/);
  });
});
