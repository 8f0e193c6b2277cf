// The review's edit history: every edit undoable and redoable in order, logged with who did it; the document
// through a save and a restore (JSON, as autosave and the project file keep it); reference layers side by side.
import { describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from '../../../src/workers/protocol';
import type { Engine } from '../../../src/lib/state/engine';

import { en } from '../../../src/lib/i18n/en';
import { zh } from '../../../src/lib/i18n/zh';

const { Review, restrictKey } = await import('../../../src/lib/state/review.svelte');
const { i18n } = await import('../../../src/lib/i18n/i18n.svelte');

/** An engine whose worker answers a reference load at once with the given columns and features. */
function fakeEngine(reply: (msg: ToWorker) => FromWorker | null): Engine {
  let handler: ((m: FromWorker) => void) | null = null;
  return {
    start: (h: (m: FromWorker) => void) => ((handler = h), 1),
    post: (msg: ToWorker) => {
      const r = reply(msg);
      if (r) queueMicrotask(() => handler?.(r));
    },
    end: () => (handler = null),
  } as unknown as Engine;
}

const square = { type: 'Polygon' as const, coordinates: [[[114, 35], [114.01, 35], [114.01, 35.01], [114, 35]]] };

describe('the review document', () => {
  it('undoes and redoes every edit in order, and logs each with the reviewer', () => {
    const r = new Review(fakeEngine(() => null));
    r.setUser('王工');
    r.takeOut('A', '平原新村');
    const note = r.addNote({ layer: 'compounds', id: 'B' }, '红旗区', '入口北移', '胜利小区');
    r.setStatus(note.id, 'approved', { zh: '已通过', en: 'approved' });
    r.editAttribute('B', '胜利小区', 'households', { zh: '户数', en: 'households' }, 120, 130);
    expect(r.doc.overrides).toEqual([{ kind: 'out', id: 'A' }]);
    expect(r.doc.notes[0]).toMatchObject({ text: '入口北移', status: 'approved', author: '王工', district: '红旗区' });
    expect(r.doc.edits).toEqual([{ id: 'B', field: 'households', value: 130 }]);
    const full = r.doc;
    r.undo();
    r.undo();
    expect(r.doc.edits).toEqual([]);
    expect(r.doc.notes[0].status).toBe('open');
    r.redo();
    expect(r.doc.notes[0].status).toBe('approved');
    expect(r.canRedo).toBe(true);
    r.redo();
    expect(r.doc).toBe(full);
    expect(r.canRedo).toBe(false);
    // a new edit after an undo drops what could have been redone
    r.undo();
    r.clearOverride('A', '平原新村');
    expect(r.canRedo).toBe(false);
    expect(r.doc.overrides).toEqual([]);
    expect(r.log.map((e) => e.who)).toEqual(Array(r.log.length).fill('王工'));
    expect(r.log.map((e) => e.zh)).toEqual([
      '将小区“平原新村”移出连片区',
      '在“胜利小区”添加批注：入口北移',
      `批注 ${note.id} 状态改为“已通过”`,
      '将小区“胜利小区”的户数由 120 改为 130',
      '撤销：将小区“胜利小区”的户数由 120 改为 130',
      `撤销：批注 ${note.id} 状态改为“已通过”`,
      `重做：批注 ${note.id} 状态改为“已通过”`,
      '重做：将小区“胜利小区”的户数由 120 改为 130',
      '撤销：将小区“胜利小区”的户数由 120 改为 130',
      '恢复小区“平原新村”按间距规则归属',
    ]);
    // an edit to the same value is no edit
    const n = r.log.length;
    r.editAttribute('B', '胜利小区', 'households', { zh: '户数', en: 'households' }, 120, 120);
    expect(r.log.length).toBe(n);
  });

  it('comes back whole from a save (JSON), and ignores what a damaged save holds', () => {
    const r = new Review(fakeEngine(() => null));
    r.takeOut('A', 'A');
    r.joinWith('C', 'C', 'D', 'D');
    r.addFootprint('clinic', { zh: '社区卫生服务站', en: 'clinic' }, [[114, 35], [114.001, 35], [114.001, 35.001]]);
    r.setRestricted('clinic', { zh: '社区卫生服务站', en: 'clinic' }, 'zoning.geojson', 'M1', true);
    r.classColumns['zoning.geojson'] = '用地性质';
    const saved = JSON.parse(JSON.stringify(r.snapshot()));
    const back = new Review(fakeEngine(() => null));
    back.restore(saved);
    expect(back.doc).toEqual(r.doc);
    expect(back.log).toEqual(r.log);
    expect(back.classColumns).toEqual({ 'zoning.geojson': '用地性质' });
    expect(back.doc.restricted).toEqual({ clinic: [restrictKey('zoning.geojson', 'M1')] });
    const damaged = new Review(fakeEngine(() => null));
    damaged.restore({ doc: { overrides: 'x', notes: null }, classColumns: { a: 3 }, log: 5, undo: 'x' });
    expect(damaged.doc).toEqual({ overrides: [], edits: [], footprints: [], notes: [], restricted: {} });
    expect(damaged.classColumns).toEqual({});
    expect(damaged.canUndo).toBe(false);
  });

  it('logs each edit in both languages, whichever the interface showed (the report is read in either)', () => {
    const r = new Review(fakeEngine(() => null));
    r.editAttribute('B', '胜利小区', 'households', i18n.both('f_households'), 120, 130);
    const note = r.addNote({ layer: 'area', ring: [] }, '', '看一下', i18n.both('review_note_area'));
    r.setStatus(note.id, 'change', i18n.both('review_status_change'));
    const [edit, pinned, status] = r.log;
    expect(edit.zh).toContain('户数由 120 改为 130');
    expect(edit.en).toContain(`Changed ${en.f_households} of`);
    expect(pinned.en).toContain(`"${en.review_note_area}"`);
    expect(pinned.zh).toContain(`“${zh.review_note_area}”`);
    expect(status.zh).toContain('需修改');
    expect(status.en).toContain('needs change');
  });

  it('keeps undo and redo through a save: the step made just before a reload can be undone after it', () => {
    const r = new Review(fakeEngine(() => null));
    r.takeOut('A', 'A');
    r.joinWith('C', 'C', 'D', 'D');
    r.takeOut('B', 'B');
    r.undo();
    const afterJoin = r.doc;
    const back = new Review(fakeEngine(() => null));
    back.restore(JSON.parse(JSON.stringify(r.snapshot())));
    expect(back.doc).toEqual(afterJoin);
    expect(back.undoLabel?.en).toBe(r.undoLabel?.en);
    expect(back.redoLabel?.en).toBe(r.redoLabel?.en);
    back.redo();
    expect(back.doc.overrides.map((o) => o.id)).toEqual(['A', 'C', 'B']);
    back.undo();
    back.undo();
    back.undo();
    expect(back.doc.overrides).toEqual([]);
    expect(back.canUndo).toBe(false);
    // a damaged step: nothing before it can be reached, what comes after it still can
    const saved = JSON.parse(JSON.stringify(r.snapshot()));
    saved.undo[0].zh = 5;
    const partly = new Review(fakeEngine(() => null));
    partly.restore(saved);
    partly.undo();
    expect(partly.doc.overrides.map((o) => o.id)).toEqual(['A']);
    expect(partly.canUndo).toBe(false);
    // another project's save brings its own history: none here
    partly.restore({ doc: { overrides: [] } });
    expect(partly.canUndo || partly.canRedo).toBe(false);
  });

  it('keeps reference layers side by side, replaces one of the same name, classes each by its own attribute', async () => {
    const layers: Record<string, { columns: string[]; features: { properties: Record<string, unknown>; geometry: typeof square }[] }> = {
      'zoning.geojson': { columns: ['地块编码', '用地性质'], features: [{ properties: { 地块编码: 'A1', 用地性质: 'M1' }, geometry: square }, { properties: { 地块编码: 'A2', 用地性质: null }, geometry: square }] },
      'heritage.geojson': { columns: ['名称', '保护级别'], features: [{ properties: { 名称: '老城', 保护级别: '核心保护范围' }, geometry: square }] },
    };
    const r = new Review(
      fakeEngine((msg) => {
        if (msg.type !== 'reference') return null;
        const l = layers[msg.name];
        return { type: 'reference', job: msg.job, load: { file: msg.name, format: 'geojson', crs: 'EPSG:4326', crsSource: 'default', count: l.features.length, skipped: [], notes: [] }, columns: l.columns, features: l.features, skipped: [] } as unknown as FromWorker;
      }),
    );
    expect(await r.loadReference('zoning.geojson', new ArrayBuffer(0))).toBe(true);
    expect(await r.loadReference('heritage.geojson', new ArrayBuffer(0))).toBe(true);
    expect(await r.loadReference('zoning.geojson', new ArrayBuffer(0))).toBe(true);
    expect(r.references.map((l) => l.name)).toEqual(['heritage.geojson', 'zoning.geojson']);
    expect(r.classColumns).toEqual({ 'zoning.geojson': '用地性质', 'heritage.geojson': '保护级别' });
    expect(r.classesOf(r.references[1])).toEqual(['M1', '(空)']);
    expect(r.zones.map((z) => z.key)).toEqual([restrictKey('heritage.geojson', '核心保护范围'), restrictKey('zoning.geojson', 'M1'), restrictKey('zoning.geojson', '(空)')]);
    r.removeReference('heritage.geojson');
    expect(r.zones.map((z) => z.layer)).toEqual(['zoning.geojson', 'zoning.geojson']);
  });
});
