/**
 * RFC 9457 problem details: every error answer of the API is `application/problem+json` with a
 * stable `code` (schemas/errors.ts), an English `title`/`detail` and Swedish `title_sv`/`detail_sv`.
 * A 5xx answer says nothing about what went wrong inside (CONVENTIONS.md habit 3).
 */
import type { ErrorCode } from "../../schemas/errors.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** The body of a problem answer (RFC 9457 §3.1 members plus Kollen's extensions). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  title_sv?: string;
  detail_sv?: string;
  /** every reason code, when a verification produced several */
  reasons?: ErrorCode[];
}

interface Entry {
  status: number;
  en: string;
  sv: string;
}

const BAD_PACKAGE: Entry = { status: 400, en: "The package is not a valid kollen-package/1", sv: "Paketet är inte ett giltigt kollen-package/1" };
const NOT_VERIFIED: Entry = { status: 422, en: "The package could not be verified", sv: "Paketet kunde inte verifieras" };

/** Status and titles per code; codes not listed fall back by family below. */
const TABLE: Partial<Record<ErrorCode, Entry>> = {
  BAD_INPUT: { status: 400, en: "The request is not valid", sv: "Begäran är inte giltig" },
  USAGE: { status: 400, en: "The request is not valid", sv: "Begäran är inte giltig" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, en: "Unsupported content type", sv: "Innehållstypen stöds inte" },
  PACKAGE_TOO_LARGE: { status: 413, en: "The package is too large", sv: "Paketet är för stort" },
  BODY_TIMEOUT: { status: 408, en: "The upload took too long", sv: "Uppladdningen tog för lång tid" },
  PACKAGE_TRUNCATED: { status: 400, en: "The package is incomplete", sv: "Paketet är ofullständigt" },
  PACKAGE_NOT_TAR: { status: 400, en: "This is not a Kollen package", sv: "Detta är inte ett Kollen-paket" },
  PACKAGE_MEMBER_ORDER: { status: 400, en: "The package members are in the wrong order", sv: "Paketets delar ligger i fel ordning" },
  PACKAGE_MEMBER_MISSING: { status: 400, en: "A package member is missing", sv: "En del av paketet saknas" },
  PACKAGE_MEMBER_EXTRA: { status: 400, en: "The package holds something it must not", sv: "Paketet innehåller något som inte får finnas där" },
  PACKAGE_MEMBER_TYPE: { status: 400, en: "A package member is not a regular file", sv: "En del av paketet är inte en vanlig fil" },
  PACKAGE_FORMAT_VERSION: { status: 400, en: "Unsupported package format version", sv: "Paketformatets version stöds inte" },
  MANIFEST_INVALID: { status: 400, en: "The package manifest is not valid", sv: "Paketets manifest är inte giltigt" },
  MANIFEST_NOT_SIGNED_BYTES: { status: 422, en: "The manifest is not what was signed", sv: "Manifestet är inte det som signerades" },
  PAYLOAD_DIGEST_MISMATCH: { status: 422, en: "The encrypted payload does not match the manifest", sv: "Det krypterade innehållet stämmer inte med manifestet" },
  PAYLOAD_LENGTH_MISMATCH: { status: 422, en: "The encrypted payload has the wrong length", sv: "Det krypterade innehållet har fel längd" },
  RECIPIENT_NOT_IN_KEYRING: { status: 422, en: "The package is encrypted to a key the authority does not use", sv: "Paketet är krypterat till en nyckel som myndigheten inte använder" },
  RECIPIENT_RETIRED: { status: 422, en: "The package is encrypted to a retired key", sv: "Paketet är krypterat till en nyckel som inte längre används" },
  SIGNATURE_INVALID: { status: 422, en: "A signature is not valid", sv: "En signatur är inte giltig" },
  SIGNATURE_MISSING: { status: 422, en: "The package is not signed", sv: "Paketet är inte signerat" },
  SIGNATURE_ALG_UNSUPPORTED: { status: 422, en: "Unsupported signature algorithm", sv: "Signaturalgoritmen stöds inte" },
  SIGNER_UNKNOWN: { status: 422, en: "The signer is not registered", sv: "Undertecknaren är inte registrerad" },
  SIGNER_REVOKED: { status: 422, en: "The signing key has been revoked", sv: "Signeringsnyckeln har återkallats" },
  SIGNER_WRONG_ORGANISATION: { status: 422, en: "The signer may not sign for this organisation", sv: "Undertecknaren får inte signera för denna organisation" },
  SIGNER_CERT_EXPIRED: { status: 422, en: "The signing certificate has expired", sv: "Signeringscertifikatet har gått ut" },
  CERT_CHAIN_INVALID: { status: 422, en: "The signing certificate is not trusted", sv: "Signeringscertifikatet är inte betrott" },
  CERT_EXPIRED: { status: 422, en: "A certificate has expired", sv: "Ett certifikat har gått ut" },
  CERT_NO_ORGNR: { status: 422, en: "The certificate names no organisation", sv: "Certifikatet anger ingen organisation" },
  ORGNR_INVALID: { status: 400, en: "Not a valid organisationsnummer", sv: "Ogiltigt organisationsnummer" },
  ORGNR_CHECKSUM: { status: 400, en: "The organisationsnummer check digit is wrong", sv: "Organisationsnumrets kontrollsiffra är fel" },
  CAMPAIGN_UNKNOWN: { status: 422, en: "No such campaign", sv: "Insamlingen finns inte" },
  CAMPAIGN_CLOSED: { status: 422, en: "The campaign is closed", sv: "Insamlingen är stängd" },
  CAMPAIGN_NOT_OPEN: { status: 422, en: "The campaign has not opened yet", sv: "Insamlingen har inte öppnat ännu" },
  SURVEY_MODEL_MISMATCH: { status: 422, en: "The package answers another survey model than the campaign's", sv: "Paketet besvarar en annan enkätmodell än insamlingens" },
  ORGANISATION_UNKNOWN: { status: 422, en: "The organisation is not registered", sv: "Organisationen är inte registrerad" },
  COVERAGE_UNCONFIRMED: { status: 422, en: "The coverage is not confirmed", sv: "Täckningen är inte bekräftad" },
  COVERAGE_CONFLICT: { status: 409, en: "Coverage conflict", sv: "Konflikt i täckning" },
  UNAUTHORIZED: { status: 401, en: "Authentication required", sv: "Inloggning krävs" },
  FORBIDDEN: { status: 403, en: "Not allowed", sv: "Inte tillåtet" },
  NOT_FOUND: { status: 404, en: "Not found", sv: "Hittades inte" },
  CONFLICT: { status: 409, en: "Conflict", sv: "Konflikt" },
  RATE_LIMITED: { status: 429, en: "Too many requests", sv: "För många förfrågningar" },
  INVITE_INVALID: { status: 403, en: "The invitation is not valid", sv: "Inbjudan är inte giltig" },
  INVITE_EXPIRED: { status: 403, en: "The invitation has expired", sv: "Inbjudan har gått ut" },
  INVITE_USED: { status: 403, en: "The invitation has already been used", sv: "Inbjudan har redan använts" },
  INVITE_WRONG_ORGANISATION: { status: 403, en: "The invitation is for another organisation", sv: "Inbjudan gäller en annan organisation" },
  INVITE_ORGANISATION_REGISTERED: { status: 409, en: "The organisation is already registered with the authority", sv: "Organisationen är redan registrerad hos myndigheten" },
  KEYRING_INVALID: { status: 422, en: "The keyring is not valid", sv: "Nyckelringen är inte giltig" },
  KEYRING_SIGNATURE_INVALID: { status: 422, en: "The keyring signature is not valid", sv: "Nyckelringens signatur är inte giltig" },
  KEYRING_KEY_UNKNOWN: { status: 422, en: "The keyring is signed by an unknown key", sv: "Nyckelringen är signerad med en okänd nyckel" },
  LOGIN_FAILED: { status: 401, en: "Wrong username or password", sv: "Fel användarnamn eller lösenord" },
  PASSWORD_POLICY: { status: 400, en: "The password does not meet the policy", sv: "Lösenordet uppfyller inte kraven" },
  CSRF_INVALID: { status: 403, en: "The request could not be confirmed as coming from this site", sv: "Begäran kunde inte bekräftas komma från denna webbplats" },
  INTERNAL: { status: 500, en: "Internal server error", sv: "Internt serverfel" },
};

const SV_DETAIL: Partial<Record<ErrorCode, string>> = {
  PACKAGE_TOO_LARGE: "Paketet är större än vad servern tar emot.",
  BODY_TIMEOUT: "Hela paketet kom inte fram inom tidsgränsen. Försök igen.",
  UNSUPPORTED_MEDIA_TYPE: "Skicka paketet som application/vnd.kollen.package, application/octet-stream, eller application/x-tar.",
  PACKAGE_TRUNCATED: "Paketet tog slut för tidigt. Försök ladda upp det igen.",
  SIGNER_UNKNOWN: "Signeringsnyckeln är inte registrerad för organisationen. Registrera den via en inbjudan eller hos myndigheten.",
  SIGNER_REVOKED: "Signeringsnyckeln är återkallad. Signera paketet med en giltig nyckel.",
  RECIPIENT_RETIRED: "Hämta myndighetens aktuella nycklar och packa om.",
  RECIPIENT_NOT_IN_KEYRING: "Hämta myndighetens aktuella nycklar och packa om.",
  CAMPAIGN_CLOSED: "Insamlingen tar inte längre emot inlämningar.",
  INTERNAL: "Något gick fel hos oss. Försök igen senare.",
  NOT_FOUND: "Det finns inget här, eller så har du inte behörighet.",
  INVITE_INVALID: "Länken är inte giltig, gäller en annan insamling eller har inte godkänts av organisationen. Be myndigheten om en ny länk.",
  INVITE_EXPIRED: "Länken har gått ut. Be myndigheten som skickade den om en ny.",
  INVITE_USED: "Länken har redan använts av så många organisationer som den var avsedd för.",
  INVITE_WRONG_ORGANISATION: "Länken skickades till en bestämd organisation och kan bara användas med dess organisationsnummer.",
  INVITE_ORGANISATION_REGISTERED: "Organisationen finns redan hos myndigheten. Använd den länk myndigheten skickade till er, eller kontakta myndigheten.",
};

function entryFor(code: ErrorCode): Entry {
  const e = TABLE[code];
  if (e) return e;
  if (code.startsWith("PACKAGE_") || code.startsWith("MANIFEST_")) return BAD_PACKAGE;
  if (code.startsWith("SIGN") || code.startsWith("CERT_") || code.startsWith("RECIPIENT_") || code.startsWith("PAYLOAD_")) return NOT_VERIFIED;
  if (code.startsWith("AGE_") || code.startsWith("INNER_") || code === "DECRYPTION_FAILED") return NOT_VERIFIED;
  return { status: 400, en: "The request could not be processed", sv: "Begäran kunde inte behandlas" };
}

/** The HTTP status a code is answered with. */
export function statusFor(code: ErrorCode): number {
  return entryFor(code).status;
}

/**
 * Builds the problem body for `code`. `detail` (log-safe English) is dropped for 5xx answers.
 * @example problemFor("PACKAGE_TOO_LARGE", "the limit is 268435456 bytes")
 */
export function problemFor(code: ErrorCode, detail?: string, reasons?: ErrorCode[]): Problem {
  const e = entryFor(code);
  const p: Problem = { type: `urn:kollen:problem:${code.toLowerCase().replaceAll("_", "-")}`, title: e.en, status: e.status, code, title_sv: e.sv };
  if (e.status >= 500) {
    p.detail_sv = SV_DETAIL.INTERNAL;
    p.detail = "Something went wrong on our side. Please try again later.";
    return p;
  }
  if (detail) p.detail = detail;
  const sv = SV_DETAIL[code];
  if (sv) p.detail_sv = sv;
  if (reasons && reasons.length > 0) p.reasons = reasons;
  return p;
}

/** A problem+json Response. */
export function problemResponse(code: ErrorCode, detail?: string, reasons?: ErrorCode[], headers?: Record<string, string>): Response {
  const p = problemFor(code, detail, reasons);
  return new Response(JSON.stringify(p), { status: p.status, headers: { "content-type": PROBLEM_CONTENT_TYPE, ...headers } });
}
