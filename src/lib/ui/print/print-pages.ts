// What each printed page says, from the app's state: the legend of what the map shows, the summary table,
// the view. One page of the current view, one per district, or one per cluster.
import { geometryBBox, unionBBox, type BBox } from '../../geo/bbox';
import { CATEGORIES, type Compound } from '../../geo/types';
import { i18n, type MessageKey } from '../../i18n/i18n.svelte';
import { CATEGORY_COLORS, PARCEL_COLOR } from '../../map/colors';
import { CLUSTER_PALETTE } from '../../map/cluster-layers';
import { classColor, NO_VALUE } from '../../map/district-layers';
import type { LegendItem } from '../../print/compose';
import type { PageSpec } from '../../print/job';
import type { PrintView } from '../../print/render-map';
import { summarise, type SummaryRow } from '../../print/summary';
import type { Clusters } from '../../state/clusters.svelte';
import type { Districts } from '../../state/districts.svelte';
import type { Project } from '../../state/project.svelte';
import type { Sites } from '../../state/sites.svelte';
import { displayDigits, displayValue } from '../districts/format';

export interface PrintState {
  project: Project;
  clusters: Clusters;
  districts: Districts;
  sites: Sites;
}

export interface PrintTexts {
  title: string;
  subtitle: string;
  source: string;
  date: string;
}

/** the padding around an atlas page's area, CSS pixels */
const ATLAS_PADDING = 24;

export function legendItems({ project, clusters, districts, sites }: PrintState): LegendItem[] {
  const items: LegendItem[] = [];
  if (districts.active) {
    const b = districts.breaks;
    const m = districts.measure;
    const n = Math.max(0, b.length - 1);
    const f = (v: number) => i18n.num(displayValue(v, m), displayDigits(m));
    for (let k = 0; k < n; k++) items.push({ kind: 'fill', color: classColor(k, n), label: `${i18n.t(`dm_m_${m}`)} ${f(b[k])} – ${f(b[k + 1])}` });
    items.push({ kind: 'fill', color: NO_VALUE, label: i18n.t('dm_no_value') });
  }
  if (sites.active) items.push({ kind: 'fill', color: CATEGORY_COLORS.none, label: i18n.t('print_legend_sites') });
  else if (clusters.active && clusters.current) items.push({ kind: 'fill', color: CLUSTER_PALETTE[0], label: i18n.t('print_legend_clusters') });
  else for (const c of [...CATEGORIES, 'none' as const]) items.push({ kind: 'fill', color: CATEGORY_COLORS[c], label: i18n.t(`cat_${c}`) });
  if (project.views.parcels.visible && project.parcels.length) items.push({ kind: 'fill', color: PARCEL_COLOR, label: i18n.t('legend_parcels') });
  if (project.views.districts.visible && project.districts.length) items.push({ kind: 'line', color: [90, 70, 140, 255], label: i18n.t('legend_districts') });
  return items;
}

function table(first: MessageKey, { rows, total }: { rows: SummaryRow[]; total: SummaryRow }, label: (key: string) => string = (k) => k): PageSpec['table'] {
  const cells = (r: SummaryRow, name: string) => [name, i18n.num(r.compounds), i18n.num(r.households), i18n.num(r.floor_area_m2 / 1e4, 1), i18n.num(r.investment_wan)];
  return {
    heading: i18n.t('print_summary'),
    columns: [i18n.t(first), i18n.t('print_col_compounds'), i18n.t('print_col_households'), i18n.t('print_col_floor'), i18n.t('print_col_investment')],
    rows: rows.filter((r) => r.compounds > 0).map((r) => cells(r, label(r.key))),
    total: cells(total, i18n.t('print_total')),
  };
}

const categoryOf = (c: Compound): string => c.category ?? 'none';
const categoryLabel = (k: string): string => i18n.t(`cat_${k as (typeof CATEGORIES)[number] | 'none'}`);

function common(s: PrintState, t: PrintTexts): Pick<PageSpec, 'source' | 'date' | 'north' | 'legend'> {
  return { source: t.source, date: i18n.t('print_date', { date: t.date }), north: i18n.t('print_north'), legend: { heading: i18n.t('print_legend'), items: legendItems(s) } };
}

/** The page of the current view: the compounds the filter shows, summed per district. */
export function currentPage(s: PrintState, t: PrintTexts, view: PrintView): PageSpec {
  const { project } = s;
  const sums = summarise(project.compounds, (_, i) => project.mask[i] === 1, (c) => c.district || '—', project.districts.map((d) => d.name));
  return { ...common(s, t), title: t.title, subtitle: t.subtitle, view, table: table('print_col_district', sums) };
}

/** One page per district polygon, fitted to it, its filtered compounds summed per category. */
export function districtPages(s: PrintState, t: PrintTexts): PageSpec[] {
  const { project } = s;
  const out: PageSpec[] = [];
  for (const d of project.districts) {
    const bounds = d.geometry ? geometryBBox(d.geometry) : null;
    if (!bounds) continue;
    const sums = summarise(project.compounds, (c, i) => project.mask[i] === 1 && c.district === d.name, categoryOf, [...CATEGORIES, 'none']);
    out.push({
      ...common(s, t),
      title: i18n.t('print_atlas_district_title', { title: t.title, district: d.name }),
      subtitle: t.subtitle,
      view: { bounds, padding: ATLAS_PADDING },
      table: table('print_col_category', sums, categoryLabel),
    });
  }
  return out;
}

/** One page per cluster of the current result, the `top` with the most households first. */
export function clusterPages(s: PrintState, t: PrintTexts, top: number): PageSpec[] {
  const r = s.clusters.current?.clusters;
  if (!r) return [];
  const { compounds } = s.project;
  const order = Array.from({ length: r.count }, (_, k) => k)
    .filter((k) => r.memberStart[k + 1] - r.memberStart[k] > 1)
    .sort((a, b) => r.households[b] - r.households[a] || a - b)
    .slice(0, top);
  return order.map((k) => {
    const members = new Set(r.memberIndex.subarray(r.memberStart[k], r.memberStart[k + 1]));
    const bounds = unionBBox([...members].map((i) => compounds[i].geometry)) as BBox;
    const sums = summarise(compounds, (_, i) => members.has(i), categoryOf, [...CATEGORIES, 'none']);
    return {
      ...common(s, t),
      title: i18n.t('print_atlas_cluster_title', { title: t.title, k: k + 1 }),
      subtitle: t.subtitle,
      view: { bounds, padding: ATLAS_PADDING * 3 },
      table: table('print_col_category', sums, categoryLabel),
    };
  });
}
