/** The words the pages show for server problems and local errors, in both languages. */
import { describe, expect, it } from "vitest";
import { ERROR_CODES, KollenError } from "../../../schemas/errors.ts";
import { ERROR_MESSAGES } from "../../../schemas/messages.ts";
import { LANGS, TEXT, codeMessage, t } from "../../../server/web/i18n.ts";
import { explainError, explainProblem, parseProblem } from "../../../server/web/src/lib/problem.ts";
import { problemFor } from "../../../server/lib/problem.ts";

describe("problems", () => {
  it("use the server's own Swedish and English words, and list further reasons", () => {
    const p = problemFor("SIGNER_UNKNOWN", "a signer is not known", ["SIGNER_UNKNOWN", "PAYLOAD_DIGEST_MISMATCH"]);
    const sv = explainProblem("sv", p, 422);
    expect(sv.headline).toBe("Signeringsnyckeln är inte registrerad för organisationen. Registrera den via en inbjudan eller hos myndigheten.");
    expect(sv.headline).toContain("Registrera den via en inbjudan");
    expect(sv.details).toEqual([codeMessage("sv", "PAYLOAD_DIGEST_MISMATCH")]);
    expect(sv.code).toBe("SIGNER_UNKNOWN");
    const en = explainProblem("en", p, 422);
    expect(en.headline).toBe("The signing key is not registered for the organisation. Register it through an invitation or with the authority.");
    expect(en.details[0]).toBe("a signer is not known");
  });

  it("answer 5xx with the message only: no detail, no reasons", () => {
    const p = problemFor("INTERNAL", "SqliteError: disk I/O error at /data/kollen.sqlite", ["INTERNAL"]);
    expect(p).toEqual({ type: "urn:kollen:problem:internal", title: ERROR_MESSAGES.INTERNAL.en, title_sv: ERROR_MESSAGES.INTERNAL.sv, status: 500, code: "INTERNAL" });
  });

  it("are only read from problem+json", () => {
    const body = JSON.stringify(problemFor("NOT_FOUND"));
    expect(parseProblem("application/problem+json", body)?.code).toBe("NOT_FOUND");
    expect(parseProblem("text/html", body)).toBeUndefined();
    expect(parseProblem("application/problem+json", "<html>")).toBeUndefined();
    expect(parseProblem(null, body)).toBeUndefined();
  });

  it("from the page itself use the text a KollenError names, else its code's message", () => {
    const named = new KollenError("BAD_INPUT", "x", { detail: { text: "msgCampaignMismatch", vars: { result: "a", campaign: "b" } } });
    expect(explainError("sv", named)).toEqual({ headline: "Resultatfilen gäller insamlingen a, inte b.", details: [], code: "BAD_INPUT" });
    expect(explainError("en", new KollenError("DECRYPTION_FAILED", "x")).headline).toBe(ERROR_MESSAGES.DECRYPTION_FAILED.en);
    expect(explainError("sv", new KollenError("BAD_INPUT", "x", { detail: { text: "__proto__" } })).headline).toBe(ERROR_MESSAGES.BAD_INPUT.sv);
    expect(explainError("sv", new TypeError("boom")).code).toBeUndefined();
  });

  it("exist in both languages for every text and every listed code", () => {
    for (const [key, text] of Object.entries(TEXT)) for (const lang of LANGS) expect(text[lang], `${key}.${lang}`).toMatch(/\S/);
    for (const code of ERROR_CODES) for (const lang of LANGS) expect(codeMessage(lang, code), `${code}.${lang}`).toBe(ERROR_MESSAGES[code][lang]);
    expect(t("sv", "msgAccepted", { status: "mottagen" })).toBe("Inlämningen är mottagen. Status: mottagen.");
    expect(codeMessage("en", "NO_SUCH_CODE")).toBe("An error occurred.");
  });
});
