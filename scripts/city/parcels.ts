// Idle land (闲置用地) in the gaps between compounds: vacant plots, land freed by demolishing
// illegal structures, idle buildings. Mostly 200–3,000 m², with use, owner and note in Chinese.

import type { Rng } from './prng';
import type { Rect, Ring } from './subdivide';
import { UNITS } from './names-pool';

export interface ParcelDraft {
  ring: Ring;
  current_use: string;
  owner: string;
  note: string;
}

const USES: readonly { use: string; building: boolean }[] = [
  { use: '闲置空地', building: false },
  { use: '空闲地', building: false },
  { use: '拆除违建后空地', building: false },
  { use: '拆违腾退用地', building: false },
  { use: '拆除临建后空地', building: false },
  { use: '临时停车场', building: false },
  { use: '闲置厂房', building: true },
  { use: '闲置锅炉房', building: true },
  { use: '闲置仓库', building: true },
  { use: '废弃自行车棚', building: true },
  { use: '闲置门面房', building: true },
  { use: '闲置办公用房', building: true },
];
const NOTES = [
  '可建社区养老服务站', '拟建便民停车场', '可设快递驻点', '建议改建社区食堂', '可建托育点', '产权待核实',
  '需与原单位协商', '可改造为党群服务中心', '拟建口袋公园', '可建充电设施', '可建便民市场', '可建卫生服务站',
  '已纳入片区统筹', '周边居民意愿较强',
];

/**
 * Draws one parcel inside a free cell, or null when the cell is too small.
 * @param cell a non-residential cell, town metres
 */
export function parcelIn(cell: Rect, rng: Rng, options: { district: string; street: string }): ParcelDraft | null {
  const kind = rng.pick(USES);
  const r = rng.next();
  const target = kind.building ? rng.logRange(150, 1800) : r < 0.9 ? rng.logRange(200, 3000) : r < 0.96 ? rng.range(3000, 6000) : rng.range(120, 200);
  const aspect = rng.range(0.5, 2);
  const maxW = cell.x1 - cell.x0 - 4, maxH = cell.y1 - cell.y0 - 4;
  if (maxW < 8 || maxH < 8) return null;
  let w = Math.sqrt(target * aspect), h = target / w;
  if (w > maxW) w = maxW;
  if (h > maxH) h = maxH;
  if (w * h < 100) return null;
  const x0 = cell.x0 + 2 + rng.next() * (maxW - w), y0 = cell.y0 + 2 + rng.next() * (maxH - h);
  let ring: Ring;
  const shape = rng.next();
  if (shape < 0.7 || kind.building) {
    ring = [[x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0, y0 + h]];
  } else if (shape < 0.9) {
    const cut = w * rng.range(0.1, 0.35);
    ring = [[x0, y0], [x0 + w, y0], [x0 + w - cut, y0 + h], [x0, y0 + h]];
  } else {
    const nw = w * rng.range(0.3, 0.5), nh = h * rng.range(0.3, 0.5);
    ring = [[x0, y0], [x0 + w, y0], [x0 + w, y0 + h - nh], [x0 + w - nw, y0 + h - nh], [x0 + w - nw, y0 + h], [x0, y0 + h]];
  }
  const o = rng.next();
  const owner =
    o < 0.3 ? `原${rng.pick(UNITS)}` : o < 0.5 ? `${options.district}住房和城乡建设局` : o < 0.7 ? (/[镇乡]$/.test(options.street) ? `${options.street}人民政府` : `${options.street}办事处`)
    : o < 0.82 ? '市自然资源和规划局' : o < 0.92 ? `${options.street.replace(/(街道|镇|乡)$/, '')}社区居委会` : '产权不明';
  return { ring, current_use: kind.use, owner, note: rng.pick(NOTES) };
}
