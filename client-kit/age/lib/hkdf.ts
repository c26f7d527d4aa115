/**
 * HKDF-SHA-256 (RFC 5869) and HMAC-SHA-256 (RFC 2104) over crypto.subtle, available in
 * browsers, Node and workers alike. age always derives 32-byte keys.
 */

const subtle = globalThis.crypto.subtle;
const enc = new TextEncoder();

/** HKDF-SHA-256(ikm, salt, info) → 32 bytes. */
export async function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: string): Promise<Uint8Array> {
  const key = await subtle.importKey("raw", ikm as Uint8Array<ArrayBuffer>, "HKDF", false, ["deriveBits"]);
  const bits = await subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: salt as Uint8Array<ArrayBuffer>, info: enc.encode(info) },
    key,
    256,
  );
  return new Uint8Array(bits);
}

async function hmacKey(key: Uint8Array, usage: "sign" | "verify"): Promise<CryptoKey> {
  return subtle.importKey("raw", key as Uint8Array<ArrayBuffer>, { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

/** HMAC-SHA-256(key, data). */
export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.sign("HMAC", await hmacKey(key, "sign"), data as Uint8Array<ArrayBuffer>));
}

/** Constant-time check that `mac` is HMAC-SHA-256(key, data). */
export async function hmacSha256Verify(key: Uint8Array, data: Uint8Array, mac: Uint8Array): Promise<boolean> {
  return subtle.verify("HMAC", await hmacKey(key, "verify"), mac as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
}
