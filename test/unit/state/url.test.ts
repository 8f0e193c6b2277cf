import { describe, expect, it } from 'vitest';
import { decodeUrlState, encodeUrlState } from '../../../src/lib/state/url';

describe('URL state', () => {
  it('round-trips camera, view and a setup with Chinese text', () => {
    const s = {
      camera: { center: [113.9123456, 35.3012346] as [number, number], zoom: 12.345, bearing: 15, pitch: 30 },
      view: 'v1a',
      setup: { filter: { district: '红旗区', yearMax: 1999 }, clusters: { active: true, gapM: 25 }, selection: { layer: 'compounds', id: 'XX-0012' } },
    };
    const hash = encodeUrlState(s);
    expect(hash).toMatch(/^#map=12\.345\/35\.301235\/113\.912346\/15\/30&view=v1a&setup=[A-Za-z0-9_-]+$/);
    const back = decodeUrlState(hash);
    expect(back.camera).toEqual({ center: [113.912346, 35.301235], zoom: 12.345, bearing: 15, pitch: 30 });
    expect(back.view).toBe('v1a');
    expect(back.setup).toEqual(s.setup);
  });

  it('ignores what does not parse and keeps the rest', () => {
    expect(decodeUrlState('#map=abc/1/2&setup=%%%')).toEqual({ camera: null, view: null, setup: null });
    expect(decodeUrlState('#map=11/35.3/113.9&setup=bm90IGpzb24').camera).toEqual({ center: [113.9, 35.3], zoom: 11, bearing: 0, pitch: 0 });
    expect(decodeUrlState('#map=11/135/113.9').camera).toBeNull();
    expect(decodeUrlState('').camera).toBeNull();
  });
});
