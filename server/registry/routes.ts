/**
 * /api/v1/admin registry routes (role `admin`): the same services as `kollen admin org|campaign|signer|keyring`, over the API, each
 * written to the audit log with the admin as actor. Reviewers may read the organisations.
 */
import { createRoute } from "@hono/zod-openapi";
import { desc } from "drizzle-orm";
import type { z } from "zod";
import type { JWK } from "jose";
import { PINNED_KEYRING_KEYS } from "../../keys/published/index.ts";
import { CampaignListing, KeyringInstalled, NewCampaign, NewKeyring, NewOrganisation, NewSigner, OrganisationListing, OrganisationRegistered, Registered, SignerRegistered } from "../../schemas/staff-api.ts";
import { actor, requireRole } from "../accounts/middleware.ts";
import { ROLES } from "../accounts/session-user.ts";
import { campaigns, organisationCovers, organisations } from "../db/schema.ts";
import { apiApp, json, jsonBody, JSON_PROBLEMS, problems, staffChange, staffRead, STAFF_PROBLEMS } from "../lib/openapi.ts";
import type { AppDeps } from "../ports.ts";
import { addCampaign } from "./add-campaign.ts";
import { addOrganisation } from "./add-organisation.ts";
import { addSigner } from "./add-signer.ts";
import { sealAudit } from "../audit/log.ts";
import { installKeyring } from "./install-keyring.ts";

const admin = requireRole("admin");

/** A registry change by an admin: JSON in, 201 with what was registered. */
function change<P extends string, B extends z.ZodType, R extends z.ZodType>(path: P, summary: string, body: B, answer: R, refusals: Record<number, string>) {
  return createRoute({
    method: "post", path, summary: `${summary} (role admin)`,
    ...staffChange(admin, "json"),
    request: { body: jsonBody(body) },
    responses: { 201: json(answer, "registered"), ...problems({ ...JSON_PROBLEMS, ...STAFF_PROBLEMS, ...refusals }) },
  });
}

const listCampaigns = createRoute({ method: "get", path: "/campaigns", summary: "The campaigns (role any)", ...staffRead(requireRole(...ROLES)), responses: { 200: json(CampaignListing, "newest first"), ...problems(STAFF_PROBLEMS) } });
const listOrganisations = createRoute({
  method: "get", path: "/organisations", summary: "The registry of organisations and whom they cover (role admin, reviewer)",
  ...staffRead(requireRole("admin", "reviewer")),
  responses: { 200: json(OrganisationListing, "by organisationsnummer"), ...problems(STAFF_PROBLEMS) },
});
const addOrganisationRoute = change("/organisations", "Register or update an organisation", NewOrganisation, OrganisationRegistered, { 400: "BAD_INPUT / ORGNR_*" });
const addCampaignRoute = change("/campaigns", "Register a campaign", NewCampaign, Registered, { 409: "CONFLICT" });
const addSignerRoute = change("/signers", "Trust an organisation's public Ed25519 key after an out-of-band thumbprint check", NewSigner, SignerRegistered, { 400: "BAD_INPUT / ORGNR_* / KEY_*", 409: "CONFLICT" });
const installKeyringRoute = change("/keyring", "Install a new recipient keyring signed by a pinned keyring key", NewKeyring, KeyringInstalled, { 422: "KEYRING_*" });

/** The registry sub-app, mounted at /api/v1/admin. */
export function registryRoutes(deps: AppDeps) {
  const done = async () => sealAudit(deps);
  return apiApp()
    .openapi(listCampaigns, async (c) => {
      const rows = await deps.db.orm.select().from(campaigns).orderBy(desc(campaigns.createdAt));
      return c.json({ campaigns: rows.map((r) => ({ id: r.id, surveyModelId: r.surveyModelId, surveyModelSha256: r.surveyModelSha256, opensAt: r.opensAt?.toISOString() ?? null, closesAt: r.closesAt?.toISOString() ?? null })) }, 200);
    })
    .openapi(listOrganisations, async (c) => {
      const orgs = await deps.db.orm.select().from(organisations).orderBy(organisations.orgnr);
      const covers = await deps.db.orm.select().from(organisationCovers);
      return c.json({ organisations: orgs.map((o) => ({ orgnr: o.orgnr, name: o.name, actorGroup: o.actorGroup, covers: covers.filter((x) => x.umbrella === o.orgnr).map((x) => x.covered) })) }, 200);
    })
    .openapi(addOrganisationRoute, async (c) => {
      const b = c.req.valid("json");
      const r = await addOrganisation(deps.db, { orgnr: b.orgnr, name: b.name, covers: b.covers, ...(b.actorGroup ? { actorGroup: b.actorGroup } : {}) }, deps.clock.now(), actor(c));
      await done();
      return c.json(r, 201);
    })
    .openapi(addCampaignRoute, async (c) => {
      const b = c.req.valid("json");
      await addCampaign(
        deps.db,
        { id: b.id, surveyModelId: b.surveyModelId, ...(b.surveyModelSha256 ? { surveyModelSha256: b.surveyModelSha256 } : {}), ...(b.opensAt ? { opensAt: new Date(b.opensAt) } : {}), ...(b.closesAt ? { closesAt: new Date(b.closesAt) } : {}) },
        deps.clock.now(),
        actor(c),
      );
      await done();
      return c.json({ id: b.id }, 201);
    })
    .openapi(addSignerRoute, async (c) => {
      const b = c.req.valid("json");
      const r = await addSigner(deps.db, { orgnr: b.orgnr, jwk: b.jwk }, deps.clock.now(), actor(c));
      await done();
      return c.json(r, 201);
    })
    .openapi(installKeyringRoute, async (c) => {
      const b = c.req.valid("json");
      const payload = await installKeyring(deps.db, b.jws.trim(), PINNED_KEYRING_KEYS as JWK[], deps.clock.now(), actor(c));
      await done();
      return c.json({ authority: payload.authority, issuedAt: payload.issuedAt, recipients: payload.recipients.map((r) => ({ id: r.id, status: r.status })) }, 201);
    });
}
