/**
 * Where a signer's key came from, for the reviewer (DESIGN.md § Invitations; issue 10 item 3):
 * registered by an admin, or accepted through invitation link X made by user Y, and whether a
 * reviewer has confirmed such a key. A key from a link signs only for its link's campaign, and its
 * coverage claims stay unconfirmed, until a reviewer confirms it (server/submissions/receive.ts).
 */
import { eq, inArray } from "drizzle-orm";
import { invites, signers, users } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";

export type SignerOrigin =
  | { kid: string; source: "admin" }
  /** `madeBy`: the username of the link's maker (or the operator's `cli`) */
  | { kid: string; source: "invite"; inviteId: string | null; campaign: string | null; madeBy: string | null; confirmed: boolean; confirmedBy: string | null };

/** The signer rows of the keys `kids` (certificate signers left out), with the maker of the link each key came from. */
export async function signerRows(deps: Pick<AppDeps, "db">, kids: readonly string[]) {
  const unique = [...new Set(kids.filter((k) => !k.startsWith("x509:")))];
  if (unique.length === 0) return [];
  return deps.db.orm
    .select({ kid: signers.kid, orgnr: signers.orgnr, publicJwk: signers.publicJwk, source: signers.source, inviteId: signers.inviteId, campaign: signers.campaign, confirmedAt: signers.confirmedAt, confirmedBy: signers.confirmedBy, createdBy: invites.createdBy, madeBy: users.username })
    .from(signers)
    .leftJoin(invites, eq(invites.id, signers.inviteId))
    .leftJoin(users, eq(users.id, invites.createdBy))
    .where(inArray(signers.kid, unique));
}

/** Where the key of one row of {@link signerRows} came from. */
export function originOf(r: Awaited<ReturnType<typeof signerRows>>[number]): SignerOrigin {
  return r.source === "invite"
    ? { kid: r.kid, source: "invite", inviteId: r.inviteId, campaign: r.campaign, madeBy: r.madeBy ?? r.createdBy ?? null, confirmed: r.confirmedAt !== null, confirmedBy: r.confirmedBy }
    : { kid: r.kid, source: "admin" };
}

/** The origins of the keys `kids` (unknown kids and certificate signers are left out). */
export async function signerOrigins(deps: Pick<AppDeps, "db">, kids: readonly string[]): Promise<Map<string, SignerOrigin>> {
  return new Map((await signerRows(deps, kids)).map((r) => [r.kid, originOf(r)]));
}

/** Whether any of the origins is a key from a link no reviewer confirmed. */
export function hasUnconfirmedLinkKey(origins: Iterable<SignerOrigin>): boolean {
  for (const o of origins) if (o.source === "invite" && !o.confirmed) return true;
  return false;
}
