// The address bar carries the current view, so that a link reopens it where the same data is loaded:
//   #map=zoom/lat/lng/bearing/pitch&view=<saved view id>&setup=<base64url UTF-8 JSON of the setup>
// `map` alone is enough to share a place; `setup` brings the filter, analysis and selection along.
import { fromBase64Url, toBase64Url } from './base64';
import { isCamera, type Camera } from './camera.svelte';

export interface UrlState {
  camera: Camera | null;
  view: string | null;
  setup: unknown;
}

export function encodeUrlState(s: UrlState): string {
  const parts: string[] = [];
  if (s.camera) {
    const c = s.camera;
    parts.push(`map=${[c.zoom, c.center[1], c.center[0], c.bearing, c.pitch].map((x) => +x.toFixed(x === c.zoom ? 3 : 6)).join('/')}`);
  }
  if (s.view) parts.push(`view=${encodeURIComponent(s.view)}`);
  if (s.setup !== undefined && s.setup !== null) parts.push(`setup=${toBase64Url(new TextEncoder().encode(JSON.stringify(s.setup)))}`);
  return parts.length ? `#${parts.join('&')}` : '';
}

/** Read a location hash; parts that do not parse are ignored (a hand-edited link still opens). */
export function decodeUrlState(hash: string): UrlState {
  const out: UrlState = { camera: null, view: null, setup: null };
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const map = q.get('map');
  if (map) {
    const [zoom, lat, lng, bearing = 0, pitch = 0] = map.split('/').map(Number);
    const c = { center: [lng, lat] as [number, number], zoom, bearing, pitch };
    if (isCamera(c) && Math.abs(lng) <= 180 && zoom >= 0 && zoom <= 24) out.camera = c;
  }
  const view = q.get('view');
  if (view) out.view = view;
  const setup = q.get('setup');
  if (setup) {
    try {
      out.setup = JSON.parse(new TextDecoder().decode(fromBase64Url(setup)));
    } catch {
      // a damaged setup: keep the camera
    }
  }
  return out;
}
