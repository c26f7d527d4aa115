/**
 * The text forms of age X25519 keys (age-encryption.org/v1 §The X25519 recipient type), and the
 * key ids manifests name recipients by.
 *
 * Recipients are lowercase Bech32 with HRP `age`, identities uppercase Bech32 with HRP
 * `AGE-SECRET-KEY-`; both carry exactly 32 bytes. A recipient's key id is the first 8 bytes of
 * SHA-256 over its ASCII `age1…` string, as 16 lowercase hex digits (schemas/manifest.ts
 * RecipientKeyId): short, stable, and computable by anyone holding the public recipient list.
 */
import { KollenError } from "../schemas/errors.ts";
import { bech32Decode, bech32Encode } from "../encoding/bech32.ts";
import { toHex } from "../encoding/hex.ts";
import { sha256 } from "../encoding/sha256.ts";

const RECIPIENT_HRP = "age";
const IDENTITY_HRP = "AGE-SECRET-KEY-";

/**
 * Parses an `age1…` recipient into its 32-byte X25519 public key.
 * @throws KollenError AGE_RECIPIENT_INVALID
 * @example decodeRecipient("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj") // 32 bytes
 */
export function decodeRecipient(s: string): Uint8Array {
  const d = bech32Decode(s);
  if (d === null || d.hrp !== RECIPIENT_HRP || d.data.length !== 32) {
    throw new KollenError("AGE_RECIPIENT_INVALID", "not an age X25519 recipient (expected lowercase age1…)");
  }
  return d.data;
}

/**
 * Parses an `AGE-SECRET-KEY-1…` identity into its 32-byte X25519 scalar.
 * @throws KollenError AGE_IDENTITY_INVALID
 * @example decodeIdentity("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX") // 32 bytes
 */
export function decodeIdentity(s: string): Uint8Array {
  const d = bech32Decode(s);
  if (d === null || d.hrp !== IDENTITY_HRP || d.data.length !== 32) {
    throw new KollenError("AGE_IDENTITY_INVALID", "not an age X25519 identity (expected uppercase AGE-SECRET-KEY-1…)");
  }
  return d.data;
}

/** Formats a 32-byte X25519 public key as `age1…`. @example encodeRecipient(decodeRecipient(r)) === r */
export function encodeRecipient(publicKey: Uint8Array): string {
  return bech32Encode(RECIPIENT_HRP, publicKey);
}

/** Formats a 32-byte X25519 scalar as `AGE-SECRET-KEY-1…`. @example encodeIdentity(decodeIdentity(i)) === i */
export function encodeIdentity(scalar: Uint8Array): string {
  return bech32Encode(IDENTITY_HRP, scalar).toUpperCase();
}

/**
 * The key id of a recipient; throws AGE_RECIPIENT_INVALID for anything but an `age1…` X25519 recipient.
 *
 * @example
 * await recipientKeyId("age1…"); // "3f2a…" (16 hex digits)
 */
export async function recipientKeyId(recipient: string): Promise<string> {
  decodeRecipient(recipient);
  const digest = await sha256(new TextEncoder().encode(recipient));
  return toHex(digest.subarray(0, 8));
}
