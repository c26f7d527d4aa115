/**
 * Strict base64 helpers for key material: only the canonical encoding is accepted
 * (RFC 4648 §3.5: no padding in base64url, zero pad bits), so one key has exactly one spelling.
 * Table-driven: these run on every certificate chain check.
 */

const STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function table(alphabet: string): Int8Array {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
}
const STD_T = table(STD);
const URL_T = table(URL);

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let s = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    s += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    s += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + (pad ? "==" : "");
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    s += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + (pad ? "=" : "");
  }
  return s;
}

/** Decodes unpadded characters; undefined on a bad character or non-zero pad bits. */
function decode(s: string, t: Int8Array): Uint8Array | undefined {
  const rem = s.length % 4;
  if (rem === 1) return undefined;
  const out = new Uint8Array(((s.length * 3) >> 2));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? t[c]! : -1;
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return undefined; // non-canonical pad bits
  return out;
}

/** Bytes → base64url without padding. */
export function base64urlEncode(bytes: Uint8Array): string {
  return encode(bytes, URL, false);
}

/** Bytes → standard base64 with padding. */
export function base64Encode(bytes: Uint8Array): string {
  return encode(bytes, STD, true);
}

/** Canonical unpadded base64url → bytes, or undefined when not canonical or not `length` bytes. */
export function base64urlDecodeExact(s: string, length?: number): Uint8Array | undefined {
  const bytes = decode(s, URL_T);
  if (!bytes || (length !== undefined && bytes.length !== length)) return undefined;
  return bytes;
}

/** Canonical padded standard base64 (as in `x5c`, RFC 7515 §4.1.6) → bytes, or undefined. */
export function base64DecodeStrict(s: string): Uint8Array | undefined {
  if (s.length % 4 !== 0) return undefined;
  const body = s.endsWith("==") ? s.slice(0, -2) : s.endsWith("=") ? s.slice(0, -1) : s;
  return decode(body, STD_T);
}
