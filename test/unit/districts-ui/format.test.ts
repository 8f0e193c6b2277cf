import { describe, expect, it } from 'vitest';
import { displayDigits, displayValue, niceMax, stack, unitKey } from '../../../src/lib/ui/districts/format';
import { classColor, CHOROPLETH_RAMP, NO_VALUE } from '../../../src/lib/map/district-layers';

describe('district chart helpers', () => {
  it('shows floor area in 万m² and investment in 万元, counts as they are', () => {
    expect(displayValue(1_234_500, 'floor_area_m2')).toBeCloseTo(123.45);
    expect(displayValue(56744.5, 'investment_wan')).toBe(56744.5);
    expect(displayValue(680, 'compounds')).toBe(680);
    expect(unitKey('floor_area_m2')).toBe('wan_m2');
    expect(unitKey('investment_wan')).toBe('wan_yuan');
    expect(unitKey('households')).toBeNull();
    expect(displayDigits('compounds')).toBe(0);
  });

  it('stacks positive parts into shares that add up to one, leaving out negative and missing parts', () => {
    const s = stack([30, null, -5, 70, 0]);
    expect(s.map((x) => x.index)).toEqual([0, 3]);
    expect(s[0]).toMatchObject({ start: 0, share: 0.3 });
    expect(s[1].start).toBeCloseTo(0.3);
    expect(s[1].share).toBeCloseTo(0.7);
    expect(stack([0, null, -1])).toEqual([]);
  });

  it('rounds an axis maximum up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceMax(88362.7)).toBe(100000);
    expect(niceMax(1800)).toBe(2000);
    expect(niceMax(230)).toBe(250);
    expect(niceMax(4.1)).toBe(5);
    expect(niceMax(0)).toBe(1);
  });

  it('spreads class colours over the whole ramp, grey for no value', () => {
    expect(classColor(0, 3)).toBe(CHOROPLETH_RAMP[0]);
    expect(classColor(2, 3)).toBe(CHOROPLETH_RAMP[CHOROPLETH_RAMP.length - 1]);
    expect(classColor(-1, 5)).toBe(NO_VALUE);
    expect(new Set([0, 1, 2, 3, 4].map((k) => classColor(k, 5))).size).toBe(5);
  });
});
