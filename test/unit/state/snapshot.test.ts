// The setup that autosave, saved views, the project file and links all carry: capture, then apply onto fresh state.
import { describe, expect, it } from 'vitest';
import { Project } from '../../../src/lib/state/project.svelte';
import { Clusters } from '../../../src/lib/state/clusters.svelte';
import { Sites } from '../../../src/lib/state/sites.svelte';
import { Districts } from '../../../src/lib/state/districts.svelte';
import { applySetup, captureSetup } from '../../../src/lib/state/snapshot.svelte';
import type { Engine } from '../../../src/lib/state/engine';
import type { Compound } from '../../../src/lib/geo/types';

const engine = {} as Engine;
function states() {
  const project = new Project();
  return { project, clusters: new Clusters(project, engine), sites: new Sites(project, engine), districts: new Districts(project) };
}
const compound = (id: string, name: string): Compound => ({ id, name, geometry: { type: 'Polygon', coordinates: [] } }) as unknown as Compound;

describe('setup snapshot', () => {
  it('applies what it captured onto fresh state, the selection found again by id', () => {
    const a = states();
    a.project.compounds = [compound('A1', '幸福里'), compound('A2', '和平村')];
    a.project.filter = { ...a.project.filter, district: '红旗区', yearMax: 1999 };
    a.project.views.roads.visible = false;
    a.clusters.active = true;
    a.clusters.gapM = 25;
    a.sites.k = 7;
    a.districts.measure = 'households';
    a.project.selection = { layer: 'compounds', index: 1 };
    const setup = JSON.parse(JSON.stringify(captureSetup(a)));
    expect(setup.selection).toEqual({ layer: 'compounds', id: 'A2' });

    const b = states();
    // the same compounds in another order: the selection follows the id, not the index
    b.project.compounds = [compound('A2', '和平村'), compound('A1', '幸福里')];
    applySetup(b, setup);
    expect(b.project.filter.district).toBe('红旗区');
    expect(b.project.filter.yearMax).toBe(1999);
    expect(b.project.views.roads.visible).toBe(false);
    expect([b.clusters.active, b.clusters.gapM, b.sites.k, b.districts.measure]).toEqual([true, 25, 7, 'households']);
    expect(b.project.selection).toEqual({ layer: 'compounds', index: 0 });
  });

  it('ignores members of the wrong type or unknown, and clears a selection that is not there', () => {
    const b = states();
    b.project.compounds = [compound('A1', '幸福里')];
    b.project.selection = { layer: 'compounds', index: 0 };
    applySetup(b, { clusters: { gapM: null, unitMin: '3', active: 'yes', extra: 1 }, filter: { yearMin: null, yearMax: 1990, district: 5 }, selection: { layer: 'compounds', id: 'gone' } });
    expect(b.clusters.gapM).toBe(10);
    expect(b.clusters.unitMin).toBe(1500);
    expect(b.clusters.active).toBe(false);
    expect(b.project.filter.yearMax).toBe(1990);
    expect(b.project.filter.district).toBe('');
    expect(b.project.selection).toBeNull();
    // not an object at all: nothing changes
    applySetup(b, 'nonsense');
    expect(b.project.filter.yearMax).toBe(1990);
  });
});
