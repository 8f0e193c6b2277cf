// Pure deck.gl layer builders: state in, layers out. Stable ids and updateTriggers so deck diffs cheaply.
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { BinaryFeatureCollection } from '@loaders.gl/schema';
import type { Compound, District, IdleParcel } from '../geo/types';
import { CATEGORY_COLORS, HOVER_COLOR, PARCEL_COLOR, SELECT_COLOR, type RGBA } from './colors';

export interface LayerView {
  visible: boolean;
  opacity: number;
}

export interface MapLayerInput {
  compounds: readonly Compound[];
  /** 1 = passes the filter; compounds outside it are drawn faint */
  mask: Uint8Array;
  /** RGBA per compound (category or cluster colours) */
  fill: Uint8Array;
  /** extra layers drawn above the compounds (analysis overlays) */
  overlays: Layer[];
  parcels: readonly IdleParcel[];
  /** pre-triangulated polygons from the load worker; drawn instead of `compounds` / `parcels` when present */
  compoundsBinary: BinaryFeatureCollection | null;
  parcelsBinary: BinaryFeatureCollection | null;
  districts: readonly District[];
  selected: number | null;
  /** null: every compound's outline is drawn with its fill; else only these compounds' (a large layer, see OUTLINE_ALL_MAX) */
  outlined: readonly number[] | null;
  views: { compounds: LayerView; parcels: LayerView; districts: LayerView };
  fontFamily: string;
}

const CJK_FONT = '"Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
export const LABEL_FONT = CJK_FONT;

type Feat<T> = { type: 'Feature'; geometry: T extends { geometry: infer G } ? G : never; properties: { index: number } };

function asFeatures<T extends { geometry: unknown }>(items: readonly T[]): Feat<T>[] {
  return items.map((it, index) => ({ type: 'Feature', geometry: it.geometry, properties: { index } }) as Feat<T>);
}

// Feature wrappers are rebuilt only when the array itself is replaced.
const featureCache = new WeakMap<readonly object[], unknown[]>();
function features<T extends { geometry: unknown }>(items: readonly T[]): Feat<T>[] {
  let f = featureCache.get(items) as Feat<T>[] | undefined;
  if (!f) {
    f = asFeatures(items);
    featureCache.set(items, f);
  }
  return f;
}

function districtLabelPositions(districts: readonly District[]): { name: string; position: [number, number] }[] {
  const out: { name: string; position: [number, number] }[] = [];
  for (const d of districts) {
    if (!d.geometry) continue;
    // label at the centre of the largest ring's bounding box: cheap and stable
    const rings = d.geometry.type === 'Polygon' ? [d.geometry.coordinates[0]] : d.geometry.coordinates.map((p) => p[0]);
    let best = rings[0];
    for (const r of rings) if (r.length > best.length) best = r;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const [x, y] of best) {
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    }
    out.push({ name: d.name, position: [(x0 + x1) / 2, (y0 + y1) / 2] });
  }
  return out;
}

const CATEGORY_INDEX = { mandatory: 0, basic: 1, improve: 2, upgrade: 3 } as const;
const PALETTE = [CATEGORY_COLORS.mandatory, CATEGORY_COLORS.basic, CATEGORY_COLORS.improve, CATEGORY_COLORS.upgrade, CATEGORY_COLORS.none];

/** One RGBA per compound: its category colour, faint outside the filter. */
export function categoryColors(compounds: readonly Compound[], mask: Uint8Array): Uint8Array {
  const out = new Uint8Array(compounds.length * 4);
  for (let i = 0; i < compounds.length; i++) {
    const c = compounds[i].category;
    const rgb = PALETTE[c ? CATEGORY_INDEX[c] : 4];
    out.set(rgb.slice(0, 3), 4 * i);
    out[4 * i + 3] = mask[i] ? 170 : 28;
  }
  return out;
}

const expanded = new WeakMap<BinaryFeatureCollection, { perFeature: Uint8Array; out: BinaryFeatureCollection }>();

/**
 * The binary polygons with one fill colour per vertex taken from `perFeature` (RGBA per feature), so deck
 * calls no accessor per feature: 250k compounds recolour in milliseconds.
 */
export function withFillColors(binary: BinaryFeatureCollection, perFeature: Uint8Array): BinaryFeatureCollection {
  const hit = expanded.get(binary);
  if (hit && hit.perFeature === perFeature) return hit.out;
  if (!binary.polygons) return binary;
  const ids = binary.polygons.globalFeatureIds.value;
  const colors = new Uint8Array(ids.length * 4);
  for (let v = 0; v < ids.length; v++) {
    const i = 4 * ids[v];
    colors[4 * v] = perFeature[i];
    colors[4 * v + 1] = perFeature[i + 1];
    colors[4 * v + 2] = perFeature[i + 2];
    colors[4 * v + 3] = perFeature[i + 3];
  }
  const out: BinaryFeatureCollection = {
    ...binary,
    polygons: { ...binary.polygons, attributes: { getFillColor: { value: colors, size: 4, normalized: true } } } as BinaryFeatureCollection['polygons'],
  };
  expanded.set(binary, { perFeature, out });
  return out;
}

/** How compound outlines (walls) are drawn, with the fills or on their own: in metres, invisible at city scale, crisp when zoomed in. */
const WALL_LINE = {
  getLineColor: [40, 50, 60, 160] as RGBA,
  getLineWidth: 0.8,
  lineWidthUnits: 'meters' as const,
  lineWidthMinPixels: 0,
  lineWidthMaxPixels: 2,
};

/** All deck layers of the map, bottom to top. */
export function buildLayers(input: MapLayerInput): Layer[] {
  const { compounds, parcels, districts, selected, views } = input;
  const fill = input.fill;
  const compoundColor = (f: { properties: { index: number } }): RGBA => {
    const i = 4 * f.properties.index;
    return [fill[i], fill[i + 1], fill[i + 2], fill[i + 3]];
  };
  const layers: Layer[] = [];
  if (views.districts.visible && districts.length) {
    layers.push(
      new GeoJsonLayer({
        id: 'districts',
        data: features(districts.filter((d) => d.geometry) as (District & { geometry: NonNullable<District['geometry']> })[]),
        filled: false,
        stroked: true,
        getLineColor: [90, 70, 140, 220],
        getLineWidth: 2,
        lineWidthUnits: 'pixels',
        opacity: views.districts.opacity,
        pickable: false,
      }),
      new TextLayer({
        id: 'district-labels',
        data: districtLabelPositions(districts),
        getText: (d: { name: string }) => d.name,
        getPosition: (d: { position: [number, number] }) => d.position,
        getSize: 16,
        getColor: [70, 50, 120, 255],
        fontFamily: input.fontFamily,
        characterSet: 'auto',
        outlineWidth: 4,
        outlineColor: [255, 255, 255, 230],
        fontSettings: { sdf: true },
        opacity: views.districts.opacity,
      }),
    );
  }
  if (views.parcels.visible && parcels.length) {
    layers.push(
      new GeoJsonLayer({
        id: 'parcels',
        data: input.parcelsBinary ?? features(parcels),
        filled: true,
        stroked: true,
        getFillColor: [...PARCEL_COLOR.slice(0, 3), 150] as RGBA,
        getLineColor: [110, 60, 160, 255],
        getLineWidth: 1,
        lineWidthUnits: 'pixels',
        opacity: views.parcels.opacity,
        pickable: true,
        autoHighlight: true,
        highlightColor: HOVER_COLOR,
      }),
    );
  }
  if (views.compounds.visible && compounds.length) {
    layers.push(
      new GeoJsonLayer({
        id: 'compounds',
        data: input.compoundsBinary ? withFillColors(input.compoundsBinary, fill) : features(compounds),
        filled: true,
        stroked: input.outlined === null,
        getFillColor: compoundColor,
        ...WALL_LINE,
        opacity: views.compounds.opacity,
        pickable: true,
        autoHighlight: true,
        highlightColor: HOVER_COLOR,
        updateTriggers: { getFillColor: [fill] },
      }),
    );
    if (input.outlined?.length) {
      const outlined = input.outlined;
      layers.push(
        new GeoJsonLayer({
          id: 'compound-outlines',
          data: outlined.map((index) => ({ type: 'Feature' as const, geometry: compounds[index].geometry, properties: { index } })),
          filled: false,
          stroked: true,
          ...WALL_LINE,
          opacity: views.compounds.opacity,
          pickable: false,
        }),
      );
    }
    layers.push(...input.overlays);
    if (selected !== null && compounds[selected]) {
      layers.push(
        new GeoJsonLayer({
          id: 'selection',
          data: [{ type: 'Feature', geometry: compounds[selected].geometry, properties: { index: selected } }],
          filled: false,
          stroked: true,
          getLineColor: SELECT_COLOR,
          getLineWidth: 3,
          lineWidthUnits: 'pixels',
          pickable: false,
        }),
      );
    }
  }
  return layers;
}

/** Which item a pick landed on: layer id and the item's index in its array. */
export function pickedItem(info: PickingInfo): { layer: 'compounds' | 'parcels'; index: number } | null {
  const id = info.layer?.id;
  const obj = info.object as { properties?: { index?: number } } | undefined;
  // binary layers pick by global feature id, which is the item's index
  const index = obj?.properties?.index ?? (info.index >= 0 ? info.index : undefined);
  if ((id === 'compounds' || id === 'parcels') && typeof index === 'number') return { layer: id, index };
  return null;
}

/**
 * Layers with more compounds than this draw their outlines only for the compounds in view, and only from
 * WALLS_MIN_ZOOM: deck draws every segment of a path layer whatever the view, and at national scale (200,000
 * compounds, ~1.1 million wall segments) one frame of the whole layer takes ~20 s in software WebGL (headless
 * Chromium here) against ~0.65 s for the fills alone.
 */
export const OUTLINE_ALL_MAX = 20_000;
/** 0.8 m walls are under a quarter of a pixel below this zoom (web-mercator metres per pixel ≈ 78,271 · cos(lat) / 2^zoom). */
export const WALLS_MIN_ZOOM = 14;

/** [west, south, east, north] in degrees and the zoom of the map's current view. */
export interface ViewBox {
  box: [number, number, number, number];
  zoom: number;
}

/**
 * The compounds whose outlines a large layer draws in `view`: those whose boxes (`boxes`, 4 per compound) meet the
 * view, none below WALLS_MIN_ZOOM or without a view. `search` finds the boxes meeting a box (a spatial index).
 */
export function outlinedInView(view: ViewBox | null, search: (box: [number, number, number, number]) => number[]): number[] {
  if (!view || view.zoom < WALLS_MIN_ZOOM) return [];
  return search(view.box).sort((a, b) => a - b);
}
