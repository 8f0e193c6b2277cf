// Facility types for site choice: the life circle each serves, its walking radius, the land it needs and,
// optionally, how many households one facility can serve. The defaults are ILLUSTRATIVE: they follow the
// life-circle tiers of GB 50180-2018 (5-minute ≈ 300 m, 10-minute ≈ 500 m, 15-minute ≈ 800–1000 m) but
// the areas and capacities are round numbers to start from; every city edits the table to its own standard.

/** Life circle tier of GB 50180-2018, in minutes of walking. */
export type LifeCircle = 5 | 10 | 15;

/** Walking radius of each life circle, metres (15-minute: 800–1000 m; 1000 m taken as the default). */
export const LIFE_CIRCLE_RADIUS_M: Readonly<Record<LifeCircle, number>> = { 5: 300, 10: 500, 15: 1000 };

export interface FacilityType {
  /** Stable key, used by the CLI's --type and the UI's table. */
  id: string;
  zh: string;
  en: string;
  lifeCircle: LifeCircle;
  /** Walking radius, metres: a parcel serves a compound when their polygons are at most this far apart. */
  radiusM: number;
  /** Smallest idle parcel that can host the facility, m² of land. */
  minAreaM2: number;
  /** Households one facility can serve, or null for no limit. */
  capacityHouseholds: number | null;
}

/** Said wherever the defaults are shown: they are a starting point, not a standard. */
export const FACILITY_DEFAULTS_NOTE = {
  en: 'Illustrative defaults (life circles after GB 50180-2018; areas and capacities are round starting values): edit them to your city’s standard.',
  zh: '示例默认值（生活圈参照 GB 50180-2018，用地面积与服务户数为取整的起始值）：请按本地标准修改。',
} as const;

/** The default facility table (illustrative; see FACILITY_DEFAULTS_NOTE). */
export const DEFAULT_FACILITIES: readonly FacilityType[] = [
  { id: 'elderly-day-care', zh: '老年人日间照料中心', en: 'Elderly day care', lifeCircle: 10, radiusM: 500, minAreaM2: 400, capacityHouseholds: 3000 },
  { id: 'childcare', zh: '托育（托儿所）', en: 'Childcare', lifeCircle: 5, radiusM: 300, minAreaM2: 600, capacityHouseholds: 2000 },
  { id: 'community-clinic', zh: '社区卫生服务站', en: 'Community clinic', lifeCircle: 15, radiusM: 1000, minAreaM2: 300, capacityHouseholds: 10000 },
  { id: 'canteen', zh: '社区食堂（老年助餐点）', en: 'Community canteen', lifeCircle: 10, radiusM: 500, minAreaM2: 200, capacityHouseholds: 2500 },
  { id: 'service-station', zh: '社区综合服务站', en: 'Community service station', lifeCircle: 5, radiusM: 300, minAreaM2: 600, capacityHouseholds: null },
  { id: 'parking', zh: '机动车停车场', en: 'Parking', lifeCircle: 5, radiusM: 300, minAreaM2: 800, capacityHouseholds: null },
  { id: 'ev-charging', zh: '电动车充电设施', en: 'EV charging', lifeCircle: 5, radiusM: 300, minAreaM2: 100, capacityHouseholds: null },
  { id: 'parcel-station', zh: '快递驿站（智能快件箱）', en: 'Parcel station', lifeCircle: 5, radiusM: 300, minAreaM2: 50, capacityHouseholds: 1500 },
];

/**
 * Check one row of an edited facility table; throws naming the type and the bad value.
 * @returns the row itself, for chaining
 */
export function checkFacility(f: FacilityType): FacilityType {
  const name = `Facility type "${f.id}"`;
  if (!(f.radiusM >= 0) || !Number.isFinite(f.radiusM)) throw new Error(`${name} has radius ${f.radiusM}; expected metres >= 0.`);
  if (!(f.minAreaM2 >= 0) || !Number.isFinite(f.minAreaM2)) throw new Error(`${name} has minimum area ${f.minAreaM2}; expected m² >= 0.`);
  if (f.capacityHouseholds !== null && !(f.capacityHouseholds > 0)) {
    throw new Error(`${name} has capacity ${f.capacityHouseholds}; expected households > 0, or null for no limit.`);
  }
  if (![5, 10, 15].includes(f.lifeCircle)) throw new Error(`${name} has life circle ${f.lifeCircle}; expected 5, 10 or 15 minutes.`);
  return f;
}

/** The facility type with this id from a table (default: the defaults); throws listing the known ids. */
export function facilityType(id: string, table: readonly FacilityType[] = DEFAULT_FACILITIES): FacilityType {
  const f = table.find((t) => t.id === id);
  if (!f) throw new Error(`Unknown facility type "${id}"; have ${table.map((t) => t.id).join(', ')}.`);
  return f;
}
