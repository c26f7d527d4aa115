/**
 * The primitives age needs, behind one small interface so the browser (libsodium, WASM) and
 * Node (node:crypto, native) can each use their fastest path while producing identical files.
 *
 * X25519 is RFC 7748 §5; the AEAD is ChaCha20-Poly1305 from RFC 8439 with a 12-byte nonce
 * and a 16-byte tag. HKDF/HMAC/SHA-256 come from crypto.subtle in the core (they only touch
 * the header), so backends do not provide them.
 *
 * Only types live here, so that each backend can implement them without importing the code that
 * picks the default (./default-backend.ts).
 */
/** One chunk to seal: `out` is exactly `plaintext.length + 16` long. */
export interface SealJob {
  nonce: Uint8Array;
  plaintext: Uint8Array;
  out: Uint8Array;
}

/** One chunk to open. */
export interface OpenJob {
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

/** ChaCha20-Poly1305 bound to one 32-byte key. Methods are synchronous once the backend is ready. */
export interface AgeAead {
  /**
   * Optional: seals several independent chunks; same effect as sealInto on each. A backend may
   * spread them over threads (the node backend uses a second core).
   */
  sealBatch?(jobs: SealJob[]): void;
  /** Optional: opens several independent chunks; result i is what open() would return for job i. */
  openBatch?(jobs: OpenJob[]): Array<Uint8Array | null>;
  /** Writes `ciphertext || tag` of `plaintext` into `out`, which is exactly `plaintext.length + 16` long. */
  sealInto(nonce: Uint8Array, plaintext: Uint8Array, out: Uint8Array): void;
  /**
   * Authenticates and decrypts `ciphertext || tag`. Returns a fresh plaintext array owned by the
   * caller, or null when authentication fails (nothing is released then).
   */
  open(nonce: Uint8Array, ciphertext: Uint8Array): Uint8Array | null;
}

/** A provider of age's asymmetric and bulk primitives. */
export interface AgeBackend {
  readonly name: string;
  /** Resolves once the primitives can be called (libsodium loads its WASM module). */
  ready(): Promise<void>;
  /**
   * X25519(scalar, point) (RFC 7748 §5). Returns 32 zero bytes when the result is the
   * all-zero value (low-order point); the caller MUST reject that.
   */
  x25519(scalar: Uint8Array, point: Uint8Array): Uint8Array;
  /** X25519(scalar, basepoint). */
  x25519Base(scalar: Uint8Array): Uint8Array;
  /** A ChaCha20-Poly1305 instance for `key` (32 bytes). */
  aead(key: Uint8Array): AgeAead;
}

/** Options shared by the age operations. */
export interface AgeOptions {
  /** Primitives to use; the default is the one set with setDefaultAgeBackend (libsodium unless changed). */
  backend?: AgeBackend;
}
