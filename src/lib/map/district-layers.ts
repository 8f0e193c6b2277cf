// Districts mode on the map: a choropleth of the districts by class (drawn under the compounds, pickable
// so a click filters to a district), and a 3D view of investment: compounds extruded, or hexagons summed.
import { GeoJsonLayer } from '@deck.gl/layers';
import { HexagonLayer } from '@deck.gl/aggregation-layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { AreaGeometry, Compound, District } from '../geo/types';
import type { RGBA } from './colors';

export const CHOROPLETH_ID = 'district-choropleth';

/** Seven light-to-dark steps (ColorBrewer YlGnBu), readable under the category fills. */
export const CHOROPLETH_RAMP: RGBA[] = [
  [255, 255, 204, 255],
  [199, 233, 180, 255],
  [127, 205, 187, 255],
  [65, 182, 196, 255],
  [29, 145, 192, 255],
  [34, 94, 168, 255],
  [12, 44, 132, 255],
];
export const NO_VALUE: RGBA = [220, 220, 220, 255];

/** The colour of class `k` of `n` (spread over the ramp so 3 classes stay far apart). */
export function classColor(k: number, n: number): RGBA {
  if (k < 0 || n < 1) return NO_VALUE;
  const last = CHOROPLETH_RAMP.length - 1;
  return CHOROPLETH_RAMP[n === 1 ? last : Math.round((k * last) / (n - 1))];
}

export interface ChoroplethInput {
  districts: readonly District[];
  classByDistrict: ReadonlyMap<string, number>;
  /** number of classes (breaks.length − 1) */
  classCount: number;
  /** the filtered district, outlined; '' for none */
  selected: string;
  /** fill alpha 0–255: lighter when compounds are drawn on top */
  alpha: number;
}

type DistrictFeature = { type: 'Feature'; geometry: AreaGeometry; properties: { name: string } };

const featureCache = new WeakMap<readonly District[], DistrictFeature[]>();
function districtFeatures(districts: readonly District[]): DistrictFeature[] {
  let f = featureCache.get(districts);
  if (!f) {
    f = districts.flatMap((d) => (d.geometry ? [{ type: 'Feature' as const, geometry: d.geometry, properties: { name: d.name } }] : []));
    featureCache.set(districts, f);
  }
  return f;
}

/** The choropleth and the selected district's outline; drawn below everything else. */
export function choroplethLayers({ districts, classByDistrict, classCount, selected, alpha }: ChoroplethInput): Layer[] {
  const data = districtFeatures(districts);
  const fill = (f: DistrictFeature): RGBA => {
    const c = classColor(classByDistrict.get(f.properties.name) ?? -1, classCount);
    return [c[0], c[1], c[2], selected && f.properties.name !== selected ? Math.round(alpha * 0.45) : alpha];
  };
  return [
    new GeoJsonLayer<DistrictFeature['properties']>({
      id: CHOROPLETH_ID,
      data: data as never,
      filled: true,
      stroked: true,
      getFillColor: fill as never,
      getLineColor: [255, 255, 255, 200],
      getLineWidth: 1,
      lineWidthUnits: 'pixels',
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 70],
      updateTriggers: { getFillColor: [classByDistrict, classCount, selected, alpha] },
    }),
    new GeoJsonLayer<DistrictFeature['properties']>({
      id: `${CHOROPLETH_ID}-selected`,
      data: data.filter((f) => f.properties.name === selected) as never,
      filled: false,
      stroked: true,
      getLineColor: [20, 20, 20, 255],
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
      pickable: false,
    }),
  ];
}

/** The district name under a pick on the choropleth, or null. */
export function pickedDistrict(info: PickingInfo): string | null {
  if (info.layer?.id !== CHOROPLETH_ID) return null;
  const name = (info.object as DistrictFeature | undefined)?.properties?.name;
  return typeof name === 'string' ? name : null;
}

export interface InvestmentInput {
  compounds: readonly Compound[];
  /** 1 = in scope (passes the filter) */
  scope: Uint8Array;
  mode: 'extrude' | 'hex';
}

/** metres of height per 万元 of a compound's investment */
export const METRES_PER_WAN = 2;
/** hexagon radius, metres */
export const HEX_RADIUS_M = 600;

interface Point {
  position: [number, number];
  investment: number;
}

function centroid(g: AreaGeometry): [number, number] {
  // vertex average of the outer ring(s): cheap, inside for the compact shapes of compounds
  let x = 0, y = 0, n = 0;
  for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
    for (const p of poly[0]) {
      x += p[0];
      y += p[1];
      n++;
    }
  }
  return [x / n, y / n];
}

/** Investment in 3D: compounds extruded by their investment (2 m per 万元), or 600 m hexagons summing it (tallest 3 km). */
export function investmentLayers({ compounds, scope, mode }: InvestmentInput): Layer[] {
  if (mode === 'extrude') {
    const data: { type: 'Feature'; geometry: AreaGeometry; properties: { investment: number } }[] = [];
    for (let i = 0; i < compounds.length; i++) {
      const v = compounds[i].investment_wan;
      if (scope[i] && v !== null && v > 0) data.push({ type: 'Feature', geometry: compounds[i].geometry, properties: { investment: v } });
    }
    return [
      new GeoJsonLayer({
        id: 'district-3d-extrude',
        data: data as never,
        extruded: true,
        filled: true,
        stroked: false,
        wireframe: false,
        getElevation: ((f: (typeof data)[number]) => f.properties.investment * METRES_PER_WAN) as never,
        getFillColor: ((f: (typeof data)[number]) => [230, 120, 40, Math.min(255, 140 + f.properties.investment / 4)]) as never,
        material: { ambient: 0.5, diffuse: 0.6, shininess: 16 },
        pickable: false,
      }),
    ];
  }
  const points: Point[] = [];
  for (let i = 0; i < compounds.length; i++) {
    const v = compounds[i].investment_wan;
    if (scope[i] && v !== null && v > 0) points.push({ position: centroid(compounds[i].geometry), investment: v });
  }
  return [
    new HexagonLayer<Point>({
      id: 'district-3d-hex',
      data: points,
      getPosition: (p) => p.position,
      getColorWeight: (p) => p.investment,
      getElevationWeight: (p) => p.investment,
      colorAggregation: 'SUM',
      elevationAggregation: 'SUM',
      radius: HEX_RADIUS_M,
      coverage: 0.9,
      extruded: true,
      // the richest hexagon stands 3 km tall; the others in proportion
      elevationRange: [0, 3000],
      opacity: 0.85,
      pickable: false,
    }),
  ];
}
