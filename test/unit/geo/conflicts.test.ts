// Conflict checks and measuring against areas and distances worked out by hand on Gauss-Krüger (EPSG:4547) fixtures.
// Our projection is centred on what is measured, GK on 114°E: at 0.2° off that meridian their scales differ by
// < 1e-5, so hand values (in GK metres) are met to 1e-4 relative.
import { describe, expect, it } from 'vitest';
import { findConflicts, type Subject, type Zone } from '../../../src/lib/geo/conflicts';
import { featureDistance, lineLength, polygonArea } from '../../../src/lib/geo/measure';
import type { AreaGeometry, Position } from '../../../src/lib/geo/types';
import { gkToWgs84, rect } from './helpers';

const X = 520000, Y = 3380000;
const sq = (x0: number, y0: number, x1: number, y1: number): Position[] => [[X + x0, Y + y0], [X + x1, Y + y0], [X + x1, Y + y1], [X + x0, Y + y1], [X + x0, Y + y0]];
const close = (got: number, want: number): void => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-4 * Math.max(want, 1));

/** Industrial land: a 100 m square with a 20 m square hole at its middle, and a second 100 m square 200 m east. */
const industrial: AreaGeometry = gkToWgs84({
  type: 'MultiPolygon',
  coordinates: [
    [sq(0, 0, 100, 100), sq(40, 40, 60, 60).reverse()],
    [sq(200, 0, 300, 100)],
  ],
});
const residential: AreaGeometry = rect(100, 0, 200, 100);
const zones: Zone[] = [
  { cls: 'M1 工业用地', geometry: industrial },
  { cls: 'R2 二类居住用地', geometry: residential },
];
const restricted = { clinic: ['M1 工业用地'], parking: ['R2 二类居住用地'], unit: ['M1 工业用地'] };

describe('conflict checks', () => {
  it('a site over the multipolygon zone and its hole: overlap area and share by hand', () => {
    // 30–70 × 30–50: 1,600 m² … 40 × 20 = 800 m², minus the hole's 40–60 × 40–50 = 200 m² → 600 m² inside the zone
    const site: Subject = { key: 'P1', kind: 'site', use: 'clinic', geometries: [rect(30, 30, 70, 50)] };
    const [c, ...rest] = findConflicts([site], zones, restricted);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ subject: 'P1', kind: 'site', use: 'clinic', zone: 0, cls: 'M1 工业用地' });
    close(c.overlapM2, 600);
    close(c.share, 0.75);
  });

  it('a site across both parts of the zone and the land between them', () => {
    // 80–220 × 10–20: 20 × 10 in the first part, 20 × 10 in the second, 100 × 10 on residential land
    const site: Subject = { key: 'P2', kind: 'site', use: 'clinic', geometries: [rect(80, 10, 220, 20)] };
    const found = findConflicts([site], zones, restricted);
    expect(found.map((c) => c.zone)).toEqual([0]);
    close(found[0].overlapM2, 400);
    close(found[0].share, 400 / 1400);
    // the same footprint as parking: residential land is restricted for it, industrial is not
    const parking = findConflicts([{ ...site, use: 'parking' }], zones, restricted);
    expect(parking.map((c) => c.cls)).toEqual(['R2 二类居住用地']);
    close(parking[0].overlapM2, 1000);
  });

  it('a renovation unit: its members unioned first (they overlap by 5 m), share of the unit', () => {
    // members −30–60 and 55–90 (× 0–10): union −30–90 = 1,200 m², of it 0–90 = 900 m² on the first part (no hole there)
    const unit: Subject = { key: 'U1', kind: 'unit', use: 'unit', geometries: [rect(-30, 0, 60, 10), rect(55, 0, 90, 10)] };
    const [c] = findConflicts([unit], zones, restricted);
    close(c.overlapM2, 900);
    close(c.share, 900 / 1200);
  });

  it('no conflict for a shared edge, a site in the hole, a class not restricted, or a use with no rules', () => {
    const subjects: Subject[] = [
      { key: 'edge', kind: 'site', use: 'clinic', geometries: [rect(-20, 0, 0, 20)] },
      { key: 'hole', kind: 'site', use: 'clinic', geometries: [rect(42, 42, 58, 58)] },
      { key: 'free', kind: 'footprint', use: 'parking', geometries: [rect(10, 10, 20, 20)] },
      { key: 'none', kind: 'site', use: 'library', geometries: [rect(10, 10, 20, 20)] },
    ];
    expect(findConflicts(subjects, zones, restricted)).toEqual([]);
  });
});

describe('measuring', () => {
  const gk = (x: number, y: number): Position => gkToWgs84({ type: 'Polygon', coordinates: [[[X + x, Y + y], [X + x, Y + y], [X + x, Y + y], [X + x, Y + y]]] }).coordinates[0][0] as Position;

  it('a polyline of 3-4-5 legs and a 120 m × 80 m area', () => {
    close(lineLength([gk(0, 0), gk(300, 0), gk(300, 400)]), 700);
    close(lineLength([gk(0, 0), gk(300, 400)]), 500);
    close(polygonArea([gk(0, 0), gk(120, 0), gk(120, 80), gk(0, 80)]), 9600);
  });

  it('the distance between two features: across an 8 m lane, 0 when touching or nested, to the nearer part', () => {
    close(featureDistance(rect(0, 0, 40, 30), rect(48, 0, 90, 30)), 8);
    expect(featureDistance(rect(0, 0, 40, 30), rect(40, 10, 60, 20))).toBe(0);
    expect(featureDistance(industrial, rect(45, 45, 55, 55))).toBeGreaterThan(4.99);
    expect(featureDistance(rect(10, 10, 20, 20), industrial)).toBe(0);
    close(featureDistance(industrial, rect(100, 120, 200, 130)), 20);
  });
});
