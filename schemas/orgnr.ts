/**
 * Organisationsnummer: the Swedish organisation number (10 digits, Luhn check digit).
 *
 * Accepted spellings: `NNNNNNNNNN`, `NNNNNN-NNNN`, and either with the `16` century-style prefix
 * (`16NNNNNNNNNN`, `16NNNNNN-NNNN`) as used in some registers. The canonical form is 10 digits.
 * The actor group is derived from the first six digits (a registry may override it):
 * 212000 municipality (kommun), 232100 region, 202100 state agency (myndighet), else other.
 */
import { z } from "zod";
import { KollenError } from "./errors.ts";

/** The kinds of organisation the statistics are grouped by (kommun, region, myndighet, other). */
export const ACTOR_GROUPS = ["municipality", "region", "state_agency", "other"] as const;
/** @example ActorGroup.parse("municipality") */
export const ActorGroup = z.enum(ACTOR_GROUPS);
export type ActorGroup = z.infer<typeof ActorGroup>;

const MESSAGE = {
  ORGNR_INVALID: "not an organisationsnummer (10 digits)",
  ORGNR_CHECKSUM: "the check digit is wrong",
} as const;

const SPELLING = /^(?:16)?(\d{6})-?(\d{4})$/;

/** Luhn check over the 10 digits (the last one is the check digit). */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      // Stryker disable next-line EqualityOperator: equivalent (`d >= 9`): a doubled digit is even, never 9
      if (d > 9) d -= 9;
    }
    // Stryker disable next-line AssignmentOperator: equivalent (`sum -= d`): -n % 10 is (-)0 exactly when n % 10 is 0
    sum += d;
  }
  return sum % 10 === 0;
}

/** Canonical 10-digit form, or undefined when the spelling is wrong. Does not check the Luhn digit. */
export function canonicalOrgnr(input: string): string | undefined {
  const m = SPELLING.exec(input.trim());
  return m ? m[1]! + m[2]! : undefined;
}

/** Where the spelling or the check digit is wrong, say which. */
export function orgnrProblem(input: string): "ORGNR_INVALID" | "ORGNR_CHECKSUM" | undefined {
  const c = canonicalOrgnr(input);
  if (c === undefined) return "ORGNR_INVALID";
  return luhnValid(c) ? undefined : "ORGNR_CHECKSUM";
}

/**
 * Any accepted spelling in, the canonical 10 digits out; a KollenError ORGNR_INVALID or
 * ORGNR_CHECKSUM otherwise.
 *
 * @example requireOrgnr("212000-0142") // "2120000142"
 */
export function requireOrgnr(input: string): string {
  const problem = orgnrProblem(input);
  if (problem) throw new KollenError(problem, `${MESSAGE[problem]}: ${JSON.stringify(input.slice(0, 20))}`);
  return canonicalOrgnr(input)!;
}

/** Actor group from the prefix. */
export function actorGroupOf(orgnr: string): ActorGroup {
  const c = canonicalOrgnr(orgnr) ?? orgnr;
  if (c.startsWith("212000")) return "municipality";
  if (c.startsWith("232100")) return "region";
  if (c.startsWith("202100")) return "state_agency";
  return "other";
}

/** Formats a canonical number as `NNNNNN-NNNN`. */
export function formatOrgnr(orgnr: string): string {
  const c = canonicalOrgnr(orgnr) ?? orgnr;
  return `${c.slice(0, 6)}-${c.slice(6)}`;
}

/**
 * Any accepted spelling in, the canonical 10 digits out.
 * @example Orgnr.parse("16212000-0142") // "2120000142"
 */
export const Orgnr = z
  .string()
  .transform((s, ctx) => {
    const problem = orgnrProblem(s);
    if (problem) {
      ctx.addIssue({
        code: "custom",
        message: MESSAGE[problem],
        params: { code: problem },
      });
      return z.NEVER;
    }
    return canonicalOrgnr(s)!;
  });

/** The canonical form only (as stored in manifests): exactly 10 digits with a valid check digit. */
export const CanonicalOrgnr = z
  .string()
  .regex(/^\d{10}$/, "canonical organisationsnummer: 10 digits")
  .refine((s) => luhnValid(s), { message: MESSAGE.ORGNR_CHECKSUM, params: { code: "ORGNR_CHECKSUM" } });
