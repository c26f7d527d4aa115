/**
 * The retention rule for stored ciphertext (issue 10 item 6): the blob of a package that was
 * superseded or rejected — never approved, and no longer what counts — is deleted once it was
 * received more than `config.retentionDays` days ago. Its row, receipt, status and audit trail stay,
 * so the history a reviewer sees and every receipt's status answer remain; only the bytes go. Nothing
 * is deleted unless the operator configures a retention period. With the per-organisation quota
 * (receive.ts), this bounds what a trusted, squatted or replaying key can make the server hold.
 */
import { and, eq, inArray, isNotNull, lt } from "drizzle-orm";
import { events, submissions } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { sealAudit } from "../audit/log.ts";

/** Statuses whose blobs the rule may delete: never approved, and not the current submission. */
export const RETAINED_STATUSES = ["superseded", "rejected"] as const;

/**
 * Deletes the blobs the rule allows; returns how many. A no-op without `config.retentionDays`.
 * @example await applyRetention(deps) // at start (Node) or from the scheduled sweep (Workers)
 */
export async function applyRetention(deps: Pick<AppDeps, "db" | "blobs" | "clock" | "config">): Promise<number> {
  const days = deps.config.retentionDays;
  if (days === undefined) return 0;
  const now = deps.clock.now();
  const before = new Date(now.getTime() - days * 86_400_000);
  const due = await deps.db.orm
    .select({ id: submissions.id, blobKey: submissions.blobKey, status: submissions.status })
    .from(submissions)
    .where(and(inArray(submissions.status, [...RETAINED_STATUSES]), isNotNull(submissions.blobKey), lt(submissions.receivedAt, before)))
    .limit(1000);
  for (const row of due) {
    // the row first: a crash in between leaves an unreferenced blob, which the start-up sweep removes
    await deps.db.batch([
      deps.db.orm.update(submissions).set({ blobKey: null }).where(and(eq(submissions.id, row.id), inArray(submissions.status, [...RETAINED_STATUSES]))),
      deps.db.orm.insert(events).values({ at: now, type: "submission.blob_deleted", actor: "system:retention", subject: row.id, data: JSON.stringify({ status: row.status, days }) }),
    ]);
    await deps.blobs.delete(row.blobKey!);
  }
  if (due.length > 0) await sealAudit(deps);
  return due.length;
}
