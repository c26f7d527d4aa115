/**
 * /api/v1/admin/submissions: the reviewers' queue, a submission's detail and package, decisions and
 * coverage, and the registration of submissions that arrived another way (paper, e-mail). Every
 * route names its role (tested route by route in test/server/role-matrix.test.ts); state changes are
 * CSRF-checked and audited.
 */
import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { KollenError } from "../../schemas/errors.ts";
import { csrfProtect, requireRole } from "../accounts/middleware.ts";
import { appendAudit } from "../audit/log.ts";
import { submissions } from "../db/schema.ts";
import { actor, idParam, jsonBody } from "../lib/request.ts";
import type { AppDeps } from "../ports.ts";
import { ManualSubmission, registerManual } from "../submissions/register-manual.ts";
import { confirmCoverage } from "./confirm-coverage.ts";
import { decideSubmission } from "./decide.ts";
import { listQueue, QueueFilter, submissionDetail } from "./queue.ts";

const Decision = z.object({ decision: z.enum(["approve", "reject"]), reason: z.string().trim().min(3).max(2000) });
const Coverage = z.object({ orgnr: z.string().regex(/^\d{10}$/), confirm: z.boolean() });

/** The review sub-app, mounted at /api/v1/admin. */
export function reviewRoutes(deps: AppDeps) {
  const reviewer = requireRole("reviewer");
  const csrf = csrfProtect();
  return new Hono()
    .get("/submissions", reviewer, async (c) => {
      const f = QueueFilter.safeParse(c.req.query());
      if (!f.success) throw new KollenError("BAD_INPUT", `invalid filter ${f.error.issues.map((i) => i.path.join(".")).join(", ")}`);
      return c.json({ submissions: await listQueue(deps, f.data) });
    })
    .post("/submissions/manual", reviewer, csrf, async (c) => {
      const r = await registerManual(deps, c.get("user"), await jsonBody(c, ManualSubmission));
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
      return c.json(await decideSubmission(deps, c.get("user"), id, await jsonBody(c, Decision)));
    })
    .post("/submissions/:id/coverage", reviewer, csrf, async (c) => {
      const id = idParam(c);
      const b = await jsonBody(c, Coverage);
      return c.json(await confirmCoverage(deps, c.get("user"), id, b.orgnr, b.confirm));
    });
}
