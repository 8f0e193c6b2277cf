// Shapefiles: a .zip holding .shp/.dbf/.prj/.cpg, or the loose parts; reprojected by crs.ts (GK zones with or without prefix).
import { unzipSync } from 'fflate';
import { readDbf } from './dbf';
import { UserError } from './errors';
import { finishLayer, type FinishOptions, type LoadedLayer, type SourceFeature } from './layer';
import { readShp } from './shp';
import { decodeText, toU8, type Bytes } from './text';
import { issue, type Issue } from './validate';

export interface NamedBytes {
  name: string;
  bytes: Bytes;
}

/** The parts of one shapefile; only .shp is required. */
export interface ShapefileParts {
  shp: Uint8Array;
  dbf?: Uint8Array;
  prj?: string;
  cpg?: string;
}

/** Load a zipped shapefile. The zip must hold exactly one .shp (folders and __MACOSX entries are fine). */
export function loadShapefileZip(file: string, bytes: Bytes, opts: FinishOptions = {}): LoadedLayer {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(toU8(bytes), { filter: (f) => !f.name.includes('__MACOSX') && /\.(shp|dbf|prj|cpg)$/i.test(f.name) });
  } catch (err) {
    throw new UserError(
      `is not a readable zip file (${err instanceof Error ? err.message : String(err)})`,
      `不是可读取的 zip 文件（${err instanceof Error ? err.message : String(err)}）`,
      { file },
    );
  }
  const files = Object.entries(entries).map(([name, b]) => ({ name, bytes: b }));
  return loadShapefileParts(file, files, opts);
}

/**
 * Load a shapefile from its loose parts (.shp + optional .dbf/.prj/.cpg, matched by base name, any case).
 * The .prj is the declared CRS (source 'prj'); the .cpg names the .dbf encoding.
 */
export function loadShapefileParts(file: string, files: readonly NamedBytes[], opts: FinishOptions = {}): LoadedLayer {
  const shps = files.filter((f) => /\.shp$/i.test(f.name));
  if (shps.length !== 1) {
    const names = shps.map((f) => f.name).join(', ');
    throw new UserError(
      shps.length ? `holds ${shps.length} shapefiles (${names}); give one at a time` : 'holds no .shp file',
      shps.length ? `包含 ${shps.length} 个 shapefile（${names}）；请一次只给一个` : '没有 .shp 文件',
      { file },
    );
  }
  const base = shps[0].name.slice(0, -4).toLowerCase();
  const part = (ext: string): Uint8Array | undefined => {
    const f = files.find((x) => x.name.toLowerCase() === `${base}.${ext}`) ?? files.find((x) => x.name.toLowerCase().endsWith(`.${ext}`));
    return f ? toU8(f.bytes) : undefined;
  };
  const prj = part('prj');
  const cpg = part('cpg');
  return loadShapefile(file, { shp: toU8(shps[0].bytes), dbf: part('dbf'), prj: prj && decodeText(prj).text.trim(), cpg: cpg && decodeText(cpg).text.trim() }, opts);
}

/** Load one shapefile from its parts. Rows pair .shp and .dbf records by position; deleted .dbf rows are skipped with a reason. */
export function loadShapefile(file: string, parts: ShapefileParts, opts: FinishOptions = {}): LoadedLayer {
  let geoms: unknown[];
  let table: ReturnType<typeof readDbf> | null = null;
  const info: { truncated?: boolean } = {};
  try {
    geoms = readShp(parts.shp, info);
    if (parts.dbf) table = readDbf(parts.dbf, { cpg: parts.cpg });
  } catch (err) {
    throw new UserError(
      `is not a readable shapefile (${err instanceof Error ? err.message : String(err)})`,
      `不是可读取的 shapefile（${err instanceof Error ? err.message : String(err)}）`,
      { file },
    );
  }
  const n = Math.max(geoms.length, table?.rows.length ?? 0);
  const src: SourceFeature[] = [];
  for (let i = 0; i < n; i++) {
    const properties = table?.rows[i] ?? {};
    const f: SourceFeature = { properties, geometry: i < geoms.length ? geoms[i] : null };
    if (table?.deleted.has(i)) f.skip = 'record is marked deleted in the .dbf / 该记录在 .dbf 中已标记删除';
    else if (i >= geoms.length) f.skip = 'row in the .dbf has no shape in the .shp / .dbf 中该行在 .shp 中没有图形';
    src.push(f);
  }
  const declared = parts.prj ? { spec: parts.prj, source: 'prj' as const } : null;
  const warnings: Issue[] = [];
  if (info.truncated) {
    warnings.push(issue('truncated', file, null, null, `the .shp is cut short: only its first ${geoms.length} shapes could be read`, `.shp 文件不完整：只能读取前 ${geoms.length} 个图形`));
  }
  if (table?.encodingSource === 'gbk fallback') {
    warnings.push(issue('encoding-guessed', file, null, null, 'the .dbf names no encoding (no .cpg) and is not UTF-8: read as GBK; check the names', '.dbf 未注明编码（无 .cpg）且不是 UTF-8：按 GBK 读取；请核对名称'));
  }
  return finishLayer(src, { file, format: 'shapefile', columns: table?.fields.map((f) => f.name) ?? [], declared, warnings }, opts);
}
