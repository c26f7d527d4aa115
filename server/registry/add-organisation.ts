/**
 * Registers an organisation (or updates its name, actor group and the organisations it covers).
 * The organisationsnummer is checked (Luhn) and stored canonical; the actor group is derived from
 * the prefix unless given (schemas/orgnr.ts).
 */
import { eq } from "drizzle-orm";
import { ACTOR_GROUPS, ActorGroup, actorGroupOf, requireOrgnr } from "../../schemas/orgnr.ts";
import { KollenError } from "../../schemas/errors.ts";
import { events, organisationCovers, organisations } from "../db/schema.ts";
import type { DbPort, Statement } from "../ports.ts";
import { rowSlices } from "../lib/bound-lists.ts";

export interface OrganisationInput {
  orgnr: string;
  name: string;
  actorGroup?: string;
  covers?: string[];
}

/**
 * Adds or replaces an organisation and its covers relation in one batch.
 * @example await addOrganisation(db, { orgnr: "202100-5489", name: "Domstolsverket", covers: ["2021000..."] }, now)
 */
export async function addOrganisation(db: DbPort, input: OrganisationInput, now: Date, actor = "admin"): Promise<{ orgnr: string; actorGroup: ActorGroup; covers: string[] }> {
  const orgnr = requireOrgnr(input.orgnr);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw new KollenError("BAD_INPUT", "name must be 1–200 characters");
  let actorGroup: ActorGroup = actorGroupOf(orgnr);
  if (input.actorGroup !== undefined) {
    const given = ActorGroup.safeParse(input.actorGroup);
    if (!given.success) throw new KollenError("BAD_INPUT", `actor group must be one of ${ACTOR_GROUPS.join(", ")}`);
    actorGroup = given.data;
  }
  const covers = [...new Set((input.covers ?? []).map(requireOrgnr))];
  if (covers.includes(orgnr)) throw new KollenError("BAD_INPUT", "an organisation cannot cover itself");

  const statements: Statement[] = [
    db.orm
      .insert(organisations)
      .values({ orgnr, name, actorGroup, createdAt: now })
      .onConflictDoUpdate({ target: organisations.orgnr, set: { name, actorGroup } }),
    db.orm.delete(organisationCovers).where(eq(organisationCovers.umbrella, orgnr)),
  ];
  // in slices: D1 binds at most 100 parameters per statement
  for (const some of rowSlices(covers.map((covered) => ({ umbrella: orgnr, covered })))) statements.push(db.orm.insert(organisationCovers).values(some));
  statements.push(db.orm.insert(events).values({ at: now, type: "organisation.registered", actor, subject: orgnr, data: JSON.stringify({ actorGroup, covers }) }));
  await db.batch(statements);
  return { orgnr, actorGroup, covers };
}
