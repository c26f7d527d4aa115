/**
 * The X25519 recipient stanza (age-encryption.org/v1 §X25519 recipient stanza):
 *
 *     ephemeral share = X25519(ephemeral secret, basepoint)
 *     salt = ephemeral share || recipient
 *     wrap key = HKDF-SHA-256(ikm = X25519(ephemeral secret, recipient), salt, "age-encryption.org/v1/X25519")
 *     body = ChaCha20-Poly1305(wrap key, nonce = 12 × 0x00, file key)
 *
 * Unwrapping ignores stanzas whose first argument is not exactly `X25519`, and rejects
 * (AGE_HEADER_INVALID) X25519 stanzas with the wrong argument count, a share that is not the
 * canonical base64 of 32 bytes, a body that is not 32 bytes (checked before decrypting, against
 * partitioning oracles), or an all-zero shared secret.
 */
import { KollenError } from "../../../schemas/errors.ts";
import type { AgeBackend } from "../backend.ts";
import { base64DecodeUnpadded, base64EncodeUnpadded } from "../../../encoding/base64.ts";
import type { Stanza } from "./header.ts";
import { hkdfSha256 } from "./hkdf.ts";
import { randomBytes } from "./random.ts";

const INFO = "age-encryption.org/v1/X25519";
const ZERO_NONCE = new Uint8Array(12);
export const FILE_KEY_BYTES = 16;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function isAllZero(b: Uint8Array): boolean {
  let acc = 0;
  for (let i = 0; i < b.length; i++) acc |= b[i]!;
  return acc === 0;
}

/** Wraps `fileKey` for one X25519 recipient public key, with a fresh ephemeral secret. */
export async function wrapX25519(backend: AgeBackend, recipient: Uint8Array, fileKey: Uint8Array): Promise<Stanza> {
  const secret = randomBytes(32);
  const share = backend.x25519Base(secret);
  const shared = backend.x25519(secret, recipient);
  secret.fill(0);
  if (isAllZero(shared)) throw new KollenError("AGE_RECIPIENT_INVALID", "age recipient is a low-order point");
  const wrapKey = await hkdfSha256(shared, concat(share, recipient), INFO);
  const body = new Uint8Array(FILE_KEY_BYTES + 16);
  backend.aead(wrapKey).sealInto(ZERO_NONCE, fileKey, body);
  return { args: ["X25519", base64EncodeUnpadded(share)], body };
}

/** An X25519 identity ready for unwrapping: its scalar and its public key. */
export interface X25519Identity {
  secret: Uint8Array;
  recipient: Uint8Array;
}

/**
 * Tries to unwrap the file key from one stanza. Returns null when the stanza is not for this
 * identity (another type, or the tag does not verify); throws AGE_HEADER_INVALID when it is a
 * malformed X25519 stanza.
 */
export async function unwrapX25519(backend: AgeBackend, id: X25519Identity, stanza: Stanza): Promise<Uint8Array | null> {
  if (stanza.args[0] !== "X25519") return null;
  if (stanza.args.length !== 2) throw new KollenError("AGE_HEADER_INVALID", "age header: X25519 stanza must have two arguments");
  const share = base64DecodeUnpadded(stanza.args[1]!);
  if (share === undefined || share.length !== 32) {
    throw new KollenError("AGE_HEADER_INVALID", "age header: X25519 share is not 32 bytes of canonical base64");
  }
  if (stanza.body.length !== FILE_KEY_BYTES + 16) {
    throw new KollenError("AGE_HEADER_INVALID", "age header: X25519 stanza body is not 32 bytes");
  }
  const shared = backend.x25519(id.secret, share);
  if (isAllZero(shared)) throw new KollenError("AGE_HEADER_INVALID", "age header: X25519 shared secret is all zero");
  const wrapKey = await hkdfSha256(shared, concat(share, id.recipient), INFO);
  shared.fill(0);
  const fileKey = backend.aead(wrapKey).open(ZERO_NONCE, stanza.body);
  wrapKey.fill(0);
  return fileKey;
}
