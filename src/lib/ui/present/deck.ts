// The default deck a planner starts from: city overview → districts by investment → top contiguous area →
// facility coverage → funding. Each slide is a saved view built by switching the analysis on, waiting for its
// result, and framing the camera; what was on screen before is put back at the end.
import { unionBBox } from '../../geo/bbox';
import { EMPTY_FILTER } from '../../geo/filter';
import { i18n } from '../../i18n/i18n.svelte';
import type { MapHandle } from '../../state/camera.svelte';
import { applySetup, captureSetup, type AppStates } from '../../state/snapshot.svelte';
import type { Views } from '../../state/views.svelte';

/** Resolve when `ready()` holds (checked every 50 ms); reject after `timeoutMs` (with a sentence in the interface language) or on abort. */
function until(ready: () => boolean, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const tick = () => {
      if (signal?.aborted) reject(new DOMException('aborted', 'AbortError'));
      else if (ready()) resolve();
      else if (performance.now() - t0 > timeoutMs) reject(new Error(i18n.locale === 'zh' ? `分析在 ${timeoutMs / 1000} 秒内未完成` : `the analysis did not finish within ${timeoutMs / 1000} s`));
      else setTimeout(tick, 50);
    };
    tick();
  });
}

/** An analysis that reported a failure ends the deck with its own sentence. */
function throwIfFailed(analysis: { error: { zh: string; en: string } | null }): void {
  const e = analysis.error;
  if (e) throw new Error(i18n.locale === 'zh' ? e.zh : e.en);
}

export async function buildDefaultDeck(states: AppStates, views: Views, map: MapHandle, signal?: AbortSignal): Promise<number> {
  const { project, clusters, sites, districts } = states;
  if (!project.compounds.length) return 0;
  const before = captureSetup(states);
  const camera = map.read();
  const box = unionBBox(project.compounds.map((c) => c.geometry));
  const city = box ? map.fit(box) : null;
  if (!city) return 0;
  const off = () => {
    clusters.active = false;
    sites.active = false;
    districts.active = false;
  };
  let added = 0;
  const add = (title: string, caption: string, cam = city, figures: Parameters<Views['add']>[3] = 'auto') => {
    if (views.add(title, caption, cam, figures)) added++;
  };
  try {
    off();
    project.filter = { ...EMPTY_FILTER };
    project.selection = null;
    add(i18n.t('deck_overview'), i18n.t('deck_overview_caption'), city, 'overview');

    districts.active = true;
    districts.measure = 'investment_wan';
    add(i18n.t('deck_districts'), i18n.t('deck_districts_caption'), city, 'districts');

    off();
    clusters.error = null; // a stale failure must not end the deck before this run reports
    clusters.active = true;
    await until(() => (clusters.current !== null && clusters.progress === null) || clusters.error !== null, 60_000, signal);
    throwIfFailed(clusters);
    const c = clusters.current!.clusters;
    const top = [...Array(c.count).keys()].filter((k) => c.memberStart[k + 1] - c.memberStart[k] > 1).sort((a, b) => c.households[b] - c.households[a]).slice(0, 1);
    const members = top.flatMap((k) => [...c.memberIndex.subarray(c.memberStart[k], c.memberStart[k + 1])]);
    // framed on the largest area: the next ones are often in another town, and a frame around all would show the county
    const topBox = members.length ? unionBBox(members.map((i) => project.compounds[i].geometry)) : null;
    const focus = topBox ? map.fit(topBox, 120) : city;
    add(i18n.t('deck_clusters'), i18n.t('deck_clusters_caption', { gap: clusters.gapM }), focus ?? city, 'clusters');

    if (project.parcels.length) {
      off();
      sites.error = null;
      sites.active = true;
      await until(() => (sites.current !== null && sites.progress === null) || sites.error !== null, 60_000, signal);
      throwIfFailed(sites);
      add(i18n.t('deck_sites'), i18n.t('deck_sites_caption', { type: (i18n.locale === 'zh' ? sites.type?.zh : sites.type?.en) ?? '' }), city, 'sites');
    }

    off();
    districts.active = true;
    add(i18n.t('deck_funding'), i18n.t('deck_funding_caption', { policy: i18n.locale === 'zh' ? districts.policy.label.zh : districts.policy.label.en }), city, 'funding');
  } finally {
    off();
    applySetup(states, before);
    if (camera) map.go(camera);
  }
  return added;
}
