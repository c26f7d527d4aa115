/**
 * An upload sent with `Authorization: Bearer <invitation token>` (a company
 * that accepted a link has no other standing with the server yet): the link
 * must be genuine, stored and unexpired (checked before the body is read), then — once the package
 * is verified — for the package's campaign and accepted by the package's organisation. A bearer
 * that fails is refused (never silently ignored).
 */
import { and, eq } from "drizzle-orm";
import { KollenError } from "../../schemas/errors.ts";
import { inviteUses } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { resolveInvite } from "./resolve.ts";

/** The facts of a verified manifest the binding is checked against. */
export interface UploadFacts {
  organisation: string;
  campaign: string;
}

/**
 * Resolves the token now and answers the check to run on the verified manifest.
 * @example const check = await authorizeInviteUpload(deps, token); await receiveSubmission(deps, mutex, body, check)
 * @throws KollenError INVITE_INVALID | INVITE_EXPIRED (now, or from the returned check)
 */
export async function authorizeInviteUpload(deps: Pick<AppDeps, "db" | "keys" | "config" | "clock">, token: string): Promise<(facts: UploadFacts) => Promise<void>> {
  const invite = await resolveInvite(deps, token);
  return async (facts) => {
    if (facts.campaign !== invite.campaign) throw new KollenError("INVITE_INVALID", "the invitation is for another campaign than the package");
    const [bound] = await deps.db.orm
      .select({ seq: inviteUses.seq })
      .from(inviteUses)
      .where(and(eq(inviteUses.inviteId, invite.id), eq(inviteUses.orgnr, facts.organisation)));
    if (!bound) throw new KollenError("INVITE_INVALID", "the invitation has not been accepted by the package's organisation");
  };
}
