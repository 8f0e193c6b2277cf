import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngWithDpi } from '../../../src/lib/print/png-dpi';

/** A 2 × 1 grey PNG made here, chunk by chunk. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlibCrc(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const idat = deflateSync(Buffer.from([0, 128, 128]));
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]));
}
function zlibCrc(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('PNG resolution', () => {
  it('adds a pHYs chunk of the dpi that a PNG reader accepts, and replaces an old one', () => {
    const once = pngWithDpi(tinyPng(), 300);
    const twice = pngWithDpi(once, 150);
    const phys = (png: Uint8Array) => Buffer.from(png).indexOf('pHYs');
    expect(phys(once)).toBe(37);
    expect(Buffer.from(once).readUInt32BE(41)).toBe(11811);
    expect(Buffer.from(twice).readUInt32BE(41)).toBe(5906);
    expect(twice.length).toBe(once.length);
    // a well-formed chunk list: every CRC right, pHYs right after IHDR
    const chunks = (png: Uint8Array) => {
      const b = Buffer.from(png);
      const out: string[] = [];
      for (let at = 8; at < b.length; ) {
        const len = b.readUInt32BE(at);
        const body = b.subarray(at + 4, at + 8 + len);
        expect(b.readUInt32BE(at + 8 + len)).toBe(zlibCrc(body));
        out.push(body.subarray(0, 4).toString('latin1'));
        at += 12 + len;
      }
      return out;
    };
    expect(chunks(twice)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
  });

  it('refuses bytes that are not a PNG, and does not mutate its input', () => {
    expect(() => pngWithDpi(new Uint8Array(40), 150)).toThrow(/Not a PNG/);
    const png = tinyPng();
    const copy = png.slice();
    pngWithDpi(png, 200);
    expect(png).toEqual(copy);
  });
});
