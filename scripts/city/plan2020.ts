// Per-district targets of the Xinxiang 2020 renovation plan (新乡市2020年城镇老旧小区改造计划),
// the published table the sample city reproduces to the digit for its plan_year 2020 compounds.
// Units here are integers: floor area in m², investment in 0.1 万元.

export interface PlanTarget {
  district: string;
  compounds: number;
  buildings: number;
  households: number;
  floorAreaM2: number;
  /** Investment in tenths of 万元 (21672.2 万元 -> 216722). */
  investmentTenthWan: number;
}

export const PLAN_2020: readonly PlanTarget[] = [
  { district: '卫滨区', compounds: 113, buildings: 317, households: 9651, floorAreaM2: 1_003_600, investmentTenthWan: 216_722 },
  { district: '红旗区', compounds: 100, buildings: 420, households: 15690, floorAreaM2: 1_472_700, investmentTenthWan: 360_870 },
  { district: '牧野区', compounds: 88, buildings: 341, households: 12858, floorAreaM2: 1_220_200, investmentTenthWan: 183_322 },
  { district: '高新区', compounds: 7, buildings: 28, households: 1221, floorAreaM2: 114_500, investmentTenthWan: 12_210 },
  { district: '长垣市', compounds: 10, buildings: 16, households: 376, floorAreaM2: 37_800, investmentTenthWan: 6_987 },
  { district: '原阳县', compounds: 9, buildings: 17, households: 385, floorAreaM2: 42_200, investmentTenthWan: 21_500 },
  { district: '延津县', compounds: 3, buildings: 9, households: 224, floorAreaM2: 22_600, investmentTenthWan: 5_150 },
  { district: '封丘县', compounds: 1, buildings: 15, households: 504, floorAreaM2: 35_000, investmentTenthWan: 15_000 },
];
