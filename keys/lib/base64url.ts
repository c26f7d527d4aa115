/**
 * Strict base64 helpers for key material: only the canonical encoding is accepted
 * (RFC 4648 §3.5: no padding in base64url, zero pad bits), so one key has exactly one spelling.
 */

const B64URL = /^[A-Za-z0-9_-]*$/;
const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Bytes → base64url without padding. */
export function base64urlEncode(bytes: Uint8Array): string {
  return base64Encode(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Bytes → standard base64 with padding. */
export function base64Encode(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Canonical unpadded base64url → bytes, or undefined when not canonical or not `length` bytes. */
export function base64urlDecodeExact(s: string, length?: number): Uint8Array | undefined {
  if (!B64URL.test(s) || s.length % 4 === 1) return undefined;
  let bytes: Uint8Array;
  try {
    const std = s.replace(/-/g, "+").replace(/_/g, "/");
    bytes = Uint8Array.from(atob(std + "=".repeat((4 - (std.length % 4)) % 4)), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
  if (length !== undefined && bytes.length !== length) return undefined;
  return base64urlEncode(bytes) === s ? bytes : undefined;
}

/** Canonical padded standard base64 (as in `x5c`, RFC 7515 §4.1.6) → bytes, or undefined. */
export function base64DecodeStrict(s: string): Uint8Array | undefined {
  if (!B64.test(s)) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
  return base64Encode(bytes) === s ? bytes : undefined;
}
