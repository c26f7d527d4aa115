/**
 * The authority's own invitation links: one single-use link per registered organisation, bound to its
 * organisationsnummer (only that number may accept it), for a mail merge. Chosen by number, by actor
 * group, or every organisation that has no trusted signing key yet.
 */
import { eq, inArray, isNull } from "drizzle-orm";
import type { ActorGroup } from "../../schemas/orgnr.ts";
import { KollenError } from "../../schemas/errors.ts";
import { sealAudit } from "../audit/log.ts";
import { organisations, signers } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { requireOrgnr } from "../../schemas/orgnr.ts";
import { createInvite, requireOpenCampaign } from "./create.ts";
import { inviteUrl } from "./token.ts";
import { inSlices } from "../lib/bound-lists.ts";

export type InviteSelection = { orgs: string[] } | { group: ActorGroup } | { allUnkeyed: true };

export interface OrganisationLink {
  organisation: string;
  name: string;
  url: string;
  expiresAt: Date;
}

/**
 * @example await inviteOrganisations(deps, { campaign: "infosak-2026", select: { allUnkeyed: true } }, "cli")
 * @throws KollenError NOT_FOUND (an organisation not in the registry) | CAMPAIGN_UNKNOWN | CAMPAIGN_CLOSED | BAD_INPUT
 */
export async function inviteOrganisations(
  deps: Pick<AppDeps, "db" | "keys" | "config" | "clock">,
  input: { campaign: string; select: InviteSelection; expiresAt?: Date },
  createdBy: string,
): Promise<OrganisationLink[]> {
  const db = deps.db.orm;
  // refused before anything is chosen or stored, even when the choice would be empty
  const campaign = await requireOpenCampaign(deps, input.campaign, deps.clock.now());
  const all = () => db.select({ orgnr: organisations.orgnr, name: organisations.name }).from(organisations);
  let chosen: Array<{ orgnr: string; name: string }>;
  if ("orgs" in input.select) {
    const wanted = [...new Set(input.select.orgs.map(requireOrgnr))];
    chosen = await inSlices(wanted, (some) => all().where(inArray(organisations.orgnr, some)));
    const missing = wanted.find((o) => !chosen.some((c) => c.orgnr === o));
    if (missing) throw new KollenError("NOT_FOUND", `no organisation ${missing} in the registry`);
  } else if ("group" in input.select) {
    chosen = await all().where(eq(organisations.actorGroup, input.select.group));
  } else {
    const keyed = new Set((await db.select({ orgnr: signers.orgnr }).from(signers).where(isNull(signers.revokedFrom))).map((r) => r.orgnr));
    chosen = (await all()).filter((c) => !keyed.has(c.orgnr));
  }
  chosen.sort((a, b) => a.orgnr.localeCompare(b.orgnr));
  const links: OrganisationLink[] = [];
  for (const org of chosen) {
    const made = await createInvite(deps, { campaign: input.campaign, organisation: org.orgnr, expiresAt: input.expiresAt }, createdBy, { seal: false, campaign });
    links.push({ organisation: org.orgnr, name: org.name, url: inviteUrl(deps.config.issuer, made.token), expiresAt: made.expiresAt });
  }
  await sealAudit(deps);
  return links;
}
