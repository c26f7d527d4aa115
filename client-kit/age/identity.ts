/**
 * Key pairs in age's text forms, the same keys `age-keygen` makes:
 * - X25519 (age-encryption.org/v1 §The X25519 recipient type): identity = 32 CSPRNG bytes as
 *   `AGE-SECRET-KEY-1…`, recipient = X25519(identity, basepoint) as `age1…`;
 * - mlkem768x25519 (c2sp.org/age, `age-keygen -pq`, age v1.3+): identity = a 32-byte X-Wing seed
 *   as `AGE-SECRET-KEY-PQ-1…`, recipient = its 1216-byte encapsulation key as `age1pq1…`.
 */
import type { AgeOptions } from "./backend.ts";
import { readyBackend } from "./default-backend.ts";
import { encodeHybridIdentity, encodeHybridRecipient, encodeIdentity, encodeRecipient, parseAgeIdentity } from "../../keys/age-keys.ts";
import { hybridPublicKey } from "./lib/mlkem768x25519.ts";
import { randomBytes } from "./lib/random.ts";

/** An age identity (secret) and its recipient (public), of either type. */
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
 * Generates a new post-quantum hybrid (mlkem768x25519) identity, as `age-keygen -pq` does.
 *
 * @example
 * const { identity, recipient } = await generateHybridIdentity(); // "AGE-SECRET-KEY-PQ-1…", "age1pq1…"
 */
export async function generateHybridIdentity(): Promise<AgeKeyPair> {
  const seed = randomBytes(32);
  const pair = { identity: encodeHybridIdentity(seed), recipient: encodeHybridRecipient(await hybridPublicKey(seed)) };
  seed.fill(0);
  return pair;
}

/**
 * The recipient of an identity: `age1…` for `AGE-SECRET-KEY-1…`, `age1pq1…` for
 * `AGE-SECRET-KEY-PQ-1…`; throws AGE_IDENTITY_INVALID.
 *
 * @example
 * await identityToRecipient("AGE-SECRET-KEY-1…"); // "age1…"
 */
export async function identityToRecipient(identity: string, opts?: AgeOptions): Promise<string> {
  const id = parseAgeIdentity(identity);
  if (id.type === "mlkem768x25519") return encodeHybridRecipient(await hybridPublicKey(id.secret));
  const backend = await readyBackend(opts);
  return encodeRecipient(backend.x25519Base(id.secret));
}
