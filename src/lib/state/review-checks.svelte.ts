// What the review checks against the reference layer: the chosen facility sites, the drawn footprints and the
// renovation units, each with the use its restricted classes are listed under; and the conflicts found.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { findConflicts, type Conflict, type Subject } from '../geo/conflicts';
import type { AreaGeometry, Position } from '../geo/types';
import type { Clusters } from './clusters.svelte';
import type { Project } from './project.svelte';
import type { Review } from './review.svelte';
import type { Sites } from './sites.svelte';

export const UNIT_USE = 'unit';

export interface SubjectInfo {
  subject: Subject;
  /** what the report and the list call it */
  label: string;
  district: string;
  /** its outline rings, where to draw it (built when asked: a unit's members may be many) */
  rings: () => Position[][];
}

const ringsOf = (g: AreaGeometry): Position[][] => (g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]));

export class ReviewChecks {
  readonly #project: Project;
  readonly #clusters: Clusters;
  readonly #sites: Sites;
  readonly #review: Review;

  constructor(project: Project, clusters: Clusters, sites: Sites, review: Review) {
    this.#project = project;
    this.#clusters = clusters;
    this.#sites = sites;
    this.#review = review;
  }

  /** The district polygon holding a point ('' when none does). */
  districtAt(p: Position): string {
    for (const d of this.#project.districts) if (d.geometry && booleanPointInPolygon(p, d.geometry)) return d.name;
    return '';
  }

  readonly subjects = $derived.by<SubjectInfo[]>(() => {
    const review = this.#review;
    const restricted = review.restricted;
    if (!review.zones.length) return [];
    const out: SubjectInfo[] = [];
    const sites = this.#sites;
    const parcels = this.#project.parcels;
    const r = sites.current;
    if (r?.choice && restricted[sites.typeId]?.length) {
      const name = sites.type?.zh ?? sites.typeId;
      for (const p of r.choice.chosen) {
        const parcel = parcels[p];
        if (!parcel) continue;
        const rings = ringsOf(parcel.geometry);
        out.push({ subject: { key: `site:${String(parcel.id)}`, kind: 'site', use: sites.typeId, geometries: [parcel.geometry] }, label: `${name} · ${String(parcel.id)}`, district: this.districtAt(rings[0][0]), rings: () => rings });
      }
    }
    for (const f of review.footprints) {
      if (!restricted[f.use]?.length || f.ring.length < 3) continue;
      const g: AreaGeometry = { type: 'Polygon', coordinates: [[...f.ring, f.ring[0]]] };
      const type = sites.facilities.find((t) => t.id === f.use);
      out.push({ subject: { key: `footprint:${f.id}`, kind: 'footprint', use: f.use, geometries: [g] }, label: `${type?.zh ?? f.use} · ${f.id}`, district: this.districtAt(f.ring[0]), rings: () => [f.ring] });
    }
    const units = this.#clusters.current?.units;
    if (units && restricted[UNIT_USE]?.length) {
      const compounds = this.#project.compounds;
      for (let u = 0; u < units.count; u++) {
        const members = Array.from(units.memberIndex.subarray(units.memberStart[u], units.memberStart[u + 1]));
        if (!members.length) continue;
        const geometries = members.map((i) => compounds[i].geometry);
        out.push({
          subject: { key: `unit:${u}`, kind: 'unit', use: UNIT_USE, geometries },
          label: `${compounds[members[0]].name}${members.length > 1 ? ` +${members.length - 1}` : ''}`,
          district: compounds[members[0]].district,
          rings: () => geometries.flatMap(ringsOf),
        });
      }
    }
    return out;
  });

  readonly conflicts = $derived.by<Conflict[]>(() => findConflicts(this.subjects.map((s) => s.subject), this.#review.zones, this.#review.restricted));
  readonly byKey = $derived(new Map(this.subjects.map((s) => [s.subject.key, s])));
}
