/**
 * libsodium-wrappers backend: runs in every browser (WASM) and in Node. It is the default.
 * libsodium is imported lazily so that Node entries using the native backend never load it.
 *
 * Note: libsodium's crypto_scalarmult refuses an all-zero result (low-order point); we map
 * that refusal to the all-zero value so the age core rejects it the same way on every backend.
 */
import type { AgeAead, AgeBackend } from "./backend.ts";

type Sodium = (typeof import("libsodium-wrappers"))["default"];

let sodium: Sodium | undefined;
let loading: Promise<void> | undefined;

function lib(): Sodium {
  if (sodium === undefined) throw new Error("age sodium backend used before ready()");
  return sodium;
}

class SodiumAead implements AgeAead {
  constructor(private readonly key: Uint8Array) {}

  sealInto(nonce: Uint8Array, plaintext: Uint8Array, out: Uint8Array): void {
    const s = lib();
    const r = s.crypto_aead_chacha20poly1305_ietf_encrypt_detached(plaintext, null, null, nonce, this.key);
    out.set(r.ciphertext, 0);
    out.set(r.mac, plaintext.length);
  }

  open(nonce: Uint8Array, ciphertext: Uint8Array): Uint8Array | null {
    if (ciphertext.length < 16) return null;
    try {
      return lib().crypto_aead_chacha20poly1305_ietf_decrypt(null, ciphertext, null, nonce, this.key);
    } catch {
      return null;
    }
  }
}

/** The libsodium backend (WASM; works in browsers and Node). */
export const sodiumBackend: AgeBackend = {
  name: "sodium",
  ready(): Promise<void> {
    loading ??= import("libsodium-wrappers").then(async (m) => {
      const s = m.default;
      await s.ready;
      sodium = s;
    });
    return loading;
  },
  x25519(scalar: Uint8Array, point: Uint8Array): Uint8Array {
    try {
      return lib().crypto_scalarmult(scalar, point);
    } catch (e) {
      if (sodium === undefined) throw e;
      // libsodium throws for an all-zero shared secret; report it as such.
      return new Uint8Array(32);
    }
  },
  x25519Base(scalar: Uint8Array): Uint8Array {
    return lib().crypto_scalarmult_base(scalar);
  },
  aead(key: Uint8Array): AgeAead {
    if (key.length !== 32) throw new Error("ChaCha20-Poly1305 key must be 32 bytes");
    return new SodiumAead(Uint8Array.from(key));
  },
};
