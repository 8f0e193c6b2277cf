// What the map draws, derived from the app's state: one definition for the live map, the print layout and the
// presentation, so that a printed page shows exactly what is on screen. Layer instances belong to one deck;
// another deck (an off-screen print map) takes `fresh()` copies.
import type { Layer } from '@deck.gl/core';
import Flatbush from 'flatbush';
import { compoundBoxes } from '../geo/boxes';
import { i18n } from '../i18n/i18n.svelte';
import type { Clusters } from '../state/clusters.svelte';
import type { Districts } from '../state/districts.svelte';
import type { Project } from '../state/project.svelte';
import type { Sites } from '../state/sites.svelte';
import { clusterColorIndex, clusterFill, clusterLayers } from './cluster-layers';
import { choroplethLayers, investmentLayers } from './district-layers';
import { buildLayers, categoryColors, LABEL_FONT, OUTLINE_ALL_MAX, outlinedInView, type ViewBox } from './layers';
import { boxCentres, siteCompoundFill, siteLayers, siteParcelFill } from './site-layers';

/**
 * The layers the live map draws under and over the app's own: the review's reference zones; its notes, footprints and
 * conflicts (MapView sets them as it draws them; read when a page is printed).
 */
export const reviewOnMap: { under: Layer[]; over: Layer[] } = { under: [], over: [] };

export class MapLayers {
  readonly #project: Project;
  readonly #clusters: Clusters;
  readonly #sites: Sites;
  readonly #districts: Districts;

  constructor(project: Project, clusters: Clusters, sites: Sites, districts: Districts) {
    this.#project = project;
    this.#clusters = clusters;
    this.#sites = sites;
    this.#districts = districts;
  }

  readonly boxes = $derived.by(() => compoundBoxes(this.#project.compounds));
  /** the map's view, set by the live map after each move; a print deck leaves it null */
  view = $state.raw<ViewBox | null>(null);
  /** a spatial index of the compounds' boxes, for a layer too large to outline whole */
  readonly #index = $derived.by(() => {
    const boxes = this.boxes;
    const n = boxes.length / 4;
    if (n <= OUTLINE_ALL_MAX) return null;
    const index = new Flatbush(n);
    for (let i = 0; i < n; i++) index.add(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]);
    index.finish();
    return index;
  });
  readonly outlined = $derived.by(() => {
    const index = this.#index;
    return index ? outlinedInView(this.view, ([w, s, e, n]) => index.search(w, s, e, n)) : null;
  });
  readonly shownClusters = $derived.by(() => this.#clusters.active ? this.#clusters.current : null);
  readonly colorIndex = $derived.by(() => this.shownClusters ? clusterColorIndex(this.shownClusters, this.boxes) : null);
  // Sites mode: compounds by coverage, parcels by households served, the selected parcel's ring and lines.
  readonly shownSites = $derived.by(() => this.#sites.active ? this.#sites.current : null);
  readonly siteStatus = $derived.by(() => this.shownSites ? this.#sites.status : null);
  readonly compoundCentres = $derived.by(() => this.#sites.active ? boxCentres(this.#project.compounds) : null);
  readonly parcelCentres = $derived.by(() => this.#sites.active ? boxCentres(this.#project.parcels) : null);
  readonly parcelFill = $derived.by(() => this.shownSites ? siteParcelFill(this.shownSites) : null);
  readonly fill = $derived.by(() =>
    this.siteStatus
      ? siteCompoundFill(this.siteStatus)
      : this.shownClusters && this.colorIndex
        ? clusterFill(this.shownClusters, this.colorIndex)
        : categoryColors(this.#project.compounds, this.#project.mask),
  );

  readonly overlays = $derived.by((): Layer[] => {
    const project = this.#project;
    const { shownSites, compoundCentres, parcelCentres, parcelFill, shownClusters, colorIndex } = this;
    if (shownSites && compoundCentres && parcelCentres && parcelFill)
      return siteLayers({
        result: shownSites,
        parcelGeometry: (p) => project.parcels[p]?.geometry ?? null,
        parcelsBinary: project.views.parcels.visible ? project.parcelsBinary : null,
        parcelFill,
        compoundCentres,
        parcelCentres,
        focus: this.#sites.focus,
        chosenLabel: (_rank: number, added: number) => i18n.t('site_map_gain', { n: i18n.num(added) }),
        ringLabel: i18n.t('site_ring_label', { m: shownSites.radiusM }),
        fontFamily: LABEL_FONT,
      });
    if (shownClusters && colorIndex)
      return clusterLayers({
        result: shownClusters, compounds: project.compounds, boxes: this.boxes, colorIndex, selected: this.#clusters.focus, fontFamily: LABEL_FONT,
        // a large layer: only what is in view (read only then, so that small layers do not redraw on every move)
        ...(this.#index ? { view: this.view } : {}),
      });
    return [];
  });

  // Districts mode: the choropleth under everything, investment in 3D over the compounds.
  readonly underlays = $derived.by((): Layer[] => {
    const d = this.#districts;
    if (!d.active) return [];
    return choroplethLayers({ districts: this.#project.districts, classByDistrict: d.classByDistrict, classCount: Math.max(0, d.breaks.length - 1), selected: d.selected, alpha: 150 });
  });
  readonly investment3d = $derived.by((): Layer[] => {
    const d = this.#districts;
    return d.active && d.view3d !== 'off' ? investmentLayers({ compounds: this.#project.compounds, scope: d.masks.scope, mode: d.view3d }) : [];
  });

  /** Every layer, bottom to top. */
  readonly layers = $derived.by((): Layer[] => {
    const project = this.#project;
    return [
      ...this.underlays,
      ...buildLayers({
        compounds: project.compounds,
        mask: project.mask,
        fill: this.fill,
        overlays: [...this.overlays, ...this.investment3d],
        parcels: project.parcels,
        compoundsBinary: project.compoundsBinary,
        parcelsBinary: project.parcelsBinary,
        districts: project.districts,
        selected: project.selection?.layer === 'compounds' ? project.selection.index : null,
        outlined: this.outlined,
        views: { compounds: project.views.compounds, parcels: project.views.parcels, districts: project.views.districts },
        fontFamily: LABEL_FONT,
      }),
    ];
  });

  /** New instances of everything the live map draws, for a second deck (print): what is on screen is on the page. */
  fresh(): Layer[] {
    return [...reviewOnMap.under, ...this.layers, ...reviewOnMap.over].map((l) => l.clone({}));
  }
}
