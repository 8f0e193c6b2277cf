import { describe, expect, it } from 'vitest';
import { analyzeClustersSync } from '../../../src/lib/geo/analyze';
import { aggregateByDistrict } from '../../../src/lib/geo/districts';
import { applyPolicy, policyById } from '../../../src/lib/geo/funding';
import { analyzeSites } from '../../../src/lib/geo/sites';
import { compareTargets } from '../../../src/lib/geo/targets';
import type { Category, Compound, IdleParcel, PolygonGeometry } from '../../../src/lib/geo/types';
import { compoundsTable, exportTable, formatsFor, type ExportTable } from '../../../src/lib/io/export';
import {
  clustersTable,
  compoundResultColumns,
  districtsTable,
  membersGeometry,
  pairsTable,
  sitesTable,
  unitsTable,
  type DistrictRow,
} from '../../../src/lib/io/export-results';
import { readLedger } from '../../../src/lib/io/ledger-read';
import { loadFile } from '../../../src/lib/io/load';

const D = 0.001; // about 90 m east-west, 111 m north-south at 35.3°N
const square = (x: number, y: number, d = D): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});

function compound(id: string | number, x: number, households: number, district: string, category: Category | null = 'basic'): Compound {
  return {
    id, name: `小区${id}`, district, street: '', year_built: 1995, buildings: 2, households, floor_area_m2: households * 70,
    investment_wan: households * 1.5, category, plan_year: 2024, status: '', extra: {}, geometry: square(x, 35.3),
  };
}

// A and B share a wall; C and D stand alone, far to the east, in another district.
const compounds: Compound[] = [
  compound('A', 113.9, 300, '红旗区'),
  compound('B', 113.9 + D, 500, '红旗区', 'improve'),
  compound('C', 113.95, 200, '卫滨区', null),
  compound('D', 113.96, 100, '卫滨区'),
];

const column = (t: ExportTable, key: string): unknown[] => t.rows.map((r) => r[key]);
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('clustersTable', () => {
  const r = analyzeClustersSync(compounds, { gapM: 10, units: { min: 100, max: 600 } });

  it('has one row per cluster with the analysis totals, walls, widest gap and category mix', () => {
    const t = clustersTable(compounds, r);
    expect(t.rows.length).toBe(r.clusters.count);
    expect(t.rows.length).toBe(3);
    expect(column(t, 'cluster')).toEqual([1, 2, 3]);
    expect(column(t, 'households')).toEqual(Array.from(r.clusters.households));
    expect(column(t, 'wall_m')).toEqual(Array.from(r.clusters.wall));
    expect(column(t, 'widest_gap_m')).toEqual(Array.from(r.clusters.widestGap));
    expect(t.rows[0]).toMatchObject({ members: 2, member_ids: 'A B', households: 800, cat_basic: 1, cat_improve: 1, cat_none: 0 });
    expect(t.rows[0].wall_m).toBeGreaterThan(100);
    expect(t.rows[1]).toMatchObject({ members: 1, member_ids: 'C', cat_none: 1 });
  });

  it('gives each cluster the MultiPolygon of its members, so it can be written in every format', () => {
    const t = clustersTable(compounds, r);
    expect(t.geometry?.[0]).toEqual({ type: 'MultiPolygon', coordinates: [square(113.9, 35.3).coordinates, square(113.9 + D, 35.3).coordinates] });
    expect(formatsFor(t)).toEqual(['geojson', 'fgb', 'csv', 'xlsx']);
  });

  it('writes summed attributes without float residue (0.1 + 0.2 is 0.3), measured walls as computed', () => {
    const odd = compounds.map((c, i) => ({ ...c, investment_wan: [0.1, 0.2, 0.7, 1][i], floor_area_m2: [1000.1, 2000.2, 10, 10][i] }));
    const rr = analyzeClustersSync(odd, { gapM: 10, units: false });
    const t = clustersTable(odd, rr);
    const first = t.rows.find((row) => row.member_ids === 'A B')!;
    expect(rr.clusters.investment[0]).not.toBe(0.3);
    expect(first.investment_wan).toBe(0.3);
    expect(first.floor_area_m2).toBe(3000.3);
    expect(first.wall_m).toBe(rr.clusters.wall[0]);
  });

  it('names the members a manual change involves (the override in force; both sides of a join), empty when none', () => {
    expect(column(clustersTable(compounds, r), 'manual_ids')).toEqual(['', '', '']);
    expect(clustersTable(compounds, r).columns.at(-1)?.key).toBe('manual_ids');
    const overrides = [{ kind: 'out' as const, id: 'B' }, { kind: 'join' as const, id: 'D', with: 'A' }, { kind: 'out' as const, id: 'D' }, { kind: 'join' as const, id: 'C', with: 'A' }];
    const m = analyzeClustersSync(compounds, { gapM: 10, units: false, overrides });
    const t = clustersTable(compounds, m);
    const rowOf = (id: string) => t.rows.find((row) => String(row.member_ids).split(' ').includes(id))!;
    // B taken out: alone, and named; C put with A: one cluster naming both; D's join was replaced by its "out"
    expect(rowOf('B')).toMatchObject({ member_ids: 'B', manual_ids: 'B' });
    expect(rowOf('A')).toMatchObject({ member_ids: 'A C', manual_ids: 'A C' });
    expect(rowOf('D')).toMatchObject({ member_ids: 'D', manual_ids: 'D' });
  });

  it('does not change the compounds it reads', () => {
    const before = structuredClone(compounds);
    membersGeometry(compounds, [0, 1]).coordinates.push([]);
    clustersTable(compounds, r);
    expect(compounds).toEqual(before);
  });
});

describe('pairsTable and unitsTable', () => {
  const r = analyzeClustersSync(compounds, { gapM: 10, units: { min: 100, max: 400 } });

  it('lists each neighbour pair with both ids and names, the gap and the shared wall in metres', () => {
    const t = pairsTable(compounds, r);
    expect(t.rows).toEqual([{ a_id: 'A', a_name: '小区A', b_id: 'B', b_name: '小区B', distance_m: r.pairs.distance[0], wall_m: r.pairs.wall[0], cluster: 1 }]);
    expect(t.columns.map((c) => [c.key, c.type])).toEqual([
      ['a_id', 'string'], ['a_name', 'string'], ['b_id', 'string'], ['b_name', 'string'], ['distance_m', 'number'], ['wall_m', 'number'], ['cluster', 'number'],
    ]);
    const line = t.geometry?.[0] as { type: string; coordinates: number[][] };
    expect(line.type).toBe('LineString');
    [[113.9 + D / 2, 35.3 + D / 2], [113.9 + 1.5 * D, 35.3 + D / 2]].flat().forEach((v, j) => expect(line.coordinates.flat()[j]).toBeCloseTo(v, 12));
  });

  it('keeps numeric compound ids numeric in the pair columns', () => {
    const numeric = compounds.map((c, i) => ({ ...c, id: i + 10 }));
    const t = pairsTable(numeric, analyzeClustersSync(numeric, { gapM: 10, units: false }));
    expect(t.rows[0]).toMatchObject({ a_id: 10, b_id: 11 });
    expect(t.columns.find((c) => c.key === 'a_id')?.type).toBe('number');
  });

  it('lists the renovation units with their cluster and households, or nothing when units were not computed', () => {
    const t = unitsTable(compounds, r)!;
    expect(t.rows.length).toBe(r.units!.count);
    expect(column(t, 'households')).toEqual(Array.from(r.units!.households));
    expect(column(t, 'cluster')).toEqual(Array.from(r.units!.unitCluster, (k) => k + 1));
    // 800 households over a maximum of 400: cluster 1 is split in two
    expect(t.rows.filter((u) => u.cluster === 1).length).toBe(2);
    expect(unitsTable(compounds, analyzeClustersSync(compounds, { gapM: 10, units: false }))).toBeNull();
  });
});

describe('sitesTable and served_by', () => {
  const parcels: IdleParcel[] = [
    { id: 'P1', area_m2: 5000, current_use: '空地', owner: '', note: '', extra: {}, geometry: square(113.9, 35.302, 0.0005) },
    { id: 'P2', area_m2: 30, current_use: '', owner: '', note: '', extra: {}, geometry: square(113.955, 35.302, 0.0002) },
  ];
  const r = analyzeSites(compounds, parcels, { radiusM: 500, minAreaM2: 100, k: 1 });

  it('has one row per parcel with reach, households, eligibility and its rank in the choice', () => {
    const t = sitesTable(parcels, compounds, r, { typeId: 'elderly-day-care' });
    expect(t.rows.length).toBe(2);
    expect(t.rows[0]).toMatchObject({ id: 'P1', facility_type: 'elderly-day-care', eligible: true, reach_compounds: 2, reach_households: 800, serves_households: 800, chosen_rank: 1, added_households: 800 });
    expect(t.rows[1]).toMatchObject({ id: 'P2', eligible: false, chosen_rank: 0, added_households: 0 });
    expect(column(t, 'reach_households')).toEqual(Array.from(r.households));
    expect(t.geometry).toEqual(parcels.map((p) => p.geometry));
  });

  it('marks each compound with the chosen parcel serving it, and nothing for the rest', () => {
    const cols = compoundResultColumns(compounds, [0, 1, 2, 3], { sites: { result: r, parcels } });
    expect(cols.served_by).toEqual(['P1', 'P1', null, null]);
    const scoped = compoundResultColumns(compounds, [0, 1], { sites: { result: r, parcels, scope: Uint8Array.from([0, 1, 1, 1]) } });
    expect(scoped.served_by).toEqual([null, 'P1']);
  });

  it('carries the manual overrides (the one in force) and the review notes of each compound', () => {
    const cols = compoundResultColumns(compounds, [0, 1, 2, 3], {
      review: {
        overrides: [{ kind: 'out', id: 'A' }, { kind: 'join', id: 'D', with: 'C' }, { kind: 'join', id: 'A', with: 'B' }],
        notes: [
          { target: { layer: 'compounds', id: 'C' }, status: 'open', text: '入口北移' },
          { target: { layer: 'parcels', id: 'C' }, status: 'open', text: 'a parcel, not the compound' },
          { target: { layer: 'compounds', id: 'C' }, status: 'approved', text: 'ok' },
        ],
      },
    });
    expect(cols.manual).toEqual(['join:B', null, null, 'join:C']);
    expect(cols.review_status).toEqual([null, null, 'approved', null]);
    expect(cols.review_notes).toEqual([null, null, '入口北移 | ok', null]);
    expect(compoundResultColumns(compounds, [0], { review: { overrides: [], notes: [] } })).toEqual({});
  });

  it('says "existing" for compounds an existing facility already serves', () => {
    const withExisting = analyzeSites(compounds, parcels, { radiusM: 500, k: 1, existing: [square(113.955, 35.3)] });
    expect(compoundResultColumns(compounds, [2, 3], { sites: { result: withExisting, parcels } }).served_by).toEqual(['existing', 'existing']);
  });
});

describe('compound columns and districtsTable', () => {
  const policy = policyById('xinxiang-2020');

  it('adds cluster, unit and the policy funding per compound, equal to applyPolicy', () => {
    const r = analyzeClustersSync(compounds, { gapM: 10, units: { min: 100, max: 600 } });
    const cols = compoundResultColumns(compounds, [3, 0], { clusters: r, policy });
    expect(cols.cluster).toEqual([3, 1]);
    expect(cols.unit).toEqual([r.units!.unit[3] + 1, r.units!.unit[0] + 1]);
    const funded = applyPolicy(compounds, policy).compounds;
    for (const k of policy.columns) {
      expect(cols[k]).toEqual([funded.find((f) => f.id === 'D')![k], funded.find((f) => f.id === 'A')![k]]);
    }
    const t = compoundsTable([compounds[3], compounds[0]], { columns: cols });
    expect(t.rows[0]).toMatchObject({ id: 'D', cluster: 3, subsidy_wan: cols.subsidy_wan[0] });
  });

  it('has the district table rows with sums, funding and targets, and the district polygon when there is one', () => {
    const sums = aggregateByDistrict(compounds);
    const funding = applyPolicy(compounds, policy);
    const progress = compareTargets([{ district: '红旗区', compounds: 3, buildings: null, households: 1000, floor_area_m2: null, investment_wan: null }], sums.districts);
    const rows: DistrictRow[] = sums.districts.map((d) => ({
      name: d.district, totals: d, funding: funding.districts.find((f) => f.district === d.district) ?? null, progress: progress.rows.find((p) => p.district === d.district) ?? null,
    }));
    const t = districtsTable(rows, { fundingColumns: policy.columns, geometry: new Map([['红旗区', square(113.8, 35.2, 0.2)]]) });
    expect(column(t, 'district')).toEqual(['红旗区', '卫滨区']);
    expect(column(t, 'households')).toEqual([800, 300]);
    expect(column(t, 'investment_wan')).toEqual([1200, 450]);
    for (const k of policy.columns) expect(column(t, k)).toEqual(funding.districts.map((f) => f[k]));
    expect(t.rows[0]).toMatchObject({ target_households: 1000, diff_households: -200, target_compounds: 3, diff_compounds: -1, target_buildings: null });
    expect(t.columns.find((c) => c.key === 'target_buildings')?.type).toBe('number');
    // one district has no polygon: GeoJSON still, FlatGeobuf not
    expect(formatsFor(t)).toEqual(['geojson', 'csv', 'xlsx']);
  });
});

describe('writing result tables', () => {
  const r = analyzeClustersSync(compounds, { gapM: 10, units: false });

  it('writes CSV with a BOM and neutralises names that start with = + - @ while numbers stay numbers', async () => {
    const hostile = compounds.map((c, i) => ({ ...c, name: ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)'][i] }));
    const t = pairsTable(hostile, analyzeClustersSync(hostile, { gapM: 10, units: false }), { labels: { a_name: '名称A' } });
    const csv = await exportTable(t, 'csv');
    expect(Array.from(csv.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    // TextDecoder drops the BOM it just checked
    const lines = text(csv).split('\r\n');
    expect(lines[0]).toBe('a_id,名称A,b_id,b_name,distance_m,wall_m,cluster');
    expect(lines[1]).toBe(`A,"'=HYPERLINK(""x"")",B,'+1,${r.pairs.distance[0]},${r.pairs.wall[0]},1`);
    const sites = sitesTable(
      [{ id: '-5', area_m2: 100, current_use: '@home', owner: '', note: '', extra: {}, geometry: square(113.9, 35.302) }],
      hostile,
      analyzeSites(hostile, [{ id: '-5', area_m2: 100, current_use: '@home', owner: '', note: '', extra: {}, geometry: square(113.9, 35.302) }], { radiusM: 500, k: 1 }),
    );
    const row = text(await exportTable(sites, 'csv')).split('\r\n')[1].split(',');
    expect(row.slice(0, 3)).toEqual(["'-5", '100', "'@home"]);
    expect(row.at(-1)).toBe('800');
  });

  it('reopens a clusters GeoJSON and FlatGeobuf with the same values', async () => {
    const t = clustersTable(compounds, r);
    for (const format of ['geojson', 'fgb'] as const) {
      const layer = await loadFile(`clusters.${format}`, await exportTable(t, format));
      expect(layer.features.map((f) => f.properties.households)).toEqual(Array.from(r.clusters.households));
      expect(layer.features.map((f) => f.properties.wall_m)).toEqual(Array.from(r.clusters.wall));
      expect(layer.features.map((f) => f.properties.member_ids)).toEqual(['A B', 'C', 'D']);
    }
  });

  it('writes an XLSX district table that reads back with the labels as headers', async () => {
    const sums = aggregateByDistrict(compounds);
    const rows: DistrictRow[] = sums.districts.map((d) => ({ name: d.district, totals: d, funding: null, progress: null }));
    const t = districtsTable(rows, { labels: { district: '区县', households: '户数' } });
    const ledger = await readLedger('districts.xlsx', await exportTable(t, 'xlsx'));
    expect(ledger.columns.slice(0, 3)).toEqual(['区县', 'compounds', 'buildings']);
    expect(ledger.rows.map((x) => x['户数'])).toEqual([800, 300]);
  });
});
