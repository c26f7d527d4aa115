/**
 * /api/v1/admin/submissions: the reviewers' queue, a submission's detail and package, decisions and
 * coverage, and the registration of submissions that arrived another way (paper, e-mail). Every
 * route names its role (tested route by route in test/server/role-matrix.test.ts); state changes are
 * CSRF-checked and audited.
 */
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { KollenError } from "../../schemas/errors.ts";
import { CoverageDecided, CoverageDecision, Decision, DecisionTaken, IdParam, ManualSubmission, Queue, QueueFilter, Registered, SignerConfirmation, SignerConfirmed, SubmissionDetail } from "../../schemas/staff-api.ts";
import { actor, requireRole } from "../accounts/middleware.ts";
import { appendAudit } from "../audit/log.ts";
import { submissions } from "../db/schema.ts";
import { apiApp, json, jsonBody, JSON_PROBLEMS, problems, staffChange, staffRead, STAFF_PROBLEMS } from "../lib/openapi.ts";
import type { AppDeps } from "../ports.ts";
import { registerManual } from "../submissions/register-manual.ts";
import { confirmCoverage } from "./confirm-coverage.ts";
import { confirmSigner } from "./confirm-signer.ts";
import { decideSubmission } from "./decide.ts";
import { listQueue, submissionDetail } from "./queue.ts";

const reviewer = requireRole("reviewer");
const NOT_FOUND = { ...STAFF_PROBLEMS, 404: "NOT_FOUND" } as const;
const BODY_NOT_FOUND = { ...JSON_PROBLEMS, ...NOT_FOUND, 409: "CONFLICT: the submission's state does not allow it" } as const;

const queue = createRoute({
  method: "get", path: "/submissions", summary: "The review queue, newest first (role reviewer)",
  ...staffRead(reviewer),
  request: { query: QueueFilter },
  responses: { 200: json(Queue, "the queue"), ...problems({ 400: "BAD_INPUT", ...STAFF_PROBLEMS }) },
});
const manual = createRoute({
  method: "post", path: "/submissions/manual", summary: "Register a submission received another way (paper, e-mail) (role reviewer)",
  ...staffChange(reviewer, "json"),
  request: { body: jsonBody(ManualSubmission) },
  responses: { 201: json(Registered, "registered as received"), ...problems({ ...JSON_PROBLEMS, 400: "BAD_INPUT / ORGNR_*", ...STAFF_PROBLEMS, 422: "ORGANISATION_UNKNOWN / CAMPAIGN_UNKNOWN" }) },
});
const detail = createRoute({
  method: "get", path: "/submissions/{id}", summary: "A submission: verification, flags, coverage, decisions, history (role reviewer)",
  ...staffRead(reviewer),
  request: { params: IdParam },
  responses: { 200: json(SubmissionDetail, "the submission"), ...problems(NOT_FOUND) },
});
const download = createRoute({
  method: "get", path: "/submissions/{id}/package", summary: "The package as stored (ciphertext) (role reviewer)",
  ...staffRead(reviewer),
  request: { params: IdParam },
  responses: { 200: { description: "the package", content: { "application/vnd.kollen.package": { schema: { type: "string", format: "binary" } } } }, ...problems(NOT_FOUND) },
});
const decide = createRoute({
  method: "post", path: "/submissions/{id}/decision", summary: "Approve or reject with a reason (four-eyes: a second reviewer) (role reviewer)",
  ...staffChange(reviewer, "json"),
  request: { params: IdParam, body: jsonBody(Decision) },
  responses: { 200: json(DecisionTaken, "the status after the decision"), ...problems(BODY_NOT_FOUND) },
});
const coverage = createRoute({
  method: "post", path: "/submissions/{id}/coverage", summary: "Confirm or refuse unconfirmed coverage (role reviewer)",
  ...staffChange(reviewer, "json"),
  request: { params: IdParam, body: jsonBody(CoverageDecision) },
  responses: { 200: json(CoverageDecided, "the coverage after the decision"), ...problems(BODY_NOT_FOUND) },
});

const signer = createRoute({
  method: "post", path: "/submissions/{id}/signer-confirmation", summary: "Confirm a signing key that came from an invitation link, after an out-of-band check (role reviewer)",
  ...staffChange(reviewer, "json"),
  request: { params: IdParam, body: jsonBody(SignerConfirmation) },
  responses: { 200: json(SignerConfirmed, "the key is confirmed"), ...problems({ ...BODY_NOT_FOUND, 409: "CONFLICT: the key needs no confirmation" }) },
});

/** The review sub-app, mounted at /api/v1/admin. */
export function reviewRoutes(deps: AppDeps) {
  return apiApp()
    .openapi(queue, async (c) => c.json(await listQueue(deps, c.req.valid("query")), 200))
    .openapi(manual, async (c) => c.json(await registerManual(deps, c.get("user"), c.req.valid("json")), 201))
    .openapi(detail, async (c) => c.json(await submissionDetail(deps, c.req.valid("param").id), 200))
    .openapi(download, async (c) => {
      const { id } = c.req.valid("param");
      const [row] = await deps.db.orm.select({ blobKey: submissions.blobKey, size: submissions.size }).from(submissions).where(eq(submissions.id, id));
      const stream = row?.blobKey ? await deps.blobs.get(row.blobKey) : undefined;
      if (!row || !stream) throw new KollenError("NOT_FOUND", "no package for that submission");
      await appendAudit(deps, { actor: actor(c), action: "review.download", subject: id });
      c.header("content-type", "application/vnd.kollen.package");
      c.header("content-disposition", `attachment; filename="${id}.kollen"`);
      if (row.size !== null) c.header("content-length", String(row.size));
      return c.body(stream as ReadableStream<Uint8Array<ArrayBuffer>>);
    })
    .openapi(decide, async (c) => c.json(await decideSubmission(deps, c.get("user"), c.req.valid("param").id, c.req.valid("json")), 200))
    .openapi(coverage, async (c) => {
      const b = c.req.valid("json");
      return c.json(await confirmCoverage(deps, c.get("user"), c.req.valid("param").id, b.orgnr, b.confirm), 200);
    })
    .openapi(signer, async (c) => c.json(await confirmSigner(deps, c.get("user"), c.req.valid("param").id, c.req.valid("json").kid), 200));
}
