// The analysis results as export tables: clusters, neighbour pairs, renovation units, parcels as facility sites,
// the district table, and the computed per-compound columns (cluster, unit, served by, funding). Pure: no DOM.
// Column keys are stable snake_case ASCII; header labels come from the caller (the UI's locale), values are the
// analysis' own numbers, unrounded but for the float residue of summed attributes (tidy), so an export reopens with
// exactly what the app showed.
import { latestOverrides, type ClusterOverride } from '../geo/overrides';
import type { ClusterResult } from '../geo/analyze';
import { MEASURES, type DistrictTotals } from '../geo/districts';
import type { DistrictFunding, FundingKey, Policy } from '../geo/funding';
import type { SiteResult } from '../geo/sites';
import type { ProgressRow } from '../geo/targets';
import { CATEGORIES, type AreaGeometry, type Compound, type IdleParcel, type LineGeometry, type MultiPolygonGeometry, type Position } from '../geo/types';
import { parcelsTable, rowsTable, type ExportTable } from './export';

export interface ResultTableOptions {
  /** Table (sheet, default file) name. */
  name?: string;
  /** Header labels for CSV/XLSX, by column key. */
  labels?: Record<string, string>;
}

/** The polygons of some compounds as one MultiPolygon (holes kept, nothing dissolved). */
export function membersGeometry(compounds: readonly Compound[], members: ArrayLike<number>): MultiPolygonGeometry {
  const polys: Position[][][] = [];
  for (let m = 0; m < members.length; m++) {
    const g = compounds[members[m]].geometry;
    if (g.type === 'Polygon') polys.push(g.coordinates);
    else polys.push(...g.coordinates);
  }
  return { type: 'MultiPolygon', coordinates: polys };
}

/**
 * A sum of attribute values without the float residue of adding them (767.0999999999999 → 767.1): rounded to 1e-6,
 * far below any unit a ledger uses (1 m², 0.01 万元, 1 household). Measured lengths (walls, gaps) are kept as computed.
 */
function tidy(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Category-mix column keys, in the order of ClusterTable.categoryMix (CATEGORIES, then none). */
export const MIX_KEYS = [...CATEGORIES.map((c) => `cat_${c}`), 'cat_none'] as const;

/**
 * One row per cluster (numbered from 1, as the app shows them): members, their ids (space-separated), households,
 * buildings, floor area m², investment 万元, internal walls m, widest gap bridged m, members per category, and the
 * members a manual change of the layout review involves (taken out, or either side of a "put with"; space-separated
 * ids, empty when none). Geometry: the members' polygons as one MultiPolygon.
 */
export function clustersTable(compounds: readonly Compound[], r: ClusterResult, { name = `clusters-gap-${r.gapM}m`, labels }: ResultTableOptions = {}): ExportTable {
  const c = r.clusters;
  const rows: Record<string, unknown>[] = [];
  const geometry: MultiPolygonGeometry[] = [];
  const byHand = new Uint8Array(compounds.length);
  if (r.manual) {
    r.manual.out.forEach((o, i) => (byHand[i] |= o));
    for (const i of r.manual.joins) byHand[i] = 1;
  }
  for (let k = 0; k < c.count; k++) {
    const members = c.memberIndex.subarray(c.memberStart[k], c.memberStart[k + 1]);
    const row: Record<string, unknown> = {
      cluster: k + 1,
      members: members.length,
      member_ids: Array.from(members, (i) => String(compounds[i].id)).join(' '),
      households: tidy(c.households[k]),
      buildings: c.buildings[k],
      floor_area_m2: tidy(c.floorArea[k]),
      investment_wan: tidy(c.investment[k]),
      wall_m: c.wall[k],
      widest_gap_m: c.widestGap[k],
    };
    MIX_KEYS.forEach((key, j) => (row[key] = c.categoryMix[k * 5 + j]));
    // last: a column added after the others, so that existing readers of the table keep their positions
    row.manual_ids = Array.from(members.filter((i) => byHand[i]), (i) => String(compounds[i].id)).join(' ');
    rows.push(row);
    geometry.push(membersGeometry(compounds, members));
  }
  return rowsTable(name, rows, { geometry, labels });
}

/**
 * One row per neighbour pair within the gap: both compounds' ids and names, the gap between them (m), the length of
 * wall they share (m) and their cluster. Geometry: a line between the centres of their bounding boxes (as the map
 * draws the links).
 */
export function pairsTable(compounds: readonly Compound[], r: ClusterResult, { name = `pairs-gap-${r.gapM}m`, labels }: ResultTableOptions = {}): ExportTable {
  const { a, b, distance, wall } = r.pairs;
  const rows: Record<string, unknown>[] = [];
  const geometry: LineGeometry[] = [];
  for (let i = 0; i < a.length; i++) {
    const ca = compounds[a[i]], cb = compounds[b[i]];
    rows.push({ a_id: ca.id, a_name: ca.name, b_id: cb.id, b_name: cb.name, distance_m: distance[i], wall_m: wall[i], cluster: r.clusters.cluster[a[i]] + 1 });
    geometry.push({ type: 'LineString', coordinates: [boxCentre(ca.geometry), boxCentre(cb.geometry)] });
  }
  return typedIds(rowsTable(name, rows, { geometry, labels }), compounds, ['a_id', 'b_id']);
}

/** One row per renovation unit (numbered from 1): its cluster, members, their ids and households; geometry as clusters. */
export function unitsTable(compounds: readonly Compound[], r: ClusterResult, { name = `units-gap-${r.gapM}m`, labels }: ResultTableOptions = {}): ExportTable | null {
  const u = r.units;
  if (!u) return null;
  const rows: Record<string, unknown>[] = [];
  const geometry: MultiPolygonGeometry[] = [];
  for (let k = 0; k < u.count; k++) {
    const members = u.memberIndex.subarray(u.memberStart[k], u.memberStart[k + 1]);
    rows.push({
      unit: k + 1,
      cluster: u.unitCluster[k] + 1,
      members: members.length,
      member_ids: Array.from(members, (i) => String(compounds[i].id)).join(' '),
      households: tidy(u.households[k]),
    });
    geometry.push(membersGeometry(compounds, members));
  }
  return rowsTable(name, rows, { geometry, labels });
}

/** Rank in the choice per parcel (1 = chosen first, 0 = not chosen) and the households each choice added. */
export function siteRanks(r: SiteResult, n: number): { rank: Int32Array; added: Float64Array } {
  const rank = new Int32Array(n), added = new Float64Array(n);
  r.choice?.chosen.forEach((p, i) => {
    rank[p] = i + 1;
    added[p] = r.choice!.added[i];
  });
  return { rank, added };
}

/** Households per parcel's serving list (the compounds it would newly serve: unserved, within capacity). */
export function servesHouseholds(r: SiteResult, compounds: readonly Compound[]): Float64Array {
  const n = r.serves.offsets.length - 1;
  const out = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    let h = 0;
    for (let q = r.serves.offsets[p]; q < r.serves.offsets[p + 1]; q++) h += compounds[r.serves.items[q]].households ?? 0;
    out[p] = h;
  }
  return out;
}

/**
 * The parcels with the site analysis of one facility type: parcelsTable's columns, then facility_type, eligible
 * (at least the minimum area), reach_compounds and reach_households within the walking radius, households it would newly serve,
 * chosen_rank (0 = not chosen) and households its choice added. Geometry: the parcel polygon.
 */
export function sitesTable(
  parcels: readonly IdleParcel[],
  compounds: readonly Compound[],
  r: SiteResult,
  { name = `sites-${r.radiusM}m`, labels, typeId = '' }: ResultTableOptions & { typeId?: string } = {},
): ExportTable {
  const n = parcels.length;
  if (r.households.length !== n) throw new Error(`site result has ${r.households.length} parcels, the layer ${n}; run the analysis again`);
  const { rank, added } = siteRanks(r, n);
  const reach = Array.from({ length: n }, (_, p) => r.offsets[p + 1] - r.offsets[p]);
  const table = parcelsTable(parcels, {
    name,
    columns: {
      facility_type: new Array<string>(n).fill(typeId),
      eligible: Array.from(r.eligible, (e) => e === 1),
      reach_compounds: reach,
      reach_households: r.households,
      serves_households: servesHouseholds(r, compounds),
      chosen_rank: rank,
      added_households: added,
    },
  });
  return withLabels(table, labels);
}

/** A row of the district table as the app shows it: the sums, the policy's money and the target comparison. */
export interface DistrictRow {
  name: string;
  totals: DistrictTotals;
  funding: DistrictFunding | null;
  progress: ProgressRow | null;
}

/**
 * The district table: district, compounds, buildings, households, floor area m², investment 万元, the policy's funding
 * columns (万元), and with targets target_<measure> and diff_<measure> (actual − target). No total row (the plans'
 * tables have none). Geometry: the district's polygon when the districts layer has one by that name.
 */
export function districtsTable(
  rows: readonly DistrictRow[],
  { name = 'districts', labels, fundingColumns = [], geometry }: ResultTableOptions & { fundingColumns?: readonly FundingKey[]; geometry?: ReadonlyMap<string, AreaGeometry> } = {},
): ExportTable {
  const withTargets = rows.some((r) => r.progress);
  const out = rows.map((r) => {
    const row: Record<string, unknown> = { district: r.name };
    for (const m of MEASURES) row[m] = r.totals[m];
    for (const k of fundingColumns) row[k] = r.funding ? r.funding[k] : null;
    if (withTargets) {
      for (const m of MEASURES) row[`target_${m}`] = r.progress?.target?.[m] ?? null;
      for (const m of MEASURES) row[`diff_${m}`] = r.progress?.diff[m] ?? null;
    }
    return row;
  });
  const table = rowsTable(name, out, { labels, ...(geometry ? { geometry: rows.map((r) => geometry.get(r.name) ?? null) } : {}) });
  // A column that is null in every row (no target yet, a policy's unsplit subsidy) is still a number column.
  for (const c of table.columns) if (c.key !== 'district') c.type = 'number';
  return table;
}

export interface CompoundResults {
  clusters?: ClusterResult | null;
  /** The site result, its parcels, and the filter it ran on (null = every compound). */
  sites?: { result: SiteResult; parcels: readonly IdleParcel[]; scope?: Uint8Array | null } | null;
  /** The funding profile: its columns become columns, per compound. */
  policy?: Policy | null;
  /** The review: manual overrides (by compound id) and the notes pinned on compounds. */
  review?: { overrides: readonly ClusterOverride[]; notes: readonly { target: { layer: string; id?: string }; status: string; text: string }[] } | null;
}

/**
 * Computed per-compound columns for compoundsTable, for the compounds at `index` (indices into `compounds`):
 * cluster and unit (from 1, null out of scope), served_by (the id of the first chosen parcel serving it, 'existing'
 * when an existing facility does, null otherwise), and the policy's funding columns (万元, as the funding module
 * names them: residents_wan, grants_wan, subsidy_wan…).
 */
export function compoundResultColumns(compounds: readonly Compound[], index: readonly number[], { clusters, sites, policy, review }: CompoundResults): Record<string, (number | string | null)[]> {
  const out: Record<string, (number | string | null)[]> = {};
  if (clusters) {
    const cl = clusters.clusters.cluster;
    out.cluster = index.map((i) => (cl[i] >= 0 ? cl[i] + 1 : null));
    const u = clusters.units?.unit;
    if (u) out.unit = index.map((i) => (u[i] >= 0 ? u[i] + 1 : null));
  }
  if (sites) {
    const { result: r, parcels, scope } = sites;
    const by = new Map<number, string>();
    for (const p of r.choice?.chosen ?? []) {
      for (let q = r.serves.offsets[p]; q < r.serves.offsets[p + 1]; q++) if (!by.has(r.serves.items[q])) by.set(r.serves.items[q], String(parcels[p].id));
    }
    out.served_by = index.map((i) => (scope && !scope[i] ? null : r.existing[i] ? 'existing' : (by.get(i) ?? null)));
  }
  if (policy) {
    const funded = index.map((i) => policy.compound(compounds[i]));
    for (const k of policy.columns) out[k] = funded.map((f) => f[k]);
  }
  if (review && (review.overrides.length || review.notes.length)) {
    // manual: "out" (taken out of its area by hand) or "join:<id>" (put with that compound's area)
    const manual = new Map(latestOverrides(review.overrides).map((o) => [String(o.id), o.kind === 'out' ? 'out' : `join:${String(o.with)}`]));
    out.manual = index.map((i) => manual.get(String(compounds[i].id)) ?? null);
    const notes = new Map<string, { status: string; text: string }[]>();
    for (const n of review.notes) if (n.target.layer === 'compounds' && n.target.id !== undefined) notes.set(n.target.id, [...(notes.get(n.target.id) ?? []), n]);
    out.review_status = index.map((i) => notes.get(String(compounds[i].id))?.at(-1)?.status ?? null);
    out.review_notes = index.map((i) => notes.get(String(compounds[i].id))?.map((n) => n.text).join(' | ') ?? null);
  }
  return out;
}

function boxCentre(g: AreaGeometry): Position {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
    for (const [x, y] of poly[0]) {
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return [(x0 + x1) / 2, (y0 + y1) / 2];
}

/** Id columns are numbers only when every compound id is a number (as compoundsTable's id), else text. */
function typedIds(table: ExportTable, compounds: readonly Compound[], keys: readonly string[]): ExportTable {
  const numeric = compounds.length > 0 && compounds.every((c) => typeof c.id === 'number');
  for (const c of table.columns) if (keys.includes(c.key)) c.type = numeric ? 'number' : 'string';
  return table;
}

function withLabels(table: ExportTable, labels: Record<string, string> | undefined): ExportTable {
  if (labels) table.columns = table.columns.map((c) => (labels[c.key] ? { ...c, label: labels[c.key] } : c));
  return table;
}
