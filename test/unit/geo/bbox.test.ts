import { describe, expect, it } from 'vitest';
import { geometryBBox, unionBBox } from '../../../src/lib/geo/bbox';

describe('bounding boxes', () => {
  it('covers every part and hole of a multipolygon', () => {
    const g = {
      type: 'MultiPolygon' as const,
      coordinates: [
        [[[113.9, 35.3], [113.91, 35.3], [113.91, 35.31], [113.9, 35.3]]],
        [[[113.95, 35.25], [113.96, 35.25], [113.96, 35.26], [113.95, 35.25]]],
      ],
    };
    expect(geometryBBox(g)).toEqual([113.9, 35.25, 113.96, 35.31]);
  });

  it('unions boxes and is null for nothing', () => {
    expect(unionBBox([])).toBeNull();
    expect(unionBBox([{ type: 'Point', coordinates: [1, 2] }, { type: 'Point', coordinates: [-1, 5] }])).toEqual([-1, 2, 1, 5]);
  });
});
