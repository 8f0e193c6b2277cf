import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DistrictIndex, locateDistricts, pointInArea } from '../../../src/lib/geo/district-locate';
import type { AreaGeometry, District } from '../../../src/lib/geo/types';
import { compound, square } from '../../fixtures/districts/make';

// Two districts side by side: West covers x 0..10, East covers x 10..20 (y 0..10).
const districts: District[] = [
  { name: 'West', code: '1', geometry: square(0, 0, 10) },
  { name: 'East', code: '2', geometry: square(10, 0, 10) },
  { name: 'NoShape', code: '3' },
];

describe('locateDistricts', () => {
  it('puts a compound wholly inside a district into it', () => {
    const r = locateDistricts([compound({ geometry: square(2, 2) }), compound({ geometry: square(15, 5) })], districts);
    expect(r.located).toEqual(['West', 'East']);
    expect(r.straddlers).toEqual([]);
  });

  it('gives a straddling compound to the district holding most of it and reports the shares', () => {
    // x 9.25..10.25 → 3/4 in West, 1/4 in East
    const c = compound({ id: 's1', name: '跨界小区', geometry: square(9.25, 5) });
    const r = locateDistricts([c], districts, { grid: 8 });
    expect(r.located).toEqual(['West']);
    expect(r.straddlers).toEqual([
      { index: 0, id: 's1', name: '跨界小区', shares: [{ district: 'West', share: 0.75 }, { district: 'East', share: 0.25 }] },
    ]);
  });

  it('does not call a compound that only touches the boundary a straddler', () => {
    const r = locateDistricts([compound({ geometry: square(9, 5) })], districts);
    expect(r.located).toEqual(['West']);
    expect(r.straddlers).toEqual([]);
  });

  it('leaves a compound outside every district unlocated', () => {
    const r = locateDistricts([compound({ geometry: square(50, 50) })], districts);
    expect(r.located).toEqual([null]);
  });

  it('keeps a compound own district and reports where its polygon disagrees', () => {
    const r = locateDistricts([compound({ id: 'm', district: 'East', geometry: square(2, 2) }), compound({ geometry: square(12, 2) })], districts);
    expect(r.assigned).toEqual(['East', 'East']);
    expect(r.mismatches).toEqual([{ index: 0, id: 'm', own: 'East', located: 'West' }]);
  });

  it('treats holes as outside', () => {
    const donut = { type: 'Polygon' as const, coordinates: [square(0, 0, 10).coordinates[0] as number[][], square(4, 4, 2).coordinates[0] as number[][]] };
    expect(pointInArea(5, 5, donut)).toBe(false);
    expect(pointInArea(1, 1, donut)).toBe(true);
  });
});

describe('DistrictIndex', () => {
  it('answers the same district as testing every polygon in turn, near edges, holes and islands too', () => {
    const star: District = {
      name: 'Star',
      code: '',
      geometry: { type: 'Polygon', coordinates: [[[20, 0], [26, 4], [30, 0], [28, 6], [32, 10], [26, 8], [22, 12], [23, 6], [20, 0]]] },
    };
    // A ring with a hole (3..7) and an island inside the hole (4..6); it overlaps West on purpose.
    const ring: District = {
      name: 'Ring',
      code: '',
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[square(0, 0, 10).coordinates[0], square(3, 3, 4).coordinates[0]], [square(4, 4, 2).coordinates[0]]],
      },
    };
    const list = [districts[0], districts[1], star, ring] as (District & { geometry: AreaGeometry })[];
    const index = new DistrictIndex(list);
    // Where districts overlap, both answer the first one listed.
    const brute = (x: number, y: number) => list.find((d) => pointInArea(x, y, d.geometry))?.name ?? null;
    fc.assert(
      fc.property(fc.double({ min: -2, max: 34, noNaN: true }), fc.double({ min: -2, max: 14, noNaN: true }), (x, y) => {
        expect(index.at(x, y)).toBe(brute(x, y));
      }),
      { numRuns: 3000 },
    );
  });
});
