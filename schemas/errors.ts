/**
 * The one list of stable error codes, and the error type that carries them.
 *
 * A code never changes meaning once released: clients, receipts and problem+json answers
 * (RFC 9457) carry it. Messages are log-safe: they never hold plaintext, keys, tokens or
 * raw database errors. Every decryption failure has the one code `DECRYPTION_FAILED`, so the
 * outside cannot tell a wrong key from a flipped byte (cf. RFC 7516 §11.5).
 *
 * Edit with small insertions into the matching section: several modules add codes here.
 */

export const ERROR_CODES = [
  // --- input / usage
  "USAGE",
  "BAD_INPUT",
  "FILE_NOT_FOUND",
  "OUTPUT_EXISTS",
  "OUTPUT_NOT_EMPTY",
  "PORT_IN_USE",

  // --- schemas
  "ORGNR_INVALID",
  "ORGNR_CHECKSUM",
  "SURVEY_MODEL_INVALID",
  "RESULT_INVALID",
  "RESULT_MODEL_MISMATCH",
  "RESULT_MANIFEST_MISMATCH",
  "RESULT_WRONG_ORGANISATION",
  "MANIFEST_INVALID",

  // --- age (age-encryption.org/v1)
  "AGE_HEADER_INVALID",
  "AGE_RECIPIENT_INVALID",
  "AGE_RECIPIENTS_MIXED",
  "AGE_IDENTITY_INVALID",
  "AGE_NO_MATCHING_IDENTITY",
  "AGE_HMAC_MISMATCH",
  "AGE_PAYLOAD_INVALID",
  "DECRYPTION_FAILED",

  // --- keys
  "KEY_INVALID",
  "KEY_UNSUPPORTED",
  "PKCS12_INVALID",
  "PKCS12_PASSWORD",
  "CERT_CHAIN_INVALID",
  "CERT_EXPIRED",
  "CERT_NO_ORGNR",
  "KEYRING_INVALID",
  "KEYRING_SIGNATURE_INVALID",
  "KEYRING_KEY_UNKNOWN",

  // --- package structure (kollen-package/1)
  "PACKAGE_TOO_LARGE",
  "PACKAGE_TRUNCATED",
  "PACKAGE_NOT_TAR",
  "PACKAGE_MEMBER_ORDER",
  "PACKAGE_MEMBER_MISSING",
  "PACKAGE_MEMBER_EXTRA",
  "PACKAGE_MEMBER_TYPE",
  "PACKAGE_FORMAT_VERSION",
  "PACKAGE_NOT_CANONICAL",
  "PACKAGE_ID_REUSED",
  "CREATED_IN_FUTURE",
  "PAYLOAD_NOT_AGE",
  "MANIFEST_NOT_SIGNED_BYTES",
  "PAYLOAD_DIGEST_MISMATCH",
  "PAYLOAD_LENGTH_MISMATCH",
  "RECIPIENT_NOT_IN_KEYRING",
  "RECIPIENT_RETIRED",

  // --- signatures
  "SIGNATURE_INVALID",
  "SIGNATURE_MISSING",
  "SIGNATURE_ALG_UNSUPPORTED",
  "SIGNER_UNKNOWN",
  "SIGNER_REVOKED",
  "SIGNER_WRONG_ORGANISATION",
  "SIGNER_CERT_EXPIRED",
  "SIGNER_CAMPAIGN_LIMITED",

  // --- inner payload
  "INNER_TAR_INVALID",
  "INNER_PATH_UNSAFE",
  "INNER_LINK_FORBIDDEN",
  "INNER_DUPLICATE_NAME",
  "INNER_MEMBER_MISSING",
  "INNER_SIGNATURE_INVALID",
  "INNER_SIGNERS_MISMATCH",
  "INNER_BINDING_MISMATCH",
  "INNER_DIGEST_MISMATCH",

  // --- server
  "UNSUPPORTED_MEDIA_TYPE",
  "BODY_TIMEOUT",
  "NOT_FOUND",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "RATE_LIMITED",
  "CAMPAIGN_UNKNOWN",
  "CAMPAIGN_CLOSED",
  "CAMPAIGN_NOT_OPEN",
  "ORGANISATION_UNKNOWN",
  "SURVEY_MODEL_MISMATCH",
  "COVERAGE_UNCONFIRMED",
  "COVERAGE_CONFLICT",
  "INVITE_INVALID",
  "INVITE_EXPIRED",
  "INVITE_USED",
  "INVITE_WRONG_ORGANISATION",
  "INVITE_ORGANISATION_REGISTERED",
  "CONFLICT",
  "QUOTA_EXCEEDED",
  // --- accounts (issue 4)
  "LOGIN_FAILED",
  "PASSWORD_POLICY",
  "CSRF_INVALID",
  "BOOTSTRAP_INVALID",
  "BOOTSTRAP_USED",
  // --- analysis (issue 9)
  "ANALYSIS_NO_RESULTS",
  "RESULT_SUPERSEDED",
  "EXPORT_INDEX_INVALID",
  "INTERNAL",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The one error type of Kollen. `message` is log-safe English; `code` is stable.
 *
 * @example
 * throw new KollenError("PAYLOAD_DIGEST_MISMATCH", "payload.age does not match the manifest digest");
 */
export class KollenError extends Error {
  override readonly name = "KollenError";
  readonly code: ErrorCode;
  /** Extra, log-safe facts (a member name, an offset); never secret material. */
  readonly detail: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; detail?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.detail = options?.detail;
  }
}

/** True when `e` is a KollenError, optionally with the given code. */
export function isKollenError(e: unknown, code?: ErrorCode): e is KollenError {
  return e instanceof KollenError && (code === undefined || e.code === code);
}
