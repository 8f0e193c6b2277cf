// The CLI on bad files: exit code 1, the two sentences (Chinese, English) on stderr, no stack trace.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');

function cli(...args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(tsx, ['src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stderr: r.stderr };
}

describe('cli on bad files', () => {
  it.each([
    ['empty.geojson', 'empty.geojson：是空文件（0 字节）\nempty.geojson: is empty (0 bytes)\n'],
    ['truncated.zip', /^truncated\.zip：不是可读取的 zip 文件.*\ntruncated\.zip: is not a readable zip file.*\n$/],
    ['metres-as-degrees.geojson', /^metres-as-degrees\.geojson：未声明坐标系.*--crs EPSG:4547）\nmetres-as-degrees\.geojson: the coordinate system is not declared.*--crs EPSG:4547\)\n$/],
  ])('%s: exit 1, the sentence in both languages, no stack', (file, expected) => {
    const { code, stderr } = cli('info', `test/fixtures/bad/${file}`);
    expect(code).toBe(1);
    if (typeof expected === 'string') expect(stderr).toBe(expected);
    else expect(stderr).toMatch(expected);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});

describe('cli on a file that is not there', () => {
  it.each([
    ['clusters', 'test/fixtures/bad/no-such.geojson'],
    ['sites', 'test/fixtures/sites/compounds.geojson', 'test/fixtures/bad/no-such.geojson', '--radius', '100'],
  ])('%s names it, in both languages, exit 1, no stack', (...args) => {
    const { code, stderr } = cli(...args);
    expect(code).toBe(1);
    expect(stderr).toBe('test/fixtures/bad/no-such.geojson：文件不存在\ntest/fixtures/bad/no-such.geojson: file not found\n');
  }, 60_000);
});

describe('cli info on files that load with findings', () => {
  it('lists text in number columns, by feature and row, as the app report does', () => {
    const r = spawnSync(tsx, ['src/cli/main.ts', 'info', 'test/fixtures/bad/text-in-numeric.geojson'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^warnings {3}3$/m);
    expect(r.stdout).toContain('text-in-numeric.geojson, feature XX-002, row 2: 户数 "约200户" is not a number; left empty, the text kept');
    expect(r.stdout).toContain('feature XX-003, row 3: 建成年代 "早年" is not a year');
  }, 60_000);
});

describe('cli clusters and sites on a file with a repeated id', () => {
  it.each([
    ['clusters', 'test/fixtures/bad/duplicate-id.geojson', '--gap', '10'],
    ['sites', 'test/fixtures/bad/duplicate-id.geojson', 'test/fixtures/bad/duplicate-id.geojson', '--radius', '100'],
  ])('%s runs and says on stderr which feature reuses an id, in both languages', (...args) => {
    const r = spawnSync(tsx, ['src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("duplicate-id.geojson: 1 features reuse an earlier feature's id; the first: duplicate-id.geojson, feature XX-002, row 4: the id XX-002 is also used by row 2");
    expect(r.stderr).toContain('duplicate-id.geojson：1 个要素的编号与前面的要素重复；第一个：');
    expect(JSON.parse(r.stdout)).toBeTruthy();
  }, 60_000);
});
