// Bench section: loading a compounds GeoJSON the way the CLI does (parse, check and repair, to WGS84, to records,
// pack to metres for the analyses), with polygon coordinates parsed flat (FlatArea, what the CLI uses) and nested
// (JSON.parse, what the app uses), on the generator's city.
import { packPolygons } from '../../src/lib/geo/flat';
import { matchFields, toCompounds } from '../../src/lib/io/fields';
import { loadGeoJson } from '../../src/lib/io/geojson';
import type { BenchCase } from './harness';

/** The compounds file of the PostGIS comparison (scripts/postgis/write-city.ts), in memory. */
async function cityBytes(n: number): Promise<Uint8Array> {
  const { generateCity } = await import('../city/generate');
  const { compounds } = generateCity({ seed: 20200, compounds: n });
  const parts = compounds.map((c) => {
    const properties = {
      id: c.id, name: c.name, district: c.district, households: c.households, buildings: c.buildings,
      floor_area_m2: c.floor_area_m2, investment_wan: c.investment_wan, category: c.category,
    };
    return JSON.stringify({ type: 'Feature', properties, geometry: c.geometry });
  });
  return new TextEncoder().encode(`{"type":"FeatureCollection","features":[\n${parts.join(',\n')}\n]}\n`);
}

function loadCase(n: number, flatGeometry: boolean): BenchCase {
  return {
    label: `${n / 1000}k compounds, ${flatGeometry ? 'flat' : 'nested'}`,
    prepare: () => cityBytes(n),
    run(bytes: Uint8Array, measure) {
      const t0 = measure.now();
      const layer = loadGeoJson('city.geojson', bytes, { flatGeometry });
      const t1 = measure.now();
      const { compounds } = toCompounds(layer, matchFields(layer.columns, layer.features.slice(0, 50).map((f) => f.properties)));
      const t2 = measure.now();
      packPolygons(compounds.map((c) => c.geometry), { lon0: 114 });
      const t3 = measure.now();
      return { compounds: compounds.length, MB: bytes.length / 2 ** 20, 'parse + check ms': t1 - t0, 'records ms': t2 - t1, 'pack ms': t3 - t2, 'total ms': t3 - t0 };
    },
  };
}

export const name = 'load';
export const title = 'Loading a compounds GeoJSON: polygon coordinates parsed flat (CLI) or nested (JSON.parse)';
export const notes = [
  '"parse + check": loadGeoJson (decode, parse, repair checks, to WGS84, ids, report); "records": toCompounds; "pack": packPolygons to transverse Mercator metres (what every analysis starts with).',
  'Flat: src/lib/io/geojson-flat.ts reads Polygon/MultiPolygon coordinates into one Float64Array and JSON.parse reads the rest; the repair, conversion and packing read the flat arrays. Same layers and answers (test/unit/io/geojson-flat.test.ts).',
];

export function cases(sizes: number[]): BenchCase[] {
  return sizes.flatMap((n) => [loadCase(n, false), loadCase(n, true)]);
}
