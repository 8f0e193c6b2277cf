// Autosave's status: "saved" only once every change is in storage, never while a later change waits or is written.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SavedProject } from '../../../src/lib/state/persist';

const writes: { project: SavedProject; done: () => void; fail: (e: Error) => void }[] = [];
vi.mock('../../../src/lib/state/persist', () => ({
  saveProject: (project: SavedProject) => new Promise<void>((done, fail) => writes.push({ project, done, fail })),
  loadProject: async () => null,
  clearProject: async () => {},
}));

const { Autosave } = await import('../../../src/lib/state/autosave.svelte');

describe('autosave status', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    writes.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('goes pending, saving, then saved with the time, holding the parameters of the moment it wrote', async () => {
    let gap = 10;
    const a = new Autosave({ get: () => ({ gap }), set: () => {} });
    expect(a.status).toBe('idle');
    a.schedule(400);
    expect(a.status).toBe('pending');
    gap = 25;
    await vi.advanceTimersByTimeAsync(399);
    expect(writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(a.status).toBe('saving');
    expect(writes[0].project.params).toEqual({ gap: 25 });
    writes[0].done();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.status).toBe('saved');
    expect(a.savedAt).toBeInstanceOf(Date);
  });

  it('is not saved while a change made during a write waits or is being written', async () => {
    let gap = 10;
    const a = new Autosave({ get: () => ({ gap }), set: () => {} });
    a.schedule(100);
    await vi.advanceTimersByTimeAsync(100);
    gap = 25;
    a.schedule(100);
    writes[0].done();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(100);
    expect(writes).toHaveLength(2);
    // a third change starts writing before the second write ends
    gap = 50;
    void a.save();
    writes[1].done();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.status).toBe('saving');
    writes[2].done();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.status).toBe('saved');
    expect(writes[2].project.params).toEqual({ gap: 50 });
  });

  it('says so when storage refuses, in both languages', async () => {
    const a = new Autosave({ get: () => ({}), set: () => {} });
    void a.save();
    writes[0].fail(new Error('QuotaExceededError'));
    await vi.advanceTimersByTimeAsync(0);
    expect(a.status).toBe('failed');
    expect(a.failure?.zh).toContain('QuotaExceededError');
    expect(a.failure?.en).toContain('Download the project file');
  });
});
