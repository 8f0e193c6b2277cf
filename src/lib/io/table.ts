// A CSV/XLSX with longitude and latitude columns as a point layer (e.g. compounds geocoded as points).
import { UserError } from './errors';
import { finishLayer, type FinishOptions, type LoadedLayer } from './layer';
import { readLedger } from './ledger-read';
import type { Bytes } from './text';
import { parseQuantity } from './values';

const LON = ['经度', 'lon', 'lng', 'long', 'longitude', 'x', '东经', 'point_x', 'x坐标', 'x_coord'];
const LAT = ['纬度', 'lat', 'latitude', 'y', '北纬', 'point_y', 'y坐标', 'y_coord'];

/** Load a table whose rows have lon/lat (or x/y) columns as Point features; rows without coordinates are skipped. */
export async function loadTable(file: string, bytes: Bytes, opts: FinishOptions = {}): Promise<LoadedLayer> {
  const t = await readLedger(file, bytes);
  const find = (names: string[]): string | undefined => t.columns.find((c) => names.includes(c.normalize('NFKC').trim().toLowerCase()));
  const lon = find(LON);
  const lat = find(LAT);
  if (!lon || !lat) {
    throw new UserError(
      `has no longitude/latitude columns (looked for 经度/纬度, lon/lat, x/y); join it to polygons as a ledger instead`,
      `没有经纬度列（查找了 经度/纬度、lon/lat、x/y）；请把它作为台账与面图层关联`,
      { file },
    );
  }
  const src = t.rows.map((properties) => {
    const x = parseQuantity(properties[lon])?.value;
    const y = parseQuantity(properties[lat])?.value;
    return { properties, geometry: x === undefined || y === undefined ? null : { type: 'Point', coordinates: [x, y] } };
  });
  return finishLayer(src, { file, format: t.format, columns: t.columns, declared: null }, opts);
}
