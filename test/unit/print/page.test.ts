import { describe, expect, it } from 'vitest';
import { clampPixelRatio, MAX_MAP_PIXELS, mmToPt, pageLayout, PAPER_SIZES, type Rect } from '../../../src/lib/print/page';

const inside = (a: Rect, b: Rect) => a.x >= b.x - 1e-9 && a.y >= b.y - 1e-9 && a.x + a.w <= b.x + b.w + 1e-9 && a.y + a.h <= b.y + b.h + 1e-9;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('page geometry', () => {
  it('gives A3 landscape the exact PDF size in points and its pixel size at the dpi', () => {
    const l = pageLayout('A3', 'landscape', 150);
    expect(l.widthPt).toBeCloseTo(1190.55, 2);
    expect(l.heightPt).toBeCloseTo(841.89, 2);
    expect([l.widthPx, l.heightPx]).toEqual([2480, 1754]);
  });

  it('gives A4 and A1 their ISO sizes in both orientations', () => {
    expect([pageLayout('A4', 'portrait', 300).widthPx, pageLayout('A4', 'portrait', 300).heightPx]).toEqual([2480, 3508]);
    expect(pageLayout('A1', 'landscape', 72).widthPt).toBeCloseTo(mmToPt(841), 6);
    expect(pageLayout('A1', 'portrait', 72).heightPt).toBeCloseTo(2383.94, 2);
  });

  for (const size of PAPER_SIZES)
    for (const orientation of ['portrait', 'landscape'] as const)
      it(`keeps every frame of ${size} ${orientation} on the page, the map's marks inside the map, and no blocks overlapping`, () => {
        const l = pageLayout(size, orientation, 150);
        const page = { x: 0, y: 0, w: l.widthPx, h: l.heightPx };
        const f = l.frames;
        for (const r of Object.values(f)) {
          expect(inside(r, page)).toBe(true);
          expect(r.w).toBeGreaterThan(0);
          expect(r.h).toBeGreaterThan(0);
        }
        expect(inside(f.scaleBar, f.map)).toBe(true);
        expect(inside(f.north, f.map)).toBe(true);
        expect(overlap(f.scaleBar, f.north)).toBe(false);
        const blocks = [f.title, f.map, f.legend, f.table, f.footer];
        for (let i = 0; i < blocks.length; i++) for (let j = i + 1; j < blocks.length; j++) expect(overlap(blocks[i], blocks[j])).toBe(false);
        // the map takes the largest share of the page
        expect((f.map.w * f.map.h) / (l.widthPx * l.heightPx)).toBeGreaterThan(0.4);
      });

  it('scales the layout with the paper: A1 is A4 times 2√2 at the same dpi', () => {
    const a4 = pageLayout('A4', 'landscape', 100);
    const a1 = pageLayout('A1', 'landscape', 100);
    expect(a1.unit / a4.unit).toBeCloseTo(594 / 210, 6);
  });

  it('names the bad value when the size or dpi is wrong', () => {
    expect(() => pageLayout('A5' as 'A4', 'portrait', 150)).toThrow(/"A5".*A4, A3 or A1/);
    expect(() => pageLayout('A4', 'portrait', 0)).toThrow(/dpi 0/);
  });

  it('keeps the asked pixel ratio when the GPU allows it, and lowers it to the longest side or the pixel budget', () => {
    expect(clampPixelRatio(1000, 800, 150 / 96, 8192)).toBeCloseTo(150 / 96, 9);
    // a side of 3000 CSS px at 300 dpi would be 9375 px: clamped to 8192
    expect(clampPixelRatio(3000, 1000, 300 / 96, 8192) * 3000).toBeCloseTo(8192, 6);
    const r = clampPixelRatio(2500, 2500, 300 / 96, 16384);
    expect(r * 2500 * r * 2500).toBeCloseTo(MAX_MAP_PIXELS, 0);
  });
});
