// Write polygon shapefiles (.shp/.shx/.dbf) from GeoJSON-shaped geometries in any planar CRS; used for fixtures and export.
import type { AreaGeometry } from '../geo/types';

export interface DbfFieldSpec {
  name: string;
  type: 'C' | 'N';
  /** Field width in bytes (C: ≤ 254; N: ≤ 20). */
  length: number;
  /** Decimal places (N only). */
  decimals?: number;
}

export interface ShapefileBytes {
  shp: Uint8Array;
  shx: Uint8Array;
  dbf: Uint8Array;
}

/**
 * Write polygon records (null geometry → a null shape record) and their attributes.
 * Rings are written with shapefile orientation (outer clockwise, holes counter-clockwise) whatever the input.
 * @param encode text encoder for field names and C values (e.g. UTF-8 via TextEncoder, or GBK); names must fit 10 bytes
 */
export function writePolygonShapefile(
  records: readonly { geometry: AreaGeometry | null; properties: Record<string, unknown> }[],
  { fields, encode = (s: string) => new TextEncoder().encode(s), ldid = 0 }: { fields: readonly DbfFieldSpec[]; encode?: (s: string) => Uint8Array; ldid?: number },
): ShapefileBytes {
  const contents = records.map((r) => polygonContent(r.geometry));
  const shpLen = 100 + contents.reduce((s, c) => s + 8 + c.byteLength, 0);
  const shp = new Uint8Array(shpLen);
  const shx = new Uint8Array(100 + 8 * records.length);
  const bbox = bboxOf(records.map((r) => r.geometry));
  writeHeader(new DataView(shp.buffer), shpLen, bbox);
  writeHeader(new DataView(shx.buffer), shx.byteLength, bbox);
  const sv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  let off = 100;
  contents.forEach((c, i) => {
    sv.setInt32(off, i + 1, false);
    sv.setInt32(off + 4, c.byteLength / 2, false);
    shp.set(c, off + 8);
    xv.setInt32(100 + i * 8, off / 2, false);
    xv.setInt32(104 + i * 8, c.byteLength / 2, false);
    off += 8 + c.byteLength;
  });
  return { shp, shx, dbf: writeDbf(records.map((r) => r.properties), fields, encode, ldid) };
}

function writeHeader(v: DataView, byteLength: number, bbox: number[]): void {
  v.setInt32(0, 9994, false);
  v.setInt32(24, byteLength / 2, false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, 5, true);
  bbox.forEach((x, i) => v.setFloat64(36 + i * 8, x, true));
}

function bboxOf(geoms: readonly (AreaGeometry | null)[]): number[] {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of geoms) for (const ring of rings(g)) for (const p of ring) {
    b[0] = Math.min(b[0], p[0]);
    b[1] = Math.min(b[1], p[1]);
    b[2] = Math.max(b[2], p[0]);
    b[3] = Math.max(b[3], p[1]);
  }
  return b[0] === Infinity ? [0, 0, 0, 0] : b;
}

function rings(g: AreaGeometry | null): number[][][] {
  if (!g) return [];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.flatMap((poly) => poly.map((ring, i) => orient(ring, i === 0)));
}

/** Outer rings clockwise, holes counter-clockwise (shapefile rule). */
function orient(ring: number[][], outer: boolean): number[][] {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  const ccw = s > 0;
  return ccw === outer ? [...ring].reverse() : ring;
}

function polygonContent(g: AreaGeometry | null): Uint8Array {
  if (!g) {
    const b = new Uint8Array(4);
    return b;
  }
  const rs = rings(g);
  const n = rs.reduce((s, r) => s + r.length, 0);
  const b = new Uint8Array(44 + 4 * rs.length + 16 * n);
  const v = new DataView(b.buffer);
  v.setInt32(0, 5, true);
  bboxOf([g]).forEach((x, i) => v.setFloat64(4 + i * 8, x, true));
  v.setInt32(36, rs.length, true);
  v.setInt32(40, n, true);
  let k = 0;
  rs.forEach((r, i) => {
    v.setInt32(44 + i * 4, k, true);
    for (const p of r) {
      v.setFloat64(44 + 4 * rs.length + k * 16, p[0], true);
      v.setFloat64(44 + 4 * rs.length + k * 16 + 8, p[1], true);
      k++;
    }
  });
  return b;
}

function writeDbf(rows: readonly Record<string, unknown>[], fields: readonly DbfFieldSpec[], encode: (s: string) => Uint8Array, ldid: number): Uint8Array {
  const headerLen = 32 + 32 * fields.length + 1;
  const recLen = 1 + fields.reduce((s, f) => s + f.length, 0);
  const out = new Uint8Array(headerLen + recLen * rows.length + 1);
  const v = new DataView(out.buffer);
  out[0] = 0x03;
  out.set([120, 1, 1], 1); // last update 2020-01-01: fixed, so output is deterministic
  v.setUint32(4, rows.length, true);
  v.setUint16(8, headerLen, true);
  v.setUint16(10, recLen, true);
  out[29] = ldid;
  fields.forEach((f, i) => {
    const o = 32 + i * 32;
    const name = encode(f.name);
    if (name.length > 10) throw new Error(`dbf field name "${f.name}" is ${name.length} bytes; at most 10 fit`);
    out.set(name, o);
    out[o + 11] = f.type.charCodeAt(0);
    out[o + 16] = f.length;
    out[o + 17] = f.decimals ?? 0;
  });
  out[headerLen - 1] = 0x0d;
  rows.forEach((row, r) => {
    let o = headerLen + r * recLen;
    out[o++] = 0x20;
    for (const f of fields) {
      const val = row[f.name];
      let bytes: Uint8Array;
      if (f.type === 'N') {
        const s = typeof val === 'number' && Number.isFinite(val) ? val.toFixed(f.decimals ?? 0) : '';
        bytes = new TextEncoder().encode(s.padStart(f.length, ' '));
      } else {
        const enc = encode(val === null || val === undefined ? '' : String(val));
        bytes = new Uint8Array(f.length).fill(0x20);
        bytes.set(enc.subarray(0, f.length));
      }
      if (bytes.length > f.length) throw new Error(`value ${String(val)} does not fit dbf field ${f.name} (${f.length} bytes)`);
      out.set(bytes, o);
      o += f.length;
    }
  });
  out[out.length - 1] = 0x1a;
  return out;
}
