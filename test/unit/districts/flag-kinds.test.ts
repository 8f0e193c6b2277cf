// The policy panel groups compound findings by kind under a short label: every kind the funding profiles can raise
// has one in both languages (a new kind without one would show its code to the planner).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAG_KINDS } from '../../../src/lib/geo/funding/flags';

const dir = path.resolve(import.meta.dirname, '../../../src/lib/geo/funding');

describe('FLAG_KINDS', () => {
  it('labels every finding code the funding profiles raise, in Chinese and English', () => {
    const codes = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/flag\(\s*'([a-z]+\.[a-z-]+)'/g)) codes.add(m[1]);
    }
    expect(codes.size).toBeGreaterThanOrEqual(15);
    for (const code of codes) {
      expect(FLAG_KINDS[code], code).toBeDefined();
      expect(FLAG_KINDS[code].zh).toMatch(/[\u4e00-\u9fff]/);
      expect(FLAG_KINDS[code].en).toMatch(/^[a-z]/);
    }
  });
});
