/**
 * Where a verified package lands among what is already stored: DESIGN.md § Deduplication and
 * coverage, as a pure function so the rules are tested without a database.
 *
 * - A newer package (later manifest createdAt; on a tie, the later arrival) from the same
 *   organisation and campaign supersedes the older one, unless the older one is approved: then the
 *   new one is flagged SUPERSEDES_APPROVED for a reviewer. An older package arriving after a newer
 *   one is stored already superseded.
 * - Umbrella coverage: each covered organisation counts as reported. A covered organisation's own
 *   submission, or a second umbrella covering it, is a COVERAGE_CONFLICT (status `conflict`).
 * - Coverage the registry does not confirm is stored `unconfirmed` (INDETERMINATE until a reviewer
 *   confirms it) and flagged COVERAGE_UNCONFIRMED. An organisation the registry does not know may
 *   not claim coverage at all (ORGANISATION_UNKNOWN).
 */
import { KollenError } from "../../schemas/errors.ts";
import type { CoverageRole, CoverageState, ReviewFlag, SubmissionStatus } from "../../schemas/submission.ts";

export interface PlacementInput {
  organisation: string;
  covers: readonly string[];
  createdAt: Date;
  /** the submitting organisation is in the registry */
  registered: boolean;
  /** organisations the registry confirms `organisation` covers */
  registryCovers: ReadonlySet<string>;
  /** active submissions of the same organisation and campaign */
  sameOrganisation: ReadonlyArray<{ id: string; status: string; createdAt: Date; receivedAt: Date }>;
  /** coverage rows of active submissions by other organisations in the campaign, for any of our organisations */
  otherCoverage: ReadonlyArray<{ submissionId: string; orgnr: string }>;
}

export interface Placement {
  status: SubmissionStatus;
  flags: ReviewFlag[];
  /** set when the new package is older than one already stored */
  supersededBy?: string;
  /** ids of stored submissions the new one supersedes */
  supersedes: string[];
  /** submissions the new one conflicts with */
  conflictsWith: string[];
  coverage: Array<{ orgnr: string; role: CoverageRole; state: CoverageState }>;
}

/**
 * Plans the new submission's status, flags and coverage rows.
 * @example planPlacement({ organisation: "2120000142", covers: [], createdAt, registered: true, registryCovers: new Set(), sameOrganisation: [], otherCoverage: [] }).status // "verified"
 */
export function planPlacement(input: PlacementInput): Placement {
  const covers = [...new Set(input.covers)];
  if (covers.includes(input.organisation)) throw new KollenError("MANIFEST_INVALID", "an organisation cannot cover itself");
  if (covers.length > 0 && !input.registered) throw new KollenError("ORGANISATION_UNKNOWN", "an organisation that is not registered claims coverage of others");

  const flags = new Set<ReviewFlag>();
  const coverage: Placement["coverage"] = [{ orgnr: input.organisation, role: "self", state: "confirmed" }];
  for (const orgnr of covers) {
    const confirmed = input.registryCovers.has(orgnr);
    if (!confirmed) flags.add("COVERAGE_UNCONFIRMED");
    coverage.push({ orgnr, role: "covers", state: confirmed ? "confirmed" : "unconfirmed" });
  }

  // Same organisation, same campaign: the newest by manifest createdAt wins; a tie goes to the new arrival.
  const newer = input.sameOrganisation
    .filter((s) => s.createdAt.getTime() > input.createdAt.getTime())
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.receivedAt.getTime() - a.receivedAt.getTime());
  if (newer.length > 0) {
    return { status: "superseded", flags: [...flags], supersededBy: newer[0]!.id, supersedes: [], conflictsWith: [], coverage };
  }
  const supersedes: string[] = [];
  for (const s of input.sameOrganisation) {
    if (s.status === "approved") flags.add("SUPERSEDES_APPROVED");
    else supersedes.push(s.id);
  }

  const ours = new Set([input.organisation, ...covers]);
  const conflictsWith = [...new Set(input.otherCoverage.filter((c) => ours.has(c.orgnr)).map((c) => c.submissionId))].sort();
  if (conflictsWith.length > 0) flags.add("COVERAGE_CONFLICT");

  return { status: conflictsWith.length > 0 ? "conflict" : "verified", flags: [...flags], supersedes, conflictsWith, coverage };
}
