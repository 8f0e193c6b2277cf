// The sample city's files as bytes: FlatGeobuf for compounds and idle land (EPSG:4326 in the
// header), compact GeoJSON for districts, roads and water. Pure: the script writes them.

import type { FeatureCollection, Geometry } from 'geojson';
import { geojson } from 'flatgeobuf';
import type { City } from './types';

/** File name -> bytes, in a fixed order. */
export type CityFiles = Record<string, Uint8Array>;

const encoder = new TextEncoder();

function collection(features: { properties: Record<string, unknown>; geometry: unknown }[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', properties: f.properties, geometry: f.geometry as Geometry })),
  };
}

/** Serialises every layer of the city; the same city always gives the same bytes. */
export function serializeCity(city: City): CityFiles {
  const compounds = collection(
    city.compounds.map((c) => ({
      properties: {
        id: c.id, name: c.name, district: c.district, street: c.street, year_built: c.year_built,
        buildings: c.buildings, households: c.households, floor_area_m2: c.floor_area_m2,
        investment_wan: c.investment_wan, category: c.category, plan_year: c.plan_year, status: c.status,
      },
      geometry: c.geometry,
    })),
  );
  const parcels = collection(
    city.parcels.map((p) => ({
      properties: { id: p.id, district: p.extra.district, street: p.extra.street, current_use: p.current_use, owner: p.owner, note: p.note },
      geometry: p.geometry,
    })),
  );
  const json = (fc: FeatureCollection): Uint8Array => encoder.encode(JSON.stringify(fc) + '\n');
  return {
    'compounds.fgb': geojson.serialize(compounds, 4326),
    'parcels.fgb': geojson.serialize(parcels, 4326),
    'districts.geojson': json(collection(city.districts.map((d) => ({ properties: { name: d.name, code: d.code, city: '新乡市', city_code: '410700' }, geometry: d.geometry })))),
    'roads.geojson': json(collection(city.roads.map((r) => ({ properties: { name: r.name, class: r.class, width_m: r.width_m }, geometry: r.geometry })))),
    'water.geojson': json(collection(city.water.map((w) => ({ properties: { name: w.name }, geometry: w.geometry })))),
  };
}
