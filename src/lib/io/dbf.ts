// The dBASE III table of a shapefile: field names and values, with the text encoding worked out.
import { normaliseEncoding } from './text';

export interface DbfField {
  name: string;
  type: string;
  length: number;
  decimals: number;
}

export interface DbfTable {
  fields: DbfField[];
  rows: Record<string, unknown>[];
  /** Rows marked deleted ('*'), by 0-based index. */
  deleted: Set<number>;
  /** The TextDecoder encoding used, and why. */
  encoding: string;
  encodingSource: 'cpg' | 'utf-8 valid' | 'gbk fallback';
}

/**
 * Read a .dbf. Text (field names and C values) is decoded with the .cpg encoding when given and known, else UTF-8
 * when every name and text cell is valid UTF-8 (a character cut at the field width is tolerated), else GBK.
 * N/F → number (blank or '*' → null); D → 'YYYY-MM-DD' (blank → null); L → boolean (?, blank → null);
 * I/O (binary int/double) → number; anything else (memo) → null. Text is trimmed.
 */
export function readDbf(bytes: Uint8Array, { cpg }: { cpg?: string } = {}): DbfTable {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 32) throw new Error('.dbf is too short');
  const nRecords = dv.getUint32(4, true);
  const headerLen = dv.getUint16(8, true);
  const recLen = dv.getUint16(10, true);
  const raw: { nameBytes: Uint8Array; type: string; length: number; decimals: number; offset: number }[] = [];
  let fo = 1;
  for (let o = 32; o + 32 <= headerLen && bytes[o] !== 0x0d; o += 32) {
    let n = 0;
    while (n < 11 && bytes[o + n] !== 0) n++;
    const length = bytes[o + 16];
    raw.push({ nameBytes: bytes.subarray(o, o + n), type: String.fromCharCode(bytes[o + 11]), length, decimals: bytes[o + 17], offset: fo });
    fo += length;
  }
  const count = Math.min(nRecords, Math.floor((bytes.byteLength - headerLen) / Math.max(1, recLen)));
  const declared = cpg ? normaliseEncoding(cpg) : null;
  let encoding: string;
  let encodingSource: DbfTable['encodingSource'];
  if (declared) {
    encoding = declared;
    encodingSource = 'cpg';
  } else if (allUtf8(bytes, raw, headerLen, recLen, count)) {
    encoding = 'utf-8';
    encodingSource = 'utf-8 valid';
  } else {
    encoding = 'gbk';
    encodingSource = 'gbk fallback';
  }
  const dec = new TextDecoder(encoding);
  const fields: DbfField[] = raw.map((f) => ({ name: dec.decode(f.nameBytes).trim(), type: f.type, length: f.length, decimals: f.decimals }));
  const rows: Record<string, unknown>[] = [];
  const deleted = new Set<number>();
  for (let r = 0; r < count; r++) {
    const base = headerLen + r * recLen;
    if (bytes[base] === 0x2a) deleted.add(r);
    const row: Record<string, unknown> = {};
    for (let i = 0; i < raw.length; i++) {
      const f = raw[i];
      row[fields[i].name] = cell(bytes.subarray(base + f.offset, base + f.offset + f.length), f.type, dec);
    }
    rows.push(row);
  }
  return { fields, rows, deleted, encoding, encodingSource };
}

function cell(b: Uint8Array, type: string, dec: TextDecoder): unknown {
  switch (type) {
    case 'C':
      return dec.decode(b).replace(/[\0\uFFFD]+$/, '').trim();
    case 'N':
    case 'F': {
      const s = ascii(b).trim();
      if (!s || /^\*+$/.test(s)) return null;
      const n = Number(s.replace(',', '.'));
      return Number.isFinite(n) ? n : null;
    }
    case 'D': {
      const s = ascii(b).trim();
      return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : null;
    }
    case 'L': {
      const s = ascii(b).trim().toUpperCase();
      return 'YT'.includes(s) && s ? true : 'NF'.includes(s) && s ? false : null;
    }
    case 'I':
      return b.length === 4 ? new DataView(b.buffer, b.byteOffset, 4).getInt32(0, true) : null;
    case 'O':
      return b.length === 8 ? new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true) : null;
    default:
      return null;
  }
}

function ascii(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

function allUtf8(
  bytes: Uint8Array,
  raw: { nameBytes: Uint8Array; type: string; length: number; offset: number }[],
  headerLen: number,
  recLen: number,
  count: number,
): boolean {
  const ok = (b: Uint8Array): boolean => {
    for (let i = 0; i < b.length; i++) {
      if (b[i] >= 0x80) {
        try {
          // stream: a multi-byte character cut at the field width is not an error
          new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: true });
          return true;
        } catch {
          return false;
        }
      }
    }
    return true;
  };
  if (!raw.every((f) => ok(f.nameBytes))) return false;
  const text = raw.filter((f) => f.type === 'C');
  for (let r = 0; r < count; r++) {
    const base = headerLen + r * recLen;
    for (const f of text) if (!ok(bytes.subarray(base + f.offset, base + f.offset + f.length))) return false;
  }
  return true;
}
