/** Member names and limits of kollen-package/1 (docs/FORMAT.md). */
export const MANIFEST_NAME = "manifest.json";
export const MANIFEST_JWS_NAME = "manifest.jws";
export const PAYLOAD_NAME = "payload.age";
export const OUTER_MEMBERS = [MANIFEST_NAME, MANIFEST_JWS_NAME, PAYLOAD_NAME] as const;

export const MAX_MANIFEST_BYTES = 64 * 1024;
export const MAX_MANIFEST_JWS_BYTES = 1024 * 1024;
/**
 * How much of payload.age a verifier keeps to read its cleartext age header (FORMAT.md rule P4):
 * 32 X25519 stanzas take about 3 KiB, 32 mlkem768x25519 ones about 50 KiB, so a header that does
 * not end within 64 KiB is refused.
 */
export const MAX_PAYLOAD_HEAD_BYTES = 64 * 1024;

export const RESULT_NAME = "result.json";
export const INNER_JWS_NAME = "inner.jws";
export const PADDING_NAME = "padding";
export const ATTACHMENT_PREFIX = "attachments/";

/** JWS `typ` values: they keep an outer signature from being replayed as an inner one and back. */
export const MANIFEST_JWS_TYP = "kollen-manifest+jws";
export const INNER_JWS_TYP = "kollen-inner+jws";
export const INNER_FORMAT = "kollen-inner/1";

/** Signature algorithms accepted: Ed25519, or an X.509 organisation certificate's RSA/ECDSA key. */
export const ALLOWED_ALGS = ["EdDSA", "RS256", "PS256", "ES256"] as const;
