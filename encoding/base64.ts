/**
 * Strict base64 (RFC 4648 §4) and base64url (§5): one spelling per byte string.
 *
 * Decoders accept only the canonical encoding and return undefined for anything else: a character
 * outside the alphabet (whitespace included), an impossible length, non-zero pad bits (§3.5), and
 * `=` padding where the format forbids it. The formats Kollen reads:
 * - age headers: unpadded standard base64; age-encryption.org/v1 §Conventions "decoders MUST reject
 *   non-canonical encodings and encodings ending with `=` padding characters"
 *   ({@link base64DecodeUnpadded});
 * - JWK members and JWS parts: unpadded base64url (RFC 7515 §2, RFC 8037 §2) ({@link base64urlDecode});
 * - `x5c` certificates: padded standard base64 (RFC 7515 §4.1.6) ({@link base64Decode}).
 * Table-driven: these run on every age header and certificate chain check.
 */

const STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function table(alphabet: string): Int8Array {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
}
const STANDARD_TABLE = table(STANDARD);
const URL_SAFE_TABLE = table(URL_SAFE);

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

/** Decodes unpadded characters; undefined on a bad character, an impossible length or non-zero pad bits. */
function decode(s: string, t: Int8Array): Uint8Array | undefined {
  if (s.length % 4 === 1) return undefined;
  const out = new Uint8Array((s.length * 3) >> 2);
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
  // The 2 or 4 bits left over must be zero in the canonical encoding (RFC 4648 §3.5).
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

/** True when `c` (a char code) is in the standard base64 alphabet (`=` is not). */
export function isBase64Char(c: number): boolean {
  return c < 128 && STANDARD_TABLE[c]! >= 0;
}

/**
 * Bytes → standard base64 with `=` padding, as `x5c` holds certificates.
 *
 * @example base64Encode(new Uint8Array([1, 2])) // "AQI="
 */
export function base64Encode(bytes: Uint8Array): string {
  return encode(bytes, STANDARD, true);
}

/**
 * Bytes → standard base64 without padding, as the age header writes it.
 *
 * @example base64EncodeUnpadded(new Uint8Array([1, 2])) // "AQI"
 */
export function base64EncodeUnpadded(bytes: Uint8Array): string {
  return encode(bytes, STANDARD, false);
}

/**
 * Bytes → base64url without padding (JWK members, JWS parts, tokens).
 *
 * @example base64urlEncode(new Uint8Array([251, 255])) // "-_8"
 */
export function base64urlEncode(bytes: Uint8Array): string {
  return encode(bytes, URL_SAFE, false);
}

/**
 * Canonical padded standard base64 → bytes, or undefined (missing or extra padding, whitespace,
 * the URL alphabet, non-zero pad bits).
 *
 * @example base64Decode("AQI=") // Uint8Array [1, 2]; base64Decode("AQI") and base64Decode("AQJ=") are undefined
 */
export function base64Decode(s: string): Uint8Array | undefined {
  if (s.length % 4 !== 0) return undefined;
  const body = s.endsWith("==") ? s.slice(0, -2) : s.endsWith("=") ? s.slice(0, -1) : s;
  return decode(body, STANDARD_TABLE);
}

/**
 * Canonical unpadded standard base64 → bytes, or undefined (any `=`, whitespace, the URL alphabet,
 * an impossible length, non-zero pad bits).
 *
 * @example base64DecodeUnpadded("AQI") // Uint8Array [1, 2]; base64DecodeUnpadded("AQI=") is undefined
 */
export function base64DecodeUnpadded(s: string): Uint8Array | undefined {
  return decode(s, STANDARD_TABLE);
}

/**
 * Canonical unpadded base64url → bytes, or undefined when not canonical or, with `length`, not
 * exactly that many bytes.
 *
 * @example base64urlDecode(jwk.x, 32) // the 32-byte Ed25519 public key, or undefined
 */
export function base64urlDecode(s: string, length?: number): Uint8Array | undefined {
  const bytes = decode(s, URL_SAFE_TABLE);
  if (!bytes || (length !== undefined && bytes.length !== length)) return undefined;
  return bytes;
}
