/**
 * Registers a campaign: one round of the self-assessment, bound to one survey model, open between
 * optional dates. Submissions outside the window are refused (CAMPAIGN_NOT_OPEN / CAMPAIGN_CLOSED).
 */
import { CampaignId, ModelId } from "../../schemas/ids.ts";
import { Sha256Hex } from "../../schemas/manifest.ts";
import { KollenError } from "../../schemas/errors.ts";
import { campaigns, events } from "../db/schema.ts";
import type { DbPort } from "../ports.ts";

export interface CampaignInput {
  id: string;
  surveyModelId: string;
  surveyModelSha256?: string;
  opensAt?: Date;
  closesAt?: Date;
}

/**
 * Adds or updates a campaign.
 * @example await addCampaign(db, { id: "infosakkollen-2026", surveyModelId: "infosakkollen-example" }, now)
 */
export async function addCampaign(db: DbPort, input: CampaignInput, now: Date, actor = "admin"): Promise<void> {
  if (!CampaignId.safeParse(input.id).success) throw new KollenError("BAD_INPUT", "campaign id: a-z 0-9 . _ - (max 64)");
  if (!ModelId.safeParse(input.surveyModelId).success) throw new KollenError("BAD_INPUT", "survey model id: a-z 0-9 . _ - (max 64)");
  if (input.surveyModelSha256 !== undefined && !Sha256Hex.safeParse(input.surveyModelSha256).success) throw new KollenError("BAD_INPUT", "survey model SHA-256: 64 lowercase hex digits");
  for (const d of [input.opensAt, input.closesAt]) if (d !== undefined && Number.isNaN(d.getTime())) throw new KollenError("BAD_INPUT", "not a valid date");
  if (input.opensAt && input.closesAt && input.closesAt.getTime() <= input.opensAt.getTime()) throw new KollenError("BAD_INPUT", "the campaign must close after it opens");
  const values = {
    surveyModelId: input.surveyModelId,
    surveyModelSha256: input.surveyModelSha256 ?? null,
    opensAt: input.opensAt ?? null,
    closesAt: input.closesAt ?? null,
  };
  await db.batch([
    db.orm.insert(campaigns).values({ id: input.id, ...values, createdAt: now }).onConflictDoUpdate({ target: campaigns.id, set: values }),
    db.orm.insert(events).values({ at: now, type: "campaign.saved", actor, subject: input.id, data: JSON.stringify({ surveyModelId: input.surveyModelId }) }),
  ]);
}
