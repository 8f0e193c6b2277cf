// The load report as the user exports it, the size limit, and the repair of one geometry (no mutation of its input).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/lib/io/errors';
import { loadFile } from '../../../src/lib/io/load';
import fc from 'fast-check';
import { repairGeometry, selfIntersects, selfIntersectsSweep } from '../../../src/lib/io/repair';
import { checkSize, reportCsv } from '../../../src/lib/io/validate';

const bad = (name: string): Uint8Array => new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../fixtures/bad', name)));

describe('reportCsv', () => {
  it('lists repairs, warnings and exclusions with 1-based rows, ids and both sentences; formula-like cells defused', async () => {
    const l = await loadFile('nan-coords.zip', bad('nan-coords.zip'));
    const csv = reportCsv({ repairs: [], warnings: [{ code: 'formula-text', row: 0, id: '=cmd', en: '=x', zh: '=y' }], excluded: l.excluded });
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('kind,row,id,code,en,zh');
    expect(lines[1]).toBe("warning,1,'=cmd,formula-text,'=x,'=y");
    expect(lines[2]).toMatch(/^excluded,4,XX-004,bad-coordinate,"nan-coords\.zip, feature XX-004, row 4: coordinate \[NaN, 35\.3\] is not a pair of finite numbers; excluded","nan-coords\.zip，要素 XX-004，第 4 行：/);
    expect(lines).toHaveLength(4);
  });
});

describe('checkSize', () => {
  it('refuses over the limit with both sizes, passes at the limit', () => {
    expect(() => checkSize('big.geojson', 1024, 1024)).not.toThrow();
    const err = (() => {
      try {
        checkSize('big.geojson', 3.2 * 1024 ** 3);
      } catch (e) {
        return e as UserError;
      }
    })();
    expect(err).toBeInstanceOf(UserError);
    expect(err?.en).toBe('big.geojson: is 3.2 GB, more than the 1.5 GB this device can load; split it, or convert it to FlatGeobuf (.fgb) and load one area at a time');
    expect(err?.zh).toBe('big.geojson：有 3.2 GB，超过本设备可加载的 1.5 GB；请拆分文件，或转为 FlatGeobuf（.fgb）后按范围分块加载');
  });
});

describe('repairGeometry', () => {
  const square = [[0, 0], [0, 1], [1, 1], [1, 0]]; // clockwise, unclosed

  it('closes, re-orients and reports, without touching its input', () => {
    const input = { type: 'Polygon', coordinates: [square.map((p) => [...p])] };
    const copy = structuredClone(input);
    const r = repairGeometry(input);
    expect(input).toEqual(copy);
    expect(r.excluded).toBeNull();
    expect(r.repairs.map((n) => n.code)).toEqual(['ring-closed', 'winding']);
    expect(r.geometry).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] });
  });

  it('refuses collinear rings and tells a touching ring from a clean one', () => {
    expect(repairGeometry({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [2, 2], [0, 0]]] }).excluded?.code).toBe('no-area');
    expect(selfIntersects([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]])).toBe(false);
    expect(selfIntersects([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]])).toBe(true);
  });

  it('answers the same for small rings pair by pair as the sweep does, touching and collinear edges included', () => {
    const pt = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }));
    fc.assert(
      fc.property(fc.array(pt, { minLength: 4, maxLength: 32 }), (pts) => {
        const ring = [...pts, pts[0]];
        expect(selfIntersects(ring)).toBe(selfIntersectsSweep(ring));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a clean ring as given (no copy) and copies a ring it must repair', () => {
    const ring = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
    const kept = repairGeometry({ type: 'Polygon', coordinates: [ring] });
    expect((kept.geometry?.coordinates as number[][][])[0]).toBe(ring);
    const reversed = [...ring].reverse();
    const fixed = repairGeometry({ type: 'Polygon', coordinates: [reversed] });
    expect((fixed.geometry?.coordinates as number[][][])[0]).not.toBe(reversed);
    expect(reversed).toEqual([...ring].reverse());
  });

  it('excludes non-areas only when areas are needed', () => {
    expect(repairGeometry({ type: 'Point', coordinates: [1, 2] }).excluded).toBeNull();
    expect(repairGeometry({ type: 'Point', coordinates: [1, 2] }, { area: true }).excluded?.code).toBe('not-area');
  });
});
