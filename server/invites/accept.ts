/**
 * A company accepts an invitation (DESIGN.md § Invitations, receipts, review): the link is bound
 * to its organisationsnummer (the organisation is registered, actor group `other`, if unknown) and
 * its public Ed25519 signing key becomes trusted for that organisation (signers.source = invite).
 * One organisation is one use, however often it accepts again; a link with no uses left answers
 * INVITE_USED to any other organisation.
 *
 * A link must not become a way to take over someone else's name: a supervisor's link only brings in
 * organisations the registry lacks (INVITE_ORGANISATION_REGISTERED otherwise); the authority's link
 * for one organisation is accepted only with that organisationsnummer (INVITE_WRONG_ORGANISATION).
 * Either way a key is registered only while the organisation has no trusted key yet (or it is that
 * very key): an organisation the authority already knows by a key signs with it, or asks (CONFLICT).
 * All writes are one batch; the use number `seq` is unique per link, so two racing accepts of the
 * last use cannot both win.
 */
import { and, eq, isNull } from "drizzle-orm";
import { calculateJwkThumbprint } from "jose";
import { KollenError } from "../../schemas/errors.ts";
import { campaigns, events, inviteUses, organisations, signers } from "../db/schema.ts";
import type { AppDeps, Statement } from "../ports.ts";
import { requireOrgnr } from "../../schemas/orgnr.ts";
import { publicEd25519Jwk } from "../registry/add-signer.ts";
import { sealAudit } from "../audit/log.ts";
import { resolveInvite } from "./resolve.ts";

export interface AcceptInviteInput {
  organisationsnummer: string;
  name: string;
  /** the public signer JWK (`kollen keygen signer` writes it as FILE.pub) */
  publicJwk: unknown;
}

export interface AcceptedInvite {
  inviteId: string;
  campaign: string;
  orgnr: string;
  kid: string;
  /** false when this organisation had accepted the link before (no use counted) */
  newUse: boolean;
  /** false when the key was already trusted for the organisation */
  newKey: boolean;
}

/**
 * Accepts `token` for an organisation.
 * @example await acceptInvite(deps, token, { organisationsnummer: "556677-8899", name: "Kraft AB", publicJwk })
 * @throws KollenError INVITE_INVALID | INVITE_EXPIRED | INVITE_USED | INVITE_WRONG_ORGANISATION | INVITE_ORGANISATION_REGISTERED | ORGNR_* | KEY_* | BAD_INPUT | CONFLICT | CAMPAIGN_CLOSED
 */
export function acceptInvite(deps: Pick<AppDeps, "db" | "keys" | "config" | "clock">, token: string, input: AcceptInviteInput): Promise<AcceptedInvite> {
  return attemptAccept(deps, token, input, 0);
}

async function attemptAccept(deps: Pick<AppDeps, "db" | "keys" | "config" | "clock">, token: string, input: AcceptInviteInput, attempt: number): Promise<AcceptedInvite> {
  const invite = await resolveInvite(deps, token);
  const now = deps.clock.now();
  const orgnr = requireOrgnr(String(input.organisationsnummer ?? ""));
  const name = String(input.name ?? "").trim();
  if (name.length === 0 || name.length > 200 || /[\u0000-\u001f\u007f]/.test(name)) throw new KollenError("BAD_INPUT", "name must be 1–200 characters");
  const publicJwk = publicEd25519Jwk(input.publicJwk);
  // a key from `kollen keygen signer --org N` names its organisation: it must be this one
  const madeFor = (input.publicJwk as { kollen_org?: unknown }).kollen_org;
  if (madeFor !== undefined && madeFor !== orgnr) throw new KollenError("SIGNER_WRONG_ORGANISATION", "the key was made for another organisationsnummer");
  const kid = await calculateJwkThumbprint(publicJwk, "sha256");

  const db = deps.db.orm;
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, invite.campaign));
  if (!campaign) throw new KollenError("INVITE_INVALID", "the invitation's campaign no longer exists");
  if (campaign.closesAt && now.getTime() >= campaign.closesAt.getTime()) throw new KollenError("CAMPAIGN_CLOSED", "the campaign is closed");

  if (invite.organisation !== null && invite.organisation !== orgnr) throw new KollenError("INVITE_WRONG_ORGANISATION", "the invitation was sent to another organisation");
  const uses = await db.select({ seq: inviteUses.seq, orgnr: inviteUses.orgnr }).from(inviteUses).where(eq(inviteUses.inviteId, invite.id));
  const again = uses.some((u) => u.orgnr === orgnr);
  if (!again && uses.length >= invite.maxUses) throw new KollenError("INVITE_USED", "the invitation has no uses left");

  const [org] = await db.select({ orgnr: organisations.orgnr }).from(organisations).where(eq(organisations.orgnr, orgnr));
  // a supervisor's link brings in organisations the registry lacks, never one it holds (those get the
  // authority's own link), so a link cannot bind a key into someone else's name or coverage
  if (org && invite.organisation === null && !again) throw new KollenError("INVITE_ORGANISATION_REGISTERED", "the organisation is registered with the authority: use the link the authority sent it");
  const [keyRow] = await db.select({ orgnr: signers.orgnr }).from(signers).where(eq(signers.kid, kid));
  if (keyRow && keyRow.orgnr !== orgnr) throw new KollenError("CONFLICT", "this key is already registered for another organisation");
  const newKey = !keyRow;
  if (newKey) {
    const [trusted] = await db.select({ kid: signers.kid }).from(signers).where(and(eq(signers.orgnr, orgnr), isNull(signers.revokedFrom))).limit(1);
    if (trusted) throw new KollenError("CONFLICT", "the organisation already has a registered signing key: sign with it, or ask the authority to register a new one");
  }

  const statements: Statement[] = [];
  if (!org) statements.push(db.insert(organisations).values({ orgnr, name, actorGroup: "other", createdAt: now }));
  // a key from a link signs for the link's campaign only until a reviewer confirms it (review/confirm-signer.ts)
  if (newKey) statements.push(db.insert(signers).values({ kid, orgnr, publicJwk: JSON.stringify(publicJwk), source: "invite", createdAt: now, inviteId: invite.id, campaign: invite.campaign }));
  if (!again) statements.push(db.insert(inviteUses).values({ inviteId: invite.id, seq: Math.max(0, ...uses.map((u) => u.seq)) + 1, orgnr, signerKid: kid, usedAt: now }));
  const data = { invite: invite.id, campaign: invite.campaign, kid, newOrganisation: !org, newKey, newUse: !again };
  statements.push(db.insert(events).values({ at: now, type: "invite.accepted", actor: `org:${orgnr}`, subject: orgnr, data: JSON.stringify(data) }));
  try {
    await deps.db.batch(statements);
  } catch (e) {
    // a concurrent accept took the same use number or registered the same organisation or key
    if (attempt < 2) return attemptAccept(deps, token, input, attempt + 1);
    throw new KollenError("CONFLICT", "the invitation was accepted concurrently; try again", { cause: e });
  }
  // the event joins the hash chain of the audit log (../audit/log.ts)
  await sealAudit(deps);
  return { inviteId: invite.id, campaign: invite.campaign, orgnr, kid, newUse: !again, newKey };
}
