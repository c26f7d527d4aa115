/**
 * The invitation API's bodies (/api/v1/invites): what a supervisor sends to make a link, what the
 * link's page reads and what the company sends to accept it. The routes validate with these
 * schemas, the OpenAPI document is generated from them, and the pages' types come from the routes.
 */
import { z } from "zod";
import { CampaignId } from "./ids.ts";

/** How long a link may live, and how many organisations one link may bring in. */
export const MAX_INVITE_DAYS = 365;
export const MAX_INVITE_USES = 10_000;

export const CreateInviteBody = z
  .strictObject({
    campaign: CampaignId,
    sector: z.string().max(80).optional(),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    expiresInDays: z.int().min(1).max(MAX_INVITE_DAYS).optional(),
    maxUses: z.int().min(1).max(MAX_INVITE_USES).optional(),
  })
  .meta({ id: "CreateInvite" });

export const InviteCreated = z.object({
  id: z.string(),
  token: z.string().meta({ description: "shown once; the server keeps only its SHA-256" }),
  url: z.string(),
  campaign: z.string(),
  sector: z.string().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  maxUses: z.int(),
});

/** A supervisor's link with who used it (never a result, a submission or its status). */
export const InviteListing = z.object({
  id: z.string(),
  campaign: z.string(),
  sector: z.string().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  maxUses: z.int(),
  uses: z.array(z.object({ orgnr: z.string(), name: z.string(), usedAt: z.iso.datetime() })),
});
export const InviteList = z.object({ invites: z.array(InviteListing) });

/** The supervisor's link id; anything else is not one of their links. */
export const InviteIdParam = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/, "no such link of yours").meta({ format: "uuid" }) });
export const InviteExpired = z.object({ id: z.string(), expiresAt: z.iso.datetime() });

/** The link's token in the path is its credential. */
export const InviteTokenParam = z.object({ token: z.string() });
/** What the link's holder sees: never the supervisor's sector label, which is for the supervisor only. */
export const InviteInfo = z.object({ campaign: z.string(), expiresAt: z.iso.datetime(), maxUses: z.int(), usesLeft: z.int(), authority: z.string() });

export const AcceptInviteBody = z
  .object({
    organisationsnummer: z.string().max(20),
    name: z.string().max(200),
    publicJwk: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "AcceptInvite" });
export const InviteAccepted = z.object({ organisation: z.string(), campaign: z.string(), kid: z.string(), newUse: z.boolean(), newKey: z.boolean() });
