// Attribute values edited by hand: validation of what is typed, the last edit of a field winning, ids kept across a
// reload (another order of the file), and the analysis totals following the edited values.
import { describe, expect, it } from 'vitest';
import { analyzeClustersSync } from '../../../src/lib/geo/analyze';
import { applyChanges, parseEdit, resolveEdits } from '../../../src/lib/geo/edits';
import type { Category } from '../../../src/lib/geo/types';
import { compound, rect } from './helpers';

const names: Record<Category, string> = { mandatory: '必改类', basic: '基础类', improve: '完善类', upgrade: '提升类' };

describe('parseEdit', () => {
  it('takes counts, amounts and years as people type them, and refuses what the loader would refuse', () => {
    expect(parseEdit('households', ' 1,250 ', names)).toEqual({ value: 1250 });
    expect(parseEdit('households', '１２０', names)).toEqual({ value: 120 });
    expect(parseEdit('households', '', names)).toEqual({ value: null });
    expect(parseEdit('floor_area_m2', '8848.5', names)).toEqual({ value: 8848.5 });
    expect(parseEdit('households', '12.5', names)).toMatchObject({ problem: { en: 'It must be a whole number' } });
    expect(parseEdit('investment_wan', '-3', names)).toMatchObject({ problem: { en: 'It cannot be negative' } });
    expect(parseEdit('year_built', '85', names)).toMatchObject({ problem: { en: 'A year must be between 1900 and 2100' } });
    expect(parseEdit('buildings', '十二', names)).toMatchObject({ problem: { zh: '“十二”不是数字' } });
    expect(parseEdit('category', '基础类', names)).toEqual({ value: 'basic' });
    expect(parseEdit('category', 'upgrade', names)).toEqual({ value: 'upgrade' });
    expect(parseEdit('category', '其他', names)).toMatchObject({ problem: { zh: expect.stringContaining('必改类') } });
    expect(parseEdit('name', '  ', names)).toMatchObject({ problem: { en: 'The name cannot be empty' } });
    // text is kept as text, commas and all: never markup, never a number
    expect(parseEdit('street', '<b>胜利路</b>, 北段', names)).toEqual({ value: '<b>胜利路</b>, 北段' });
  });
});

describe('edits over the loaded compounds', () => {
  const street = () => [compound('A', rect(0, 0, 40, 30), 100), compound('B', rect(40, 0, 80, 30), 200), compound('C', rect(300, 0, 340, 30), 300)];

  it('apply by id, the last edit of a field winning; unknown ids are named; no edits give the same array', () => {
    const base = street();
    expect(applyChanges(base, resolveEdits(base, []).changes)).toBe(base);
    const { changes, missing } = resolveEdits(base, [
      { id: 'B', field: 'households', value: 250 },
      { id: 'Z', field: 'households', value: 1 },
      { id: 'B', field: 'households', value: 260 },
      { id: 'A', field: 'name', value: '建设路小区' },
    ]);
    expect(missing).toEqual(['Z']);
    const out = applyChanges(base, changes);
    expect(out.map((c) => [c.id, c.name, c.households])).toEqual([['A', '建设路小区', 100], ['B', 'B', 260], ['C', 'C', 300]]);
    // the loaded objects are left as they were; the geometry is the same object
    expect(base[1].households).toBe(200);
    expect(out[1].geometry).toBe(base[1].geometry);
    // a reload may bring the file in another order: the edits follow the ids
    const again = applyChanges(street().reverse(), resolveEdits(street().reverse(), [{ id: 'B', field: 'households', value: 260 }]).changes);
    expect(again.map((c) => c.households)).toEqual([300, 260, 100]);
  });

  it('an id the file repeats: the edit reaches every compound that has it', () => {
    const base = [...street(), compound('B', rect(500, 0, 540, 30), 50)];
    const out = applyChanges(base, resolveEdits(base, [{ id: 'B', field: 'households', value: 7 }]).changes);
    expect(out.map((c) => c.households)).toEqual([100, 7, 300, 7]);
  });

  it('the cluster totals follow the edited households', () => {
    const base = street();
    const out = applyChanges(base, resolveEdits(base, [{ id: 'B', field: 'households', value: 260 }]).changes);
    const r = analyzeClustersSync(out, { gapM: 10 });
    expect(r.clusters.households[r.clusters.cluster[0]]).toBe(360);
  });
});
