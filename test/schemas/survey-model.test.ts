import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isKollenError, KollenError } from "../../schemas/errors.ts";
import { loadSurveyModel, modelSha256, parseSurveyModel, type SurveyModel } from "../../schemas/survey-model.ts";

// Test documents are mutated freely to build bad inputs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

const infoBytes = readFileSync(new URL("../../schemas/models/infosakkollen-example.json", import.meta.url));
const itsBytes = readFileSync(new URL("../../schemas/models/itsakkollen-example.json", import.meta.url));
const info = () => JSON.parse(infoBytes.toString("utf8"));
const its = () => JSON.parse(itsBytes.toString("utf8"));

function failure(fn: () => unknown): KollenError {
  try {
    fn();
  } catch (e) {
    if (isKollenError(e)) return e;
    throw e;
  }
  throw new Error("expected a KollenError");
}

async function failureAsync(p: Promise<unknown>): Promise<KollenError> {
  try {
    await p;
  } catch (e) {
    if (isKollenError(e)) return e;
    throw e;
  }
  throw new Error("expected a KollenError");
}

describe("the example Infosäkkollen model", () => {
  const m = parseSurveyModel(info()) as Extract<SurveyModel, { kind: "infosakkollen" }>;

  it("has the published structure", () => {
    expect(m.kind).toBe("infosakkollen");
    expect(m.areas).toHaveLength(10);
    expect(m.areas.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(m.questions.filter((q) => q.section === 1)).toHaveLength(15);
    expect(m.questions.some((q) => q.section > 1)).toBe(true);
    expect(m.levels.map((l) => l.level)).toEqual([1, 2, 3, 4]);
    expect(m.levels[0]!.rule).toEqual({ kind: "at-least-one-measure-per-question", section: 1 });
    for (const level of [1, 2, 3, 4]) expect(m.questions.some((q) => q.measures.some((x) => x.level === level))).toBe(true);
  });

  it("uses every work area", () => {
    const used = new Set(m.questions.map((q) => q.area));
    expect(m.areas.every((a) => used.has(a.id))).toBe(true);
  });

  it("says plainly that it is an example, in Swedish and English", () => {
    expect(m.example).toBe(true);
    expect(m.note!.sv).toMatch(/EXEMPEL/);
    expect(m.note!.sv).toMatch(/INTE den officiella/);
    expect(m.note!.en).toMatch(/NOT the official catalogue/);
  });
});

describe("the example It-säkkollen model", () => {
  const m = parseSurveyModel(its()) as Extract<SurveyModel, { kind: "itsakkollen" }>;

  it("has 41 statements rated 1–4 over work areas", () => {
    expect(m.statements).toHaveLength(41);
    expect(m.statements.every((s) => s.scale === "1-4")).toBe(true);
    expect(m.scaleLabels.map((l) => l.value)).toEqual([1, 2, 3, 4]);
    const used = new Set(m.statements.map((s) => s.area));
    expect(m.areas.every((a) => used.has(a.id))).toBe(true);
  });

  it("is marked as an example", () => {
    expect(m.example).toBe(true);
    expect(m.note!.en).toMatch(/NOT the official catalogue/);
  });
});

describe("parseSurveyModel cross-checks", () => {
  const cases: [string, (m: Doc) => void, string][] = [
    ["a duplicate area id", (m) => (m.areas[1].id = m.areas[0].id), "areas[1]"],
    ["a duplicate area number", (m) => (m.areas[1].number = 1), "areas[1]"],
    ["a question in an unknown area", (m) => (m.questions[2].area = "nowhere"), "questions[2].area"],
    ["a duplicate question id", (m) => (m.questions[3].id = m.questions[0].id), "questions[3]"],
    ["a duplicate question number", (m) => (m.questions[3].number = "1.1"), "questions[3]"],
    ["a number outside its section", (m) => (m.questions[0].number = "2.99"), "questions[0].number"],
    ["a duplicate measure id across questions", (m) => (m.questions[1].measures[0].id = m.questions[0].measures[0].id), "questions[1].measures[0].id"],
    ["a level out of range", (m) => (m.questions[0].measures[0].level = 5), "questions[0].measures[0].level"],
    ["negative points", (m) => (m.questions[0].measures[0].points = -1), "questions[0].measures[0].points"],
    ["levels out of order", (m) => ([m.levels[0], m.levels[1]] = [m.levels[1], m.levels[0]]), "levels[0].level"],
    ["three levels", (m) => m.levels.pop(), "levels"],
    ["a level rule on an empty section", (m) => (m.levels[0].rule.section = 9), "levels[0].rule.section"],
    ["an unknown rule kind", (m) => (m.levels[1].rule.kind = "vibes"), "levels[1].rule.kind"],
    ["an example without a note", (m) => delete m.note, "note"],
    ["an unknown member", (m) => (m.extra = 1), "(root)"],
    ["a question without measures", (m) => (m.questions[0].measures = []), "questions[0].measures"],
    ["a missing English text", (m) => delete m.questions[0].text.en, "questions[0].text.en"],
    ["a wrong format", (m) => (m.format = "kollen-survey-model/2"), "format"],
    ["a bad id", (m) => (m.id = "Infosäk kollen"), "id"],
  ];
  it.each(cases)("rejects %s with SURVEY_MODEL_INVALID naming the path", (_name, mutate, path) => {
    const m = info();
    mutate(m);
    const e = failure(() => parseSurveyModel(m));
    expect(e.code).toBe("SURVEY_MODEL_INVALID");
    expect(e.message).toContain(`${path}:`);
  });

  it("rejects It-säkkollen statements in unknown areas and duplicate ids", () => {
    const m = its();
    m.statements[4].area = "nowhere";
    m.statements[5].id = m.statements[0].id;
    const e = failure(() => parseSurveyModel(m));
    expect(e.code).toBe("SURVEY_MODEL_INVALID");
    expect(e.message).toContain("statements[4].area:");
    expect(e.message).toContain("statements[5]:");
  });

  it("rejects a statement scale other than 1-4", () => {
    const m = its();
    m.statements[0].scale = "1-5";
    expect(failure(() => parseSurveyModel(m)).message).toContain("statements[0].scale:");
  });

  it("rejects a mix of kinds", () => {
    const m = info();
    m.kind = "itsakkollen";
    expect(failure(() => parseSurveyModel(m)).code).toBe("SURVEY_MODEL_INVALID");
  });

  it("accepts a non-example model without a note", () => {
    const m = info();
    m.example = false;
    delete m.note;
    expect(parseSurveyModel(m).example).toBe(false);
  });

  it("never puts input values in the message", () => {
    const m = info();
    m.questions[0].text.sv = 12345;
    m.title = { sv: "HEMLIGT-VÄRDE", en: 7 };
    m.unexpectedKeyWithSecretName = "x";
    const e = failure(() => parseSurveyModel(m));
    expect(e.message).not.toContain("12345");
    expect(e.message).not.toContain("HEMLIGT");
    expect(e.message).toContain("questions[0].text.sv: invalid_type");
    expect(e.detail?.issues).toEqual(expect.arrayContaining([{ path: "title.en", code: "invalid_type" }]));
  });
});

describe("modelSha256 and loadSurveyModel", () => {
  it("hashes the exact file bytes like sha256sum", async () => {
    const expected = createHash("sha256").update(infoBytes).digest("hex");
    expect(await modelSha256(new Uint8Array(infoBytes))).toBe(expected);
    expect(await modelSha256(new Uint8Array())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("changes with one byte of whitespace", async () => {
    const a = await modelSha256(new Uint8Array(infoBytes));
    const b = await modelSha256(new Uint8Array([...infoBytes, 0x0a]));
    expect(a).not.toBe(b);
  });

  it("loads a model file with its hash", async () => {
    const loaded = await loadSurveyModel(new Uint8Array(itsBytes));
    expect(loaded.model.id).toBe("itsakkollen-example");
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["not JSON", new TextEncoder().encode("{not json")],
    ["invalid UTF-8", new Uint8Array([0x7b, 0xff, 0x7d])],
    ["JSON of the wrong shape", new TextEncoder().encode("[]")],
    ["too large", new Uint8Array(4 * 1024 * 1024 + 1)],
  ])("rejects a file that is %s", async (_name, bytes) => {
    expect((await failureAsync(loadSurveyModel(bytes))).code).toBe("SURVEY_MODEL_INVALID");
  });
});
