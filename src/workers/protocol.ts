// Messages between the main thread and the load worker.
import type { BinaryFeatureCollection } from '@loaders.gl/schema';
import type { AreaGeometry, Compound, District, IdleParcel, SkippedFeature } from '../lib/geo/types';
import type { ClusterResult } from '../lib/geo/analyze';
import type { FlatAreasData } from '../lib/geo/flat-area';
import type { ClusterOverride } from '../lib/geo/overrides';
import type { EditableField, EditValue } from '../lib/geo/edits';
import type { SiteResult } from '../lib/geo/sites';

export type LayerRole = 'compounds' | 'parcels';

/** Field overrides chosen by the user in the mapping dialog: canonical field -> source column (or null). */
export type MappingOverrides = Record<string, string | null>;

export type ToWorker =
  | { type: 'load'; job: number; name: string; bytes: ArrayBuffer; extra?: { name: string; bytes: ArrayBuffer }[]; crs?: string; role: LayerRole }
  | { type: 'convert'; job: number; overrides: MappingOverrides }
  | { type: 'ledger'; job: number; name: string; bytes: ArrayBuffer }
  /** neighbours, walls, clusters and units of the compounds the worker holds; `scope` 1 = in the filter */
  | { type: 'clusters'; job: number; gapM: number; scope: Uint8Array; units: { min: number; max: number }; overrides?: ClusterOverride[] }
  | { type: 'cancel'; job: number }
  /** the district polygons, for placing compounds that have no district attribute */
  | { type: 'districts'; job: number; districts: District[] }
  /** idle parcels as sites for one facility type (`existingKey`: the existing facilities kept for it); `scope` 1 = in the filter */
  | { type: 'sites'; job: number; scope: Uint8Array | null; existingKey: string; radiusM: number; minAreaM2: number; capacity: number | null; k?: number; targetShare?: number }
  /** load existing facilities (points or polygons) and keep them under `key`; `bytes` null forgets them */
  | { type: 'existing'; job: number; key: string; name: string; bytes: ArrayBuffer | null }
  /** the main thread took a chunk: the worker may send the next */
  | { type: 'ack'; job: number }
  /** attribute values edited by hand: every change over the compounds as loaded (an empty list undoes them all) */
  | { type: 'edits'; job: number; changes: { index: number; field: EditableField; value: EditValue }[] }
  /** a reference layer (zoning, red lines, protection areas): its polygons and attributes come back whole */
  | { type: 'reference'; job: number; name: string; bytes: ArrayBuffer; extra?: { name: string; bytes: ArrayBuffer }[]; crs?: string };

export interface FieldSummary {
  /** canonical field -> matched column and unit label */
  matched: Record<string, { column: string; unit?: string }>;
  /** canonical fields no column was found for */
  missing: string[];
  /** source columns not mapped to any field (kept verbatim) */
  unmatched: string[];
  columns: string[];
  columnKey: string;
}

export interface LoadSummary {
  file: string;
  format: string;
  crs: string;
  crsSource: string;
  count: number;
  skipped: SkippedFeature[];
  /** what the loader repaired, warns about, and excluded: whole sentences naming file, feature and row */
  notes: { kind: 'repair' | 'warning' | 'excluded'; en: string; zh: string }[];
  /** compounds with no district attribute, placed in the district polygon holding most of them */
  placed?: { count: number; unplaced: number; straddlers: { id: string | number; name: string; shares: { district: string; share: number }[] }[] };
}

export interface LedgerSummary {
  file: string;
  matched: number;
  ledgerWithoutPolygon: { row: number; key: string }[];
  polygonsWithoutLedger: { id: string | number; name: string }[];
}

export type FromWorker =
  | { type: 'progress'; job: number; fraction: number; stage: 'read' | 'parse' | 'convert' | 'analyse' }
  /** `ms`: how long the worker took (analysis only, not the transfer or drawing) */
  | { type: 'clusters'; job: number; result: ClusterResult; ms: number }
  | { type: 'sites'; job: number; result: SiteResult }
  | { type: 'existing'; job: number; key: string; file: string; count: number; skipped: number }
  | { type: 'fields'; job: number; load: LoadSummary; fields: FieldSummary }
  | { type: 'crs-needed'; job: number; file: string; candidates: { spec: string; label: string }[]; likely: string; reason: string }
  /** attributes only: the geometry comes once, flat, with `done` */
  | { type: 'chunk'; job: number; role: 'compounds'; items: Omit<Compound, 'geometry'>[] }
  | { type: 'chunk'; job: number; role: 'parcels'; items: Omit<IdleParcel, 'geometry'>[] }
  /**
   * `binary`: the layer's polygons flattened and triangulated off the main thread, for drawing; `areas`: the same
   * polygons as sent in chunks, item for item, in flat arrays (flatAreasFrom gives each item its geometry, whose nested
   * coordinates are built only when read) — 200,000 nested geometries would cost seconds to clone across threads.
   */
  | { type: 'done'; job: number; load: LoadSummary; skipped: SkippedFeature[]; binary: BinaryFeatureCollection; areas: FlatAreasData; ledger?: LedgerSummary }
  | { type: 'error'; job: number; zh: string; en: string }
  /** a reference layer read: polygons as plain GeoJSON (WGS84) with their attributes; what was left out, counted */
  | { type: 'reference'; job: number; load: LoadSummary; columns: string[]; features: { properties: Record<string, unknown>; geometry: AreaGeometry }[]; skipped: SkippedFeature[] };
