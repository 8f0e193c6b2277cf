import { describe, expect, it } from 'vitest';
import { aggregateByDistrict } from '../../../src/lib/geo/districts';
import { compareTargets, targetsFromRows } from '../../../src/lib/geo/targets';
import { compound } from '../../fixtures/districts/make';

const rows = [
  { district: '卫滨区', compounds: '2', buildings: '5', households: '300', floor_area_wan_m2: '1.5', investment_wan_yuan: '250.5' },
  { district: '封丘县', compounds: '1', buildings: '15', households: '504', floor_area_wan_m2: '3.5', investment_wan_yuan: '' },
];

describe('targets', () => {
  it('reads the seed-table columns into canonical units (万m² to m²)', () => {
    const { targets, problems, missingColumns } = targetsFromRows(rows);
    expect(targets[0]).toEqual({ district: '卫滨区', compounds: 2, buildings: 5, households: 300, floor_area_m2: 15000, investment_wan: 250.5 });
    expect(targets[1].investment_wan).toBeNull();
    expect([problems, missingColumns]).toEqual([[], []]);
  });

  it('reads the published tables Chinese headers', () => {
    const { targets } = targetsFromRows([{ 区县: '红旗区', 小区数: '3', 户数: '1,200', '建筑面积（万m²）': '2.25', '投资（万元）': '99' }]);
    expect(targets).toEqual([{ district: '红旗区', compounds: 3, buildings: null, households: 1200, floor_area_m2: 22500, investment_wan: 99 }]);
  });

  it('lists cells that are not numbers and rows without a district', () => {
    const { targets, problems } = targetsFromRows([{ district: 'A', compounds: 'x' }, { district: ' ', compounds: '1' }]);
    expect(targets).toHaveLength(1);
    expect(problems).toEqual([{ row: 0, column: 'compounds', value: 'x' }, { row: 1, column: 'district', value: '' }]);
    expect(targetsFromRows([{ name: 'A' }]).missingColumns).toEqual(['district']);
  });

  it('shows target, actual and difference per district in the targets order, then districts without a target', () => {
    const cs = [
      compound({ district: '红旗区', buildings: 1, households: 10, floor_area_m2: 100, investment_wan: 1 }),
      compound({ district: '卫滨区', buildings: 2, households: 100, floor_area_m2: 10000, investment_wan: 200 }),
      compound({ district: '卫滨区', buildings: 3, households: 200, floor_area_m2: 5000, investment_wan: 50.5 }),
    ];
    const { rows: out, total } = compareTargets(targetsFromRows(rows).targets, aggregateByDistrict(cs).districts);
    expect(out.map((r) => r.district)).toEqual(['卫滨区', '封丘县', '红旗区']);
    // 卫滨区 matches its target exactly
    expect(out[0].diff).toEqual({ compounds: 0, buildings: 0, households: 0, floor_area_m2: 0, investment_wan: 0 });
    // 封丘县 has no compounds: every difference is minus the target; no investment target → null
    expect(out[1].diff).toEqual({ compounds: -1, buildings: -15, households: -504, floor_area_m2: -35000, investment_wan: null });
    expect(out[2].target).toBeNull();
    // totals: actual 3 compounds vs target 3; households 310 vs 804
    expect([total.diff.compounds, total.diff.households, total.actual.households]).toEqual([0, -494, 310]);
  });
});
