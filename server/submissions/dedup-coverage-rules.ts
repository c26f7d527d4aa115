/**
 * Where a verified package lands among what is already stored: DESIGN.md § Deduplication and
 * coverage and docs/FORMAT.md §Receiving, as a pure function so the rules are tested without a
 * database.
 *
 * - The package received last from an organisation for a campaign is its current one (rule U4):
 *   it supersedes every older active one, unless that one is approved: then the new one is flagged
 *   SUPERSEDES_APPROVED for a reviewer and the approval stands. `createdAt` is the signer's claim
 *   and orders nothing, so a signed future date cannot pin a submission.
 * - Umbrella coverage: each covered organisation counts as reported. A covered organisation's own
 *   submission, or a second umbrella covering it, is a COVERAGE_CONFLICT (status `conflict`).
 * - Coverage the registry does not confirm, or claimed by a key that came from an invitation link
 *   and no reviewer has confirmed, is stored `unconfirmed` (INDETERMINATE until a reviewer confirms
 *   it) and flagged COVERAGE_UNCONFIRMED. An organisation the registry does not know may not claim
 *   coverage at all (ORGANISATION_UNKNOWN).
 * - The first submission signed by such an unconfirmed link key is flagged NEW_KEY_FROM_LINK.
 */
import { KollenError } from "../../schemas/errors.ts";
import type { CoverageRole, CoverageState, ReviewFlag, SubmissionStatus } from "../../schemas/submission.ts";

export interface PlacementInput {
  organisation: string;
  covers: readonly string[];
  /** the submitting organisation is in the registry */
  registered: boolean;
  /** organisations the registry confirms `organisation` covers */
  registryCovers: ReadonlySet<string>;
  /** active submissions of the same organisation and campaign (all received before this one) */
  sameOrganisation: ReadonlyArray<{ id: string; status: string }>;
  /** coverage rows of active submissions by other organisations in the campaign, for any of our organisations */
  otherCoverage: ReadonlyArray<{ submissionId: string; orgnr: string }>;
  /** a signer's key came from an invitation link and no reviewer has confirmed it */
  unconfirmedLinkKey?: boolean;
  /** …and no stored submission carries that key yet */
  firstWithLinkKey?: boolean;
}

export interface Placement {
  status: SubmissionStatus;
  flags: ReviewFlag[];
  /** ids of stored submissions the new one supersedes */
  supersedes: string[];
  /** submissions the new one conflicts with */
  conflictsWith: string[];
  coverage: Array<{ orgnr: string; role: CoverageRole; state: CoverageState }>;
}

/**
 * Plans the new submission's status, flags and coverage rows.
 * @example planPlacement({ organisation: "2120000142", covers: [], registered: true, registryCovers: new Set(), sameOrganisation: [], otherCoverage: [] }).status // "verified"
 */
export function planPlacement(input: PlacementInput): Placement {
  const covers = [...new Set(input.covers)];
  if (covers.includes(input.organisation)) throw new KollenError("MANIFEST_INVALID", "an organisation cannot cover itself");
  if (covers.length > 0 && !input.registered) throw new KollenError("ORGANISATION_UNKNOWN", "an organisation that is not registered claims coverage of others");

  const flags = new Set<ReviewFlag>();
  if (input.unconfirmedLinkKey && input.firstWithLinkKey) flags.add("NEW_KEY_FROM_LINK");
  const coverage: Placement["coverage"] = [{ orgnr: input.organisation, role: "self", state: "confirmed" }];
  for (const orgnr of covers) {
    const confirmed = input.registryCovers.has(orgnr) && !input.unconfirmedLinkKey;
    if (!confirmed) flags.add("COVERAGE_UNCONFIRMED");
    coverage.push({ orgnr, role: "covers", state: confirmed ? "confirmed" : "unconfirmed" });
  }

  // Same organisation, same campaign: the new arrival is the newest (rule U4).
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
