/**
 * age v1 (age-encryption.org/v1) for Kollen: X25519 and post-quantum hybrid (mlkem768x25519)
 * recipients, streaming encryption and decryption over web streams, identity files in the
 * age-keygen layout. Our own implementation, checked against the CCTV age test vectors, the
 * `age` CLI and typage (npm age-encryption).
 */
export type { AgeAead, AgeBackend, AgeOptions } from "./backend.ts";
export { setDefaultAgeBackend, getDefaultAgeBackend } from "./default-backend.ts";
export { sodiumBackend } from "./backend.sodium.ts";
export type { AgeKeyPair } from "./identity.ts";
export { generateX25519Identity, generateHybridIdentity, identityToRecipient } from "./identity.ts";
export { parseIdentityFile, formatIdentityFile } from "./identity-file.ts";
export { recipientKeyId, ageRecipientType, AGE_RECIPIENT_TYPES } from "../../keys/age-keys.ts";
export type { AgeRecipientType } from "../../keys/age-keys.ts";
export { WRITTEN_STANZA_TYPES, writtenStanzaType, sealingRecipients, checkWrittenStanzas, checkWrittenHeader } from "./stanza-types.ts";
export type { StanzaCheck } from "./stanza-types.ts";
export { encryptStream, encryptBytes } from "./encrypt.ts";
export { decryptStream, decryptBytes } from "./decrypt.ts";
