// The chosen base map, remembered in this browser. Choosing a network base map also records its origins so
// the Content-Security-Policy (public/csp.js) allows them after the next page load.
import type { BasemapChoice } from '../map/basemap';

const CHOICE_KEY = 'lianpian.basemap';
const ORIGINS_KEY = 'lianpian.origins';

function read(): BasemapChoice {
  try {
    const c = JSON.parse(globalThis.localStorage?.getItem(CHOICE_KEY) ?? 'null') as BasemapChoice | null;
    if (c && typeof c === 'object' && 'kind' in c) return c;
  } catch {
    // unreadable: offline default
  }
  return { kind: 'offline' };
}

function allowedOrigins(): string[] {
  try {
    const o = JSON.parse(globalThis.localStorage?.getItem(ORIGINS_KEY) ?? '[]') as unknown;
    return Array.isArray(o) ? o.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export class Basemap {
  choice = $state<BasemapChoice>(read());

  /**
   * Use `choice`. Returns true when its origins are already allowed by the page's policy; false when the
   * page must reload for the policy to allow them (the choice is saved either way).
   */
  apply(choice: BasemapChoice, origins: string[]): boolean {
    this.choice = choice;
    const allowed = allowedOrigins();
    const missing = origins.filter((o) => !allowed.includes(o));
    try {
      globalThis.localStorage?.setItem(CHOICE_KEY, JSON.stringify(choice));
      if (missing.length) globalThis.localStorage?.setItem(ORIGINS_KEY, JSON.stringify([...allowed, ...missing]));
    } catch {
      // storage denied: works for this page only
    }
    return missing.length === 0;
  }
}
