// Deterministic pseudo-random bytes for the age tests, with no Node import: the Chromium page of
// test/e2e/age-hybrid.test.ts bundles it too, so large plaintexts are made where they are used.

/** Deterministic pseudo-random bytes (xorshift), for reproducible large plaintexts. */
export function pseudoRandom(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
