import { getContext, setContext } from 'svelte';
import type { Project } from './project.svelte';
import type { Loader } from './loader.svelte';
import type { Clusters } from './clusters.svelte';

const PROJECT = Symbol('project');
const LOADER = Symbol('loader');

export function setProject(p: Project): Project {
  return setContext(PROJECT, p);
}
export function getProject(): Project {
  const p = getContext<Project | undefined>(PROJECT);
  if (!p) throw new Error('getProject() called outside <App>: no project in context');
  return p;
}
export function setLoader(l: Loader): Loader {
  return setContext(LOADER, l);
}
export function getLoader(): Loader {
  const l = getContext<Loader | undefined>(LOADER);
  if (!l) throw new Error('getLoader() called outside <App>: no loader in context');
  return l;
}

const CLUSTERS = Symbol('clusters');
export function setClusters(c: Clusters): Clusters {
  return setContext(CLUSTERS, c);
}
export function getClusters(): Clusters {
  const c = getContext<Clusters | undefined>(CLUSTERS);
  if (!c) throw new Error('getClusters() called outside <App>: no cluster analysis in context');
  return c;
}
