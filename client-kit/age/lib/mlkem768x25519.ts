/**
 * The post-quantum hybrid recipient stanza (c2sp.org/age §The mlkem768x25519 recipient type,
 * age v1.3):
 *
 *     (enc, shared secret) = X-Wing.Encaps(recipient)            ; MLKEM768-X25519, HPKE KEM 0x647a
 *     (key, nonce) = HPKE base mode key schedule(shared secret, info = "age-encryption.org/mlkem768x25519")
 *     stanza = "-> mlkem768x25519" SP base64(enc)                  ; enc is 1120 bytes
 *     body = ChaCha20-Poly1305(key, nonce, file key, aad = "")     ; 32 bytes
 *
 * X-Wing (ML-KEM-768 and X25519 under a SHA3-256 combiner) comes from @noble/post-quantum, loaded
 * on first use (about 0.1 s of start-up that X25519-only callers, such as most CLI commands, never
 * pay; in the browser bundle it is a chunk of its own). The identity is the 32-byte decapsulation
 * seed, the recipient the 1216-byte encapsulation key.
 *
 * Unwrapping ignores stanzas whose first argument is not exactly `mlkem768x25519`, and rejects
 * (AGE_HEADER_INVALID) hybrid stanzas with the wrong argument count, an enc that is not the
 * canonical base64 of 1120 bytes, a body that is not 32 bytes (checked before decrypting,
 * against partitioning oracles), or an X25519 share giving the all-zero shared secret.
 */
import { KollenError } from "../../../schemas/errors.ts";
import { base64DecodeUnpadded, base64EncodeUnpadded } from "../../../encoding/base64.ts";
import type { AgeBackend } from "../backend.ts";
import type { Stanza } from "./header.ts";
import { hpkeBaseSchedule } from "./hpke.ts";

/** The stanza type, exactly as written (case matters: `MLKEM768X25519` is another, unknown type). */
export const HYBRID_STANZA_TYPE = "mlkem768x25519";
const ENC_BYTES = 1120;
const BODY_BYTES = 16 + 16;
let hpke: ReturnType<typeof hpkeBaseSchedule> | undefined;
/** The HPKE key schedule of the hybrid stanza, made on first use (X25519-only callers never pay for it). */
const schedule = (shared: Uint8Array) => (hpke ??= hpkeBaseSchedule(0x647a, "age-encryption.org/mlkem768x25519"))(shared);

type XWing = (typeof import("@noble/post-quantum/hybrid.js"))["ml_kem768_x25519"];
let loading: Promise<XWing> | undefined;

/** X-Wing (MLKEM768-X25519), imported on first use. */
function xwing(): Promise<XWing> {
  loading ??= import("@noble/post-quantum/hybrid.js").then((m) => m.ml_kem768_x25519);
  return loading;
}

/** The X-Wing encapsulation key (1216 bytes) of a 32-byte identity seed. */
export async function hybridPublicKey(seed: Uint8Array): Promise<Uint8Array> {
  return (await xwing()).getPublicKey(seed);
}

/** Wraps `fileKey` for one mlkem768x25519 recipient (its 1216-byte encapsulation key). */
export async function wrapHybrid(backend: AgeBackend, recipient: Uint8Array, fileKey: Uint8Array): Promise<Stanza> {
  const kem = await xwing();
  let enc: { cipherText: Uint8Array; sharedSecret: Uint8Array };
  try {
    enc = kem.encapsulate(recipient);
  } catch (e) {
    // noble refuses an encapsulation key whose ML-KEM part is not reduced or whose X25519 part is low order.
    throw new KollenError("AGE_RECIPIENT_INVALID", "age mlkem768x25519 recipient is not a valid X-Wing key", { cause: e });
  }
  const { key, nonce } = schedule(enc.sharedSecret);
  enc.sharedSecret.fill(0);
  const body = new Uint8Array(BODY_BYTES);
  backend.aead(key).sealInto(nonce, fileKey, body);
  key.fill(0);
  return { args: [HYBRID_STANZA_TYPE, base64EncodeUnpadded(enc.cipherText)], body };
}

/**
 * Tries to unwrap the file key from one stanza with an identity seed. Returns null when the
 * stanza is not for this identity (another type, or the tag does not verify); throws
 * AGE_HEADER_INVALID when it is a malformed mlkem768x25519 stanza.
 */
export async function unwrapHybrid(backend: AgeBackend, seed: Uint8Array, stanza: Stanza): Promise<Uint8Array | null> {
  if (stanza.args[0] !== HYBRID_STANZA_TYPE) return null;
  const invalid = (what: string) => new KollenError("AGE_HEADER_INVALID", `age header: mlkem768x25519 ${what}`);
  if (stanza.args.length !== 2) throw invalid("stanza must have two arguments");
  const enc = base64DecodeUnpadded(stanza.args[1]!);
  if (enc === undefined || enc.length !== ENC_BYTES) throw invalid("enc is not 1120 bytes of canonical base64");
  if (stanza.body.length !== BODY_BYTES) throw invalid("stanza body is not 32 bytes");
  const kem = await xwing();
  let shared: Uint8Array;
  try {
    shared = kem.decapsulate(enc, seed);
  } catch (e) {
    // ML-KEM rejects implicitly (never throws for a well-sized ciphertext); X25519 throws for a
    // share giving the all-zero shared secret (a low-order point), which age MUST reject.
    throw new KollenError("AGE_HEADER_INVALID", "age header: mlkem768x25519 X25519 shared secret is all zero", { cause: e });
  }
  const { key, nonce } = schedule(shared);
  shared.fill(0);
  const fileKey = backend.aead(key).open(nonce, stanza.body);
  key.fill(0);
  return fileKey;
}
