import { describe, expect, it } from 'vitest';
import { VirtualWindow } from '../../../src/lib/ui/virtual.svelte';

describe('the rows a virtualised table renders', () => {
  it('are those in view plus the overscan, with spacers that keep the full height', () => {
    let n = 1000;
    const w = new VirtualWindow(() => n, { rowH: 26, viewH: 240, overscan: 5 });
    expect([w.start, w.end]).toEqual([0, 15]);
    w.scrollTop = 2600; // row 100 at the top
    expect([w.start, w.end]).toEqual([95, 115]);
    expect(w.before + (w.end - w.start) * 26 + w.after).toBe(n * 26);
    n = 50;
    const short = new VirtualWindow(() => n, { viewH: 240 });
    short.scrollTop = 2600;
    expect(short.end).toBe(50);
    expect(short.after).toBe(0);
  });
});
