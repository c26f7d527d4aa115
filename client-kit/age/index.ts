/**
 * age v1 (age-encryption.org/v1) for Kollen: X25519 recipients, streaming encryption and
 * decryption over web streams, identity files in the age-keygen layout. Our own
 * implementation, checked against the CCTV age test vectors and the `age` CLI.
 */
export type { AgeAead, AgeBackend, AgeOptions } from "./backend.ts";
export { setDefaultAgeBackend, getDefaultAgeBackend } from "./default-backend.ts";
export { sodiumBackend } from "./backend.sodium.ts";
export type { AgeKeyPair } from "./identity.ts";
export { generateX25519Identity, identityToRecipient } from "./identity.ts";
export { parseIdentityFile, formatIdentityFile } from "./identity-file.ts";
export { recipientKeyId } from "../../keys/age-keys.ts";
export { encryptStream, encryptBytes } from "./encrypt.ts";
export { decryptStream, decryptBytes } from "./decrypt.ts";
