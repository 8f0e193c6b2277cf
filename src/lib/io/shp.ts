// The .shp format (ESRI whitepaper 1998): records to GeoJSON-shaped geometries in source coordinates, row-aligned.

/**
 * Read every record of a .shp file. Null shapes give null; MultiPatch gives {type:'MultiPatch'} (refused later with
 * a reason). Polygon rings are grouped into polygons: clockwise rings (shapefile outers) start a polygon, each
 * counter-clockwise ring (hole) goes to the smallest outer that contains its first vertex; rings are written in
 * RFC 7946 orientation (outer counter-clockwise). Z and M values are dropped. Reading stops at a record that runs
 * past the end of the bytes; `info.truncated` then tells (also when the header says the file is longer).
 */
export function readShp(bytes: Uint8Array, info: { truncated?: boolean } = {}): unknown[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 100 || dv.getInt32(0, false) !== 9994) throw new Error('not a .shp file (file code is not 9994)');
  const declaredEnd = dv.getInt32(24, false) * 2;
  const end = Math.min(bytes.byteLength, declaredEnd);
  info.truncated = declaredEnd > bytes.byteLength;
  const out: unknown[] = [];
  let off = 100;
  while (off + 8 <= end) {
    const len = dv.getInt32(off + 4, false) * 2;
    const start = off + 8;
    if (len < 4 || start + len > bytes.byteLength) {
      info.truncated = true;
      break;
    }
    out.push(readRecord(dv, start, len));
    off = start + len;
  }
  return out;
}

function readRecord(dv: DataView, o: number, len: number): unknown {
  const type = dv.getInt32(o, true);
  switch (type) {
    case 0:
      return null;
    case 1:
    case 11:
    case 21:
      return { type: 'Point', coordinates: [dv.getFloat64(o + 4, true), dv.getFloat64(o + 12, true)] };
    case 8:
    case 18:
    case 28: {
      const n = dv.getInt32(o + 36, true);
      return { type: 'MultiPoint', coordinates: points(dv, o + 40, n) };
    }
    case 3:
    case 13:
    case 23: {
      const parts = readParts(dv, o, len);
      return parts.length === 1 ? { type: 'LineString', coordinates: parts[0] } : { type: 'MultiLineString', coordinates: parts };
    }
    case 5:
    case 15:
    case 25:
      return polygonFromRings(readParts(dv, o, len));
    case 31:
      return { type: 'MultiPatch' };
    default:
      return { type: `shape type ${type}` };
  }
}

function readParts(dv: DataView, o: number, len: number): number[][][] {
  const nParts = dv.getInt32(o + 36, true);
  const nPoints = dv.getInt32(o + 40, true);
  if (nParts < 0 || nPoints < 0 || 44 + nParts * 4 + nPoints * 16 > len) throw new Error('corrupt .shp record');
  const pts = points(dv, o + 44 + nParts * 4, nPoints);
  const parts: number[][][] = [];
  for (let i = 0; i < nParts; i++) {
    const a = dv.getInt32(o + 44 + i * 4, true);
    const b = i + 1 < nParts ? dv.getInt32(o + 44 + (i + 1) * 4, true) : nPoints;
    parts.push(pts.slice(a, b));
  }
  return parts;
}

function points(dv: DataView, o: number, n: number): number[][] {
  const out: number[][] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = [dv.getFloat64(o + i * 16, true), dv.getFloat64(o + i * 16 + 8, true)];
  return out;
}

/** Twice the signed area (positive = counter-clockwise). */
function signedArea2(ring: number[][]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s;
}

function inside(p: number[], ring: number[][]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) c = !c;
  }
  return c;
}

function polygonFromRings(rings: number[][][]): unknown {
  const outers: { ring: number[][]; area: number; holes: number[][][] }[] = [];
  const holes: number[][][] = [];
  for (const r of rings) {
    if (r.length < 3) continue;
    const a = signedArea2(r);
    if (a < 0) outers.push({ ring: [...r].reverse(), area: -a, holes: [] });
    else holes.push(r);
  }
  // No clockwise ring at all: the writer ignored the orientation rule; take every ring as an outer.
  if (!outers.length) for (const h of holes.splice(0)) outers.push({ ring: h, area: signedArea2(h), holes: [] });
  for (const h of holes) {
    let best: (typeof outers)[number] | null = null;
    for (const o of outers) if (inside(h[0], o.ring) && (!best || o.area < best.area)) best = o;
    if (best) best.holes.push([...h].reverse());
    else outers.push({ ring: h, area: signedArea2(h), holes: [] });
  }
  if (!outers.length) return { type: 'Polygon', coordinates: [] };
  const polys = outers.map((o) => [o.ring, ...o.holes]);
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}
