/**
 * The words of a stored submission: its status, the flags that send it to a reviewer, who it reports
 * for, how it arrived and what a reviewer decided. Each list is the one home of its word: the API
 * schemas, the database columns (`text({ enum })`), the pages and the CLI read it from here.
 *
 * Review states (DESIGN.md § Invitations, receipts, review): received → verified → approved |
 * rejected (reason) | superseded | conflict.
 */
import { z } from "zod";

export const SUBMISSION_STATUSES = ["received", "verified", "approved", "rejected", "superseded", "conflict"] as const;
/** @example SubmissionStatus.parse("verified") */
export const SubmissionStatus = z.enum(SUBMISSION_STATUSES);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

/** Statuses that count as the organisation's report (everything but superseded and rejected). */
export const ACTIVE_STATUSES = ["received", "verified", "approved", "conflict"] as const satisfies readonly SubmissionStatus[];

/**
 * Why a submission needs a reviewer's eye: it replaces an approved one, an organisation it reports
 * for was already reported by someone else, the registry does not confirm its coverage, or it is the
 * first submission signed by a key that came from an invitation link and no reviewer confirmed yet.
 */
export const REVIEW_FLAGS = ["SUPERSEDES_APPROVED", "COVERAGE_CONFLICT", "COVERAGE_UNCONFIRMED", "NEW_KEY_FROM_LINK"] as const;
/** @example ReviewFlag.parse("COVERAGE_CONFLICT") */
export const ReviewFlag = z.enum(REVIEW_FLAGS);
export type ReviewFlag = z.infer<typeof ReviewFlag>;

/** Whom a submission reports for: its own organisation, or one it covers (umbrella submissions). */
export const COVERAGE_ROLES = ["self", "covers"] as const;
export type CoverageRole = (typeof COVERAGE_ROLES)[number];

/**
 * Coverage confirmed by the registry or a reviewer; unconfirmed (INDETERMINATE until a reviewer
 * decides); or refused by a reviewer.
 */
export const COVERAGE_STATES = ["confirmed", "unconfirmed", "refused"] as const;
export const CoverageState = z.enum(COVERAGE_STATES);
export type CoverageState = z.infer<typeof CoverageState>;

/** How a submission came in: uploaded as a package, or registered by a reviewer (paper, e-mail). */
export const SUBMISSION_CHANNELS = ["upload", "manual"] as const;
export type SubmissionChannel = (typeof SUBMISSION_CHANNELS)[number];

/** A reviewer's decision; with four-eyes an approval takes effect at the second reviewer. */
export const REVIEW_DECISIONS = ["approve", "reject"] as const;
export const ReviewDecision = z.enum(REVIEW_DECISIONS);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/**
 * The outcome of verifying a package's signatures, as in EU DSS: passed, indeterminate (for example
 * an expired certificate or unconfirmed coverage) or failed.
 */
export const VERIFICATION_OUTCOMES = ["PASSED", "INDETERMINATE", "FAILED"] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];
