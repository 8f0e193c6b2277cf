import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../../../src/cli/args';
import { run } from '../../../src/cli/clusters';

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/geo/${name}.geojson`, import.meta.url));

async function cli(argv: string[]): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'lianpian-')), 'out');
  await run(parseArgs([...argv, '--out', out]));
  return readFileSync(out, 'utf8');
}

describe('npm run cli -- clusters', () => {
  it('writes exactly the documented JSON: gap, count, each pair once with ids, every compound in one cluster', async () => {
    const doc = JSON.parse(await cli([fixture('multipolygon'), '--gap', '10', '--format', 'json']));
    expect(doc).toEqual({
      gap_m: 10,
      compounds: 3,
      pairs: [
        { a: 'A', b: 'B', distance_m: 0.5, wall_m: 52 },
        { a: 'A', b: 'C', distance_m: 5, wall_m: 52 },
      ],
      clusters: [{ cluster: 0, members: ['A', 'B', 'C'], households: 300, floor_area_m2: 0, investment_wan: 0, wall_m: 104 }],
    });
  });

  it('writes the pair table both ways in ArcGIS Polygon Neighbors style as CSV', async () => {
    const csv = await cli([fixture('lane'), '--gap', '10', '--format', 'csv']);
    expect(csv).toBe('src,nbr,distance_m,wall_m\nA,B,8,52\nB,A,8,52\n');
  });

  it('writes one GeoJSON feature per cluster with its totals', async () => {
    const fc = JSON.parse(await cli([fixture('lane'), '--gap', '1', '--format', 'geojson']));
    expect(fc.features).toHaveLength(2);
    expect(fc.features[0].properties).toMatchObject({ cluster: 0, members: ['A'], member_count: 1, households: 100, widest_gap_m: 0 });
    expect(fc.features[0].geometry.type).toBe('MultiPolygon');
  });

  it('names the bad flag value', async () => {
    await expect(cli([fixture('lane'), '--gap', 'wide'])).rejects.toThrow('"wide"');
    await expect(cli([fixture('lane'), '--format', 'kml'])).rejects.toThrow('"kml"');
  });
});
