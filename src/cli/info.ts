// `info`: what a layer (or ledger) file holds — count, geometry types, CRS and where it came from, field mapping, skips.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../lib/io/errors';
import { FIELD_NAMES, matchFields, type FieldMatch, type MappableField } from '../lib/io/fields';
import type { CrsSource, LoadedLayer } from '../lib/io/layer';
import { readLedger } from '../lib/io/ledger-read';
import { loadFile } from '../lib/io/load';
import { checkFields, type Issue } from '../lib/io/validate';
import { readBytes } from './load';
import { stringFlag, type ParsedArgs } from './args';

export const usage = 'info <file> [--crs X] [--json]   feature count, geometry types, CRS, matched fields, skipped features';
export const booleans = ['json'];

const SOURCE: Record<CrsSource, string> = {
  default: 'default',
  declared: 'declared in the file',
  prj: 'from .prj',
  header: 'from the FlatGeobuf header',
  user: 'from --crs',
};
const MAX_SKIPPED = 20;

export async function run(args: ParsedArgs): Promise<void> {
  const path = args.positional[0];
  if (!path) throw new UserError('info needs a file: npm run cli -- info <file>', 'info 需要一个文件：npm run cli -- info <文件>');
  const crs = stringFlag(args, 'crs');
  const name = basename(path);
  const bytes = await readBytes(path);
  const extraFiles = /\.shp$/i.test(path) ? await siblings(path) : [];
  let layer: LoadedLayer;
  try {
    layer = await loadFile(name, bytes, { crs, extraFiles });
  } catch (err) {
    // A ledger without coordinates is still worth describing.
    if (/\.(csv|xlsx)$/i.test(name) && err instanceof UserError && /longitude\/latitude/.test(err.en)) return ledgerInfo(name, bytes, args.flags.has('json'));
    throw err;
  }
  const match = matchFields(layer.columns, layer.features.slice(0, 200).map((f) => f.properties));
  // what the app's load report says too: repairs, and warnings incl. a missing name column and text in number columns
  const warnings = [...layer.warnings, ...checkFields(layer, match)];
  if (args.flags.has('json')) {
    console.log(JSON.stringify({ file: layer.file, format: layer.format, crs: layer.crs, features: layer.features.length, geometryTypes: geometryTypes(layer), fields: match.fields, unmatched: match.unmatched, skipped: layer.skipped, repairs: layer.repairs, warnings }, null, 2));
    return;
  }
  const lines = [
    `file       ${layer.file} (${layer.format})`,
    `CRS        ${layer.crs.spec.length > 40 ? layer.crs.label : layer.crs.spec} (${SOURCE[layer.crs.source]})${layer.crs.label && layer.crs.spec.length <= 40 ? `  ${layer.crs.label}` : ''}`,
    ...(layer.crs.note ? [`           note: ${layer.crs.note}`] : []),
    `features   ${layer.features.length}`,
    `geometry   ${Object.entries(geometryTypes(layer)).map(([t, n]) => `${t} ${n}`).join(', ') || 'none'}`,
    ...fieldLines(match),
    `skipped    ${layer.skipped.length}`,
    ...layer.skipped.slice(0, MAX_SKIPPED).map((s) => `           row ${s.row + 1}${s.id !== null && s.id !== s.row ? ` (id ${String(s.id)})` : ''}: ${s.reason}`),
    ...(layer.skipped.length > MAX_SKIPPED ? [`           ... and ${layer.skipped.length - MAX_SKIPPED} more`] : []),
    ...issueLines('repaired', layer.repairs),
    ...issueLines('warnings', warnings),
  ];
  console.log(lines.join('\n'));
}

function issueLines(label: string, list: readonly Issue[]): string[] {
  return [
    `${label.padEnd(10)} ${list.length}`,
    ...list.slice(0, MAX_SKIPPED).map((n) => `           ${n.en}`),
    ...(list.length > MAX_SKIPPED ? [`           ... and ${list.length - MAX_SKIPPED} more`] : []),
  ];
}

/** The .dbf/.prj/.cpg/.shx next to a .shp, matched by base name in any case. */
async function siblings(shpPath: string): Promise<{ name: string; bytes: Uint8Array }[]> {
  const dir = dirname(shpPath);
  const base = basename(shpPath).slice(0, -4).toLowerCase();
  const names = (await readdir(dir)).filter((n) => /\.(dbf|prj|cpg)$/i.test(n) && n.slice(0, -4).toLowerCase() === base);
  return Promise.all(names.map(async (n) => ({ name: n, bytes: await readFile(join(dir, n)) })));
}

function geometryTypes(layer: LoadedLayer): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of layer.features) if (f.geometry) counts[f.geometry.type] = (counts[f.geometry.type] ?? 0) + 1;
  return counts;
}

function fieldLines(match: FieldMatch): string[] {
  const order = Object.keys(FIELD_NAMES) as MappableField[];
  const bound = order.flatMap((field) => (match.fields[field] ? [[field, match.fields[field]] as const] : [])).map(([field, b]) => `${field} <- ${b.column}${b.unit ? ` [${b.unit}${b.unitSource === 'values' ? ', guessed from values' : ''}]` : ''}`);
  return [
    ...(bound.length ? bound.map((l, i) => (i === 0 ? 'fields     ' : '           ') + l) : ['fields     none recognised']),
    `unmatched  ${match.unmatched.length ? match.unmatched.join(', ') : '-'}`,
  ];
}

async function ledgerInfo(name: string, bytes: Uint8Array, json: boolean): Promise<void> {
  const t = await readLedger(name, bytes);
  const match = matchFields(t.columns, t.rows);
  if (json) {
    console.log(JSON.stringify({ file: name, format: t.format, ledger: true, rows: t.rows.length, encoding: t.encoding, fields: match.fields, unmatched: match.unmatched }, null, 2));
    return;
  }
  console.log(
    [
      `file       ${name} (${t.format} ledger, no coordinates${t.encoding ? `, ${t.encoding}` : ''})`,
      `rows       ${t.rows.length}`,
      ...fieldLines(match),
    ].join('\n'),
  );
}
