/**
 * /api/v1/admin trust routes (role `admin`): the signer keys and CA certificates the verifier
 * trusts — list them, trust a CA, revoke a key or a CA with a reason (`kollen admin signer add|revoke`
 * does the same for keys and CAs from the command line, except revoking a CA); every change is written
 * to the audit log with the admin as actor.
 */
import { createRoute } from "@hono/zod-openapi";
import { asc, eq } from "drizzle-orm";
import { CaIdParam, CaListing, CaRevoked, CaTrusted, KidParam, NewCa, RevokeCa, RevokeSigner, SignerListing, SignerRevoked } from "../../schemas/registry-api.ts";
import { actor, requireRole } from "../accounts/middleware.ts";
import { sealAudit } from "../audit/log.ts";
import { cas, organisations, signers } from "../db/schema.ts";
import { apiApp, json, jsonBody, JSON_PROBLEMS, problems, staffChange, staffRead, STAFF_PROBLEMS } from "../lib/openapi.ts";
import type { AppDeps } from "../ports.ts";
import { addCa, revokeCa } from "./add-ca.ts";
import { revokeSigner } from "./add-signer.ts";

const admin = requireRole("admin");
const iso = (d: Date | null) => d?.toISOString() ?? null;

const listSigners = createRoute({
  method: "get", path: "/signers", summary: "The trusted signer keys, revoked ones included (role admin)",
  ...staffRead(admin),
  responses: { 200: json(SignerListing, "by organisationsnummer"), ...problems(STAFF_PROBLEMS) },
});
const revokeSignerRoute = createRoute({
  method: "post", path: "/signers/{kid}/revoke", summary: "Revoke a signer key from a date (default now), with a reason (role admin)",
  ...staffChange(admin, "json"),
  request: { params: KidParam, body: jsonBody(RevokeSigner) },
  responses: { 200: json(SignerRevoked, "revoked"), ...problems({ ...JSON_PROBLEMS, ...STAFF_PROBLEMS, 404: "NOT_FOUND" }) },
});
const listCas = createRoute({
  method: "get", path: "/cas", summary: "The trusted CA certificates, revoked ones included (role admin)",
  ...staffRead(admin),
  responses: { 200: json(CaListing, "by label"), ...problems(STAFF_PROBLEMS) },
});
const addCaRoute = createRoute({
  method: "post", path: "/cas", summary: "Trust CA certificates (PEM) to name organisations (role admin)",
  ...staffChange(admin, "json"),
  request: { body: jsonBody(NewCa) },
  responses: { 201: json(CaTrusted, "trusted"), ...problems({ ...JSON_PROBLEMS, 400: "BAD_INPUT / KEY_INVALID", ...STAFF_PROBLEMS }) },
});
const revokeCaRoute = createRoute({
  method: "post", path: "/cas/{id}/revoke", summary: "Revoke a CA now, with a reason (role admin)",
  ...staffChange(admin, "json"),
  request: { params: CaIdParam, body: jsonBody(RevokeCa) },
  responses: { 200: json(CaRevoked, "revoked"), ...problems({ ...JSON_PROBLEMS, ...STAFF_PROBLEMS, 404: "NOT_FOUND", 409: "CONFLICT: already revoked" }) },
});

/** The trust sub-app, mounted at /api/v1/admin. */
export function trustRoutes(deps: AppDeps) {
  return apiApp()
    .openapi(listSigners, async (c) => {
      const rows = await deps.db.orm
        .select({ s: signers, name: organisations.name })
        .from(signers)
        .leftJoin(organisations, eq(organisations.orgnr, signers.orgnr))
        .orderBy(asc(signers.orgnr), asc(signers.createdAt));
      return c.json(
        { signers: rows.map(({ s, name }) => ({ kid: s.kid, orgnr: s.orgnr, organisationName: name, source: s.source, createdAt: s.createdAt.toISOString(), revokedFrom: iso(s.revokedFrom), revokeReason: s.revokeReason })) },
        200,
      );
    })
    .openapi(revokeSignerRoute, async (c) => {
      const { kid } = c.req.valid("param");
      const b = c.req.valid("json");
      const now = deps.clock.now();
      const r = await revokeSigner(deps.db, kid, b.from ? new Date(b.from) : now, now, actor(c), b.reason);
      await sealAudit(deps);
      return c.json({ kid: r.kid, orgnr: r.orgnr, revokedFrom: r.revokedFrom.toISOString() }, 200);
    })
    .openapi(listCas, async (c) => {
      const rows = await deps.db.orm.select({ id: cas.id, label: cas.label, createdAt: cas.createdAt, revokedAt: cas.revokedAt, revokeReason: cas.revokeReason }).from(cas).orderBy(asc(cas.label), asc(cas.id));
      return c.json({ cas: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), revokedAt: iso(r.revokedAt) })) }, 200);
    })
    .openapi(addCaRoute, async (c) => {
      const b = c.req.valid("json");
      const ids = await addCa(deps.db, b.pem, b.label, deps.clock.now(), actor(c));
      await sealAudit(deps);
      return c.json({ ids }, 201);
    })
    .openapi(revokeCaRoute, async (c) => {
      const { id } = c.req.valid("param");
      const r = await revokeCa(deps.db, id, c.req.valid("json").reason, deps.clock.now(), actor(c));
      await sealAudit(deps);
      return c.json({ id: r.id, revokedAt: r.revokedAt.toISOString() }, 200);
    });
}
