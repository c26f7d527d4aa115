/**
 * The questionnaire's draft (server/web/src/lib/draft.ts) in Node: answers kept in the model's order,
 * the draft as result.json (checked by the result schema) and back, unanswered items counted, a
 * result of another organisation or model refused; and the Swedish genitive of the footer.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { isKollenError } from "../../../schemas/errors.ts";
import { loadResult, validateResultAgainstModel } from "../../../schemas/result.ts";
import { loadSurveyModel, type LoadedSurveyModel } from "../../../schemas/survey-model.ts";
import { draftKey, draftOfResult, emptyDraft, resultOfDraft, unansweredCount, withAnswer } from "../../../server/web/src/lib/draft.ts";
import { genitiveSv } from "../../../server/web/i18n.ts";

const ORG = "2120009994";
let infosak: LoadedSurveyModel;
let itsak: LoadedSurveyModel;

beforeAll(async () => {
  infosak = await loadSurveyModel(new Uint8Array(readFileSync("schemas/models/infosakkollen-example.json")));
  itsak = await loadSurveyModel(new Uint8Array(readFileSync("schemas/models/itsakkollen-example.json")));
});

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return isKollenError(e) ? e.code : "not a KollenError";
  }
  return undefined;
};

describe("the questionnaire's draft", () => {
  it("keeps answers in the model's order; an answer removed is unanswered again", () => {
    const m = infosak.model;
    let answers = withAnswer(m, [], "q1.2", { question: "q1.2", measures: [] });
    answers = withAnswer(m, answers, "q1.1", { question: "q1.1", measures: ["q1.1.a"] });
    expect(answers.map((a) => ("question" in a ? a.question : ""))).toEqual(["q1.1", "q1.2"]);
    expect(unansweredCount(m, { answers })).toBe(28);
    expect(withAnswer(m, answers, "q1.1", undefined)).toEqual([{ question: "q1.2", measures: [] }]);
    expect(draftKey("infosakkollen-2026", ORG)).toBe(`draft:infosakkollen-2026:${ORG}`);
  });

  it("becomes result.json that the model accepts once every question is answered, and opens again as the same draft", () => {
    const d = emptyDraft("infosakkollen-2026", ORG, infosak);
    expect(codeOf(() => resultOfDraft(d))).toBe("RESULT_INVALID"); // no name or role yet
    const full = {
      ...d,
      answers: infosak.model.kind === "infosakkollen" ? infosak.model.questions.map((q) => ({ question: q.id, measures: q.measures.slice(0, 1).map((x) => x.id) })) : [],
      preparedBy: { name: "Kim", role: "Samordnare", email: "" },
      presented: true,
      presentedDate: "2026-03-01",
      comments: "Intern kommentar",
    };
    const result = resultOfDraft(full);
    expect(result).toMatchObject({ format: "kollen-result/1", organisation: ORG, campaign: "infosakkollen-2026", model: { id: infosak.model.id, sha256: infosak.sha256 }, presentedToManagement: { presented: true, date: "2026-03-01" } });
    expect(result.preparedBy).toEqual({ name: "Kim", role: "Samordnare" });
    expect(() => validateResultAgainstModel(result, infosak)).not.toThrow();
    const bytes = new TextEncoder().encode(JSON.stringify(result));
    expect(draftOfResult(loadResult(bytes), "infosakkollen-2026", ORG, infosak)).toEqual({ ...full, savedAt: "" });
  });

  it("opens a partly answered file (a saved draft), but not another organisation's or another model's", () => {
    const d = { ...emptyDraft("itsakkollen-2026", ORG, itsak), answers: [{ statement: "s01", rating: 3 }], preparedBy: { name: "Kim", role: "Samordnare", email: "kim@example.se" } };
    const result = resultOfDraft(d);
    expect(draftOfResult(result, "itsakkollen-2026", ORG, itsak).answers).toEqual([{ statement: "s01", rating: 3 }]);
    expect(codeOf(() => draftOfResult({ ...result, organisation: "5560160680" }, "itsakkollen-2026", ORG, itsak))).toBe("RESULT_WRONG_ORGANISATION");
    expect(codeOf(() => draftOfResult(result, "itsakkollen-2026", ORG, infosak))).toBe("RESULT_MODEL_MISMATCH");
    expect(codeOf(() => draftOfResult({ ...result, answers: [{ statement: "s99", rating: 3 }] }, "itsakkollen-2026", ORG, itsak))).toBe("RESULT_MODEL_MISMATCH");
    expect(codeOf(() => draftOfResult({ ...result, answers: [{ statement: "s01", rating: 3 }, { statement: "s01", rating: 2 }] }, "itsakkollen-2026", ORG, itsak))).toBe("RESULT_MODEL_MISMATCH");
  });
});

describe("genitiveSv", () => {
  it("writes MSB:s, Skatteverkets, and nothing more after an s", () => {
    expect(genitiveSv("MSB")).toBe("MSB:s");
    expect(genitiveSv("MCF")).toBe("MCF:s");
    expect(genitiveSv("Skatteverket")).toBe("Skatteverkets");
    expect(genitiveSv("Försäkringskassans")).toBe("Försäkringskassans");
  });
});
