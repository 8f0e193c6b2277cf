import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');
const seed = resolve(root, '../shared/data/seed-tables/xinxiang-2020-plan.csv');
const cli = (...args: string[]) => run(resolve(root, 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'districts', ...args], { cwd: root });

describe('npm run cli -- districts', () => {
  it('reproduces the Xinxiang 2020 plan table to the digit from the sample city', async () => {
    const { stdout } = await cli('data/compounds.fgb', '--plan-year', '2020', '--format', 'csv');
    expect(stdout).toBe(await readFile(seed, 'utf8'));
  }, 60_000);

  it('shows zero differences against the same table given as targets', async () => {
    const { stdout } = await cli('data/compounds.fgb', '--plan-year', '2020', '--targets', seed, '--format', 'json');
    const doc = JSON.parse(stdout) as { districts: { district: string; diff: Record<string, number> }[]; total: { compounds: number; diff: Record<string, number> } };
    expect(doc.districts).toHaveLength(8);
    for (const d of [...doc.districts, doc.total]) {
      expect(Object.values(d.diff)).toEqual([0, 0, 0, 0, 0]);
    }
    expect(doc.total.compounds).toBe(331);
  }, 60_000);

  it('adds the policy fields to each district and the total', async () => {
    const { stdout } = await cli('data/compounds.fgb', '--plan-year', '2020', '--policy', 'xinxiang-2020', '--on-time', 'all');
    const doc = JSON.parse(stdout) as { districts: { district: string; subsidy_district_wan: number; reward_wan: number }[]; total: { reward_wan: number } };
    for (const d of doc.districts) expect(d.reward_wan).toBeCloseTo(0.3 * d.subsidy_district_wan, 3);
    const sum = doc.districts.reduce((a, d) => a + d.reward_wan, 0);
    expect(doc.total.reward_wan).toBeCloseTo(sum, 3);
  }, 60_000);

  it('names the bad value when the policy is unknown', async () => {
    await expect(cli('data/compounds.fgb', '--policy', 'beijing')).rejects.toMatchObject({
      stderr: expect.stringContaining('--policy must be one of huaibei-2021, lucheng-2020, xinxiang-2020, tumed-right-2021, suzhou-2021, got "beijing"'),
    });
  }, 60_000);
});
