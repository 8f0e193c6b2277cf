// Plain data types shared by the engine, the loaders, the worker, the CLI and the UI.
// Everything geometric is WGS84 lon/lat (EPSG:4326) once it has been loaded.

/** A feature's user-facing id: its `id` property, else the GeoJSON feature id, else its row number. */
export type FeatureId = string | number;

/** Renovation class of the menu (DOMAIN.md "What gets done"). */
export type Category = 'mandatory' | 'basic' | 'improve' | 'upgrade';
export const CATEGORIES: readonly Category[] = ['mandatory', 'basic', 'improve', 'upgrade'];

export type Position = number[]; // [lon, lat]

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface PointGeometry {
  type: 'Point';
  coordinates: Position;
}
export interface LineGeometry {
  type: 'LineString';
  coordinates: Position[];
}
export interface MultiLineGeometry {
  type: 'MultiLineString';
  coordinates: Position[][];
}
export interface MultiPointGeometry {
  type: 'MultiPoint';
  coordinates: Position[];
}
export type AnyGeometry =
  | AreaGeometry
  | PointGeometry
  | MultiPointGeometry
  | LineGeometry
  | MultiLineGeometry;

/** A feature as it comes out of any loader, before field mapping: id, raw attributes, WGS84 geometry. */
export interface RawFeature {
  id: FeatureId;
  /** 0-based position of the feature in its source file (row number for reports). */
  row: number;
  properties: Record<string, unknown>;
  geometry: AnyGeometry | null;
}

/** A gated residential compound (小区) or a lone building — the unit of planning. */
export interface Compound {
  id: FeatureId;
  name: string;
  district: string;
  street: string;
  year_built: number | null;
  buildings: number | null;
  households: number | null;
  floor_area_m2: number | null;
  investment_wan: number | null;
  category: Category | null;
  plan_year: number | null;
  status: string;
  /** Every source attribute that was not mapped to a field above, kept verbatim. */
  extra: Record<string, unknown>;
  geometry: AreaGeometry;
}

/** Idle land (闲置用地) that could host a new service facility. */
export interface IdleParcel {
  id: FeatureId;
  /** Computed from the geometry (geodesic area, m²), never taken from the attributes. */
  area_m2: number;
  current_use: string;
  owner: string;
  note: string;
  extra: Record<string, unknown>;
  geometry: AreaGeometry;
}

/** An administrative district (区/县/市/旗). */
export interface District {
  name: string;
  code: string;
  geometry?: AreaGeometry;
}

/** The canonical compound fields a ledger or attribute table can be mapped onto. */
export type CompoundField =
  | 'id'
  | 'name'
  | 'district'
  | 'street'
  | 'year_built'
  | 'buildings'
  | 'households'
  | 'floor_area_m2'
  | 'investment_wan'
  | 'category'
  | 'plan_year'
  | 'status';

/** Numeric fields and the canonical numbers they are stored in. */
export const NUMERIC_FIELDS = [
  'year_built',
  'buildings',
  'households',
  'floor_area_m2',
  'investment_wan',
  'plan_year',
] as const satisfies readonly CompoundField[];

/** One feature that could not be used, and why. Never drop data without one of these. */
export interface SkippedFeature {
  row: number;
  id: FeatureId | null;
  reason: string;
}
