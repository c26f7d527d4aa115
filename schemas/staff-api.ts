/**
 * The staff API's bodies (/api/v1/auth and /api/v1/admin): what the admin view, the supervisor page
 * and `kollen admin` send and get back. The routes validate requests with these schemas, the OpenAPI
 * document is generated from them, and the browser's types are inferred from the same routes.
 */
import { z } from "zod";
import { CampaignId } from "./ids.ts";
import { ActorGroup } from "./orgnr.ts";
import { MAX_INVITE_DAYS } from "./invites-api.ts";
import { ReviewDecision, ReviewFlag, SubmissionStatus } from "./submission.ts";

/** The staff roles: what an account may do (DESIGN.md § Staff). */
export const STAFF_ROLES = ["admin", "reviewer", "supervisor", "analyst"] as const;
export const StaffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;
const ROLE = StaffRole;

/** A path id: anything but a UUID is simply not found, like an unknown one. */
export const IdParam = z.object({
  id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "no such id").meta({ format: "uuid" }),
});

// --- accounts

export const LoginBody = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(4096) }).meta({ id: "Login" });
export const SessionUserSchema = z.object({ id: z.string(), username: z.string(), roles: z.array(ROLE) }).meta({ id: "SessionUser" });
export const CsrfToken = z.object({ csrf: z.string() });
/** The first admin's bootstrap: the one-time secret, and the account's username and password chosen now. */
export const BootstrapBody = z.object({ token: z.string().min(1).max(512), username: z.string().min(1).max(200), password: z.string().min(1).max(4096) }).meta({ id: "Bootstrap" });
export const LoggedIn = z.object({ user: SessionUserSchema, csrf: z.string() });
export const Me = z.object({ user: SessionUserSchema, csrf: z.string(), expiresAt: z.iso.datetime() });

export const RoleList = z.array(ROLE).min(1).max(4);
export const NewUser = z.object({ username: z.string().max(64), password: z.string().max(4096), roles: RoleList }).meta({ id: "NewUser" });
export const UserListing = z.object({
  users: z.array(z.object({ id: z.string(), username: z.string(), roles: z.array(z.string()), disabled: z.boolean(), createdAt: z.iso.datetime() })),
});

// --- registry

export const CampaignListing = z.object({
  campaigns: z.array(z.object({ id: z.string(), surveyModelId: z.string(), surveyModelSha256: z.string().nullable(), opensAt: z.iso.datetime().nullable(), closesAt: z.iso.datetime().nullable() })),
});
export const NewCampaign = z
  .object({
    id: z.string().max(64),
    surveyModelId: z.string().max(64),
    surveyModelSha256: z.string().max(64).optional(),
    opensAt: z.iso.datetime().optional(),
    closesAt: z.iso.datetime().optional(),
  })
  .meta({ id: "NewCampaign" });
export const OrganisationListing = z.object({
  organisations: z.array(z.object({ orgnr: z.string(), name: z.string(), actorGroup: z.string(), covers: z.array(z.string()) })),
});
export const NewOrganisation = z
  .object({ orgnr: z.string().max(20), name: z.string().trim().min(1).max(200), actorGroup: z.string().max(20).optional(), covers: z.array(z.string().max(20)).max(1000).default([]) })
  .meta({ id: "NewOrganisation" });
export const OrganisationRegistered = z.object({ orgnr: z.string(), actorGroup: ActorGroup, covers: z.array(z.string()) });
export const NewSigner = z.object({ orgnr: z.string().max(20), jwk: z.record(z.string(), z.unknown()) }).meta({ id: "NewSigner" });
export const SignerRegistered = z.object({ kid: z.string(), orgnr: z.string() });
export const NewKeyring = z.object({ jws: z.string().min(1).max(64 * 1024) }).meta({ id: "NewKeyring" });
export const KeyringInstalled = z.object({ authority: z.object({ name: z.string(), id: z.string() }), issuedAt: z.string(), recipients: z.array(z.object({ id: z.string(), status: z.enum(["current", "retired"]) })) });

// --- review

/** How the queue can be ordered: received (newest first), organisation (by name, then number), status. */
export const QUEUE_SORTS = ["received", "organisation", "status"] as const;
export const QueueSort = z.enum(QUEUE_SORTS);

export const QueueFilter = z.object({
  campaign: CampaignId.optional(),
  status: SubmissionStatus.optional(),
  group: ActorGroup.optional(),
  flag: ReviewFlag.optional(),
  /** part of the organisation's name or number (digits, with or without the hyphen) */
  q: z.string().trim().max(100).optional(),
  /** received (newest first), organisation (by name, then number), status */
  sort: QueueSort.default("received"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type QueueFilter = z.infer<typeof QueueFilter>;

export const QueueItem = z.object({
  id: z.string(),
  organisation: z.string(),
  organisationName: z.string().nullable(),
  actorGroup: z.string().nullable(),
  campaign: z.string(),
  status: z.string(),
  flags: z.array(z.string()),
  covers: z.array(z.string()),
  receivedAt: z.iso.datetime(),
  via: z.string(),
  size: z.int().nullable(),
  approvals: z.int(),
  /** a signer's key came from an invitation link and no reviewer has confirmed it */
  keyFromLink: z.boolean(),
});
export const Queue = z.object({
  submissions: z.array(QueueItem),
  /** how many submissions match the filter (all pages) */
  total: z.int(),
  /** per status and per actor group, over the filter without its own status and group */
  counts: z.object({ status: z.record(z.string(), z.int()), group: z.record(z.string(), z.int()) }),
});

export const SignerOriginSchema = z
  .object({
    kid: z.string(),
    source: z.enum(["admin", "invite"]),
    inviteId: z.string().nullable().optional(),
    campaign: z.string().nullable().optional(),
    madeBy: z.string().nullable().optional(),
    confirmed: z.boolean().optional(),
    confirmedBy: z.string().nullable().optional(),
  })
  .meta({ id: "SignerOrigin" });

export const SubmissionDetail = z
  .object({
    id: z.string(),
    organisation: z.string(),
    organisationName: z.string().nullable(),
    actorGroup: z.string().nullable(),
    campaign: z.string(),
    surveyModelId: z.string().nullable(),
    packageId: z.string().nullable(),
    packageSha256: z.string().nullable(),
    status: z.string(),
    via: z.string(),
    note: z.string().nullable(),
    size: z.int().nullable(),
    createdAt: z.iso.datetime(),
    receivedAt: z.iso.datetime(),
    supersededBy: z.string().nullable(),
    flags: z.array(z.string()),
    covers: z.array(z.string()),
    verification: z.object({ outcome: z.string(), signers: z.array(z.string()), reasons: z.array(z.string()) }).nullable(),
    signerKeys: z.array(z.object({ kid: z.string(), orgnr: z.string(), publicJwk: z.record(z.string(), z.unknown()) })),
    /** where each signer's key came from: registered by an admin, or through link `inviteId` made by `madeBy` */
    signerOrigins: z.array(SignerOriginSchema),
    coverage: z.array(z.object({ orgnr: z.string(), role: z.string(), state: z.string() })),
    decisions: z.array(z.object({ reviewerId: z.string(), reviewer: z.string().nullable(), decision: z.string(), reason: z.string(), at: z.iso.datetime() })),
    history: z.array(z.object({ id: z.string(), status: z.string(), createdAt: z.iso.datetime(), receivedAt: z.iso.datetime(), supersededBy: z.string().nullable(), via: z.string(), current: z.boolean() })),
    events: z.array(z.object({ seq: z.int(), at: z.iso.datetime(), action: z.string(), actor: z.string() })),
  })
  .meta({ id: "SubmissionDetail" });

export const ManualSubmission = z
  .object({
    organisation: z.string().min(1).max(20),
    campaign: CampaignId,
    channel: z.enum(["paper", "email", "other"]),
    note: z.string().max(2000).default(""),
  })
  .meta({ id: "ManualSubmission" });
export const Registered = z.object({ id: z.string() });

export const Decision = z.object({ decision: ReviewDecision, reason: z.string().trim().min(3).max(2000) }).meta({ id: "Decision" });
export const DecisionTaken = z.object({ status: z.string(), approvals: z.int(), needed: z.int() });
export const CoverageDecision = z.object({ orgnr: z.string().regex(/^\d{10}$/), confirm: z.boolean() }).meta({ id: "CoverageDecision" });
export const CoverageDecided = z.object({ state: z.string(), flags: z.array(z.string()) });
export const SignerConfirmation = z.object({ kid: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }).meta({ id: "SignerConfirmation" });
export const SignerConfirmed = z.object({ kid: z.string(), confirmed: z.literal(true), flags: z.array(z.string()) });

// --- audit and export

/** Paging through the log is forgiving: a missing or odd limit means 100, at most 500. */
export const AuditQuery = z.object({
  limit: z
    .string()
    .optional()
    .transform((v) => Math.min(500, Math.max(1, Number(v ?? 100) || 100))),
  before: z
    .string()
    .optional()
    .transform((v) => Number(v ?? 0) || undefined),
});
export const AuditLog = z.object({
  chain: z.object({
    ok: z.boolean(),
    events: z.int(),
    unsealed: z.int(),
    broken: z.object({ seq: z.int(), reason: z.enum(["hash", "prev_hash", "data", "unsealed_inside", "head_missing"]) }).optional(),
  }),
  events: z.array(z.object({ seq: z.int(), at: z.iso.datetime(), action: z.string(), actor: z.string(), subject: z.string().nullable(), detail: z.unknown(), hash: z.string().nullable() })),
});
export const ExportQuery = z.object({ campaign: CampaignId });

// --- the authority's own invitation links (as `kollen admin invite`)

/** Which registered organisations get a link: these numbers, one actor group, or all without a trusted key. */
export const InviteSelectionBody = z.union([
  z.strictObject({ orgs: z.array(z.string().max(20)).min(1).max(10_000) }),
  z.strictObject({ group: ActorGroup }),
  z.strictObject({ allUnkeyed: z.literal(true) }),
]);

/** The answer's header with the number of links in the CSV, so the page can say so without parsing the file. */
export const LINK_COUNT_HEADER = "kollen-link-count";

export const AdminInviteBody = z
  .strictObject({
    campaign: CampaignId,
    select: InviteSelectionBody,
    expiresInDays: z.int().min(1).max(MAX_INVITE_DAYS).optional(),
  })
  .meta({ id: "AdminInvite" });
