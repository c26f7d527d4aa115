/**
 * The one message table: every ErrorCode has a Swedish and an English text, and none leaks
 * internals; every value of the vocabulary's lists has its words in both languages.
 */
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../schemas/errors.ts";
import { AUDIT_EVENTS } from "../../schemas/audit-events.ts";
import { CODE_WORDS, ERROR_MESSAGES, codeWords, errorMessage, type CodeKind } from "../../schemas/messages.ts";
import { ACTOR_GROUPS } from "../../schemas/orgnr.ts";
import { SIGNER_SOURCES } from "../../schemas/registry-api.ts";
import { STAFF_ROLES } from "../../schemas/staff-api.ts";
import { COVERAGE_ROLES, COVERAGE_STATES, REVIEW_DECISIONS, REVIEW_FLAGS, SUBMISSION_CHANNELS, SUBMISSION_STATUSES, VERIFICATION_OUTCOMES } from "../../schemas/submission.ts";

describe("error messages", () => {
  it.each(ERROR_CODES.map((c) => [c]))("%s has a non-empty text in both languages", (code) => {
    const m = ERROR_MESSAGES[code];
    expect(m, code).toBeDefined();
    for (const lang of ["sv", "en"] as const) {
      expect(m[lang].trim(), `${code}.${lang}`).not.toBe("");
      expect(errorMessage(code, lang)).toBe(m[lang]);
    }
    expect(m.sv, `${code}: the Swedish text is a translation, not a copy`).not.toBe(m.en);
  });

  it("holds no code that does not exist", () => {
    for (const code of Object.keys(ERROR_MESSAGES)) expect(ERROR_CODES as readonly string[]).toContain(code);
  });

  it("is written as sentences, without codes or file names", () => {
    for (const [code, m] of Object.entries(ERROR_MESSAGES)) {
      for (const text of [m.sv, m.en]) {
        expect(text, code).toMatch(/^[A-ZÅÄÖ].*\.$/s);
        expect(text, code).not.toMatch(/[A-Z]{3,}_[A-Z]|manifest\.json|payload\.age|\bundefined\b|\{\w+\}/);
      }
    }
  });
});

describe("words for codes", () => {
  const LISTS: Record<CodeKind, readonly string[]> = {
    status: SUBMISSION_STATUSES,
    flag: REVIEW_FLAGS,
    group: ACTOR_GROUPS,
    role: STAFF_ROLES,
    coverageRole: COVERAGE_ROLES,
    coverageState: COVERAGE_STATES,
    outcome: VERIFICATION_OUTCOMES,
    decision: REVIEW_DECISIONS,
    channel: SUBMISSION_CHANNELS,
    signerSource: SIGNER_SOURCES,
    event: AUDIT_EVENTS,
  };

  it.each(Object.keys(LISTS) as CodeKind[])("%s: exactly the values of its list, each in words in both languages, never the code itself", (kind) => {
    expect(Object.keys(CODE_WORDS[kind]).sort()).toEqual([...LISTS[kind]].sort());
    for (const value of LISTS[kind]) {
      const sv = codeWords(kind, value, "sv");
      expect(sv.trim(), `${kind}.${value}`).not.toBe("");
      expect(codeWords(kind, value, "en").trim()).not.toBe("");
      if (kind !== "group" || value !== "region") expect(sv, `${kind}.${value}: Swedish words, not the code`).not.toBe(value);
    }
  });

  it("shows a value it does not know as it is, and does not read inherited keys", () => {
    expect(codeWords("status", "paused", "sv")).toBe("paused");
    expect(codeWords("event", "toString", "en")).toBe("toString");
  });
});
