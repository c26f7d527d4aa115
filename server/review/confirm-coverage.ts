/**
 * A reviewer confirms or refuses umbrella coverage that the registry did not confirm (DESIGN.md §
 * Deduplication and coverage: unconfirmed coverage is INDETERMINATE until a reviewer confirms it).
 * When no unconfirmed coverage remains, the COVERAGE_UNCONFIRMED flag is dropped.
 */
import { and, eq } from "drizzle-orm";
import { KollenError } from "../../schemas/errors.ts";
import { events, submissionCoverage, submissions } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { sealAudit } from "../audit/log.ts";

/**
 * @throws KollenError NOT_FOUND (no such submission or covered organisation), CONFLICT (already decided)
 * @example await confirmCoverage(deps, user, id, "2021000027", true)
 */
export async function confirmCoverage(deps: Pick<AppDeps, "db" | "clock">, reviewer: { id: string }, id: string, orgnr: string, confirm: boolean): Promise<{ state: string; flags: string[] }> {
  const [sub] = await deps.db.orm.select().from(submissions).where(eq(submissions.id, id));
  if (!sub) throw new KollenError("NOT_FOUND", "no such submission");
  const rows = await deps.db.orm.select().from(submissionCoverage).where(and(eq(submissionCoverage.submissionId, id), eq(submissionCoverage.role, "covers")));
  const target = rows.find((r) => r.orgnr === orgnr);
  if (!target) throw new KollenError("NOT_FOUND", "the submission does not claim to cover that organisation");
  if (target.state !== "unconfirmed") throw new KollenError("CONFLICT", `the coverage is already ${target.state}`);
  const state = confirm ? "confirmed" : "refused";
  const stillOpen = rows.some((r) => r.orgnr !== orgnr && r.state === "unconfirmed");
  const flags = (JSON.parse(sub.flags) as string[]).filter((f) => stillOpen || f !== "COVERAGE_UNCONFIRMED");
  const now = deps.clock.now();
  await deps.db.batch([
    deps.db.orm.update(submissionCoverage).set({ state }).where(and(eq(submissionCoverage.submissionId, id), eq(submissionCoverage.orgnr, orgnr), eq(submissionCoverage.state, "unconfirmed"))),
    deps.db.orm.update(submissions).set({ flags: JSON.stringify(flags) }).where(eq(submissions.id, id)),
    deps.db.orm.insert(events).values({ at: now, type: confirm ? "coverage.confirm" : "coverage.refuse", actor: `user:${reviewer.id}`, subject: id, data: JSON.stringify({ orgnr }) }),
  ]);
  await sealAudit(deps);
  return { state, flags };
}
