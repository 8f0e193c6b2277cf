// An export table as FlatGeobuf, with the column schema taken from the table (not guessed from the first feature).
import { magicbytes } from 'flatgeobuf/lib/mjs/constants.js';
import { ColumnType } from 'flatgeobuf/lib/mjs/flat-geobuf/column-type.js';
import { GeometryType } from 'flatgeobuf/lib/mjs/flat-geobuf/geometry-type.js';
import { buildFeature } from 'flatgeobuf/lib/mjs/generic/feature.js';
import { buildHeader } from 'flatgeobuf/lib/mjs/generic/featurecollection.js';
import { parseGeometry } from 'flatgeobuf/lib/mjs/geojson/geometry.js';
import type { ColumnMeta } from 'flatgeobuf/lib/mjs/column-meta.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import type { AnyGeometry } from '../geo/types';
import { UserError } from './errors';
import { tableCells, type ExportColumn, type ExportTable } from './export';

const TYPES: Record<ExportColumn['type'], ColumnType> = { string: ColumnType.String, number: ColumnType.Double, boolean: ColumnType.Bool };

/**
 * Write a table as FlatGeobuf bytes (EPSG:4326 in the header, no spatial index).
 * flatgeobuf's own `serialize` infers each column's type from the first feature (a null there makes a number column
 * String), so the header is built here from the declared columns: string → String, number → Double, boolean → Bool.
 * Nulls: a null cell is left out of the feature's property buffer, so it reads back as a missing property, which the
 * loaders treat as empty; "" stays "". Geometry type: the common type of all rows, else Unknown (each feature then
 * carries its own type, e.g. Polygon and MultiPolygon mixed). Every row needs a geometry (a FlatGeobuf feature
 * without one cannot be read back by flatgeobuf): a row without one throws a UserError naming it.
 */
export function writeFlatGeobuf(table: ExportTable): Uint8Array {
  const geoms = table.geometry;
  const missing = table.rows.map((_, i) => i).filter((i) => !geoms?.[i]);
  if (missing.length) {
    throw new UserError(
      `"${table.name}": ${missing.length} row(s) have no geometry (first: row ${missing[0] + 1}); FlatGeobuf needs one per feature — export as GeoJSON, CSV or XLSX instead`,
      `"${table.name}"：${missing.length} 行没有几何（第一个：第 ${missing[0] + 1} 行）；FlatGeobuf 要求每个要素都有几何——请导出为 GeoJSON、CSV 或 XLSX`,
    );
  }
  const geometry = (geoms ?? []) as AnyGeometry[];
  const columns: ColumnMeta[] = table.columns.map((c) => ({
    name: c.key,
    type: TYPES[c.type],
    title: c.label ?? null,
    description: null,
    width: -1,
    precision: -1,
    scale: -1,
    nullable: true,
    unique: false,
    primary_key: false,
  }));
  const header: HeaderMeta = {
    geometryType: commonType(geometry),
    columns,
    envelope: null,
    featuresCount: table.rows.length,
    indexNodeSize: 0,
    crs: null,
    title: null,
    description: null,
    metadata: null,
  };
  const cells = tableCells(table);
  const parts: Uint8Array[] = [magicbytes, buildHeader(header, 4326)];
  for (let i = 0; i < table.rows.length; i++) {
    const props: Record<string, string | number | boolean | null> = {};
    table.columns.forEach((c, j) => (props[c.key] = cells[i][j]));
    parts.push(buildFeature(parseGeometry(geometry[i]), props, header));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function commonType(geometry: readonly AnyGeometry[]): GeometryType {
  const types = new Set(geometry.map((g) => g.type));
  if (types.size !== 1) return GeometryType.Unknown;
  return GeometryType[[...types][0]];
}
