// An off-screen maplibre map with its own deck overlay, sized to a page's map frame, that draws the same style
// and layers as the live map at print resolution and hands back its pixels.
import maplibregl, { type StyleSpecification } from 'maplibre-gl';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from '@deck.gl/core';
import type { BBox } from '../geo/bbox';
import type { Camera } from '../state/camera.svelte';
import { clampPixelRatio } from './page';

/** a map view: fit a box (with padding in CSS px) or use a camera as it is */
export type PrintView = { bounds: BBox; padding: number } | { camera: Camera };

export interface MapPixels {
  /** a copy of the map's pixels (device pixels) */
  image: HTMLCanvasElement;
  /** ground metres per CSS pixel at the map's centre */
  metresPerCssPx: number;
  bearing: number;
}

let limits: number | null = null;
/** The largest canvas side this GPU draws: the least of its renderbuffer, viewport and texture limits. */
export function maxCanvasSide(): number {
  if (limits !== null) return limits;
  const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
  if (!gl) throw new Error('This browser has no WebGL: the map cannot be printed.');
  const dims = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array;
  limits = Math.min(gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number, gl.getParameter(gl.MAX_TEXTURE_SIZE) as number, dims[0], dims[1]);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return limits;
}

export class OffscreenMap {
  readonly #container: HTMLDivElement;
  readonly #map: maplibregl.Map;
  readonly #overlay: MapboxOverlay;
  /** the pixel ratio the map draws at (may be below the one asked for) */
  readonly pixelRatio: number;

  /**
   * @param cssW map width in CSS pixels (the frame's size at 96 dpi)
   * @param pixelRatio device pixels per CSS pixel wanted (dpi / 96)
   */
  constructor(style: StyleSpecification | string, cssW: number, cssH: number, pixelRatio: number) {
    const side = maxCanvasSide();
    this.pixelRatio = clampPixelRatio(cssW, cssH, pixelRatio, side);
    const c = document.createElement('div');
    c.setAttribute('aria-hidden', 'true');
    Object.assign(c.style, { position: 'fixed', left: '0', top: '0', width: `${cssW}px`, height: `${cssH}px`, visibility: 'hidden', pointerEvents: 'none', zIndex: '-1' });
    document.body.appendChild(c);
    this.#container = c;
    this.#map = new maplibregl.Map({
      container: c,
      style,
      center: [113.9, 35.3],
      zoom: 11,
      interactive: false,
      attributionControl: false,
      fadeDuration: 0,
      pixelRatio: this.pixelRatio,
      maxCanvasSize: [side, side],
      // no multisampling: a pixel is 0.08–0.17 mm at 150–300 dpi, and MSAA is costly in software WebGL
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
    });
    this.#overlay = new MapboxOverlay({ interleaved: true, layers: [] });
    this.#map.addControl(this.#overlay);
  }

  /** Draw `layers` in `view` and return the pixels once the map has loaded and drawn everything. */
  async render(view: PrintView, layers: Layer[], signal?: AbortSignal): Promise<MapPixels> {
    const map = this.#map;
    if (!map.loaded()) await once(map, 'load', signal);
    this.#overlay.setProps({ layers });
    if ('bounds' in view) {
      const [w, s, e, n] = view.bounds;
      map.fitBounds([[w, s], [e, n]], { padding: view.padding, duration: 0, maxZoom: 17, bearing: 0, pitch: 0 });
    } else map.jumpTo(view.camera);
    // idle: sources loaded, no transitions, and the last frame (deck's layers drawn into it) is on the canvas
    const idle = once(map, 'idle', signal);
    map.triggerRepaint();
    await idle;
    const canvas = map.getCanvas();
    const image = document.createElement('canvas');
    image.width = canvas.width;
    image.height = canvas.height;
    image.getContext('2d')?.drawImage(canvas, 0, 0);
    const { clientWidth: w, clientHeight: h } = this.#container;
    const a = map.unproject([w / 2 - 50, h / 2]);
    const b = map.unproject([w / 2 + 50, h / 2]);
    return { image, metresPerCssPx: a.distanceTo(b) / 100, bearing: map.getBearing() };
  }

  remove(): void {
    this.#map.remove();
    this.#container.remove();
  }
}

// A map that never reaches the event (a tile server that hangs) gives up after this long rather than forever.
const EVENT_TIMEOUT_MS = 60_000;

function once(map: maplibregl.Map, event: 'load' | 'idle', signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const abort = () => {
      clearTimeout(timer);
      map.off(event, done);
      reject(signal?.reason instanceof Error ? signal.reason : new DOMException('cancelled', 'AbortError'));
    };
    const timer = setTimeout(() => {
      map.off(event, done);
      signal?.removeEventListener('abort', abort);
      reject(new Error(`The print map did not finish drawing within ${EVENT_TIMEOUT_MS / 1000} s (waiting for "${event}"): a base-map server may be unreachable.`));
    }, EVENT_TIMEOUT_MS);
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort);
    map.once(event, done);
  });
}
