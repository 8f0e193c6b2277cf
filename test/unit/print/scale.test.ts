import { describe, expect, it } from 'vitest';
import { niceScaleBar } from '../../../src/lib/print/scale';

describe('scale bar', () => {
  it('picks the longest 1, 2 or 5 times a power of ten that fits', () => {
    expect(niceScaleBar(1, 300)).toMatchObject({ metres: 200, px: 200, label: '200 m' });
    expect(niceScaleBar(10, 300)).toMatchObject({ metres: 2000, px: 200, label: '2 km' });
    expect(niceScaleBar(10, 520)).toMatchObject({ metres: 5000, px: 500, label: '5 km' });
    expect(niceScaleBar(0.05, 200)).toMatchObject({ metres: 10, px: 200, label: '10 m' });
  });

  it('is never longer than the room given, and at least 40 % of it', () => {
    for (let mpp = 0.013; mpp < 5000; mpp *= 1.37) {
      const b = niceScaleBar(mpp, 250);
      expect(b.px).toBeLessThanOrEqual(250 + 1e-9);
      expect(b.px).toBeGreaterThanOrEqual(100 - 1e-9);
      expect(b.px * mpp).toBeCloseTo(b.metres, 6);
    }
  });

  it('fits exactly a length that is itself round', () => {
    expect(niceScaleBar(2, 500).metres).toBe(1000);
    expect(niceScaleBar(0.1, 10).metres).toBe(1);
  });

  it('writes kilometres from 1 km and metres below, without float noise', () => {
    expect(niceScaleBar(0.3, 2).label).toBe('0.5 m');
    expect(niceScaleBar(100, 2000).label).toBe('200 km');
    expect(niceScaleBar(1, 1000).label).toBe('1 km');
  });

  it('names the bad value', () => {
    expect(() => niceScaleBar(0, 100)).toThrow(/metresPerPx must be a positive number, got 0/);
    expect(() => niceScaleBar(1, -1)).toThrow(/maxPx must be positive, got -1/);
  });
});
