/**
 * A supervisor makes an invitation link for a campaign: optional sector label,
 * expiry (default 30 days, at most 365), single- or multi-use. The token is returned once, to its
 * maker; the database keeps its SHA-256 only (DESIGN.md § Invitations: "stored hashed").
 */
import { eq } from "drizzle-orm";
import { KollenError } from "../../schemas/errors.ts";
import { campaigns, events, invites, organisations } from "../db/schema.ts";
import { requireOrgnr } from "../../schemas/orgnr.ts";
import type { AppDeps } from "../ports.ts";
import { MAX_INVITE_DAYS, MAX_INVITE_USES } from "../../schemas/invites-api.ts";
import { sealAudit } from "../audit/log.ts";
import { inviteTokenDigest, signInviteToken } from "./token.ts";

const DAY = 24 * 3600 * 1000;
/** A short label of plain characters: no control characters, no angle brackets. */
const plain = (s: string, max: number) => s.length <= max && !/[\u0000-\u001f\u007f<>]/.test(s);
const DEFAULT_INVITE_DAYS = 30;

export interface CreateInviteInput {
  campaign: string;
  sector?: string | undefined;
  /** the supervisor's note of whom the link was sent to ("skickad till …"); kept out of the audit log */
  note?: string | undefined;
  /** absolute expiry; default now + 30 days */
  expiresAt?: Date | undefined;
  /** 1 (default) = single-use */
  maxUses?: number | undefined;
  /**
   * The authority's link for one registered organisation (single-use; only that organisationsnummer
   * may accept it). Without it, a supervisor's link, which may only bring in new organisations.
   */
  organisation?: string | undefined;
}

export interface CreatedInvite {
  id: string;
  /** the bearer token: shown to the supervisor once, never stored */
  token: string;
  campaign: string;
  sector: string | null;
  note: string | null;
  createdAt: Date;
  expiresAt: Date;
  maxUses: number;
  organisation: string | null;
}

/**
 * The campaign a link is made for, as long as it takes submissions.
 * @throws KollenError CAMPAIGN_UNKNOWN | CAMPAIGN_CLOSED
 */
export async function requireOpenCampaign(deps: Pick<AppDeps, "db">, id: string, now: Date): Promise<typeof campaigns.$inferSelect> {
  const [campaign] = await deps.db.orm.select().from(campaigns).where(eq(campaigns.id, id));
  if (!campaign) throw new KollenError("CAMPAIGN_UNKNOWN", "no such campaign");
  if (campaign.closesAt && now.getTime() >= campaign.closesAt.getTime()) throw new KollenError("CAMPAIGN_CLOSED", "the campaign is closed");
  return campaign;
}

/**
 * Creates a link for `createdBy` (a supervisor's user id). `opts.campaign`: the campaign row a caller
 * making many links already checked with requireOpenCampaign (it is not read again per link).
 * @example const { token } = await createInvite(deps, { campaign: "infosak-2026", maxUses: 1 }, user.id)
 * @throws KollenError BAD_INPUT | CAMPAIGN_UNKNOWN | CAMPAIGN_CLOSED | ORGNR_* | NOT_FOUND (organisation)
 */
export async function createInvite(deps: Pick<AppDeps, "db" | "keys" | "config" | "clock">, input: CreateInviteInput, createdBy: string, opts: { seal?: boolean; campaign?: typeof campaigns.$inferSelect } = {}): Promise<CreatedInvite> {
  const now = deps.clock.now();
  const sector = input.sector?.trim() || null;
  if (sector !== null && !plain(sector, 80)) throw new KollenError("BAD_INPUT", "the sector label must be at most 80 plain characters");
  const note = input.note?.trim() || null;
  if (note !== null && !plain(note, 200)) throw new KollenError("BAD_INPUT", "the note must be at most 200 plain characters");
  const organisation = input.organisation === undefined ? null : requireOrgnr(input.organisation);
  const maxUses = input.maxUses ?? 1;
  if (organisation !== null && maxUses !== 1) throw new KollenError("BAD_INPUT", "a link for one organisation is single-use");
  if (!Number.isSafeInteger(maxUses) || maxUses < 1 || maxUses > MAX_INVITE_USES) throw new KollenError("BAD_INPUT", `maxUses must be 1–${MAX_INVITE_USES}`);
  const expiresAt = input.expiresAt ?? new Date(now.getTime() + DEFAULT_INVITE_DAYS * DAY);
  if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= now.getTime()) throw new KollenError("BAD_INPUT", "the expiry must be in the future");
  if (expiresAt.getTime() > now.getTime() + MAX_INVITE_DAYS * DAY) throw new KollenError("BAD_INPUT", `an invitation lasts at most ${MAX_INVITE_DAYS} days`);
  const campaign = opts.campaign?.id === input.campaign ? opts.campaign : await requireOpenCampaign(deps, input.campaign, now);
  if (organisation !== null) {
    const [org] = await deps.db.orm.select({ orgnr: organisations.orgnr }).from(organisations).where(eq(organisations.orgnr, organisation));
    if (!org) throw new KollenError("NOT_FOUND", "no such organisation in the registry");
  }

  const id = crypto.randomUUID();
  // whole seconds: the JWT's exp and the stored expiry are the same instant
  const expires = new Date(Math.floor(expiresAt.getTime() / 1000) * 1000);
  const token = await signInviteToken(deps.keys, deps.config, { jti: id, campaign: campaign.id, issuedAt: now, expiresAt: expires });
  await deps.db.batch([
    deps.db.orm.insert(invites).values({ id, tokenSha256: await inviteTokenDigest(token), campaign: campaign.id, sector, note, createdBy, createdAt: now, expiresAt: expires, maxUses, organisation }),
    deps.db.orm.insert(events).values({ at: now, type: "invite.created", actor: `user:${createdBy}`, subject: id, data: JSON.stringify({ campaign: campaign.id, sector, maxUses, expiresAt: expires.toISOString(), ...(organisation ? { organisation } : {}) }) }),
  ]);
  // the event joins the hash chain of the audit log (../audit/log.ts); a caller making many links seals once at the end
  if (opts.seal !== false) await sealAudit(deps);
  return { id, token, campaign: campaign.id, sector, note, createdAt: now, expiresAt: expires, maxUses, organisation };
}
