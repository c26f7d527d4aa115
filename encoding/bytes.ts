/**
 * Byte-array equality, for comparing fixed forms (a header against the one the format writes, DER
 * names and keys). Not constant-time: never for secrets (the CSRF and token checks have their own).
 */

/** Whether `a` and `b` hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
