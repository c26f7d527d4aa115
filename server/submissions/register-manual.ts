/**
 * Registers a submission that arrived another way — paper, e-mail — so participation figures are
 * complete (DESIGN.md § Deduplication and coverage). There is no package: the row says who, which
 * campaign, which channel and a reviewer's note; it enters the queue as `received`.
 */
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { ManualSubmission } from "../../schemas/staff-api.ts";
import { KollenError } from "../../schemas/errors.ts";
import { requireOrgnr } from "../../schemas/orgnr.ts";
import { campaigns, events, organisations, submissionCoverage, submissions } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { sealAudit } from "../audit/log.ts";

export { ManualSubmission };

/**
 * @throws KollenError ORGNR_INVALID/ORGNR_CHECKSUM, ORGANISATION_UNKNOWN, CAMPAIGN_UNKNOWN
 * @example await registerManual(deps, user, { organisation: "212000-0142", campaign: "infosak-2026", channel: "paper", note: "" })
 */
export async function registerManual(deps: Pick<AppDeps, "db" | "clock">, reviewer: { id: string }, input: z.infer<typeof ManualSubmission>): Promise<{ id: string }> {
  const orgnr = requireOrgnr(input.organisation);
  const [org] = await deps.db.orm.select().from(organisations).where(eq(organisations.orgnr, orgnr));
  if (!org) throw new KollenError("ORGANISATION_UNKNOWN", "register the organisation first");
  const [campaign] = await deps.db.orm.select().from(campaigns).where(eq(campaigns.id, input.campaign));
  if (!campaign) throw new KollenError("CAMPAIGN_UNKNOWN", "no such campaign");
  const id = crypto.randomUUID();
  const now = deps.clock.now();
  await deps.db.batch([
    deps.db.orm.insert(submissions).values({
      id,
      packageSha256: `manual:${id}`,
      organisation: orgnr,
      campaign: input.campaign,
      createdAt: now,
      receivedAt: now,
      status: "received",
      via: "manual",
      note: `[${input.channel}] ${input.note}`.trim(),
    }),
    deps.db.orm.insert(submissionCoverage).values({ submissionId: id, campaign: input.campaign, orgnr, role: "self", state: "confirmed" }),
    deps.db.orm.insert(events).values({ at: now, type: "submission.registered", actor: `user:${reviewer.id}`, subject: id, data: JSON.stringify({ campaign: input.campaign, organisation: orgnr, channel: input.channel }) }),
  ]);
  await sealAudit(deps);
  return { id };
}
