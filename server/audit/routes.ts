/** /api/v1/admin/audit (role `admin`): the audit log, newest first, with the chain's verification. */
import { Hono } from "hono";
import { requireRole } from "../accounts/middleware.ts";
import type { AppDeps } from "../ports.ts";
import { listAudit, sealAudit, verifyAuditChain } from "./log.ts";

/** The audit sub-app, mounted at /api/v1/admin. */
export function auditRoutes(deps: AppDeps) {
  return new Hono().get("/audit", requireRole("admin"), async (c) => {
    const limit = Math.min(500, Math.max(1, Number(c.req.query("limit") ?? 100) || 100));
    const before = Number(c.req.query("before") ?? 0) || undefined;
    await sealAudit(deps);
    return c.json({ chain: await verifyAuditChain(deps), events: await listAudit(deps, { limit, ...(before ? { before } : {}) }) });
  });
}
