/**
 * Recipient key ids for manifests (schemas/manifest.ts RecipientKeyId): the first 8 bytes of
 * SHA-256 over the ASCII `age1…` string, as 16 lowercase hex digits. Short, stable, and
 * computable by anyone holding the public recipient list.
 */
import { decodeRecipient } from "./lib/keys.ts";
import { sha256 } from "./lib/hkdf.ts";

/**
 * The key id of a recipient; throws AGE_RECIPIENT_INVALID for anything but an `age1…` X25519 recipient.
 *
 * @example
 * await recipientKeyId("age1…"); // "3f2a…" (16 hex digits)
 */
export async function recipientKeyId(recipient: string): Promise<string> {
  decodeRecipient(recipient);
  const digest = await sha256(new TextEncoder().encode(recipient));
  let hex = "";
  for (let i = 0; i < 8; i++) hex += digest[i]!.toString(16).padStart(2, "0");
  return hex;
}
