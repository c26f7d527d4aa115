/**
 * Words for the values the staff view shows: submission statuses, review flags, actor groups, staff
 * roles, coverage rows, verification outcomes and audit events, Swedish first and English second.
 * Keyed by the values the server sends (schemas/, server/db/schema.ts), so the page never shows a
 * raw code as the text; the code itself stays available on hover (`title`). Pure data: runs on the
 * server and in the browser.
 */
import type { Lang, Text } from "./i18n.ts";

const STATUS: Record<string, Text> = {
  received: { sv: "Mottagen", en: "Received" },
  verified: { sv: "Kontrollerad, väntar på granskning", en: "Verified, awaiting review" },
  approved: { sv: "Godkänd", en: "Approved" },
  rejected: { sv: "Avvisad", en: "Rejected" },
  superseded: { sv: "Ersatt av en senare inlämning", en: "Superseded by a later submission" },
  conflict: { sv: "Konflikt, granskas", en: "Conflict, under review" },
};

const FLAG: Record<string, Text> = {
  SUPERSEDES_APPROVED: { sv: "Ersätter en redan godkänd inlämning", en: "Replaces an already approved submission" },
  COVERAGE_CONFLICT: { sv: "Täckningskonflikt: organisationen är redan rapporterad av någon annan", en: "Coverage conflict: the organisation has already been reported by someone else" },
  COVERAGE_UNCONFIRMED: { sv: "Obekräftad täckning: registret bekräftar inte att den får lämna in för de andra", en: "Unconfirmed coverage: the registry does not confirm it may submit for the others" },
};

const GROUP: Record<string, Text> = {
  municipality: { sv: "Kommun", en: "Municipality" },
  region: { sv: "Region", en: "Region" },
  state_agency: { sv: "Statlig myndighet", en: "State agency" },
  other: { sv: "Övrig", en: "Other" },
};

const ROLE: Record<string, Text> = {
  admin: { sv: "Administratör", en: "Administrator" },
  reviewer: { sv: "Granskare", en: "Reviewer" },
  supervisor: { sv: "Tillsynshandläggare", en: "Supervisor" },
  analyst: { sv: "Analytiker", en: "Analyst" },
};

/** The role of an organisation in a submission's coverage (submission_coverage.role). */
const COVERAGE_ROLE: Record<string, Text> = {
  self: { sv: "egen inlämning", en: "own submission" },
  covers: { sv: "täcks av inlämningen", en: "covered by the submission" },
};

/** The state of a coverage row (submission_coverage.state). */
const COVERAGE_STATE: Record<string, Text> = {
  confirmed: { sv: "bekräftad", en: "confirmed" },
  unconfirmed: { sv: "obekräftad", en: "unconfirmed" },
  refused: { sv: "avslagen", en: "refused" },
};

const OUTCOME: Record<string, Text> = {
  PASSED: { sv: "Godkänd", en: "Passed" },
  INDETERMINATE: { sv: "Obestämd", en: "Indeterminate" },
  FAILED: { sv: "Underkänd", en: "Failed" },
};

const DECISION: Record<string, Text> = {
  approve: { sv: "Godkänd", en: "Approved" },
  reject: { sv: "Avvisad", en: "Rejected" },
};

const VIA: Record<string, Text> = {
  upload: { sv: "uppladdad", en: "uploaded" },
  manual: { sv: "registrerad manuellt", en: "registered manually" },
};

const EVENT: Record<string, Text> = {
  "auth.login": { sv: "Inloggning", en: "Login" },
  "auth.login.failed": { sv: "Misslyckad inloggning", en: "Failed login" },
  "auth.login.limited": { sv: "Inloggning spärrad tillfälligt", en: "Login rate-limited" },
  "auth.logout": { sv: "Utloggning", en: "Logout" },
  "auth.logout_all": { sv: "Utloggning överallt", en: "Logout everywhere" },
  "export.campaign": { sv: "Export för analys", en: "Export for analysis" },
  "review.decision": { sv: "Beslut", en: "Decision" },
  "review.download": { sv: "Paket hämtat för granskning", en: "Package downloaded for review" },
  "coverage.confirm": { sv: "Täckning bekräftad", en: "Coverage confirmed" },
  "coverage.refuse": { sv: "Täckning avslagen", en: "Coverage refused" },
  "user.add": { sv: "Konto skapat", en: "Account added" },
  "user.disable": { sv: "Konto spärrat", en: "Account disabled" },
  "ca.trusted": { sv: "Utfärdare betrodd", en: "CA trusted" },
  "campaign.saved": { sv: "Insamling sparad", en: "Campaign saved" },
  "invite.accepted": { sv: "Inbjudan använd", en: "Invitation accepted" },
  "invite.created": { sv: "Inbjudan skapad", en: "Invitation created" },
  "invite.expired": { sv: "Inbjudan avslutad", en: "Invitation withdrawn" },
  "keyring.installed": { sv: "Nyckellista installerad", en: "Keyring installed" },
  "organisation.registered": { sv: "Organisation registrerad", en: "Organisation registered" },
  "signer.registered": { sv: "Signeringsnyckel registrerad", en: "Signing key registered" },
  "signer.revoked": { sv: "Signeringsnyckel återkallad", en: "Signing key revoked" },
  "submission.received": { sv: "Inlämning mottagen", en: "Submission received" },
  "submission.registered": { sv: "Inlämning registrerad manuellt", en: "Submission registered manually" },
};

const TABLES = { status: STATUS, flag: FLAG, group: GROUP, role: ROLE, coverageRole: COVERAGE_ROLE, coverageState: COVERAGE_STATE, outcome: OUTCOME, decision: DECISION, via: VIA, event: EVENT };

/** What kind of value a label is for. */
export type LabelKind = keyof typeof TABLES;

/**
 * The words for `value` of `kind` in `lang`; an unknown value is shown as it is (a new code the
 * table does not know yet must still be visible, not hidden).
 * @example label("sv", "status", "superseded") // "Ersatt av en senare inlämning"
 */
export function label(lang: Lang, kind: LabelKind, value: string): string {
  const t = TABLES[kind][value];
  return t ? t[lang] : value;
}

/** The values a kind knows, in table order (for selects). */
export function labelled(kind: LabelKind): string[] {
  return Object.keys(TABLES[kind]);
}
