/**
 * Resolves an invitation token to its stored link (DESIGN.md § Invitations): the signature and
 * expiry first, then the stored digest, so a token the server never issued — or one whose row was
 * removed — is INVITE_INVALID. Reads only: showing a link never consumes it (mail scanners follow
 * links), so this is what every GET uses.
 */
import { count, eq } from "drizzle-orm";
import { KollenError } from "../../schemas/errors.ts";
import { inviteUses, invites } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { inviteTokenDigest, verifyInviteToken } from "./token.ts";

/** A stored, unexpired invitation link. */
export interface ResolvedInvite {
  id: string;
  campaign: string;
  sector: string | null;
  createdBy: string;
  expiresAt: Date;
  maxUses: number;
  /** an authority's link for one organisation: only that organisationsnummer may accept it */
  organisation: string | null;
  /** organisations that have accepted it so far */
  uses: number;
}

/**
 * The link a token names, if it is genuine, stored and unexpired.
 * @example const invite = await resolveInvite(deps, token); if (invite.uses >= invite.maxUses) …
 * @throws KollenError INVITE_INVALID | INVITE_EXPIRED
 */
export async function resolveInvite(deps: Pick<AppDeps, "db" | "keys" | "config" | "clock">, token: string): Promise<ResolvedInvite> {
  const now = deps.clock.now();
  const claims = await verifyInviteToken(deps.keys, deps.config, token, now);
  const digest = await inviteTokenDigest(token);
  const [row] = await deps.db.orm.select().from(invites).where(eq(invites.tokenSha256, digest));
  if (!row || row.id !== claims.jti || row.campaign !== claims.campaign) throw new KollenError("INVITE_INVALID", "no such invitation");
  if (now.getTime() >= row.expiresAt.getTime()) throw new KollenError("INVITE_EXPIRED", "the invitation has expired");
  const [used] = await deps.db.orm.select({ n: count() }).from(inviteUses).where(eq(inviteUses.inviteId, row.id));
  return { id: row.id, campaign: row.campaign, sector: row.sector, createdBy: row.createdBy, expiresAt: row.expiresAt, maxUses: row.maxUses, organisation: row.organisation, uses: used?.n ?? 0 };
}
