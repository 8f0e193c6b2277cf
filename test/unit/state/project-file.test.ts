import { describe, expect, it } from 'vitest';
import { decodeProject, encodeProject } from '../../../src/lib/state/project-file';
import { UserError } from '../../../src/lib/io/errors';
import type { SavedProject } from '../../../src/lib/state/persist';

const bytes = (s: string): ArrayBuffer => new TextEncoder().encode(s).buffer as ArrayBuffer;
const text = (b: ArrayBuffer): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);

describe('project file', () => {
  const project: SavedProject = {
    version: 1,
    savedAt: '2026-11-21T10:00:00.000Z',
    sources: [
      { role: 'compounds', name: '小区.geojson', crs: 'EPSG:4547', bytes: bytes('{"type":"FeatureCollection","features":[]}'), extra: [] },
      { role: 'ledger', name: '台账.csv', bytes: bytes('\uFEFF名称,户数\n幸福里,120\n'), extra: [{ name: 'x.cpg', bytes: new Uint8Array([0, 255, 128]).buffer }] },
    ],
    params: { camera: { center: [113.9, 35.3], zoom: 12, bearing: 0, pitch: 0 }, views: [{ title: '概览' }] },
  };

  it('round-trips the files byte for byte and the parameters as given', () => {
    const back = decodeProject(encodeProject(project).buffer as ArrayBuffer, 'p.lianpian.json');
    expect(back.savedAt).toBe(project.savedAt);
    expect(back.params).toEqual(project.params);
    expect(back.sources.map((s) => [s.role, s.name, s.crs])).toEqual([
      ['compounds', '小区.geojson', 'EPSG:4547'],
      ['ledger', '台账.csv', undefined],
    ]);
    expect(text(back.sources[1].bytes)).toBe('\uFEFF名称,户数\n幸福里,120\n');
    expect([...new Uint8Array(back.sources[1].extra[0].bytes)]).toEqual([0, 255, 128]);
  });

  it('names the file and the problem for what it cannot read', () => {
    const cases: [string, RegExp][] = [
      ['not json', /p\.json: this is not a Lianpian project file \(not UTF-8 JSON\)/],
      ['{"type":"FeatureCollection"}', /no "format": "lianpian-project"/],
      ['{"format":"lianpian-project","version":9,"sources":[]}', /version 9 is not supported/],
      ['{"format":"lianpian-project","version":1}', /lists no data files/],
      ['{"format":"lianpian-project","version":1,"sources":[{"role":"compounds","name":"a.fgb"}]}', /data file 1 is incomplete/],
      ['{"format":"lianpian-project","version":1,"sources":[{"role":"compounds","name":"a.fgb","bytes":"@@@"}]}', /data file 1 \(a\.fgb\) is damaged/],
    ];
    for (const [s, re] of cases) {
      let err: unknown;
      try {
        decodeProject(bytes(s), 'p.json');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).en).toMatch(re);
      expect((err as UserError).zh).toMatch(/^p\.json：/);
    }
  });
});
