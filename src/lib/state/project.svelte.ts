// The project: loaded layers, what is shown, what is selected. Big data is $state.raw and replaced whole.
import { EMPTY_FILTER, filterMask, type CompoundFilter } from '../geo/filter';
import type { BinaryFeatureCollection } from '@loaders.gl/schema';
import type { Compound, District, IdleParcel } from '../geo/types';

export interface LayerView {
  visible: boolean;
  opacity: number;
}

export type LayerKey = 'compounds' | 'parcels' | 'districts' | 'roads' | 'water';

export interface Selection {
  layer: 'compounds' | 'parcels';
  index: number;
}

export class Project {
  compounds = $state.raw<Compound[]>([]);
  /** the compounds as loaded, before the review's attribute edits (`compounds` is this with them applied) */
  base = $state.raw<Compound[]>([]);
  parcels = $state.raw<IdleParcel[]>([]);
  districts = $state.raw<District[]>([]);
  /** the same polygons flattened and triangulated by the load worker, for drawing (feature i = item i) */
  compoundsBinary = $state.raw<BinaryFeatureCollection | null>(null);
  parcelsBinary = $state.raw<BinaryFeatureCollection | null>(null);
  /** where each layer came from, for the layer list */
  sources = $state<Partial<Record<LayerKey, string>>>({});
  views = $state<Record<LayerKey, LayerView>>({
    compounds: { visible: true, opacity: 1 },
    parcels: { visible: true, opacity: 1 },
    districts: { visible: true, opacity: 1 },
    roads: { visible: true, opacity: 1 },
    water: { visible: true, opacity: 1 },
  });
  filter = $state<CompoundFilter>({ ...EMPTY_FILTER });
  selection = $state<Selection | null>(null);

  /** compound id → index (the first, when an id repeats), for finding a compound named by id */
  indexById = $derived.by(() => {
    const m = new Map<string, number>();
    this.base.forEach((c, i) => {
      const k = String(c.id);
      if (!m.has(k)) m.set(k, i);
    });
    return m;
  });
  /** 1 per compound that passes the filter */
  mask = $derived(filterMask(this.compounds, this.filter));
  shownCount = $derived(this.mask.reduce((n, v) => n + v, 0));
  districtNames = $derived([...new Set(this.compounds.map((c) => c.district).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  planYears = $derived([...new Set(this.compounds.map((c) => c.plan_year).filter((y): y is number => y !== null))].sort());

  selectedCompound = $derived(this.selection?.layer === 'compounds' ? (this.compounds[this.selection.index] ?? null) : null);
  selectedParcel = $derived(this.selection?.layer === 'parcels' ? (this.parcels[this.selection.index] ?? null) : null);

  setCompounds(items: Compound[], source: string, binary: BinaryFeatureCollection | null = null): void {
    this.compounds = items;
    this.base = items;
    this.compoundsBinary = binary;
    this.sources.compounds = source;
    if (this.selection?.layer === 'compounds') this.selection = null;
  }

  setParcels(items: IdleParcel[], source: string, binary: BinaryFeatureCollection | null = null): void {
    this.parcels = items;
    this.parcelsBinary = binary;
    this.sources.parcels = source;
    if (this.selection?.layer === 'parcels') this.selection = null;
  }

  resetFilter(): void {
    this.filter = { ...EMPTY_FILTER };
  }
}
