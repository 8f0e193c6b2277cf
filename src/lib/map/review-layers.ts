// The review on the map: the reference layer (zoning and the like) under everything, coloured by class with the
// restricted classes hatched darker; proposed footprints, conflicts, note pins and the measuring sketch on top.
import { GeoJsonLayer, PathLayer, PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer, Position as DeckPosition } from '@deck.gl/core';
import type { Conflict, Zone } from '../geo/conflicts';
import type { Position } from '../geo/types';
import type { Footprint, Note, NoteStatus } from '../state/review.svelte';
import type { RGBA } from './colors';

/** A qualitative palette for reference classes (repeats after 10). */
const CLASS_PALETTE: RGBA[] = [
  [141, 211, 199, 255], [255, 255, 179, 255], [190, 186, 218, 255], [251, 128, 114, 255], [128, 177, 211, 255],
  [253, 180, 98, 255], [179, 222, 105, 255], [252, 205, 229, 255], [188, 128, 189, 255], [204, 235, 197, 255],
];

export function classColor(classes: readonly string[], cls: string): RGBA {
  const i = classes.indexOf(cls);
  return CLASS_PALETTE[(i < 0 ? 0 : i) % CLASS_PALETTE.length];
}

export const STATUS_COLORS: Record<NoteStatus, RGBA> = {
  open: [230, 126, 34, 255],
  change: [192, 57, 43, 255],
  approved: [39, 174, 96, 255],
};

export interface ReferenceLayerInput {
  name: string;
  zones: readonly Zone[];
  /** the layer's classes in legend order (colours follow it) */
  classes: readonly string[];
  /** its classes restricted for some use: drawn with a darker, wider edge */
  restricted: ReadonlySet<string>;
}

/** One GeoJSON layer per reference layer, in the order loaded (the last on top). */
export function referenceLayers(layers: readonly ReferenceLayerInput[]): Layer[] {
  return layers
    .filter((l) => l.zones.length)
    .map((l, k) => {
      const data = l.zones.map((z) => ({ type: 'Feature' as const, geometry: z.geometry, properties: { cls: z.cls } }));
      const key = [...l.restricted].join('\u0001');
      return new GeoJsonLayer({
        id: `reference-${k}-${l.name}`,
        data,
        filled: true,
        stroked: true,
        getFillColor: (f: { properties: { cls: string } }) => {
          const c = classColor(l.classes, f.properties.cls);
          return [c[0], c[1], c[2], 110];
        },
        getLineColor: (f: { properties: { cls: string } }) => (l.restricted.has(f.properties.cls) ? [150, 30, 30, 230] : [90, 90, 90, 160]),
        getLineWidth: (f: { properties: { cls: string } }) => (l.restricted.has(f.properties.cls) ? 2 : 1),
        lineWidthUnits: 'pixels',
        pickable: false,
        updateTriggers: { getFillColor: l.classes.join('\u0001'), getLineColor: key, getLineWidth: key },
      }) as unknown as Layer;
    });
}

export interface ReviewOverlayInput {
  footprints: readonly Footprint[];
  conflicts: readonly Conflict[];
  /** where each conflict is drawn: the subject's outline rings */
  conflictRings: (c: Conflict) => Position[][];
  notes: readonly { note: Note; at: Position }[];
  sketch: { points: Position[]; closed: boolean } | null;
  fontFamily: string;
}

export function reviewOverlays({ footprints, conflicts, conflictRings, notes, sketch, fontFamily }: ReviewOverlayInput): Layer[] {
  const out: Layer[] = [];
  if (footprints.length)
    out.push(
      new PolygonLayer<Footprint>({
        id: 'review-footprints',
        data: footprints,
        getPolygon: (f) => f.ring,
        getFillColor: [52, 152, 219, 110],
        getLineColor: [21, 67, 96, 255],
        getLineWidth: 2,
        lineWidthUnits: 'pixels',
      }) as unknown as Layer,
    );
  if (conflicts.length)
    out.push(
      new PathLayer<Position[]>({
        id: 'review-conflicts',
        data: conflicts.flatMap((c) => conflictRings(c)),
        getPath: (r) => [...r, r[0]] as unknown as DeckPosition[],
        getColor: [200, 0, 0, 255],
        getWidth: 3,
        widthUnits: 'pixels',
      }) as unknown as Layer,
    );
  if (notes.length) {
    out.push(
      new ScatterplotLayer<{ note: Note; at: Position }>({
        id: 'review-notes',
        data: notes,
        getPosition: (n) => [n.at[0], n.at[1]] as [number, number],
        getFillColor: (n) => STATUS_COLORS[n.note.status],
        getLineColor: [255, 255, 255, 255],
        stroked: true,
        getRadius: 9,
        radiusUnits: 'pixels',
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        updateTriggers: { getFillColor: notes.map((n) => n.note.status).join() },
      }) as unknown as Layer,
      new TextLayer<{ note: Note; at: Position }>({
        id: 'review-note-marks',
        data: notes,
        getPosition: (n) => [n.at[0], n.at[1]] as [number, number],
        getText: () => '!',
        getSize: 13,
        getColor: [255, 255, 255, 255],
        fontFamily,
        fontWeight: 700,
      }) as unknown as Layer,
    );
  }
  if (sketch && sketch.points.length) {
    const pts = sketch.points;
    if (sketch.closed && pts.length >= 3)
      out.push(new PolygonLayer<Position[]>({ id: 'review-sketch-area', data: [pts], getPolygon: (p) => p, getFillColor: [255, 140, 0, 60], stroked: false }) as unknown as Layer);
    out.push(
      new PathLayer<Position[]>({
        id: 'review-sketch',
        data: [sketch.closed && pts.length >= 3 ? [...pts, pts[0]] : pts],
        getPath: (p) => p as unknown as DeckPosition[],
        getColor: [255, 120, 0, 255],
        getWidth: 2,
        widthUnits: 'pixels',
      }) as unknown as Layer,
      new ScatterplotLayer<Position>({
        id: 'review-sketch-points',
        data: pts,
        getPosition: (p) => [p[0], p[1]] as [number, number],
        getFillColor: [255, 255, 255, 255],
        getLineColor: [255, 120, 0, 255],
        stroked: true,
        getRadius: 4,
        radiusUnits: 'pixels',
        getLineWidth: 2,
        lineWidthUnits: 'pixels',
      }) as unknown as Layer,
    );
  }
  return out;
}
