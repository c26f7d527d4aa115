/**
 * `manifest.json` of a kollen-package/1: what the server may see. Nothing derived from the
 * plaintext (answers are low-entropy; even a digest of them could be brute-forced).
 * Normative text: docs/FORMAT.md §Manifest.
 */
import { z } from "zod";
import { CampaignId, KitName, ModelId } from "./ids.ts";
import { CanonicalOrgnr } from "./orgnr.ts";

export const PACKAGE_FORMAT = "kollen-package/1";

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "SHA-256 as 64 lowercase hex digits");
/** A recipient key id: the first 8 bytes of SHA-256 over the ASCII `age1…` string, as 16 lowercase hex digits. */
export const RecipientKeyId = z.string().regex(/^[0-9a-f]{16}$/, "recipient key id: 16 lowercase hex digits");

/** A random (version 4) UUID in lowercase, as RFC 9562 §4 writes it (FORMAT.md rule M3). */
export const PackageId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, "packageId: a lowercase version 4 UUID");
/** `YYYY-MM-DDTHH:MM:SS.sssZ`: exactly three fraction digits, a real UTC instant (FORMAT.md rule M3). */
export const CreatedAt = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s) && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s, {
  message: "createdAt: YYYY-MM-DDTHH:MM:SS.sssZ",
});
/** kit.version (FORMAT.md rule M3); kit.name is an id (./ids.ts). */
export const KitVersion = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$/, "kit version: A-Z a-z 0-9 . + _ - (max 64)");

export const Manifest = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  packageId: PackageId,
  campaign: CampaignId,
  surveyModel: z.strictObject({ id: ModelId, sha256: Sha256Hex }),
  organisation: CanonicalOrgnr,
  covers: z.array(CanonicalOrgnr).max(1000),
  createdAt: CreatedAt,
  payload: z.strictObject({
    name: z.literal("payload.age"),
    length: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    sha256: Sha256Hex,
  }),
  recipients: z.array(RecipientKeyId).min(1).max(32),
  kit: z.strictObject({ name: KitName, version: KitVersion }),
}).superRefine((m, ctx) => {
  // Rule M4: covers sorted ascending, each once, never the submitting organisation itself.
  m.covers.forEach((c, i) => {
    if (i > 0 && !(m.covers[i - 1]! < c)) ctx.addIssue({ code: "custom", path: ["covers", i], message: "covers must be sorted and unique" });
    if (c === m.organisation) ctx.addIssue({ code: "custom", path: ["covers", i], message: "covers must not name the submitting organisation" });
  });
});
export type Manifest = z.infer<typeof Manifest>;
