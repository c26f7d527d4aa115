/**
 * A supervisor's own links with their usage: which organisation accepted each link and when, and
 * whether that organisation's submission to the link's campaign arrived, with its status — never
 * its content, its verification or a result (DESIGN.md § Invitations: "Supervisors see who used
 * their links, never results"). Only links the asking supervisor made are listed, with their note.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { inviteUses, invites, organisations, submissions } from "../db/schema.ts";
import type { DbPort } from "../ports.ts";
import type { z } from "zod";
import type { InviteListing as InviteListingSchema } from "../../schemas/invites-api.ts";
import { inSlices } from "../lib/bound-lists.ts";

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
    .select({ inviteId: inviteUses.inviteId, campaign: invites.campaign, orgnr: inviteUses.orgnr, name: organisations.name, usedAt: inviteUses.usedAt })
    .from(inviteUses)
    .innerJoin(invites, eq(invites.id, inviteUses.inviteId))
    .leftJoin(organisations, eq(organisations.orgnr, inviteUses.orgnr))
    .where(eq(invites.createdBy, createdBy))
    .orderBy(asc(inviteUses.seq));
  const newest = await newestSubmissions(db, used);
  const byInvite = new Map<string, InviteUsage[]>();
  for (const u of used) {
    const list = byInvite.get(u.inviteId) ?? [];
    list.push({ orgnr: u.orgnr, name: u.name ?? "", usedAt: u.usedAt.toISOString(), submission: newest.get(`${u.campaign} ${u.orgnr}`) ?? null });
    byInvite.set(u.inviteId, list);
  }
  return rows.map((r) => ({
    id: r.id,
    campaign: r.campaign,
    sector: r.sector,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    maxUses: r.maxUses,
    uses: byInvite.get(r.id) ?? [],
  }));
}

/** The status and arrival of each organisation's newest submission per campaign, keyed `campaign orgnr`. */
async function newestSubmissions(db: DbPort, used: { campaign: string; orgnr: string }[]): Promise<Map<string, NonNullable<InviteUsage["submission"]>>> {
  const out = new Map<string, NonNullable<InviteUsage["submission"]>>();
  const byCampaign = new Map<string, Set<string>>();
  for (const u of used) byCampaign.set(u.campaign, (byCampaign.get(u.campaign) ?? new Set()).add(u.orgnr));
  for (const [campaign, orgs] of byCampaign) {
    const rows = await inSlices([...orgs], (some) =>
      db.orm
        .select({ organisation: submissions.organisation, status: submissions.status, receivedAt: submissions.receivedAt })
        .from(submissions)
        .where(and(eq(submissions.campaign, campaign), inArray(submissions.organisation, some)))
        .orderBy(asc(submissions.receivedAt)),
    );
    // ascending within each slice, and an organisation is in one slice: its newest is written last
    for (const r of rows) out.set(`${campaign} ${r.organisation}`, { status: r.status, receivedAt: r.receivedAt.toISOString() });
  }
  return out;
}
