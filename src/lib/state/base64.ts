// Bytes ⇄ base64 text, for the project file (files' bytes) and the URL (base64url of the setup's JSON).

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Throws (DOMException) when the text is not base64. */
export function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const u = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
  return u;
}

/** base64url without padding (RFC 4648 §5): safe in a URL fragment. */
export const toBase64Url = (bytes: Uint8Array): string => toBase64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
export const fromBase64Url = (s: string): Uint8Array => fromBase64(s.replaceAll('-', '+').replaceAll('_', '/'));
