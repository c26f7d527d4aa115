/**
 * The one spelling of the ids Kollen names things by: campaigns, survey models, the items inside a
 * model, the authority, the kit that made a package. Lowercase ASCII letters and digits, then also `.`, `_` and `-`; at most 64
 * characters. Upper case is refused, so one campaign has one spelling everywhere (manifests,
 * receipts, URLs, the database).
 */
import { z } from "zod";

/**
 * The id rule as pattern source, usable both in a RegExp and in an HTML `pattern` attribute (which
 * browsers compile with the `v` flag, where a bare `-` in a class is a syntax error, hence `\-`).
 *
 * @example `<input pattern="${ID_PATTERN}">`
 */
export const ID_PATTERN = "[a-z0-9][a-z0-9._\\-]{0,63}";
const ID = new RegExp(`^${ID_PATTERN}$`);

/** A zod schema for an id of kind `what`, with a message that names it. */
function idSchema(what: string) {
  return z.string().regex(ID, `${what}: a-z 0-9 . _ - (max 64)`);
}

/** A campaign: one round of the self-assessment. @example CampaignId.parse("infosakkollen-2026") */
export const CampaignId = idSchema("campaign id");
/** A survey model. @example ModelId.parse("infosakkollen-example-2026.1") */
export const ModelId = idSchema("model id");
/** An area, question, measure or statement inside a survey model. */
export const ItemId = idSchema("id");
/** The receiving authority, as named in its keyring. */
export const AuthorityId = idSchema("authority id");
/** The tool that made a package: a manifest's `kit.name` (docs/FORMAT.md rule M3). */
export const KitName = idSchema("kit name");

/**
 * True when `value` is spelled as an id (a campaign, a survey model): for query parameters and
 * form fields, where a wrong value is ignored rather than refused.
 *
 * @example isId("infosakkollen-2026") // true; isId("Infosak 2026") // false
 */
export function isId(value: unknown): value is string {
  return typeof value === "string" && ID.test(value);
}
