// Map tools that take clicks instead of selecting: measuring a distance (polyline), an area (polygon), the distance
// between two features, drawing a proposed footprint, drawing an area to pin a note on. Clicks near a compound's
// corner snap to it (within SNAP_PX), so a measurement along a wall is the wall's length.
import { featureDistance, lineLength, polygonArea, polygonPerimeter } from '../geo/measure';
import type { AreaGeometry, Position } from '../geo/types';

export type Tool = 'distance' | 'area' | 'between' | 'footprint' | 'note-area';

/** How near (screen pixels) a click must be to a corner to take its exact position. */
export const SNAP_PX = 10;

export interface PickedFeature {
  layer: 'compounds' | 'parcels';
  index: number;
  label: string;
  geometry: AreaGeometry;
}

export class Measure {
  tool = $state<Tool | null>(null);
  points = $state.raw<Position[]>([]);
  /** 'between': the features clicked, first and second */
  picked = $state.raw<PickedFeature[]>([]);
  /** the last finished measurement stays on screen until the next one starts */
  finished = $state(false);

  length = $derived(this.tool === 'distance' ? lineLength(this.points) : this.tool === 'area' ? polygonPerimeter(this.points) : 0);
  area = $derived(this.tool === 'area' || this.tool === 'footprint' || this.tool === 'note-area' ? polygonArea(this.points) : 0);
  between = $derived(this.picked.length === 2 ? featureDistance(this.picked[0].geometry, this.picked[1].geometry) : null);

  start(tool: Tool | null): void {
    this.tool = this.tool === tool ? null : tool;
    this.clear();
  }

  clear(): void {
    this.points = [];
    this.picked = [];
    this.finished = false;
  }

  add(p: Position): void {
    if (this.finished) this.clear();
    this.points = [...this.points, p];
  }

  pick(f: PickedFeature): void {
    this.picked = this.picked.length >= 2 ? [f] : [...this.picked, f];
  }

  /** Take back the last point (Backspace). */
  back(): void {
    this.points = this.points.slice(0, -1);
    this.finished = false;
  }

  /** End the line or polygon (double click, Enter): it stays shown with its figures. */
  finish(): void {
    if (this.points.length >= 2) this.finished = true;
  }
}

/** The corner of the geometries nearest to the screen point, if within SNAP_PX; `project` maps lon/lat to pixels. */
export function nearestCorner(geometries: readonly AreaGeometry[], at: { x: number; y: number }, project: (p: Position) => { x: number; y: number }): Position | null {
  let best: Position | null = null;
  let bestD = SNAP_PX;
  for (const geometry of geometries) {
    const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const poly of polys)
      for (const ring of poly)
        for (const p of ring) {
          const s = project(p);
          const d = Math.hypot(s.x - at.x, s.y - at.y);
          if (d <= bestD) {
            bestD = d;
            best = [p[0], p[1]];
          }
        }
  }
  return best;
}
