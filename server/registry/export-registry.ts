/**
 * The registry as `kollen analyze --registry` reads it (analysis/registry.ts, `kollen-registry/1`):
 * every registered organisation with its actor group by the report's Swedish name and the umbrella
 * coverage the registry confirms, and the population of each group (the registered organisations).
 * The server's groups map as municipality → kommun, region → region, state_agency → statlig
 * myndighet, other → övrig.
 */
import { organisationCovers, organisations } from "../db/schema.ts";
import type { DbPort } from "../ports.ts";
import type { BaseGroup, Registry } from "../../analysis/registry.ts";

const GROUP: Record<string, BaseGroup> = { municipality: "kommun", region: "region", state_agency: "statlig myndighet", company: "företag", other: "övrig" };

/**
 * @example await writeFile("registry.json", JSON.stringify(await exportRegistry(deps.db), null, 2))
 */
export async function exportRegistry(db: DbPort): Promise<Registry> {
  const orgs = await db.orm.select().from(organisations).orderBy(organisations.orgnr);
  const covers = await db.orm.select().from(organisationCovers).orderBy(organisationCovers.umbrella, organisationCovers.covered);
  const byUmbrella = new Map<string, string[]>();
  for (const c of covers) byUmbrella.set(c.umbrella, [...(byUmbrella.get(c.umbrella) ?? []), c.covered]);
  const population: Record<BaseGroup, number> = { kommun: 0, region: 0, "statlig myndighet": 0, företag: 0, övrig: 0 };
  const rows = orgs.map((o) => {
    const group = GROUP[o.actorGroup] ?? "övrig";
    population[group]++;
    const c = byUmbrella.get(o.orgnr);
    return { organisation: o.orgnr, name: o.name, group, ...(c ? { covers: c } : {}) };
  });
  return { format: "kollen-registry/1", organisations: rows, population };
}
