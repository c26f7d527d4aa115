/**
 * X25519 key pairs in age's text forms (age-encryption.org/v1 §The X25519 recipient type):
 * identity = 32 CSPRNG bytes as `AGE-SECRET-KEY-1…`, recipient = X25519(identity, basepoint)
 * as `age1…` — the same keys `age-keygen` makes.
 */
import type { AgeOptions } from "./backend.ts";
import { readyBackend } from "./default-backend.ts";
import { decodeIdentity, encodeIdentity, encodeRecipient } from "../../keys/age-keys.ts";
import { randomBytes } from "./lib/random.ts";

/** An age X25519 identity (secret) and its recipient (public). */
export interface AgeKeyPair {
  identity: string;
  recipient: string;
}

/**
 * Generates a new X25519 identity.
 *
 * @example
 * const { identity, recipient } = await generateX25519Identity();
 */
export async function generateX25519Identity(opts?: AgeOptions): Promise<AgeKeyPair> {
  const backend = await readyBackend(opts);
  const secret = randomBytes(32);
  const pair = { identity: encodeIdentity(secret), recipient: encodeRecipient(backend.x25519Base(secret)) };
  secret.fill(0);
  return pair;
}

/**
 * The recipient (`age1…`) of an identity (`AGE-SECRET-KEY-1…`); throws AGE_IDENTITY_INVALID.
 *
 * @example
 * await identityToRecipient("AGE-SECRET-KEY-1…"); // "age1…"
 */
export async function identityToRecipient(identity: string, opts?: AgeOptions): Promise<string> {
  const secret = decodeIdentity(identity);
  const backend = await readyBackend(opts);
  return encodeRecipient(backend.x25519Base(secret));
}
