// The live map's camera as state others can read and set (saved views, presentation, the URL, print) without
// reaching into the map component. MapView attaches the map; nothing here exists until it does.
import type { Map as MaplibreMap } from 'maplibre-gl';
import { getContext, setContext, untrack } from 'svelte';

export interface Camera {
  /** [lng, lat] in WGS84 */
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

/** Round a camera so that equal views compare and serialise equal (about 1 cm at the equator). */
export function roundCamera(c: Camera): Camera {
  const r = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  return { center: [r(c.center[0], 7), r(c.center[1], 7)], zoom: r(c.zoom, 3), bearing: r(c.bearing, 1), pitch: r(c.pitch, 1) };
}

export function isCamera(x: unknown): x is Camera {
  const c = x as Camera;
  return (
    !!c &&
    Array.isArray(c.center) &&
    c.center.length === 2 &&
    c.center.every(Number.isFinite) &&
    Math.abs(c.center[1]) <= 90 &&
    [c.zoom, c.bearing, c.pitch].every(Number.isFinite)
  );
}

export class MapHandle {
  map = $state.raw<MaplibreMap | null>(null);
  /** the camera after the last move (updated on moveend), for the URL and for saving views */
  camera = $state.raw<Camera | null>(null);
  /** a camera asked for before the map existed, applied when it attaches */
  #pending: Camera | null = null;

  /** Called from the map component's effect: reads nothing reactive, so that effect does not depend on it. */
  attach(map: MaplibreMap): () => void {
    return untrack(() => this.#attach(map));
  }

  #attach(map: MaplibreMap): () => void {
    this.map = map;
    const onMove = () => (this.camera = this.read());
    map.on('moveend', onMove);
    if (this.#pending) {
      map.jumpTo(this.#pending);
      this.#pending = null;
    }
    onMove();
    return () => {
      map.off('moveend', onMove);
      if (this.map === map) this.map = null;
    };
  }

  read(): Camera | null {
    const m = this.map;
    if (!m) return null;
    const c = m.getCenter();
    return roundCamera({ center: [c.lng, c.lat], zoom: m.getZoom(), bearing: m.getBearing(), pitch: m.getPitch() });
  }

  /** The camera that fits a [w, s, e, n] box (flat, north up), or null before the map exists. */
  fit(box: [number, number, number, number], padding = 60): Camera | null {
    const m = this.map;
    if (!m) return null;
    const c = m.cameraForBounds(box, { padding, maxZoom: 17 });
    if (!c?.center) return null;
    const ll = c.center as { lng: number; lat: number };
    return roundCamera({ center: [ll.lng, ll.lat], zoom: c.zoom ?? m.getZoom(), bearing: 0, pitch: 0 });
  }

  /** Move the camera: animated (flyTo over `durationMs`) or at once. */
  go(c: Camera, durationMs = 0): void {
    const m = this.map;
    if (!m) {
      this.#pending = c;
      return;
    }
    if (durationMs > 0) m.flyTo({ ...c, duration: durationMs, essential: true });
    else m.jumpTo(c);
  }
}

const KEY = Symbol('map-handle');
export function setMapHandle(h: MapHandle): MapHandle {
  return setContext(KEY, h);
}
export function getMapHandle(): MapHandle {
  const h = getContext<MapHandle | undefined>(KEY);
  if (!h) throw new Error('getMapHandle() called outside <App>: no map handle in context');
  return h;
}
