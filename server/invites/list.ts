/**
 * A supervisor's own links with their usage: which organisation accepted each
 * link and when — never a result, a submission or its status (DESIGN.md § Invitations: "Supervisors
 * see who used their links, never results"). Only links the asking supervisor made are listed.
 */
import { asc, desc, eq } from "drizzle-orm";
import { inviteUses, invites, organisations } from "../db/schema.ts";
import type { DbPort } from "../ports.ts";
import type { z } from "zod";
import type { InviteListing as InviteListingSchema } from "../../schemas/invites-api.ts";

/** A link with who used it, as GET /api/v1/invites answers it. */
export type InviteListing = z.infer<typeof InviteListingSchema>;
type InviteUsage = InviteListing["uses"][number];

/**
 * The links `createdBy` made, newest first.
 * @example const mine = await listInvites(deps.db, user.id)
 */
export async function listInvites(db: DbPort, createdBy: string): Promise<InviteListing[]> {
  const rows = await db.orm.select().from(invites).where(eq(invites.createdBy, createdBy)).orderBy(desc(invites.createdAt), asc(invites.id)).limit(1000);
  if (rows.length === 0) return [];
  const used = await db.orm
    .select({ inviteId: inviteUses.inviteId, orgnr: inviteUses.orgnr, name: organisations.name, usedAt: inviteUses.usedAt })
    .from(inviteUses)
    .innerJoin(invites, eq(invites.id, inviteUses.inviteId))
    .leftJoin(organisations, eq(organisations.orgnr, inviteUses.orgnr))
    .where(eq(invites.createdBy, createdBy))
    .orderBy(asc(inviteUses.seq));
  const byInvite = new Map<string, InviteUsage[]>();
  for (const u of used) {
    const list = byInvite.get(u.inviteId) ?? [];
    list.push({ orgnr: u.orgnr, name: u.name ?? "", usedAt: u.usedAt.toISOString() });
    byInvite.set(u.inviteId, list);
  }
  return rows.map((r) => ({
    id: r.id,
    campaign: r.campaign,
    sector: r.sector,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    maxUses: r.maxUses,
    uses: byInvite.get(r.id) ?? [],
  }));
}
