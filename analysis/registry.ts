/**
 * The registry file `kollen analyze --registry` reads (written by `kollen admin registry export`):
 * each organisation's actor group and the population of each group. Without a registry (or for an
 * organisation it does not list) the group comes from the organisationsnummer: 212000… kommun,
 * 232100… region, 202100… statlig myndighet, else övrig. docs/ANALYSIS.md §Actor groups.
 */
import { z } from "zod";
import { KollenError } from "../schemas/errors.ts";
import { CanonicalOrgnr, actorGroupOf } from "../schemas/orgnr.ts";
import { describeIssues, issueDetail } from "../schemas/survey-model.ts";

export const REGISTRY_FORMAT = "kollen-registry/1";

/** The actor groups by their Swedish names, as the report uses them. */
export const BASE_GROUPS = ["kommun", "region", "statlig myndighet", "företag", "övrig"] as const;
export type BaseGroup = (typeof BASE_GROUPS)[number];
/** typförvaltning = kommun + region + statlig myndighet */
export const FORVALTNING = "förvaltning";
export const FORVALTNING_MEMBERS: readonly BaseGroup[] = ["kommun", "region", "statlig myndighet"];
/** every respondent */
export const ALL = "alla";
export type ReportGroup = BaseGroup | typeof FORVALTNING | typeof ALL;
export const REPORT_GROUPS: readonly ReportGroup[] = [...BASE_GROUPS, FORVALTNING, ALL];

export const Registry = z.object({
  format: z.literal(REGISTRY_FORMAT).optional(),
  organisations: z
    .array(
      z.object({
        organisation: CanonicalOrgnr,
        name: z.string().max(400).optional(),
        group: z.enum(BASE_GROUPS),
        /** organisations this one may report for (umbrella coverage the registry confirms) */
        covers: z.array(CanonicalOrgnr).max(10_000).optional(),
      }),
    )
    .max(1_000_000),
  population: z.partialRecord(z.enum(BASE_GROUPS), z.number().int().min(0)).optional(),
});
export type Registry = z.infer<typeof Registry>;

/**
 * Validates a parsed registry file.
 * @throws KollenError BAD_INPUT naming the issue paths
 */
export function parseRegistry(value: unknown): Registry {
  const r = Registry.safeParse(value);
  if (!r.success) throw new KollenError("BAD_INPUT", `registry: ${describeIssues(r.error)}`, { detail: { issues: issueDetail(r.error) } });
  return r.data;
}

const FROM_PREFIX: Record<ReturnType<typeof actorGroupOf>, BaseGroup> = {
  municipality: "kommun",
  region: "region",
  state_agency: "statlig myndighet",
  other: "övrig",
};

/** The group of one organisation: from the registry when it lists it, else from the number. */
export function groupResolver(registry: Registry | undefined): (orgnr: string) => BaseGroup {
  const byOrg = new Map(registry?.organisations.map((o) => [o.organisation, o.group]));
  return (orgnr) => byOrg.get(orgnr) ?? FROM_PREFIX[actorGroupOf(orgnr)];
}

/** The report groups an organisation of base group `g` belongs to. */
export function reportGroupsOf(g: BaseGroup): ReportGroup[] {
  return FORVALTNING_MEMBERS.includes(g) ? [g, FORVALTNING, ALL] : [g, ALL];
}
