/**
 * Lowercase hexadecimal (RFC 4648 §8, lowercase as Kollen writes every digest: manifests, receipts,
 * key ids, database columns). Table-driven: it runs over every package digest.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * Bytes → lowercase hex, two digits per byte.
 *
 * @example toHex(new Uint8Array([0, 171, 255])) // "00abff"
 */
export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]!];
  return s;
}
