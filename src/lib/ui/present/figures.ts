// The key-figure panel of a slide: three or four numbers a leader reads at a glance, taken from what is on the
// map (the filter and the analysis the slide shows).
import { i18n } from '../../i18n/i18n.svelte';
import type { AppStates } from '../../state/snapshot.svelte';
import type { FigureKind } from '../../state/views.svelte';

/** 万元 as 亿元 with one decimal when it is at least 1 亿, else as 万元. */
function money(wan: number): string {
  return Math.abs(wan) >= 10_000 ? i18n.t('fig_investment_yi', { n: i18n.num(wan / 10_000, 1) }) : i18n.t('fig_investment_wan', { n: i18n.num(wan) });
}
const pct = (a: number, b: number): string => (b > 0 ? i18n.num((100 * a) / b, 1) : '—');

export function resolveKind(kind: FigureKind, { clusters, sites, districts }: AppStates): Exclude<FigureKind, 'auto'> {
  if (kind !== 'auto') return kind;
  if (clusters.active) return 'clusters';
  if (sites.active) return 'sites';
  if (districts.active) return 'districts';
  return 'overview';
}

export function keyFigures(kind: FigureKind, states: AppStates): string[] {
  const { project, clusters, sites, districts } = states;
  switch (resolveKind(kind, states)) {
    case 'clusters': {
      const c = clusters.current?.clusters;
      if (!c) break;
      let n = 0, households = 0, investment = 0, wall = 0;
      for (let k = 0; k < c.count; k++) {
        if (c.memberStart[k + 1] - c.memberStart[k] < 2) continue;
        n++;
        households += c.households[k];
        investment += c.investment[k];
        wall += c.wall[k];
      }
      return [i18n.t('fig_clusters', { n: i18n.num(n) }), i18n.t('fig_households', { n: i18n.num(households) }), money(investment), i18n.t('fig_wall', { n: i18n.num(wall) })];
    }
    case 'sites': {
      const r = sites.current;
      if (!r) break;
      const covered = r.choice ? r.choice.covered : r.existingHouseholds;
      return [
        i18n.t('fig_sites', { n: i18n.num(r.choice?.chosen.length ?? 0) }),
        i18n.t('fig_covered', { pct: pct(covered, r.totalHouseholds) }),
        i18n.t('fig_households', { n: i18n.num(covered) }),
        i18n.t('fig_unserved', { n: i18n.num(sites.left?.none ?? 0) }),
      ];
    }
    case 'districts': {
      const t = districts.sums.total;
      return [i18n.t('fig_districts', { n: i18n.num(districts.sums.districts.length) }), i18n.t('fig_compounds', { n: i18n.num(t.compounds) }), i18n.t('fig_households', { n: i18n.num(t.households) }), money(t.investment_wan)];
    }
    case 'funding': {
      const f = districts.funding.total;
      const all = f.total_wan;
      return [
        money(all),
        i18n.t('fig_grants', { pct: pct(f.grants_wan, all) }),
        i18n.t('fig_subsidy', { pct: pct(f.subsidy_wan, all) }),
        i18n.t('fig_residents', { pct: pct(f.residents_wan, all) }),
        i18n.t('fig_enterprises', { pct: pct(f.enterprises_wan, all) }),
      ];
    }
    case 'overview':
      break;
  }
  // what the filter shows
  let n = 0, households = 0, floor = 0, investment = 0;
  project.compounds.forEach((c, i) => {
    if (!project.mask[i]) return;
    n++;
    households += c.households ?? 0;
    floor += c.floor_area_m2 ?? 0;
    investment += c.investment_wan ?? 0;
  });
  return [i18n.t('fig_compounds', { n: i18n.num(n) }), i18n.t('fig_households', { n: i18n.num(households) }), i18n.t('fig_floor', { n: i18n.num(floor / 10_000, 1) }), money(investment)];
}
