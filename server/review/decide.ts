/**
 * A reviewer's decision (DESIGN.md § Invitations, receipts, review): approve or reject
 * with a reason. With `fourEyes` an approval takes effect only when a second, different reviewer
 * approves too; a rejection takes effect at once. Superseded, approved and rejected submissions are
 * final. Approving a newer package over an approved one (flagged SUPERSEDES_APPROVED) makes the
 * older one superseded. The decision row, the status change and the audit event go in one batch; the status update
 * is conditional on the state read, so a concurrent decision cannot be overwritten.
 */
import { and, eq, inArray, lt, ne } from "drizzle-orm";
import { KollenError } from "../../schemas/errors.ts";
import type { ReviewDecision, SubmissionStatus } from "../../schemas/submission.ts";
import { events, reviewDecisions, submissions } from "../db/schema.ts";
import type { AppDeps, Statement } from "../ports.ts";
import { sealAudit } from "../audit/log.ts";

/** Statuses a reviewer can still decide on; the others are final. */
const OPEN: readonly SubmissionStatus[] = ["received", "verified", "conflict"];

export interface DecisionInput {
  decision: ReviewDecision;
  reason: string;
}

/**
 * Records a decision and answers the submission's status after it.
 * @throws KollenError NOT_FOUND, CONFLICT (final state, same reviewer twice, concurrent change)
 * @example await decideSubmission(deps, user, id, { decision: "approve", reason: "Kontrollerad" })
 */
export async function decideSubmission(deps: Pick<AppDeps, "db" | "clock" | "config">, reviewer: { id: string }, id: string, input: DecisionInput): Promise<{ status: string; approvals: number; needed: number }> {
  const [row] = await deps.db.orm.select({ status: submissions.status, organisation: submissions.organisation, campaign: submissions.campaign, createdAt: submissions.createdAt }).from(submissions).where(eq(submissions.id, id));
  if (!row) throw new KollenError("NOT_FOUND", "no such submission");
  if (!OPEN.includes(row.status)) throw new KollenError("CONFLICT", `the submission is ${row.status}: decisions are final`);
  const earlier = await deps.db.orm.select().from(reviewDecisions).where(and(eq(reviewDecisions.submissionId, id), eq(reviewDecisions.decision, "approve")));
  const needed = deps.config.fourEyes ? 2 : 1;
  if (input.decision === "approve" && earlier.some((d) => d.reviewerId === reviewer.id)) throw new KollenError("CONFLICT", "four eyes: the second approval must come from another reviewer");
  const approvals = earlier.length + (input.decision === "approve" ? 1 : 0);
  const next = input.decision === "reject" ? "rejected" : approvals >= needed ? "approved" : row.status;
  const now = deps.clock.now();
  const statements: Statement[] = [deps.db.orm.insert(reviewDecisions).values({ submissionId: id, reviewerId: reviewer.id, decision: input.decision, reason: input.reason, at: now })];
  if (next !== row.status) statements.push(deps.db.orm.update(submissions).set({ status: next }).where(and(eq(submissions.id, id), inArray(submissions.status, [row.status]))));
  // a newer package approved over an approved one (flagged SUPERSEDES_APPROVED) supersedes it now
  if (next === "approved")
    statements.push(
      deps.db.orm
        .update(submissions)
        .set({ status: "superseded", supersededBy: id })
        .where(and(eq(submissions.organisation, row.organisation), eq(submissions.campaign, row.campaign), eq(submissions.status, "approved"), ne(submissions.id, id), lt(submissions.createdAt, row.createdAt))),
    );
  statements.push(
    deps.db.orm.insert(events).values({ at: now, type: "review.decision", actor: `user:${reviewer.id}`, subject: id, data: JSON.stringify({ decision: input.decision, from: row.status, to: next, approvals, needed }) }),
  );
  await deps.db.batch(statements);
  await sealAudit(deps);
  const [after] = await deps.db.orm.select({ status: submissions.status }).from(submissions).where(eq(submissions.id, id));
  if (after?.status !== next) throw new KollenError("CONFLICT", "the submission changed meanwhile: reload it");
  return { status: next, approvals, needed };
}
