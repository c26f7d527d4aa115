/**
 * The text forms of age keys, and the key ids manifests name recipients by.
 *
 * X25519 (age-encryption.org/v1 §The X25519 recipient type): recipients are lowercase Bech32 with
 * HRP `age`, identities uppercase Bech32 with HRP `AGE-SECRET-KEY-`; both carry exactly 32 bytes.
 * mlkem768x25519 (c2sp.org/age, the post-quantum hybrid): recipients `age1pq1…` carry the 1216-byte
 * X-Wing encapsulation key, identities `AGE-SECRET-KEY-PQ-1…` its 32-byte seed.
 *
 * A recipient's key id is the first 8 bytes of SHA-256 over its ASCII `age1…` (or `age1pq1…`)
 * string, as 16 lowercase hex digits (schemas/manifest.ts RecipientKeyId): short, stable, and
 * computable by anyone holding the public recipient list.
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
 * The recipient types Kollen seals to, named as their age stanzas are (c2sp.org/age):
 * `X25519` (age-encryption.org/v1) and `mlkem768x25519`, the post-quantum hybrid (X-Wing, ML-KEM-768
 * + X25519) that age v1.3 added. A file is sealed to recipients of one type only (docs/FORMAT.md A4).
 */
export const AGE_RECIPIENT_TYPES = ["X25519", "mlkem768x25519"] as const;
export type AgeRecipientType = (typeof AGE_RECIPIENT_TYPES)[number];

const HYBRID_RECIPIENT_HRP = "age1pq";
const HYBRID_IDENTITY_HRP = "AGE-SECRET-KEY-PQ-";
/** An X-Wing encapsulation key (ML-KEM-768's 1184 bytes, then X25519's 32). */
export const HYBRID_RECIPIENT_BYTES = 1216;
/** An X-Wing decapsulation key is its 32-byte seed. */
export const HYBRID_IDENTITY_BYTES = 32;

/** A recipient in its age text form, parsed: its type and public key bytes. */
export interface ParsedAgeRecipient {
  type: AgeRecipientType;
  publicKey: Uint8Array;
}

/** An identity in its age text form, parsed: its type and secret bytes (X25519 scalar or X-Wing seed). */
export interface ParsedAgeIdentity {
  type: AgeRecipientType;
  secret: Uint8Array;
}

/**
 * Parses a recipient of either type: `age1…` (X25519, 32 bytes) or `age1pq1…` (mlkem768x25519,
 * 1216 bytes; lowercase Bech32 without the 90-character limit, as age writes it).
 * @throws KollenError AGE_RECIPIENT_INVALID
 * @example parseAgeRecipient("age1pq1…").type // "mlkem768x25519"
 */
export function parseAgeRecipient(s: string): ParsedAgeRecipient {
  const d = bech32Decode(s);
  if (d !== null && d.hrp === HYBRID_RECIPIENT_HRP && d.data.length === HYBRID_RECIPIENT_BYTES) {
    return { type: "mlkem768x25519", publicKey: d.data };
  }
  if (d !== null && d.hrp === RECIPIENT_HRP && d.data.length === 32) return { type: "X25519", publicKey: d.data };
  throw new KollenError("AGE_RECIPIENT_INVALID", "not an age recipient (expected lowercase age1… or age1pq1…)");
}

/**
 * Parses an identity of either type: `AGE-SECRET-KEY-1…` (X25519) or `AGE-SECRET-KEY-PQ-1…`
 * (mlkem768x25519); both carry 32 bytes and are uppercase.
 * @throws KollenError AGE_IDENTITY_INVALID
 * @example parseAgeIdentity("AGE-SECRET-KEY-PQ-1…").type // "mlkem768x25519"
 */
export function parseAgeIdentity(s: string): ParsedAgeIdentity {
  const d = bech32Decode(s);
  if (d !== null && d.hrp === HYBRID_IDENTITY_HRP && d.data.length === HYBRID_IDENTITY_BYTES) {
    return { type: "mlkem768x25519", secret: d.data };
  }
  if (d !== null && d.hrp === IDENTITY_HRP && d.data.length === 32) return { type: "X25519", secret: d.data };
  throw new KollenError("AGE_IDENTITY_INVALID", "not an age identity (expected uppercase AGE-SECRET-KEY-1… or AGE-SECRET-KEY-PQ-1…)");
}

/** The type of a recipient string. @throws KollenError AGE_RECIPIENT_INVALID @example ageRecipientType("age1…") // "X25519" */
export function ageRecipientType(s: string): AgeRecipientType {
  return parseAgeRecipient(s).type;
}

/** Formats a 1216-byte X-Wing encapsulation key as `age1pq1…`. @example encodeHybridRecipient(publicKey) // "age1pq1…" */
export function encodeHybridRecipient(publicKey: Uint8Array): string {
  if (publicKey.length !== HYBRID_RECIPIENT_BYTES) throw new KollenError("AGE_RECIPIENT_INVALID", "an mlkem768x25519 recipient is 1216 bytes");
  return bech32Encode(HYBRID_RECIPIENT_HRP, publicKey);
}

/** Formats a 32-byte X-Wing seed as `AGE-SECRET-KEY-PQ-1…`. @example encodeHybridIdentity(seed) // "AGE-SECRET-KEY-PQ-1…" */
export function encodeHybridIdentity(seed: Uint8Array): string {
  if (seed.length !== HYBRID_IDENTITY_BYTES) throw new KollenError("AGE_IDENTITY_INVALID", "an mlkem768x25519 identity is 32 bytes");
  return bech32Encode(HYBRID_IDENTITY_HRP, seed).toUpperCase();
}

/**
 * The key id of a recipient (`age1…` or `age1pq1…`); throws AGE_RECIPIENT_INVALID for anything else.
 *
 * @example
 * await recipientKeyId("age1…"); // "3f2a…" (16 hex digits)
 */
export async function recipientKeyId(recipient: string): Promise<string> {
  parseAgeRecipient(recipient);
  const digest = await sha256(new TextEncoder().encode(recipient));
  return toHex(digest.subarray(0, 8));
}
