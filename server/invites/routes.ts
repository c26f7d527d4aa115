/**
 * /api/v1/invites (DESIGN.md § Invitations):
 *   POST /                 supervisor: make a link (campaign, optional sector, expiry, uses)
 *   GET  /                 supervisor: own links with their note and usage (which organisation, when,
 *                          whether its submission arrived and its status — never its content)
 *   POST /{id}/expire      supervisor: withdraw one of their links (it expires now)
 *   GET  /{token}          anyone holding the link: what it is for; reads only, never consumes
 *   POST /{token}/accept   the company: bind the link to its organisation and register its key
 * The token in the path is the credential of the last two; accept takes JSON only, so a cross-site
 * form cannot post it, and no session is involved.
 */
import { createRoute } from "@hono/zod-openapi";
import { AcceptInviteBody, CreateInviteBody, InviteAccepted, InviteCreated, InviteExpired, InviteIdParam, InviteInfo, InviteList, InviteTokenParam } from "../../schemas/invites-api.ts";
import { requireRole } from "../accounts/middleware.ts";
import { type SessionUser } from "../accounts/session-user.ts";
import { apiApp, bodySizeLimit, json, jsonBody, jsonRequest, JSON_PROBLEMS, problems, staffChange, staffRead, STAFF_PROBLEMS } from "../lib/openapi.ts";
import { inviteUrl } from "./token.ts";
import type { AppDeps } from "../ports.ts";
import { acceptInvite } from "./accept.ts";
import { createInvite } from "./create.ts";
import { expireInvite } from "./expire.ts";
import { listInvites } from "./list.ts";
import { resolveInvite } from "./resolve.ts";

const DAY = 24 * 3600 * 1000;

const small = bodySizeLimit(16 * 1024);


const supervisor = requireRole("supervisor");
const INVITE_PROBLEMS = { 403: "INVITE_INVALID / INVITE_EXPIRED" } as const;
const making = staffChange(supervisor, "json");

const create = createRoute({
  method: "post", path: "/", summary: "Make an invitation link (role supervisor)",
  description: "Answers the token and its link once; the server keeps only the token's SHA-256.",
  // the size limit comes first: nothing larger than a small JSON body is read, whoever sends it
  security: making.security,
  middleware: [small, ...making.middleware],
  request: { body: jsonBody(CreateInviteBody) },
  responses: { 201: json(InviteCreated, "the link"), ...problems({ ...JSON_PROBLEMS, ...STAFF_PROBLEMS, 422: "CAMPAIGN_UNKNOWN / CAMPAIGN_CLOSED" }) },
});
const list = createRoute({
  method: "get", path: "/", summary: "The supervisor's own links, which organisation used each and the status of its submission (never its content)",
  ...staffRead(supervisor),
  responses: { 200: json(InviteList, "the links, newest first"), ...problems(STAFF_PROBLEMS) },
});
const expire = createRoute({
  method: "post", path: "/{id}/expire", summary: "Withdraw one of the supervisor's links (it expires now)",
  ...staffChange(supervisor, "none"),
  request: { params: InviteIdParam },
  responses: { 200: json(InviteExpired, "expired"), ...problems({ ...STAFF_PROBLEMS, 404: "NOT_FOUND (no such link of yours)" }) },
});
const resolve = createRoute({
  method: "get", path: "/{token}", summary: "What an invitation link is for; reads only, never consumes it",
  request: { params: InviteTokenParam },
  responses: { 200: json(InviteInfo, "what the link is for"), ...problems(INVITE_PROBLEMS) },
});
const accept = createRoute({
  method: "post", path: "/{token}/accept", summary: "Accept a link: bind it to the organisation and trust its public signing key for it",
  middleware: [small, jsonRequest()],
  request: { params: InviteTokenParam, body: jsonBody(AcceptInviteBody) },
  responses: {
    201: json(InviteAccepted, "accepted (a new use or a new key)"),
    200: json(InviteAccepted, "accepted before by this organisation with this key"),
    ...problems({ 400: "BAD_INPUT / ORGNR_* / KEY_*", 403: "INVITE_INVALID / INVITE_EXPIRED / INVITE_USED / INVITE_WRONG_ORGANISATION", 409: "CONFLICT: the organisation already has a trusted key, or the key belongs to another; INVITE_ORGANISATION_REGISTERED: a supervisor's link for an organisation the registry holds", 415: "UNSUPPORTED_MEDIA_TYPE" }),
  },
});

/** The invitations sub-app. */
export function invitesRoutes(deps: AppDeps) {
  return apiApp()
    .openapi(create, async (c) => {
      const user = c.get("user") as SessionUser;
      const b = c.req.valid("json");
      const now = deps.clock.now();
      const expiresAt = b.expiresAt ? new Date(b.expiresAt) : b.expiresInDays ? new Date(now.getTime() + b.expiresInDays * DAY) : undefined;
      const inv = await createInvite(deps, { campaign: b.campaign, sector: b.sector, note: b.note, expiresAt, maxUses: b.maxUses }, user.id);
      c.header("cache-control", "no-store");
      return c.json(
        { id: inv.id, token: inv.token, url: inviteUrl(deps.config.issuer, inv.token), campaign: inv.campaign, sector: inv.sector, createdAt: inv.createdAt.toISOString(), expiresAt: inv.expiresAt.toISOString(), maxUses: inv.maxUses },
        201,
      );
    })
    .openapi(list, async (c) => {
      const user = c.get("user") as SessionUser;
      return c.json({ invites: await listInvites(deps.db, user.id) }, 200);
    })
    .openapi(expire, async (c) => {
      const user = c.get("user") as SessionUser;
      const { id } = c.req.valid("param");
      const r = await expireInvite(deps, id, user.id);
      return c.json({ id, expiresAt: r.expiresAt.toISOString() }, 200);
    })
    .openapi(resolve, async (c) => {
      const inv = await resolveInvite(deps, c.req.valid("param").token);
      c.header("cache-control", "no-store");
      return c.json({ campaign: inv.campaign, expiresAt: inv.expiresAt.toISOString(), maxUses: inv.maxUses, usesLeft: Math.max(0, inv.maxUses - inv.uses), authority: deps.config.authorityName }, 200);
    })
    .openapi(accept, async (c) => {
      const b = c.req.valid("json");
      const r = await acceptInvite(deps, c.req.valid("param").token, { organisationsnummer: b.organisationsnummer, name: b.name, publicJwk: b.publicJwk });
      c.header("cache-control", "no-store");
      return r.newUse || r.newKey ? c.json({ organisation: r.orgnr, campaign: r.campaign, kid: r.kid, newUse: r.newUse, newKey: r.newKey }, 201) : c.json({ organisation: r.orgnr, campaign: r.campaign, kid: r.kid, newUse: r.newUse, newKey: r.newKey }, 200);
    });
}
