/**
 * /api/v1/admin registry routes (role `admin`): the same services as `kollen admin org|campaign|signer|keyring`, over the API, each
 * written to the audit log with the admin as actor. Reviewers may read the organisations.
 */
import { Hono } from "hono";
import { desc } from "drizzle-orm";
import type { JWK } from "jose";
import { z } from "zod";
import { PINNED_KEYRING_KEYS } from "../../keys/published/index.ts";
import { csrfProtect, requireRole } from "../accounts/middleware.ts";
import { ROLES } from "../accounts/session-user.ts";
import { campaigns, organisationCovers, organisations } from "../db/schema.ts";
import { actor, jsonBody } from "../lib/request.ts";
import type { AppDeps } from "../ports.ts";
import { addCampaign } from "./add-campaign.ts";
import { addOrganisation } from "./add-organisation.ts";
import { addSigner } from "./add-signer.ts";
import { sealAudit } from "../audit/log.ts";
import { installKeyring } from "./install-keyring.ts";

const Organisation = z.object({ orgnr: z.string().max(20), name: z.string().trim().min(1).max(200), actorGroup: z.string().max(20).optional(), covers: z.array(z.string().max(20)).max(1000).default([]) });
const Campaign = z.object({
  id: z.string().max(64),
  surveyModelId: z.string().max(64),
  surveyModelSha256: z.string().max(64).optional(),
  opensAt: z.iso.datetime().optional(),
  closesAt: z.iso.datetime().optional(),
});
const Signer = z.object({ orgnr: z.string().max(20), jwk: z.record(z.string(), z.unknown()) });
const Keyring = z.object({ jws: z.string().min(1).max(64 * 1024) });

/** The registry sub-app, mounted at /api/v1/admin beside adminRoutes. */
export function registryRoutes(deps: AppDeps) {
  const admin = requireRole("admin");
  const csrf = csrfProtect();
  const done = async () => sealAudit(deps);
  return new Hono()
    .get("/campaigns", requireRole(...ROLES), async (c) => {
      const rows = await deps.db.orm.select().from(campaigns).orderBy(desc(campaigns.createdAt));
      return c.json({ campaigns: rows.map((r) => ({ id: r.id, surveyModelId: r.surveyModelId, opensAt: r.opensAt?.toISOString() ?? null, closesAt: r.closesAt?.toISOString() ?? null })) });
    })
    .get("/organisations", requireRole("admin", "reviewer"), async (c) => {
      const orgs = await deps.db.orm.select().from(organisations).orderBy(organisations.orgnr);
      const covers = await deps.db.orm.select().from(organisationCovers);
      return c.json({ organisations: orgs.map((o) => ({ orgnr: o.orgnr, name: o.name, actorGroup: o.actorGroup, covers: covers.filter((x) => x.umbrella === o.orgnr).map((x) => x.covered) })) });
    })
    .post("/organisations", admin, csrf, async (c) => {
      const b = await jsonBody(c, Organisation);
      const r = await addOrganisation(deps.db, { orgnr: b.orgnr, name: b.name, covers: b.covers, ...(b.actorGroup ? { actorGroup: b.actorGroup } : {}) }, deps.clock.now(), actor(c));
      await done();
      return c.json(r, 201);
    })
    .post("/campaigns", admin, csrf, async (c) => {
      const b = await jsonBody(c, Campaign);
      await addCampaign(
        deps.db,
        { id: b.id, surveyModelId: b.surveyModelId, ...(b.surveyModelSha256 ? { surveyModelSha256: b.surveyModelSha256 } : {}), ...(b.opensAt ? { opensAt: new Date(b.opensAt) } : {}), ...(b.closesAt ? { closesAt: new Date(b.closesAt) } : {}) },
        deps.clock.now(),
        actor(c),
      );
      await done();
      return c.json({ id: b.id }, 201);
    })
    .post("/signers", admin, csrf, async (c) => {
      const b = await jsonBody(c, Signer);
      const r = await addSigner(deps.db, { orgnr: b.orgnr, jwk: b.jwk }, deps.clock.now(), actor(c));
      await done();
      return c.json(r, 201);
    })
    .post("/keyring", admin, csrf, async (c) => {
      const b = await jsonBody(c, Keyring);
      const payload = await installKeyring(deps.db, b.jws.trim(), PINNED_KEYRING_KEYS as JWK[], deps.clock.now(), actor(c));
      await done();
      return c.json({ authority: payload.authority, issuedAt: payload.issuedAt, recipients: payload.recipients.map((r) => ({ id: r.id, status: r.status })) }, 201);
    });
}
