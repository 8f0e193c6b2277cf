// Bytes to text for Chinese files: a declared encoding, else UTF-8 when it decodes cleanly, else GBK.

export type Bytes = ArrayBuffer | Uint8Array;

export function toU8(bytes: Bytes): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
}

/**
 * Decode text. With `encoding` (a .cpg value such as 'GBK', 'UTF-8', '936', 'ANSI 936', 'CP936'), use it;
 * otherwise UTF-8 when the bytes are valid UTF-8 (BOM stripped), else GBK (GB18030 superset, as TextDecoder('gbk') is).
 */
export function decodeText(bytes: Bytes, { encoding }: { encoding?: string } = {}): { text: string; encoding: string } {
  const u8 = toU8(bytes);
  const declared = encoding ? normaliseEncoding(encoding) : null;
  if (declared) return { text: new TextDecoder(declared).decode(u8), encoding: declared };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(u8), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(u8), encoding: 'gbk' };
  }
}

/** A TextDecoder label for a .cpg / code-page value, or null when unknown (then UTF-8-else-GBK applies). */
export function normaliseEncoding(raw: string): string | null {
  const s = raw.trim().toLowerCase().replace(/^ansi\s*/, '').replace(/^cp/, '');
  const alias: Record<string, string> = { '936': 'gbk', '54936': 'gb18030', '65001': 'utf-8', '950': 'big5', utf8: 'utf-8', '1252': 'windows-1252' };
  const label = alias[s] ?? s;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}
