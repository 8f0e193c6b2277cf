// Conflict checks for the layout review: where a facility site, a drawn footprint or a renovation unit overlaps a
// reference zone (land-use plan, red line, protection area, flood zone) whose class the reviewer marked as
// restricted for that use. Overlaps are exact polygon intersections (polyclip-ts) in a transverse Mercator centred
// on the subject, so areas are m² as on the ground.
import { intersection, union, type Geom } from 'polyclip-ts';
import { geometryBBox, type BBox } from './bbox';
import { ringAreaXY } from './measure';
import { tmForward } from './project';
import type { AreaGeometry } from './types';

/** A reference polygon and its class (the value of the attribute the layer is styled by). */
export interface Zone {
  cls: string;
  /** the layer it comes from (several reference layers may be loaded) */
  layer?: string;
  /** what the restrictions name it by (default: its class) */
  key?: string;
  geometry: AreaGeometry;
}

export type SubjectKind = 'site' | 'footprint' | 'unit';

/** Something the review checks: its use is a facility type key, or 'unit' for a renovation unit. */
export interface Subject {
  key: string;
  kind: SubjectKind;
  use: string;
  /** one polygon, or the members of a unit (unioned first) */
  geometries: readonly AreaGeometry[];
}

export interface Conflict {
  subject: string;
  kind: SubjectKind;
  use: string;
  /** index of the zone in the reference layer */
  zone: number;
  cls: string;
  layer?: string;
  /** overlap area, m² */
  overlapM2: number;
  /** overlap / the subject's own area, 0…1 */
  share: number;
  /** set when the overlap could not be worked out (a damaged polygon): the check is not silently skipped */
  problem?: string;
}

type MultiXY = [number, number][][][];

function toXY(g: AreaGeometry, lon0: number): MultiXY {
  const out = new Float64Array(2);
  const ring = (r: readonly number[][]): [number, number][] =>
    r.map((p) => {
      tmForward(p[0], p[1], lon0, out);
      return [out[0], out[1]];
    });
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((poly) => poly.map(ring));
}

/** Area of polyclip's output (outer rings, then holes, per polygon), m². */
function multiArea(m: MultiXY): number {
  let total = 0;
  for (const poly of m) poly.forEach((r, k) => (total += (k === 0 ? 1 : -1) * ringAreaXY(r.flat())));
  return total;
}

const meets = (a: BBox, b: BBox): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/**
 * Every overlap of a subject with a zone whose class is restricted for the subject's use (`restricted[use]` lists
 * the classes, by the zones' `key` where they have one). Overlaps of zero area (shared edges) are not conflicts. A
 * pair whose overlap cannot be computed is listed with `problem` and NaN areas. Ordered by subject, then zone.
 */
export function findConflicts(subjects: readonly Subject[], zones: readonly Zone[], restricted: Readonly<Record<string, readonly string[]>>): Conflict[] {
  const zoneBoxes = zones.map((z) => geometryBBox(z.geometry));
  const out: Conflict[] = [];
  for (const s of subjects) {
    const classes = new Set(restricted[s.use] ?? []);
    if (!classes.size || !s.geometries.length) continue;
    const boxes = s.geometries.map((g) => geometryBBox(g)).filter((b): b is BBox => b !== null);
    if (!boxes.length) continue;
    const box: BBox = [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
    const candidates = zones.map((z, i) => i).filter((i) => classes.has(zones[i].key ?? zones[i].cls) && zoneBoxes[i] && meets(box, zoneBoxes[i]!));
    if (!candidates.length) continue;
    const lon0 = (box[0] + box[2]) / 2;
    const base = (i: number) => ({ subject: s.key, kind: s.kind, use: s.use, zone: i, cls: zones[i].cls, ...(zones[i].layer !== undefined ? { layer: zones[i].layer } : {}) });
    let shape: MultiXY, own: number;
    try {
      const parts = s.geometries.map((g) => toXY(g, lon0));
      shape = (parts.length === 1 ? parts[0] : union(parts[0] as Geom, ...(parts.slice(1) as Geom[]))) as MultiXY;
      own = multiArea(shape);
    } catch (err) {
      for (const i of candidates) out.push({ ...base(i), overlapM2: NaN, share: NaN, problem: err instanceof Error ? err.message : String(err) });
      continue;
    }
    for (const i of candidates) {
      try {
        const overlap = multiArea(intersection(shape as Geom, toXY(zones[i].geometry, lon0) as Geom) as MultiXY);
        if (overlap > 1e-6) out.push({ ...base(i), overlapM2: overlap, share: own > 0 ? overlap / own : 0 });
      } catch (err) {
        out.push({ ...base(i), overlapM2: NaN, share: NaN, problem: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  return out;
}
