/**
 * The one database schema of the server (drizzle sqlite-core), shared by better-sqlite3 (the
 * embedded default) and Cloudflare D1. Migrations are generated from this file by drizzle-kit into
 * server/db/migrations/ (`npx drizzle-kit generate`) and applied at start; wrangler reads the same
 * folder (`migrations_dir`). Times are stored as integer milliseconds since the epoch (UTC).
 *
 * The server stores ciphertext and cleartext manifest facts only: nothing here is derived from the
 * plaintext of a result (DESIGN.md § Package format).
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { AUDIT_EVENTS } from "../../schemas/audit-events.ts";
import { ACTOR_GROUPS } from "../../schemas/orgnr.ts";
import { COVERAGE_ROLES, COVERAGE_STATES, REVIEW_DECISIONS, SUBMISSION_CHANNELS, SUBMISSION_STATUSES } from "../../schemas/submission.ts";

/** Registered organisations (organisationsnummer, canonical 10 digits). */
export const organisations = sqliteTable("organisations", {
  orgnr: text("orgnr").primaryKey(),
  name: text("name").notNull(),
  /** derived from the prefix unless the registry overrides it */
  actorGroup: text("actor_group", { enum: ACTOR_GROUPS }).notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** Umbrella coverage the registry confirms: `umbrella` may submit on behalf of `covered`. */
export const organisationCovers = sqliteTable(
  "organisation_covers",
  {
    umbrella: text("umbrella").notNull(),
    covered: text("covered").notNull(),
  },
  (t) => [primaryKey({ columns: [t.umbrella, t.covered] }), index("organisation_covers_covered").on(t.covered)],
);

/** Campaigns: one round of the self-assessment, bound to one survey model. */
export const campaigns = sqliteTable("campaigns", {
  id: text("id").primaryKey(),
  surveyModelId: text("survey_model_id").notNull(),
  /** optional: when set, a manifest's surveyModel.sha256 must match */
  surveyModelSha256: text("survey_model_sha256"),
  opensAt: integer("opens_at", { mode: "timestamp_ms" }),
  closesAt: integer("closes_at", { mode: "timestamp_ms" }),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** Trusted Ed25519 signer keys, by RFC 7638 thumbprint. */
export const signers = sqliteTable(
  "signers",
  {
    kid: text("kid").primaryKey(),
    orgnr: text("orgnr").notNull(),
    /** the public JWK as JSON text */
    publicJwk: text("public_jwk").notNull(),
    /** packages signed (or checked) at or after this instant FAIL with SIGNER_REVOKED */
    revokedFrom: integer("revoked_from", { mode: "timestamp_ms" }),
    /** why it was revoked (the admin's words; also in the audit log) */
    revokeReason: text("revoke_reason"),
    /** admin | invite */
    source: text("source").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /** source = invite: the link it came with; until a reviewer confirms the key it signs for that link's campaign only */
    inviteId: text("invite_id"),
    /** source = invite: the link's campaign */
    campaign: text("campaign"),
    /** when a reviewer confirmed a key that came from a link (null: unconfirmed) */
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    /** the reviewer's user id */
    confirmedBy: text("confirmed_by"),
  },
  (t) => [index("signers_orgnr").on(t.orgnr)],
);

/** CA certificates trusted to name organisations (x5c signatures). */
export const cas = sqliteTable("cas", {
  /** lowercase hex SHA-256 of the PEM text as stored */
  id: text("id").primaryKey(),
  pem: text("pem").notNull(),
  label: text("label").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  /** a revoked CA no longer names organisations: verification ignores it from then on */
  revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  /** why it was revoked (the admin's words; also in the audit log) */
  revokeReason: text("revoke_reason"),
});

/** The authority's signed recipient keyring as installed; the newest row is current. Public keys only. */
export const keyring = sqliteTable("keyring", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** the keyring JWS exactly as served at GET /api/v1/recipients */
  jws: text("jws").notNull(),
  /** the verified payload's recipients as JSON: [{id, recipient, status}] */
  recipients: text("recipients").notNull(),
  installedAt: integer("installed_at", { mode: "timestamp_ms" }).notNull(),
});

/** Stored submissions (or registrations of submissions received another way: `via` = manual). */
export const submissions = sqliteTable(
  "submissions",
  {
    id: text("id").primaryKey(),
    /** lowercase hex SHA-256 of the package bytes; identical bytes are one submission */
    packageSha256: text("package_sha256").notNull(),
    packageId: text("package_id"),
    /**
     * lowercase hex SHA-256 of the exact manifest.json bytes: with packageId, what identifies a package
     * (FORMAT.md rules U1, U2). Null for manual registrations and rows stored before it was kept.
     */
    manifestSha256: text("manifest_sha256"),
    organisation: text("organisation").notNull(),
    campaign: text("campaign").notNull(),
    surveyModelId: text("survey_model_id"),
    /** manifest.createdAt: the signer's claim, shown to reviewers; the receive order decides "newer" (rule U4) */
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: SUBMISSION_STATUSES }).notNull(),
    /** JSON array of reason codes (rejection reasons, verification notes) */
    reasons: text("reasons").notNull().default("[]"),
    /** JSON array of covered organisationsnummer, as in the manifest */
    covers: text("covers").notNull().default("[]"),
    supersededBy: text("superseded_by"),
    /** JSON array of flags for a reviewer: SUPERSEDES_APPROVED, COVERAGE_CONFLICT, COVERAGE_UNCONFIRMED */
    flags: text("flags").notNull().default("[]"),
    /** JSON array of signer key ids / certificate orgnrs that signed */
    signers: text("signers").notNull().default("[]"),
    via: text("via", { enum: SUBMISSION_CHANNELS }).notNull(),
    blobKey: text("blob_key"),
    size: integer("size"),
    /** the receipt as sent (compact JWS), returned again for an identical upload */
    receipt: text("receipt"),
    note: text("note"),
  },
  (t) => [
    uniqueIndex("submissions_package_sha256").on(t.packageSha256),
    uniqueIndex("submissions_manifest_sha256").on(t.manifestSha256),
    // rows from before manifest_sha256 was kept may share a packageId; new ones cannot
    uniqueIndex("submissions_package_id").on(t.packageId).where(sql`manifest_sha256 is not null`),
    index("submissions_org_campaign").on(t.organisation, t.campaign, t.status),
    // the quota check sums an organisation's stored bytes in a campaign from this index alone
    index("submissions_org_campaign_stored").on(t.organisation, t.campaign, t.size).where(sql`blob_key is not null`),
    index("submissions_campaign_status").on(t.campaign, t.status),
    // the reviewers' queue pages in the database: newest first, and by status then newest
    index("submissions_received").on(t.receivedAt, t.id),
    index("submissions_status_received").on(t.status, t.receivedAt, t.id),
  ],
);

/** Who a submission reports for: its own organisation (`self`) and each covered one (`covers`). */
export const submissionCoverage = sqliteTable(
  "submission_coverage",
  {
    submissionId: text("submission_id").notNull(),
    campaign: text("campaign").notNull(),
    orgnr: text("orgnr").notNull(),
    role: text("role", { enum: COVERAGE_ROLES }).notNull(),
    state: text("state", { enum: COVERAGE_STATES }).notNull(),
    /**
     * The placement's turn for this organisation in this campaign: one more than the highest read
     * when the placement was decided. Unique, so two placements decided on the same state cannot
     * both commit (D1 has no interactive transactions; server/submissions/receive.ts retries).
     */
    seq: integer("seq"),
  },
  (t) => [
    primaryKey({ columns: [t.submissionId, t.orgnr] }),
    // with the role, the placement reads the other organisations' coverage of its own organisation
    // without its own history (an organisation's `self` rows are its own submissions)
    index("submission_coverage_campaign_org").on(t.campaign, t.orgnr, t.role),
    uniqueIndex("submission_coverage_turn").on(t.campaign, t.orgnr, t.seq),
  ],
);

/** Append-only events, for the audit log (issue 4 chains them by hash). */
export const events = sqliteTable(
  "events",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    type: text("type", { enum: AUDIT_EVENTS }).notNull(),
    actor: text("actor").notNull(),
    subject: text("subject"),
    /** JSON object, log-safe facts only */
    data: text("data").notNull().default("{}"),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [index("events_subject").on(t.subject)],
);

/** Server settings that must survive restarts (e.g. the receipt key id in use). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** Accounts of the authority's staff (issue 4 § 4). Passwords as scrypt strings, never in clear. */
export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  /** lowercase, 3–64 of [a-z0-9._-] */
  username: text("username").notNull().unique(),
  /** `scrypt$N$r$p$salt$hash` (base64url), server/accounts/password.ts */
  passwordHash: text("password_hash").notNull(),
  /** JSON array of roles: admin | reviewer | supervisor | analyst */
  roles: text("roles").notNull(),
  disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** Login sessions: the cookie holds a random token, the row only its SHA-256 (server/accounts/session.ts). */
export const sessions = sqliteTable(
  "sessions",
  {
    /** lowercase hex SHA-256 of the session token */
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id").notNull(),
    /** the CSRF token of this session (synchronizer token, sent back in a header or form field) */
    csrf: text("csrf").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    /** absolute expiry: createdAt + the absolute lifetime */
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** Failed logins per key (`u:<username>` or `ip:<address>`) in the current window: bounded rate limiting. */
export const loginFailures = sqliteTable("login_failures", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  windowStart: integer("window_start", { mode: "timestamp_ms" }).notNull(),
});

/** Reviewers' decisions; with four-eyes an approval takes effect at the second distinct reviewer. */
export const reviewDecisions = sqliteTable(
  "review_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    submissionId: text("submission_id").notNull(),
    reviewerId: text("reviewer_id").notNull(),
    decision: text("decision", { enum: REVIEW_DECISIONS }).notNull(),
    reason: text("reason").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("review_decisions_submission").on(t.submissionId)],
);

/**
 * Invitation links a supervisor made (DESIGN.md § Invitations): campaign-scoped, expiring, single- or
 * multi-use. Only the SHA-256 of the token is kept; the token itself is shown once to its maker.
 */
export const invites = sqliteTable(
  "invites",
  {
    /** the token's `jti` (random; not a secret: a token needs the server's signature) */
    id: text("id").primaryKey(),
    /** lowercase hex SHA-256 of the compact JWT */
    tokenSha256: text("token_sha256").notNull(),
    campaign: text("campaign").notNull(),
    /** optional free label for the supervisor's own bookkeeping (e.g. "energi") */
    sector: text("sector"),
    /** the supervisor's own note of whom the link was sent to ("skickad till …"); shown to its maker only */
    note: text("note"),
    /** the supervisor's user id */
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    /** 1 = single-use */
    maxUses: integer("max_uses").notNull(),
    /**
     * An authority's link for one registered organisation: only that organisationsnummer may accept
     * it. Null for a supervisor's link, which may only bring in organisations the registry lacks.
     */
    organisation: text("organisation"),
  },
  (t) => [uniqueIndex("invites_token_sha256").on(t.tokenSha256), index("invites_created_by").on(t.createdBy)],
);

/** Each organisation that accepted an invitation: `seq` 1…maxUses (unique), one row per organisation. */
export const inviteUses = sqliteTable(
  "invite_uses",
  {
    inviteId: text("invite_id").notNull(),
    seq: integer("seq").notNull(),
    orgnr: text("orgnr").notNull(),
    /** the signer key registered with this use */
    signerKid: text("signer_kid").notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.inviteId, t.seq] }), uniqueIndex("invite_uses_invite_org").on(t.inviteId, t.orgnr)],
);
