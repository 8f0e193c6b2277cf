// The generated city's shape: what generateCity returns.

import type { AreaGeometry, Compound, District, IdleParcel, Position } from '../../src/lib/geo/types';

export type RoadClass = 'arterial' | 'branch' | 'lane';

export interface Road {
  name: string;
  class: RoadClass;
  /** Carriageway plus sidewalks, metres. */
  width_m: number;
  geometry: { type: 'LineString'; coordinates: Position[] };
}

export interface Water {
  name: string;
  geometry: AreaGeometry;
}

export interface City {
  compounds: Compound[];
  parcels: IdleParcel[];
  districts: District[];
  roads: Road[];
  water: Water[];
}
