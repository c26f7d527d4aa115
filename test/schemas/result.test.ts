import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isKollenError, type KollenError } from "../../schemas/errors.ts";
import { loadResult, parseResult, validateResultAgainstModel } from "../../schemas/result.ts";
import { loadSurveyModel } from "../../schemas/survey-model.ts";

// Test documents are mutated freely to build bad inputs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

const read = (p: string) => new Uint8Array(readFileSync(new URL(`../../${p}`, import.meta.url)));
const infoModel = await loadSurveyModel(read("schemas/models/infosakkollen-example.json"));
const itsModel = await loadSurveyModel(read("schemas/models/itsakkollen-example.json"));
const infoResult = () => JSON.parse(new TextDecoder().decode(read("examples/result-infosakkollen.json")));
const itsResult = () => JSON.parse(new TextDecoder().decode(read("examples/result-itsakkollen.json")));

function failure(fn: () => unknown): KollenError {
  try {
    fn();
  } catch (e) {
    if (isKollenError(e)) return e;
    throw e;
  }
  throw new Error("expected a KollenError");
}

describe("Result shape", () => {
  it("parses both examples", () => {
    expect(parseResult(infoResult()).organisation).toBe("2120009994");
    expect(parseResult(itsResult()).answers).toHaveLength(41);
  });

  const cases: [string, (r: Doc) => void, string][] = [
    ["a wrong format", (r) => (r.format = "kollen-result/2"), "format"],
    ["a hyphenated organisation number", (r) => (r.organisation = "212000-9994"), "organisation"],
    ["a bad check digit", (r) => (r.organisation = "2120009995"), "organisation: custom(ORGNR_CHECKSUM)"],
    ["an uppercase model hash", (r) => (r.model.sha256 = r.model.sha256.toUpperCase()), "model.sha256"],
    ["a missing preparer role", (r) => delete r.preparedBy.role, "preparedBy.role"],
    ["a blank preparer name", (r) => (r.preparedBy.name = "   "), "preparedBy.name"],
    ["a bad e-mail", (r) => (r.preparedBy.email = "not an address"), "preparedBy.email"],
    ["a date that is not a date", (r) => (r.presentedToManagement.date = "2026-02-30x"), "presentedToManagement.date"],
    ["a date without a presentation", (r) => (r.presentedToManagement = { presented: false, date: "2026-01-01" }), "presentedToManagement.date"],
    ["a measure listed twice", (r) => (r.answers[0].measures = ["q1.1.a", "q1.1.a"]), "answers[0].measures"],
    ["a measure that is not an id", (r) => (r.answers[0].measures = [7]), "answers[0]"],
    ["a mix of questions and statements", (r) => r.answers.push({ statement: "s01", rating: 2 }), "answers"],
    ["an unknown member", (r) => (r.score = 99), "(root)"],
    ["a bad campaign id", (r) => (r.campaign = "Kampanj 2026"), "campaign"],
  ];
  it.each(cases)("rejects %s with RESULT_INVALID", (_name, mutate, path) => {
    const r = infoResult();
    mutate(r);
    const e = failure(() => parseResult(r));
    expect(e.code).toBe("RESULT_INVALID");
    expect(e.message).toContain(path);
  });

  it.each([0, 5, 2.5, "3"])("rejects the rating %j", (rating) => {
    const r = itsResult();
    r.answers[10].rating = rating;
    const e = failure(() => parseResult(r));
    expect(e.code).toBe("RESULT_INVALID");
    expect(e.message).toMatch(/^result\.json: answers\[10\](\.rating)?: [a-z_]+$/);
  });

  it("never quotes answers or free text in messages", () => {
    const r = infoResult();
    r.comments = 42;
    r.preparedBy.name = { secret: "SEKRETESS-123" };
    r.answers[2].measures = "q1.3.a-SEKRETESS";
    const e = failure(() => parseResult(r));
    expect(e.message).not.toMatch(/SEKRETESS|42/);
    expect(e.message).toContain("comments: invalid_type");
  });

  it("rejects non-JSON and invalid UTF-8 bytes without quoting them", () => {
    const e = failure(() => loadResult(new TextEncoder().encode('{"answers": HEMLIG')));
    expect(e.code).toBe("RESULT_INVALID");
    expect(e.message).not.toContain("HEMLIG");
    expect(e.cause).toBeUndefined();
    expect(failure(() => loadResult(new Uint8Array([0xc3, 0x28]))).code).toBe("RESULT_INVALID");
    expect(failure(() => loadResult(new Uint8Array(1024 * 1024 + 1))).code).toBe("RESULT_INVALID");
  });
});

describe("validateResultAgainstModel", () => {
  it("accepts both examples against their models", () => {
    expect(validateResultAgainstModel(parseResult(infoResult()), infoModel).answers).toHaveLength(30);
    expect(validateResultAgainstModel(parseResult(itsResult()), itsModel).answers).toHaveLength(41);
  });

  it("accepts a question answered with no measures", () => {
    const r = infoResult();
    r.answers[0].measures = [];
    expect(() => validateResultAgainstModel(parseResult(r), infoModel)).not.toThrow();
  });

  const infoCases: [string, (r: Doc) => void, string][] = [
    ["another model id", (r) => (r.model.id = "itsakkollen-example"), "model.id"],
    ["another model hash", (r) => (r.model.sha256 = "0".repeat(64)), "model.sha256"],
    ["an unknown question", (r) => (r.answers[4].question = "q9.9"), "answers[4].question: unknown question"],
    ["a measure of another question", (r) => (r.answers[1].measures = ["q1.2.a", "q1.1.a"]), "answers[1].measures[1]: not a measure of question 1.2"],
    ["an unknown measure", (r) => (r.answers[5].measures = ["nope"]), "answers[5].measures[0]"],
    ["a question answered twice", (r) => r.answers.push({ question: "q1.1", measures: [] }), "question 1.1 is answered twice"],
    ["a missing question", (r) => r.answers.splice(2, 1), "question 1.3 (q1.3) is not answered"],
    ["statements for an Infosäkkollen model", (r) => (r.answers = [{ statement: "s01", rating: 1 }]), "answers[0]"],
  ];
  it.each(infoCases)("rejects %s with RESULT_MODEL_MISMATCH", (_name, mutate, text) => {
    const r = infoResult();
    mutate(r);
    const e = failure(() => validateResultAgainstModel(parseResult(r), infoModel));
    expect(e.code).toBe("RESULT_MODEL_MISMATCH");
    expect(e.message).toContain(text);
  });

  const itsCases: [string, (r: Doc) => void, string][] = [
    ["an unknown statement", (r) => (r.answers[7].statement = "s99"), "answers[7].statement: unknown statement"],
    ["a statement answered twice", (r) => (r.answers[8].statement = "s01"), "statement 1 is answered twice"],
    ["a missing statement", (r) => r.answers.pop(), "statement 41 (s41) is not answered"],
    ["questions for an It-säkkollen model", (r) => (r.answers = [{ question: "q1.1", measures: [] }]), "answers[0]"],
  ];
  it.each(itsCases)("rejects %s with RESULT_MODEL_MISMATCH", (_name, mutate, text) => {
    const r = itsResult();
    mutate(r);
    const e = failure(() => validateResultAgainstModel(parseResult(r), itsModel));
    expect(e.code).toBe("RESULT_MODEL_MISMATCH");
    expect(e.message).toContain(text);
  });

  it("rejects a rating outside the model's scale even when the shape was bypassed", () => {
    const r = parseResult(itsResult());
    (r.answers[0] as { rating: number }).rating = 9;
    const e = failure(() => validateResultAgainstModel(r, itsModel));
    expect(e.code).toBe("RESULT_MODEL_MISMATCH");
    expect(e.message).toContain("answers[0].rating");
  });

  it("rejects a result checked against the wrong kind of model", () => {
    const r = parseResult(itsResult());
    r.model = { id: infoModel.model.id, sha256: infoModel.sha256 };
    expect(failure(() => validateResultAgainstModel(r, infoModel)).code).toBe("RESULT_MODEL_MISMATCH");
  });
});
