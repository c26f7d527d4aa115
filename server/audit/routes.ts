/** /api/v1/admin/audit (role `admin`): the audit log, newest first, with the chain's verification. */
import { createRoute } from "@hono/zod-openapi";
import { AuditLog, AuditQuery } from "../../schemas/staff-api.ts";
import { requireRole } from "../accounts/middleware.ts";
import { apiApp, json, problems, staffRead, STAFF_PROBLEMS } from "../lib/openapi.ts";
import type { AppDeps } from "../ports.ts";
import { listAudit, sealAudit, verifyAuditChain } from "./log.ts";

const route = createRoute({
  method: "get", path: "/audit", summary: "The newest audit events and the state of the hash chain (role admin)",
  ...staffRead(requireRole("admin")),
  request: { query: AuditQuery },
  responses: { 200: json(AuditLog, "the chain's state and the events, newest first"), ...problems(STAFF_PROBLEMS) },
});

/** The audit sub-app, mounted at /api/v1/admin. */
export function auditRoutes(deps: AppDeps) {
  return apiApp().openapi(route, async (c) => {
    const { limit, before } = c.req.valid("query");
    await sealAudit(deps);
    return c.json({ chain: await verifyAuditChain(deps), events: await listAudit(deps, { limit, ...(before ? { before } : {}) }) }, 200);
  });
}
