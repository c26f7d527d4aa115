/**
 * /api/v1/invites (issue 4 § Build 2; DESIGN.md § Invitations):
 *   POST /                 supervisor: make a link (campaign, optional sector, expiry, uses)
 *   GET  /                 supervisor: own links with their usage (which organisation, when)
 *   POST /{id}/expire      supervisor: withdraw one of their links (it expires now)
 *   GET  /{token}          anyone holding the link: what it is for; reads only, never consumes
 *   POST /{token}/accept   the company: bind the link to its organisation and register its key
 * The token in the path is the credential of the last two; accept takes JSON only, so a cross-site
 * form cannot post it, and no session is involved.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { KollenError } from "../../schemas/errors.ts";
import { csrfProtect, requireRole } from "../accounts/middleware.ts";
import { type SessionUser } from "../accounts/session-user.ts";
import { jsonBody } from "../lib/request.ts";
import { inviteUrl } from "./token.ts";
import type { AppDeps } from "../ports.ts";
import { acceptInvite } from "./accept.ts";
import { createInvite, MAX_INVITE_DAYS, MAX_INVITE_USES } from "./create.ts";
import { expireInvite } from "./expire.ts";
import { listInvites } from "./list.ts";
import { resolveInvite } from "./resolve.ts";

const DAY = 24 * 3600 * 1000;

/** The body of POST /api/v1/invites (also in the OpenAPI document). */
export const CreateInviteBody = z.strictObject({
  campaign: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/),
  sector: z.string().max(80).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  expiresInDays: z.int().min(1).max(MAX_INVITE_DAYS).optional(),
  maxUses: z.int().min(1).max(MAX_INVITE_USES).optional(),
});

/** The body of POST /api/v1/invites/{token}/accept (also in the OpenAPI document). */
export const AcceptInviteBody = z.object({
  organisationsnummer: z.string().max(20),
  name: z.string().max(200),
  publicJwk: z.record(z.string(), z.unknown()),
});

const small = bodyLimit({ maxSize: 16 * 1024, onError: () => Promise.reject(new KollenError("BAD_INPUT", "the request body is too large")) });

/** The invitations sub-app. */
export function invitesRoutes(deps: AppDeps) {
  return new Hono()
    .post("/", small, requireRole("supervisor"), csrfProtect(), async (c) => {
      const user = c.get("user") as SessionUser;
      const b = await jsonBody(c, CreateInviteBody);
      const now = deps.clock.now();
      const expiresAt = b.expiresAt ? new Date(b.expiresAt) : b.expiresInDays ? new Date(now.getTime() + b.expiresInDays * DAY) : undefined;
      const inv = await createInvite(deps, { campaign: b.campaign, sector: b.sector, expiresAt, maxUses: b.maxUses }, user.id);
      c.header("cache-control", "no-store");
      return c.json(
        { id: inv.id, token: inv.token, url: inviteUrl(deps.config.issuer, inv.token), campaign: inv.campaign, sector: inv.sector, createdAt: inv.createdAt.toISOString(), expiresAt: inv.expiresAt.toISOString(), maxUses: inv.maxUses },
        201,
      );
    })
    .get("/", requireRole("supervisor"), async (c) => {
      const user = c.get("user") as SessionUser;
      return c.json({ invites: await listInvites(deps.db, user.id) });
    })
    .post("/:id/expire", requireRole("supervisor"), csrfProtect(), async (c) => {
      const user = c.get("user") as SessionUser;
      const id = c.req.param("id");
      if (!/^[0-9a-f-]{36}$/.test(id)) throw new KollenError("NOT_FOUND", "no such link of yours");
      const r = await expireInvite(deps, id, user.id);
      return c.json({ id, expiresAt: r.expiresAt.toISOString() });
    })
    .get("/:token", async (c) => {
      const inv = await resolveInvite(deps, c.req.param("token"));
      c.header("cache-control", "no-store");
      return c.json({ campaign: inv.campaign, sector: inv.sector, expiresAt: inv.expiresAt.toISOString(), maxUses: inv.maxUses, usesLeft: Math.max(0, inv.maxUses - inv.uses), authority: deps.config.authorityName });
    })
    .post("/:token/accept", small, async (c) => {
      const b = await jsonBody(c, AcceptInviteBody);
      const r = await acceptInvite(deps, c.req.param("token"), { organisationsnummer: b.organisationsnummer, name: b.name, publicJwk: b.publicJwk });
      c.header("cache-control", "no-store");
      return c.json({ organisation: r.orgnr, campaign: r.campaign, kid: r.kid, newUse: r.newUse, newKey: r.newKey }, r.newUse || r.newKey ? 201 : 200);
    });
}
