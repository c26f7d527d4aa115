/** The one message table: every ErrorCode has a Swedish and an English text, and none leaks internals. */
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../schemas/errors.ts";
import { ERROR_MESSAGES, errorMessage } from "../../schemas/messages.ts";

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
