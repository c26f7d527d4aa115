/**
 * The organisation's own feedback (analysis/own-feedback.ts) on the example Infosäkkollen model,
 * against values counted by hand from schemas/models/infosakkollen-example.json: section 1 has 15
 * questions (q1.1–q1.15), each with a level-1 measure `.a` worth 2 points and a level-2 measure `.b`;
 * the model has 40 measures of levels 1–2 and level 2 needs 75 % of them (30).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ownFeedbackOf } from "../../analysis/own-feedback.ts";
import { parseSurveyModel, type InfosakkollenModel, type ItsakkollenModel } from "../../schemas/survey-model.ts";

const infosak = parseSurveyModel(JSON.parse(readFileSync("schemas/models/infosakkollen-example.json", "utf8"))) as InfosakkollenModel;
const itsak = parseSurveyModel(JSON.parse(readFileSync("schemas/models/itsakkollen-example.json", "utf8"))) as ItsakkollenModel;
const SECTION1 = Array.from({ length: 15 }, (_, i) => `q1.${i + 1}`);

describe("ownFeedbackOf, Infosäkkollen", () => {
  it("nothing answered: level 0, the 15 section-1 questions are what level 1 needs", () => {
    const f = ownFeedbackOf(infosak, []);
    if (f.kind !== "infosakkollen") throw new Error("kind");
    expect(f).toMatchObject({ level: 0, fractionalLevel: 0, points: 0, reached: null });
    expect(f.next).toMatchObject({ target: 1, kind: "at-least-one-measure-per-question", needed: 15 });
    expect(f.next!.questions.map((q) => q.id)).toEqual(SECTION1);
    expect(f.areas.map((a) => a.total).reduce((a, b) => a + b)).toBe(30);
    expect(f.areas.every((a) => a.answered === 0)).toBe(true);
  });

  it("one measure on q1.1: 1/15 of level 1, 2 points, 14 questions left", () => {
    const f = ownFeedbackOf(infosak, [{ question: "q1.1", measures: ["q1.1.a"] }]);
    if (f.kind !== "infosakkollen") throw new Error("kind");
    expect(f.level).toBe(0);
    expect(f.fractionalLevel).toBeCloseTo(1 / 15, 10);
    expect(f.points).toBe(2);
    expect(f.next!.questions.map((q) => q.id)).toEqual(SECTION1.slice(1));
    expect(f.areas.find((a) => a.id === "ledning")).toMatchObject({ answered: 1, total: 3, points: 2 });
  });

  it("a question answered with no measure counts as answered, not as taken", () => {
    const f = ownFeedbackOf(infosak, [{ question: "q1.1", measures: [] }]);
    if (f.kind !== "infosakkollen") throw new Error("kind");
    expect(f.areas.find((a) => a.id === "ledning")!.answered).toBe(1);
    expect(f.next!.needed).toBe(15);
  });

  it("the 15 level-1 measures: level 1 (its rule in words), 15 of 40 → 1.5, 15 more measures for level 2", () => {
    const f = ownFeedbackOf(infosak, SECTION1.map((q) => ({ question: q, measures: [`${q}.a`] })));
    if (f.kind !== "infosakkollen") throw new Error("kind");
    expect(f.level).toBe(1);
    expect(f.reached!.description.sv).toBe("Minst en åtgärd på var och en av de 15 frågorna i avsnitt 1.");
    expect(f.fractionalLevel).toBeCloseTo(1.5, 10);
    expect(f.points).toBe(30);
    expect(f.next).toMatchObject({ target: 2, kind: "share-of-measures", needed: 15 });
    expect(f.next!.measures.every((m) => m.level <= 2)).toBe(true);
  });

  it("the 30 measures .a and .b of section 1: 30 of 40 = 75 % → level 2", () => {
    const f = ownFeedbackOf(infosak, SECTION1.map((q) => ({ question: q, measures: [`${q}.a`, `${q}.b`] })));
    expect(f.kind === "infosakkollen" && f.level).toBe(2);
  });

  it("ignores ids the model does not know and measures named under another question", () => {
    const f = ownFeedbackOf(infosak, [{ question: "q9.9", measures: ["x"] }, { question: "q1.2", measures: ["q1.1.a"] }]);
    expect(f.kind === "infosakkollen" && f.points).toBe(0);
  });
});

describe("ownFeedbackOf, It-säkkollen", () => {
  it("means per area over the rated statements, and the mean of the areas", () => {
    const [a, b] = itsak.statements.filter((s) => s.area === itsak.statements[0]!.area);
    const other = itsak.statements.find((s) => s.area !== a!.area)!;
    const f = ownFeedbackOf(itsak, [{ statement: a!.id, rating: 1 }, { statement: b!.id, rating: 4 }, { statement: other.id, rating: 3 }]);
    if (f.kind !== "itsakkollen") throw new Error("kind");
    expect(f.areas.find((x) => x.id === a!.area)).toMatchObject({ value: 2.5, answered: 2 });
    expect(f.areas.find((x) => x.id === other.area)).toMatchObject({ value: 3, answered: 1 });
    expect(f.value).toBe(2.75);
    expect(ownFeedbackOf(itsak, []).kind === "itsakkollen" && (ownFeedbackOf(itsak, []) as { value: null }).value).toBeNull();
  });
});
