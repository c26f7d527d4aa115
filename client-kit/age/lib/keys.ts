/**
 * The text forms of X25519 keys (age-encryption.org/v1 §The X25519 recipient type):
 * recipients are lowercase Bech32 with HRP `age`, identities uppercase Bech32 with HRP
 * `AGE-SECRET-KEY-`; both carry exactly 32 bytes.
 */
import { KollenError } from "../../../schemas/errors.ts";
import { bech32Decode, bech32Encode } from "./bech32.ts";

const RECIPIENT_HRP = "age";
const IDENTITY_HRP = "AGE-SECRET-KEY-";

/** Parses an `age1…` recipient into its 32-byte X25519 public key. */
export function decodeRecipient(s: string): Uint8Array {
  const d = bech32Decode(s);
  if (d === null || d.hrp !== RECIPIENT_HRP || d.data.length !== 32) {
    throw new KollenError("AGE_RECIPIENT_INVALID", "not an age X25519 recipient (expected lowercase age1…)");
  }
  return d.data;
}

/** Parses an `AGE-SECRET-KEY-1…` identity into its 32-byte X25519 scalar. */
export function decodeIdentity(s: string): Uint8Array {
  const d = bech32Decode(s);
  if (d === null || d.hrp !== IDENTITY_HRP || d.data.length !== 32) {
    throw new KollenError("AGE_IDENTITY_INVALID", "not an age X25519 identity (expected uppercase AGE-SECRET-KEY-1…)");
  }
  return d.data;
}

/** Formats a 32-byte X25519 public key as `age1…`. */
export function encodeRecipient(publicKey: Uint8Array): string {
  return bech32Encode(RECIPIENT_HRP, publicKey);
}

/** Formats a 32-byte X25519 scalar as `AGE-SECRET-KEY-1…`. */
export function encodeIdentity(scalar: Uint8Array): string {
  return bech32Encode(IDENTITY_HRP, scalar).toUpperCase();
}
