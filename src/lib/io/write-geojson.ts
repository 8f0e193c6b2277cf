// An export table as a GeoJSON FeatureCollection (RFC 7946: WGS84 lon/lat, UTF-8, no BOM).
import type { ExportTable } from './export';
import { tableCells } from './export';

/**
 * Write a table as GeoJSON bytes. Properties use the column keys in column order; nulls stay `null`;
 * a row without geometry becomes a feature with `geometry: null` (the loader reports it as skipped).
 * Numbers are written with JavaScript's shortest round-trip form, so they reopen bit-identical.
 */
export function writeGeoJson(table: ExportTable): Uint8Array {
  const cells = tableCells(table);
  const features = table.rows.map((_, i) => {
    const properties: Record<string, unknown> = {};
    table.columns.forEach((c, j) => (properties[c.key] = cells[i][j]));
    return { type: 'Feature', properties, geometry: table.geometry?.[i] ?? null };
  });
  return new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', name: table.name, features }));
}
