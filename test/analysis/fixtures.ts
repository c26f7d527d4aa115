/**
 * The worked example of docs/ANALYSIS.md: a tiny Infosäkkollen-shaped model (2 work areas,
 * 4 questions, 7 measures) and five municipalities X, Y, Z, W, V. Every expectation in the tests is
 * computed by hand in docs/ANALYSIS.md §Worked example, not by the code under test.
 */
import type { Admitted } from "../../analysis/admit-results.ts";
import { parseSurveyModel, type InfosakkollenModel, type LoadedSurveyModel } from "../../schemas/survey-model.ts";

const t = (s: string) => ({ sv: s, en: s });
const m = (id: string, points: number, level: number) => ({ id, text: t(id), points, level });

export const tinyModel = parseSurveyModel({
  format: "kollen-survey-model/1",
  id: "tiny",
  version: "1",
  title: t("Tiny"),
  kind: "infosakkollen",
  example: true,
  note: t("worked example"),
  areas: [
    { id: "a", number: 1, title: t("Area A") },
    { id: "b", number: 2, title: t("Area B") },
  ],
  questions: [
    { id: "q1", number: "1.1", section: 1, area: "a", text: t("q1"), measures: [m("m1a", 1, 1), m("m1b", 2, 2)] },
    { id: "q2", number: "1.2", section: 1, area: "b", text: t("q2"), measures: [m("m2a", 1, 1), m("m2b", 3, 3)] },
    { id: "q3", number: "2.1", section: 2, area: "b", text: t("q3"), measures: [m("m3a", 2, 2), m("m3b", 4, 4)] },
    { id: "q4", number: "2.2", section: 2, area: "a", text: t("q4"), measures: [m("m4a", 5, 4)] },
  ],
  levels: [
    { level: 1, name: t("1"), description: t("1"), rule: { kind: "at-least-one-measure-per-question", section: 1 } },
    { level: 2, name: t("2"), description: t("2"), rule: { kind: "share-of-measures", maxLevel: 2, minShare: 0.75 } },
    { level: 3, name: t("3"), description: t("3"), rule: { kind: "share-of-measures", maxLevel: 3, minShare: 0.75 } },
    { level: 4, name: t("4"), description: t("4"), rule: { kind: "share-of-measures", maxLevel: 4, minShare: 0.9 } },
  ],
}) as InfosakkollenModel;

export const tinyLoaded: LoadedSurveyModel = { model: tinyModel, sha256: "a".repeat(64) };

/** Luhn-valid municipality numbers. */
export const ORG = { X: "2120000001", Y: "2120000019", Z: "2120000027", W: "2120000035", V: "2120000043" } as const;

/** The measures each organisation took. */
export const TAKEN: Record<keyof typeof ORG, string[]> = {
  X: ["m1a", "m2a", "m3a"],
  Y: ["m1a", "m1b", "m3a", "m3b", "m4a"],
  Z: ["m1a", "m2a"],
  W: ["m1a", "m2a"],
  V: [],
};

/** A kollen-result/1 for `organisation` taking `measures` of the tiny model. */
export function tinyResult(organisation: string, measures: readonly string[], model: LoadedSurveyModel = tinyLoaded): Record<string, unknown> {
  const answers = (model.model as InfosakkollenModel).questions.map((q) => ({ question: q.id, measures: q.measures.map((x) => x.id).filter((id) => measures.includes(id)) }));
  return {
    format: "kollen-result/1",
    model: { id: model.model.id, sha256: model.sha256 },
    organisation,
    answers,
    preparedBy: { name: "Test Testsson", role: "CISO" },
    presentedToManagement: { presented: false },
  };
}

export function admitted(organisation: string, measures: readonly string[]): Admitted {
  const r = tinyResult(organisation, measures) as { answers: Admitted["answers"] };
  return { source: `${organisation}/result.json`, organisation, covers: [], confirmedCovers: [], answers: r.answers };
}

export const FIVE: Admitted[] = (Object.keys(ORG) as (keyof typeof ORG)[]).map((k) => admitted(ORG[k], TAKEN[k]));
