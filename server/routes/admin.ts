/**
 * /api/v1/admin: the staff API behind the admin view (issue 4 § 3–6). Every route names its roles
 * (the role matrix, tested route by route in test/server/admin/role-matrix.test.ts): `reviewer` for
 * the queue, decisions, coverage, manual registrations and package downloads; `admin` for accounts
 * and the audit log; `analyst` for the export. State changes are CSRF-checked and audited.
 */
import { Hono, type Context } from "hono";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { KollenError } from "../../schemas/errors.ts";
import { csrfProtect, requireRole, ROLES } from "../auth/middleware.ts";
import { endAllSessions } from "../auth/session.ts";
import { campaigns, submissions, users } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { addUser, RoleList } from "../services/add-user.ts";
import { appendAudit, listAudit, sealAudit, verifyAuditChain } from "../services/audit.ts";
import { confirmCoverage } from "../services/confirm-coverage.ts";
import { decideSubmission } from "../services/decide-submission.ts";
import { exportCampaign } from "../services/export-campaign.ts";
import { ManualSubmission, registerManual } from "../services/register-manual.ts";
import { listQueue, QueueFilter, submissionDetail } from "../services/review-queue.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function idParam(c: Context): string {
  const id = c.req.param("id") ?? "";
  if (!UUID.test(id)) throw new KollenError("NOT_FOUND", "no such id");
  return id;
}

async function body<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("application/json")) throw new KollenError("UNSUPPORTED_MEDIA_TYPE", "send JSON");
  const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) throw new KollenError("BAD_INPUT", `invalid ${parsed.error.issues.map((i) => i.path.join(".") || "body").join(", ")}`);
  return parsed.data;
}

const Decision = z.object({ decision: z.enum(["approve", "reject"]), reason: z.string().trim().min(3).max(2000) });
const Coverage = z.object({ orgnr: z.string().regex(/^\d{10}$/), confirm: z.boolean() });
const NewUser = z.object({ username: z.string().max(64), password: z.string().max(4096), roles: RoleList });

/** The admin sub-app, mounted at /api/v1/admin. */
export function adminRoutes(deps: AppDeps) {
  const reviewer = requireRole("reviewer");
  const admin = requireRole("admin");
  const analyst = requireRole("analyst");
  const staff = requireRole(...ROLES);
  const csrf = csrfProtect();
  const actor = (c: Context) => `user:${c.get("user").id}`;
  return new Hono()
    .get("/campaigns", staff, async (c) => {
      const rows = await deps.db.orm.select().from(campaigns).orderBy(desc(campaigns.createdAt));
      return c.json({ campaigns: rows.map((r) => ({ id: r.id, surveyModelId: r.surveyModelId, opensAt: r.opensAt?.toISOString() ?? null, closesAt: r.closesAt?.toISOString() ?? null })) });
    })
    .get("/submissions", reviewer, async (c) => {
      const f = QueueFilter.safeParse(c.req.query());
      if (!f.success) throw new KollenError("BAD_INPUT", `invalid filter ${f.error.issues.map((i) => i.path.join(".")).join(", ")}`);
      return c.json({ submissions: await listQueue(deps, f.data) });
    })
    .post("/submissions/manual", reviewer, csrf, async (c) => {
      const r = await registerManual(deps, c.get("user"), await body(c, ManualSubmission));
      return c.json(r, 201);
    })
    .get("/submissions/:id", reviewer, async (c) => c.json(await submissionDetail(deps, idParam(c))))
    .get("/submissions/:id/package", reviewer, async (c) => {
      const id = idParam(c);
      const [row] = await deps.db.orm.select({ blobKey: submissions.blobKey, size: submissions.size }).from(submissions).where(eq(submissions.id, id));
      const stream = row?.blobKey ? await deps.blobs.get(row.blobKey) : undefined;
      if (!row || !stream) throw new KollenError("NOT_FOUND", "no package for that submission");
      await appendAudit(deps, { actor: actor(c), action: "review.download", subject: id });
      c.header("content-type", "application/vnd.kollen.package");
      c.header("content-disposition", `attachment; filename="${id}.kollen"`);
      if (row.size !== null) c.header("content-length", String(row.size));
      return c.body(stream as ReadableStream<Uint8Array<ArrayBuffer>>);
    })
    .post("/submissions/:id/decision", reviewer, csrf, async (c) => {
      const id = idParam(c);
      return c.json(await decideSubmission(deps, c.get("user"), id, await body(c, Decision)));
    })
    .post("/submissions/:id/coverage", reviewer, csrf, async (c) => {
      const id = idParam(c);
      const b = await body(c, Coverage);
      return c.json(await confirmCoverage(deps, c.get("user"), id, b.orgnr, b.confirm));
    })
    .get("/audit", admin, async (c) => {
      const limit = Math.min(500, Math.max(1, Number(c.req.query("limit") ?? 100) || 100));
      const before = Number(c.req.query("before") ?? 0) || undefined;
      await sealAudit(deps);
      return c.json({ chain: await verifyAuditChain(deps), events: await listAudit(deps, { limit, ...(before ? { before } : {}) }) });
    })
    .get("/users", admin, async (c) => {
      const rows = await deps.db.orm.select({ id: users.id, username: users.username, roles: users.roles, disabled: users.disabled, createdAt: users.createdAt }).from(users).orderBy(users.username);
      return c.json({ users: rows.map((u) => ({ ...u, roles: JSON.parse(u.roles) as string[], createdAt: u.createdAt.toISOString() })) });
    })
    .post("/users", admin, csrf, async (c) => c.json(await addUser(deps, await body(c, NewUser), actor(c)), 201))
    .post("/users/:id/disable", admin, csrf, async (c) => {
      const id = idParam(c);
      if (id === c.get("user").id) throw new KollenError("CONFLICT", "you cannot disable your own account");
      const [u] = await deps.db.orm.select({ id: users.id }).from(users).where(eq(users.id, id));
      if (!u) throw new KollenError("NOT_FOUND", "no such user");
      await deps.db.orm.update(users).set({ disabled: true }).where(eq(users.id, id));
      await endAllSessions(deps, id);
      await appendAudit(deps, { actor: actor(c), action: "user.disable", subject: id });
      return c.body(null, 204);
    })
    .get("/export", analyst, async (c) => {
      const campaign = c.req.query("campaign") ?? "";
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(campaign)) throw new KollenError("BAD_INPUT", "campaign=ID is required");
      const { index, stream } = await exportCampaign(deps, campaign);
      await appendAudit(deps, { actor: actor(c), action: "export.campaign", subject: campaign, detail: { submissions: index.submissions.length } });
      c.header("content-type", "application/x-tar");
      c.header("content-disposition", `attachment; filename="kollen-export-${campaign}.tar"`);
      return c.body(stream as ReadableStream<Uint8Array<ArrayBuffer>>);
    });
}
