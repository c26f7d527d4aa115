/**
 * A supervisor withdraws one of their links: it expires now. The row stays, so
 * the usage list keeps who used it; the token answers INVITE_EXPIRED from then on. Another
 * supervisor's link, or no link, is the same NOT_FOUND (CONVENTIONS.md habit 9).
 */
import { and, eq } from "drizzle-orm";
import { KollenError } from "../../schemas/errors.ts";
import { events, invites } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { sealAudit } from "../audit/log.ts";

/**
 * Expires link `id` of `createdBy` now (a link already past its expiry keeps its time).
 * @example await expireInvite(deps, inviteId, user.id)
 * @throws KollenError NOT_FOUND
 */
export async function expireInvite(deps: Pick<AppDeps, "db" | "clock">, id: string, createdBy: string): Promise<{ expiresAt: Date }> {
  const now = deps.clock.now();
  const [row] = await deps.db.orm.select().from(invites).where(and(eq(invites.id, id), eq(invites.createdBy, createdBy)));
  if (!row) throw new KollenError("NOT_FOUND", "no such link of yours");
  if (row.expiresAt.getTime() <= now.getTime()) return { expiresAt: row.expiresAt };
  await deps.db.batch([
    deps.db.orm.update(invites).set({ expiresAt: now }).where(eq(invites.id, id)),
    deps.db.orm.insert(events).values({ at: now, type: "invite.expired", actor: `user:${createdBy}`, subject: id, data: JSON.stringify({ campaign: row.campaign }) }),
  ]);
  await sealAudit(deps);
  return { expiresAt: now };
}
