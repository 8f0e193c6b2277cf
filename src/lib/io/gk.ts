// CGCS2000 Gauss-Krüger zones (3° and 6°) as EPSG codes, central meridians and proj4 definitions.
// Families (EPSG registry):
//   3° with zone prefix in the easting: EPSG:4513–4533 = zones 25–45, CM = 3·zone (75E…135E), x_0 = zone·1e6 + 500 000
//   3° without prefix:                 EPSG:4534–4554 = CM 75E…135E, x_0 = 500 000
//   6° with zone prefix:               EPSG:4491–4501 = zones 13–23, CM = 6·zone − 3 (75E…135E), x_0 = zone·1e6 + 500 000
//   6° without prefix:                 EPSG:4502–4512 = CM 75E…135E, x_0 = 500 000
// Zone numbers of the two families never overlap (13–23 vs 25–45), so an easting's prefix names its zone alone.

export interface GkZone {
  epsg: number;
  /** 3 or 6 (degrees of zone width). */
  width: 3 | 6;
  /** Zone number (3°: 25–45, 6°: 13–23). */
  zone: number;
  /** Central meridian, degrees east. */
  cm: number;
  /** Whether the easting carries the zone number (x_0 = zone·1e6 + 500 000). */
  prefixed: boolean;
}

/** The zone for an EPSG code, or null when the code is not a CGCS2000 GK zone. */
export function gkZoneByEpsg(epsg: number): GkZone | null {
  if (epsg >= 4513 && epsg <= 4533) return three(epsg - 4513 + 25, true);
  if (epsg >= 4534 && epsg <= 4554) return three(epsg - 4534 + 25, false);
  if (epsg >= 4491 && epsg <= 4501) return six(epsg - 4491 + 13, true);
  if (epsg >= 4502 && epsg <= 4512) return six(epsg - 4502 + 13, false);
  return null;
}

/** The zone for a central meridian (degrees east) in one family, or null when there is none. */
export function gkZoneByCm(cm: number, { width = 3, prefixed = false }: { width?: 3 | 6; prefixed?: boolean } = {}): GkZone | null {
  if (width === 3) {
    const zone = cm / 3;
    return Number.isInteger(zone) && zone >= 25 && zone <= 45 ? three(zone, prefixed) : null;
  }
  const zone = (cm + 3) / 6;
  return Number.isInteger(zone) && zone >= 13 && zone <= 23 ? six(zone, prefixed) : null;
}

/**
 * The prefixed zone named by an easting's leading digits (e.g. 38 512 345 m → 3° zone 38, CM 114E),
 * or null when the easting carries no valid zone number.
 * @param x easting in metres
 */
export function gkZoneFromEasting(x: number): GkZone | null {
  if (!(x >= 1e6)) return null;
  const zone = Math.floor(x / 1e6);
  if (zone >= 25 && zone <= 45) return three(zone, true);
  if (zone >= 13 && zone <= 23) return six(zone, true);
  return null;
}

/** All 3° zones without prefix (EPSG:4534–4554), west to east. */
export function gkThreeDegreeZones(): GkZone[] {
  const out: GkZone[] = [];
  for (let z = 25; z <= 45; z++) out.push(three(z, false));
  return out;
}

/** proj4 definition of a zone (GRS80 ellipsoid, CGCS2000 ≈ WGS84, no datum shift). */
export function gkProj4(z: GkZone): string {
  const x0 = z.prefixed ? z.zone * 1e6 + 500000 : 500000;
  return `+proj=tmerc +lat_0=0 +lon_0=${z.cm} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

/** Human label, e.g. "CGCS2000 / 3° GK CM 114E" or "CGCS2000 / 3° GK zone 38". */
export function gkLabel(z: GkZone): string {
  return z.prefixed ? `CGCS2000 / ${z.width}° GK zone ${z.zone} (CM ${z.cm}E)` : `CGCS2000 / ${z.width}° GK CM ${z.cm}E`;
}

function three(zone: number, prefixed: boolean): GkZone {
  return { epsg: (prefixed ? 4513 : 4534) + zone - 25, width: 3, zone, cm: zone * 3, prefixed };
}

function six(zone: number, prefixed: boolean): GkZone {
  return { epsg: (prefixed ? 4491 : 4502) + zone - 13, width: 6, zone, cm: zone * 6 - 3, prefixed };
}
