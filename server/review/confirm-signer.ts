/**
 * A reviewer confirms a signing key that came from an invitation link, after checking it out of band
 * (DESIGN.md § Keys: "by a reviewer after an out-of-band fingerprint check"). From then on the key
 * signs for any campaign of its organisation and its coverage claims are judged by the registry
 * alone. The submission it was confirmed from loses its NEW_KEY_FROM_LINK flag.
 */
import { and, eq, isNull } from "drizzle-orm";
import { KollenError } from "../../schemas/errors.ts";
import { events, signers, submissions } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { sealAudit } from "../audit/log.ts";

/**
 * @throws KollenError NOT_FOUND (no such submission, or the key did not sign it), CONFLICT (not a key from a link, or confirmed already)
 * @example await confirmSigner(deps, user, submissionId, kid)
 */
export async function confirmSigner(deps: Pick<AppDeps, "db" | "clock">, reviewer: { id: string }, id: string, kid: string): Promise<{ kid: string; confirmed: true; flags: string[] }> {
  const [sub] = await deps.db.orm.select().from(submissions).where(eq(submissions.id, id));
  if (!sub || !(JSON.parse(sub.signers) as string[]).includes(kid)) throw new KollenError("NOT_FOUND", "no such submission signed by that key");
  const [key] = await deps.db.orm.select().from(signers).where(eq(signers.kid, kid));
  if (!key) throw new KollenError("NOT_FOUND", "the key is no longer registered");
  if (key.source !== "invite" || key.confirmedAt) throw new KollenError("CONFLICT", "the key needs no confirmation");
  const flags = (JSON.parse(sub.flags) as string[]).filter((f) => f !== "NEW_KEY_FROM_LINK");
  const now = deps.clock.now();
  await deps.db.batch([
    deps.db.orm.update(signers).set({ confirmedAt: now, confirmedBy: reviewer.id }).where(and(eq(signers.kid, kid), isNull(signers.confirmedAt))),
    deps.db.orm.update(submissions).set({ flags: JSON.stringify(flags) }).where(eq(submissions.id, id)),
    deps.db.orm.insert(events).values({ at: now, type: "signer.confirmed", actor: `user:${reviewer.id}`, subject: id, data: JSON.stringify({ kid, orgnr: key.orgnr, invite: key.inviteId }) }),
  ]);
  await sealAudit(deps);
  return { kid, confirmed: true, flags };
}
