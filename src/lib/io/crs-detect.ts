// When a file's coordinates are not lon/lat and nothing declares its CRS: guess the Gauss-Krüger zone, ask the user.
import { UserError } from './errors';
import { fromGk } from './crs';
import { gkLabel, gkThreeDegreeZones, gkZoneFromEasting } from './gk';

/** Where people in China plausibly map: lon 73…135E, lat 18…54N. */
export const CHINA_BBOX = [73, 18, 135, 54] as const;

export interface CrsCandidate {
  spec: string;
  label: string;
}

/** A question for the user: which CRS are these coordinates in? `likely` is pre-selected (null when there is no guess). */
export interface CrsQuestion {
  reason: { en: string; zh: string };
  candidates: CrsCandidate[];
  likely: string | null;
  /** One source coordinate, for the dialog ("e.g. 38 512 345, 3 912 345"). */
  example: [number, number];
}

/** True when every sample coordinate could be lon/lat degrees. */
export function looksGeographic(sample: readonly (readonly number[])[]): boolean {
  return sample.every((p) => Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90);
}

/**
 * Guess the CRS of coordinates that are clearly not lon/lat (|x| > 180 or |y| > 90); null when they could be lon/lat.
 * The guess:
 * 1. eastings ≥ 1 000 000 m whose leading digits are a zone number (3°: 25–45, 6°: 13–23) → that prefixed zone;
 * 2. eastings 0…1 000 000 m (no prefix; every zone's inverse lands in China, so the numbers cannot tell) → the
 *    3° zones (EPSG:4534–4554) whose inverse of the sample centre lands in China, sorted by distance of their
 *    central meridian from `hintLon`; `likely` is the first. `hintLon` defaults to 114E (zone CM 114E, EPSG:4547:
 *    Wuhan, Zhengzhou, Xinxiang, Shijiazhuang, Guangzhou, Shenzhen), so without a hint EPSG:4547 comes first;
 * 3. anything else (negative, Web-Mercator-sized, ...) → all 3° zones, no `likely`.
 * @param sample source coordinates [x, y] (metres)
 * @param hintLon longitude in degrees east the data is believed to be near (e.g. the map centre or another layer)
 */
export function detectCrs(sample: readonly (readonly number[])[], { hintLon = 114 }: { hintLon?: number } = {}): CrsQuestion | null {
  const pts = sample.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  if (!pts.length || looksGeographic(pts)) return null;
  const cx = median(pts.map((p) => p[0]));
  const cy = median(pts.map((p) => p[1]));
  const example: [number, number] = [pts[0][0], pts[0][1]];
  const all = gkThreeDegreeZones();
  const candidate = (z: (typeof all)[number]): CrsCandidate => ({ spec: `EPSG:${z.epsg}`, label: `EPSG:${z.epsg} ${gkLabel(z)}` });

  const prefixed = gkZoneFromEasting(cx);
  if (prefixed && pts.every((p) => Math.floor(p[0] / 1e6) === prefixed.zone) && inChina(fromGk(prefixed).toWgs84(cx, cy))) {
    return {
      reason: {
        en: `the coordinates are metres with zone number ${prefixed.zone} in the easting: most likely ${gkLabel(prefixed)}`,
        zh: `坐标是米，东坐标带带号 ${prefixed.zone}：很可能是 ${gkLabel(prefixed)}`,
      },
      candidates: [candidate(prefixed), ...all.map(candidate)],
      likely: `EPSG:${prefixed.epsg}`,
      example,
    };
  }
  if (cx > 0 && cx < 1e6 && cy > 0 && cy < 1e7) {
    const fits = all.filter((z) => inChina(fromGk(z).toWgs84(cx, cy)));
    fits.sort((a, b) => Math.abs(a.cm - hintLon) - Math.abs(b.cm - hintLon));
    if (fits.length) {
      const first = fits[0];
      return {
        reason: {
          en: `the coordinates are metres (Gauss-Krüger without zone number); the zone cannot be read from the numbers, ${gkLabel(first)} is nearest ${hintLon}E`,
          zh: `坐标是米（高斯-克吕格投影，无带号）；无法从数值判断分带，${gkLabel(first)} 离东经 ${hintLon}° 最近`,
        },
        candidates: fits.map(candidate),
        likely: `EPSG:${first.epsg}`,
        example,
      };
    }
  }
  return {
    reason: {
      en: `the coordinates (e.g. ${example.join(', ')}) are neither lon/lat nor a Chinese Gauss-Krüger zone`,
      zh: `坐标（如 ${example.join(', ')}）既不是经纬度也不像中国的高斯-克吕格分带`,
    },
    candidates: all.map(candidate),
    likely: null,
    example,
  };
}

/** Thrown by loaders that meet projected coordinates with no declared CRS; carries the question for the user. */
export class CrsNeededError extends UserError {
  readonly question: CrsQuestion;
  constructor(file: string, question: CrsQuestion) {
    const hint = question.likely ? ` (likely ${question.likely}; pass --crs ${question.likely})` : ' (pass --crs EPSG:xxxx)';
    const hintZh = question.likely ? `（很可能是 ${question.likely}；请指定 --crs ${question.likely}）` : '（请指定 --crs EPSG:xxxx）';
    super(
      `the coordinate system is not declared and the coordinates are not lon/lat: ${question.reason.en}${hint}`,
      `未声明坐标系且坐标不是经纬度：${question.reason.zh}${hintZh}`,
      { file },
    );
    this.name = 'CrsNeededError';
    this.question = question;
  }
}

function inChina([lon, lat]: readonly number[]): boolean {
  return lon >= CHINA_BBOX[0] && lon <= CHINA_BBOX[2] && lat >= CHINA_BBOX[1] && lat <= CHINA_BBOX[3];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
