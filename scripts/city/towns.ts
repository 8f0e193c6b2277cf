// Where the sample city's towns sit and which districts they hold.
// Placement is realistic-ish for Xinxiang (新乡): the core city with four districts, and four county
// towns 25–60 km to the south and east. Outlines and streets are synthetic.

/** An administrative district of the sample city. Codes are real 6-digit admin codes except 高新区. */
export interface DistrictSpec {
  name: string;
  code: string;
  /** Id prefix of its compounds, e.g. "WB" for "WB-0001". */
  prefix: string;
  /** Seed of its synthetic outline, km east/north of the core city centre. */
  seedKm: [number, number];
  /** 街道 / 镇 names, assigned by nearest street seed. */
  streets: readonly string[];
}

/** A town: a rotated street grid grown outward from its centre until it holds its compounds. */
export interface TownSpec {
  name: string;
  /** Centre, km east/north of the core city centre. */
  centreKm: [number, number];
  /** Street-grid rotation, degrees counter-clockwise. */
  angleDeg: number;
  /** Share of the default city's compounds. */
  share: number;
  /** Index into DISTRICTS of the town's district, or -1 when districts are found by location. */
  district: number;
  /** Arterial spacing, metres. */
  arterialM: number;
  /** Whether the 卫河 river and 人民公园 park run through it. */
  core: boolean;
}

export const CITY = { name: '新乡市', code: '410700', lon: 113.9, lat: 35.3 } as const;

export const DISTRICTS: readonly DistrictSpec[] = [
  { name: '卫滨区', code: '410703', prefix: 'WB', seedKm: [-2.1, -0.2],
    streets: ['胜利路街道', '健康路街道', '解放路街道', '中同街街道', '自由路街道', '南桥街道'] },
  { name: '红旗区', code: '410702', prefix: 'HQ', seedKm: [0.5, -1.0],
    streets: ['西街街道', '东街街道', '渠东街道', '文化街街道', '向阳小区街道', '洪门街道'] },
  { name: '牧野区', code: '410711', prefix: 'MY', seedKm: [0.2, 1.7],
    streets: ['东干道街道', '花园街道', '荣校路街道', '新辉路街道', '卫北街道', '和平路街道'] },
  // 高新区 has no county-level admin code; 410771 follows the statistical-code style of development zones.
  { name: '高新区', code: '410771', prefix: 'GX', seedKm: [2.6, -2.3],
    streets: ['关堤街道', '新飞街道', '科技园街道'] },
  { name: '长垣市', code: '410783', prefix: 'CY', seedKm: [61, -11],
    streets: ['蒲东街道', '蒲西街道', '蒲北街道', '南蒲街道'] },
  { name: '原阳县', code: '410725', prefix: 'YY', seedKm: [5.5, -27.5],
    streets: ['城关镇', '原兴街道', '阳和街道'] },
  { name: '延津县', code: '410726', prefix: 'YJ', seedKm: [27.5, -16.7],
    streets: ['城关镇', '东屯镇', '榆林街道'] },
  { name: '封丘县', code: '410727', prefix: 'FQ', seedKm: [47.5, -28.5],
    streets: ['城关镇', '城关乡', '尹岗街道'] },
];

/**
 * Seeds of the prefecture's county-level units that are not in the plan (凤泉区, 卫辉市, 辉县市, 新乡县,
 * 获嘉县): they claim their share of the outline, so the plan's districts keep realistic sizes, and
 * are left out of the output as gaps.
 */
export const UNPLANNED_SEEDS_KM: readonly [number, number][] = [[1, 8.5], [15, 9], [-9, 12], [-7, -11], [-13, 0]];

/** Indices into DISTRICTS of the core city's districts, found by location inside the core town. */
export const CORE_DISTRICTS: readonly number[] = [0, 1, 2, 3];

export const TOWNS: readonly TownSpec[] = [
  { name: '新乡市区', centreKm: [0, 0], angleDeg: 4, share: 0.8, district: -1, arterialM: 950, core: true },
  { name: '长垣市区', centreKm: [61, -11], angleDeg: -3, share: 0.065, district: 4, arterialM: 750, core: false },
  { name: '原阳县城', centreKm: [5.5, -27.5], angleDeg: 7, share: 0.045, district: 5, arterialM: 650, core: false },
  { name: '延津县城', centreKm: [27.5, -16.7], angleDeg: 1, share: 0.04, district: 6, arterialM: 650, core: false },
  { name: '封丘县城', centreKm: [47.5, -28.5], angleDeg: -6, share: 0.05, district: 7, arterialM: 700, core: false },
];

/** The default city's compound count; the seed-table guarantee holds at this size (and above). */
export const DEFAULT_COMPOUNDS = 3000;

/** Outline of the prefecture the district cells are clipped to, km from the core centre. */
export const PREFECTURE_KM: readonly [number, number][] = [
  [-14, 12], [-4, 15], [9, 12], [22, 5], [40, 2], [58, 4], [74, -2], [76, -16], [66, -24],
  [56, -38], [42, -42], [26, -40], [12, -39], [-3, -35], [-8, -22], [-12, -8],
];
