/**
 * RFC 9457 problem details: every error answer of the API is `application/problem+json` with a
 * stable `code` (schemas/errors.ts), the code's message (schemas/messages.ts) as English `title` and
 * Swedish `title_sv`, and the log-safe English `detail` of what failed. A 5xx answer says nothing
 * about what went wrong inside (CONVENTIONS.md habit 3).
 */
import type { ErrorCode } from "../../schemas/errors.ts";
import { ERROR_MESSAGES } from "../../schemas/messages.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** The body of a problem answer (RFC 9457 §3.1 members plus Kollen's extensions). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  title_sv?: string;
  /** no longer filled (title_sv carries the whole message); kept in the shape for clients that read it */
  detail_sv?: string;
  /** every reason code, when a verification produced several */
  reasons?: ErrorCode[];
}

/** The HTTP status per code; codes not listed fall back by family in {@link statusFor}. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_INPUT: 400,
  USAGE: 400,
  ORGNR_INVALID: 400,
  ORGNR_CHECKSUM: 400,
  PASSWORD_POLICY: 400,
  UNAUTHORIZED: 401,
  LOGIN_FAILED: 401,
  BOOTSTRAP_INVALID: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  INVITE_INVALID: 403,
  INVITE_EXPIRED: 403,
  INVITE_USED: 403,
  INVITE_WRONG_ORGANISATION: 403,
  NOT_FOUND: 404,
  BODY_TIMEOUT: 408,
  CONFLICT: 409,
  PACKAGE_ID_REUSED: 409,
  CREATED_IN_FUTURE: 422,
  QUOTA_EXCEEDED: 422,
  BOOTSTRAP_USED: 409,
  COVERAGE_CONFLICT: 409,
  INVITE_ORGANISATION_REGISTERED: 409,
  PACKAGE_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  MANIFEST_NOT_SIGNED_BYTES: 422,
  PACKAGE_NOT_CANONICAL: 400,
  CAMPAIGN_UNKNOWN: 422,
  CAMPAIGN_CLOSED: 422,
  CAMPAIGN_NOT_OPEN: 422,
  SURVEY_MODEL_MISMATCH: 422,
  ORGANISATION_UNKNOWN: 422,
  COVERAGE_UNCONFIRMED: 422,
  KEYRING_INVALID: 422,
  KEYRING_SIGNATURE_INVALID: 422,
  KEYRING_KEY_UNKNOWN: 422,
  INTERNAL: 500,
};

/** A broken package is 400; a package that is well formed but does not verify is 422. */
function statusFor(code: ErrorCode): number {
  const status = STATUS[code];
  if (status !== undefined) return status;
  if (code.startsWith("PACKAGE_") || code.startsWith("MANIFEST_")) return 400;
  if (code.startsWith("SIGN") || code.startsWith("CERT_") || code.startsWith("RECIPIENT_") || code.startsWith("PAYLOAD_")) return 422;
  if (code.startsWith("AGE_") || code.startsWith("INNER_") || code === "DECRYPTION_FAILED") return 422;
  return 400;
}

/**
 * Builds the problem body for `code`. `detail` (log-safe English) and `reasons` are dropped for 5xx answers.
 * @example problemFor("PACKAGE_TOO_LARGE", "the limit is 268435456 bytes")
 */
export function problemFor(code: ErrorCode, detail?: string, reasons?: ErrorCode[]): Problem {
  const status = statusFor(code);
  const message = ERROR_MESSAGES[code];
  const p: Problem = { type: `urn:kollen:problem:${code.toLowerCase().replaceAll("_", "-")}`, title: message.en, status, code, title_sv: message.sv };
  if (status >= 500) return p;
  if (detail) p.detail = detail;
  if (reasons && reasons.length > 0) p.reasons = reasons;
  return p;
}

/** A problem+json Response. */
export function problemResponse(code: ErrorCode, detail?: string, reasons?: ErrorCode[], headers?: Record<string, string>): Response {
  const p = problemFor(code, detail, reasons);
  return new Response(JSON.stringify(p), { status: p.status, headers: { "content-type": PROBLEM_CONTENT_TYPE, ...headers } });
}
