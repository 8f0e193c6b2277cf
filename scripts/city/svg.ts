// Renders a city (or a lon/lat window of it) to SVG, for eyeballing the generator's output.

import type { AreaGeometry, Position } from '../../src/lib/geo/types';
import type { City } from './types';

/**
 * @param bbox [west, south, east, north] in degrees; defaults to the compounds' extent
 * @param widthPx picture width, pixels
 */
export function citySvg(city: City, options: { bbox?: [number, number, number, number]; widthPx?: number } = {}): string {
  let bbox = options.bbox;
  if (!bbox) {
    bbox = [Infinity, Infinity, -Infinity, -Infinity];
    for (const c of city.compounds) {
      const p = (c.geometry.type === 'Polygon' ? c.geometry.coordinates[0] : c.geometry.coordinates[0]?.[0]) as Position[];
      for (const [x, y] of p as [number, number][]) {
        bbox = [Math.min(bbox[0], x), Math.min(bbox[1], y), Math.max(bbox[2], x), Math.max(bbox[3], y)];
      }
    }
  }
  const [w, s, e, n] = bbox;
  const widthPx = options.widthPx ?? 1600;
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const scale = widthPx / ((e - w) * k);
  const heightPx = Math.ceil((n - s) * scale);
  const pt = ([x, y]: Position): string => `${(((x as number) - w) * k * scale).toFixed(2)},${((n - (y as number)) * scale).toFixed(2)}`;
  const path = (g: AreaGeometry): string => {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    return polys.map((p) => p.map((r) => 'M' + r.map(pt).join('L') + 'Z').join('')).join('');
  };
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${heightPx}"><rect width="100%" height="100%" fill="#f4f1ea"/>`];
  for (const d of city.districts) if (d.geometry) out.push(`<path d="${path(d.geometry)}" fill="none" stroke="#a06" stroke-width="2" stroke-dasharray="6 4"/>`);
  for (const wtr of city.water) out.push(`<path d="${path(wtr.geometry)}" fill="#9cc8e8"/>`);
  for (const r of city.roads) {
    const px = Math.max(0.6, r.width_m * (scale / 111_320));
    out.push(`<path d="M${r.geometry.coordinates.map(pt).join('L')}" stroke="${r.class === 'arterial' ? '#e9b96e' : '#fff'}" stroke-width="${px.toFixed(2)}" fill="none"/>`);
  }
  const colour: Record<string, string> = { '2019': '#7a7', '2020': '#d33', '2021': '#e80', '2022': '#b6b', '2023': '#69c' };
  for (const c of city.compounds) {
    const fill = c.plan_year === null ? '#ccc' : (colour[String(c.plan_year)] ?? '#999');
    out.push(`<path d="${path(c.geometry)}" fill="${fill}" fill-rule="evenodd" stroke="#333" stroke-width="0.3"/>`);
  }
  for (const p of city.parcels) out.push(`<path d="${path(p.geometry)}" fill="#2a2" stroke="#060" stroke-width="0.4"/>`);
  out.push('</svg>');
  return out.join('\n');
}
