// Resolve a CRS spec (EPSG code, proj4 string, .prj WKT, 'gcj02', 'bd09') to a converter into WGS84 lon/lat.
import proj4 from 'proj4';
import gcoord, { type CRSTypes } from 'gcoord';
import { UserError } from './errors';
import { gkLabel, gkProj4, gkZoneByCm, gkZoneByEpsg, gkZoneFromEasting, type GkZone } from './gk';

export interface Crs {
  /** Canonical spec that resolves to this CRS again, e.g. 'EPSG:4547', 'gcj02', or the proj4/WKT text. */
  spec: string;
  /** Short human label, e.g. 'EPSG:4547 CGCS2000 / 3° GK CM 114E'. */
  label: string;
  /** True when source coordinates are already lon/lat degrees (WGS84, CGCS2000, GCJ-02, BD-09). */
  geographic: boolean;
  /** The GK zone when the CRS is one, else null. */
  gk: GkZone | null;
  /** True when the conversion is the identity (WGS84 / CGCS2000 lon/lat). */
  identity: boolean;
  /** Converts one source coordinate (x = easting or lon) to WGS84 [lon, lat] degrees. */
  toWgs84(x: number, y: number): [number, number];
  /** Why the CRS differs from what was asked for (e.g. a zone prefix found in the eastings), else ''. */
  note: string;
}

const IDENTITY_EPSG = new Set([4326, 4490, 4610, 4214, 4269]);
const ID = (x: number, y: number): [number, number] => [x, y];

/**
 * Resolve a CRS spec to a converter into WGS84. Accepted: 'EPSG:4326' / 'EPSG:4490' (identity), CGCS2000 GK
 * zones EPSG:4491–4554, any other EPSG code proj4 knows (e.g. 3857), URN / OGC URL forms of EPSG codes,
 * proj4 strings, WKT (.prj text), 'gcj02' and 'bd09' (lon/lat on Chinese web maps).
 * When `sample` eastings carry a zone prefix (e.g. 38 500 000 m) the prefixed zone they name is used even if an
 * unprefixed zone was declared, and vice versa; `note` then says so.
 * @param sample a few source coordinates [x, y] (metres or degrees) used only for that prefix check
 */
export function resolveCrs(spec: string, { sample = [] }: { sample?: readonly (readonly number[])[] } = {}): Crs {
  const crs = resolveSpec(spec.trim());
  return crs.gk ? adaptGkToSample(crs, crs.gk, sample) : crs;
}

function resolveSpec(spec: string): Crs {
  const lower = spec.toLowerCase().replace(/[\s_-]/g, '');
  if (['gcj02', 'gcj', 'amap', 'tencent', 'gaode'].includes(lower)) return webMap('gcj02', 'GCJ-02 (Amap / Tencent)', gcoord.GCJ02);
  if (['bd09', 'bd09ll', 'baidu', 'bd'].includes(lower)) return webMap('bd09', 'BD-09 (Baidu)', gcoord.BD09);
  if (['wgs84', 'cgcs2000', 'crs84', 'lonlat', 'urn:ogc:def:crs:ogc:1.3:crs84', 'urn:ogc:def:crs:ogc::crs84'].includes(lower)) {
    return fromEpsg(lower === 'cgcs2000' ? 4490 : 4326, spec);
  }
  const epsg = /^(?:epsg:{1,2}|urn:ogc:def:crs:epsg:[\d.]*:|https?:\/\/www\.opengis\.net\/def\/crs\/epsg\/\d+\/)?(\d{4,6})$/.exec(lower);
  if (epsg) return fromEpsg(Number(epsg[1]), spec);
  if (spec.startsWith('+')) return fromProj4(spec, spec);
  if (/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|PROJECTEDCRS|GEODCRS|COMPD_CS)\s*\[/i.test(spec)) return fromWkt(spec);
  throw new UserError(
    `cannot understand the coordinate system "${short(spec)}"; give an EPSG code (e.g. EPSG:4547), a proj4 string, gcj02 or bd09`,
    `无法识别坐标系“${short(spec)}”；请给出 EPSG 代码（如 EPSG:4547）、proj4 字符串、gcj02 或 bd09`,
  );
}

function fromEpsg(code: number, asked: string): Crs {
  if (IDENTITY_EPSG.has(code)) {
    return { spec: `EPSG:${code}`, label: `EPSG:${code} lon/lat`, geographic: true, gk: null, identity: true, toWgs84: ID, note: '' };
  }
  const gk = gkZoneByEpsg(code);
  if (gk) return fromGk(gk);
  let def: string | undefined;
  try {
    def = proj4.defs(`EPSG:${code}`) ? `EPSG:${code}` : undefined;
  } catch {
    def = undefined;
  }
  if (!def) {
    throw new UserError(
      `EPSG:${code} (from "${short(asked)}") is not a coordinate system this tool knows; give its proj4 string or the .prj file instead`,
      `不认识坐标系 EPSG:${code}（来自“${short(asked)}”）；请改给它的 proj4 字符串或 .prj 文件`,
    );
  }
  return { ...fromProj4(def, `EPSG:${code}`), spec: `EPSG:${code}` };
}

/** The CRS of one GK zone. */
export function fromGk(gk: GkZone): Crs {
  const conv = proj4(gkProj4(gk), 'WGS84');
  return {
    spec: `EPSG:${gk.epsg}`,
    label: `EPSG:${gk.epsg} ${gkLabel(gk)}`,
    geographic: false,
    gk,
    identity: false,
    toWgs84: (x, y) => conv.forward([x, y]) as [number, number],
    note: '',
  };
}

function fromProj4(def: string, label: string): Crs {
  let conv: proj4.Converter;
  try {
    conv = proj4(def, 'WGS84');
  } catch (err) {
    throw new UserError(
      `cannot use the coordinate system "${short(label)}": ${err instanceof Error ? err.message : String(err)}`,
      `无法使用坐标系“${short(label)}”：${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const proj = (proj4 as unknown as { Proj(d: string): { projName?: string } }).Proj(def);
  const geographic = proj.projName === 'longlat';
  return {
    spec: def,
    label: short(label),
    geographic,
    gk: null,
    identity: false,
    toWgs84: (x, y) => conv.forward([x, y]) as [number, number],
    note: '',
  };
}

/** WKT: a top-level EPSG authority wins, then a CGCS2000 Gauss-Krüger / transverse Mercator recognised by its parameters, then proj4. */
function fromWkt(wkt: string): Crs {
  const ids = [...wkt.matchAll(/(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const top = ids.length ? Number(ids[ids.length - 1][1]) : NaN;
  if (IDENTITY_EPSG.has(top) || gkZoneByEpsg(top)) return fromEpsg(top, wkt);
  if (/^\s*(GEOGCS|GEOGCRS|GEODCRS)/i.test(wkt)) {
    // Geographic WKT: CGCS2000 / WGS84 need no conversion; other datums (Beijing 1954, Xian 1980) differ by < 100 m.
    const code = /2000|China/i.test(wkt) ? 4490 : 4326;
    return { ...fromEpsg(code, wkt), label: `EPSG:${code} lon/lat (${wktName(wkt)})` };
  }
  const gk = gkFromWkt(wkt);
  if (gk) return fromGk(gk);
  return { ...fromProj4(wkt, wktName(wkt)), spec: wkt };
}

function gkFromWkt(wkt: string): GkZone | null {
  const name = wktName(wkt);
  const cgcs = /CGCS.?2000|China.?2000|China Geodetic Coordinate System 2000/i.test(wkt);
  const tm = /Gauss|Kruger|Krueger|Transverse_Mercator|Transverse Mercator/i.test(wkt);
  if (!cgcs || !tm) return null;
  const cm = param(wkt, /central.?meridian|longitude of natural origin/i);
  const fe = param(wkt, /false.?easting/i);
  const k = param(wkt, /scale.?factor/i) ?? 1;
  const lat0 = param(wkt, /latitude.?of.?origin|latitude of natural origin/i) ?? 0;
  if (cm === null || fe === null || k !== 1 || lat0 !== 0) return null;
  if (fe === 500000) return gkZoneByCm(cm, { width: /6.?Degree/i.test(name) ? 6 : 3 });
  const byPrefix = gkZoneFromEasting(fe);
  return byPrefix && byPrefix.cm === cm && fe === byPrefix.zone * 1e6 + 500000 ? byPrefix : null;
}

function param(wkt: string, re: RegExp): number | null {
  for (const m of wkt.matchAll(/PARAMETER\[\s*"([^"]+)"\s*,\s*([-+\d.eE]+)/g)) {
    if (re.test(m[1])) return Number(m[2]);
  }
  return null;
}

function wktName(wkt: string): string {
  return /^\s*\w+\[\s*"([^"]*)"/.exec(wkt)?.[1] ?? short(wkt);
}

/** Declared unprefixed zone but eastings carry a prefix (or the reverse): follow the numbers. */
function adaptGkToSample(crs: Crs, gk: GkZone, sample: readonly (readonly number[])[]): Crs {
  if (!sample.length) return crs;
  const xs = sample.map((p) => p[0]).filter(Number.isFinite);
  if (!xs.length) return crs;
  const prefixed = xs.every((x) => x >= 1e6);
  if (prefixed && !gk.prefixed) {
    const z = gkZoneFromEasting(xs[0]);
    if (!z || xs.some((x) => Math.floor(x / 1e6) !== z.zone)) return crs;
    return {
      ...fromGk(z),
      note: `${crs.spec} was declared but the eastings carry zone prefix ${z.zone}; using EPSG:${z.epsg}`,
    };
  }
  if (!prefixed && gk.prefixed && xs.every((x) => x > 0 && x < 1e6)) {
    const z = gkZoneByCm(gk.cm, { width: gk.width, prefixed: false });
    if (!z) return crs;
    return { ...fromGk(z), note: `${crs.spec} was declared but the eastings carry no zone prefix; using EPSG:${z.epsg}` };
  }
  return crs;
}

function webMap(spec: string, label: string, from: CRSTypes): Crs {
  return {
    spec,
    label,
    geographic: true,
    gk: null,
    identity: false,
    toWgs84: (x, y) => gcoord.transform([x, y], from, gcoord.WGS84) as [number, number],
    note: '',
  };
}

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 60 ? one.slice(0, 57) + '...' : one;
}
