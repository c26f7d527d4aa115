/**
 * `manifest.json` of a kollen-package/1: what the server may see. Nothing derived from the
 * plaintext (answers are low-entropy; even a digest of them could be brute-forced).
 * Normative text: docs/FORMAT.md §Manifest.
 */
import { z } from "zod";
import { CanonicalOrgnr } from "./orgnr.ts";

export const PACKAGE_FORMAT = "kollen-package/1";

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "SHA-256 as 64 lowercase hex digits");
/** A recipient key id: the first 8 bytes of SHA-256 over the ASCII `age1…` string, as 16 lowercase hex digits. */
export const RecipientKeyId = z.string().regex(/^[0-9a-f]{16}$/, "recipient key id: 16 lowercase hex digits");
export const CampaignId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "campaign id: a-z 0-9 . _ - (max 64)");
export const ModelId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "model id: a-z 0-9 . _ - (max 64)");

export const Manifest = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  packageId: z.uuid(),
  campaign: CampaignId,
  surveyModel: z.strictObject({ id: ModelId, sha256: Sha256Hex }),
  organisation: CanonicalOrgnr,
  covers: z.array(CanonicalOrgnr).max(1000),
  createdAt: z.iso.datetime({ offset: false }),
  payload: z.strictObject({
    name: z.literal("payload.age"),
    length: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    sha256: Sha256Hex,
  }),
  recipients: z.array(RecipientKeyId).min(1).max(32),
  kit: z.strictObject({ name: z.string().max(64), version: z.string().max(64) }),
});
export type Manifest = z.infer<typeof Manifest>;
