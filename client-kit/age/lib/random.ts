/** CSPRNG bytes from the Web Crypto API (browsers, Node ≥ 19, workers). */
export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
}
