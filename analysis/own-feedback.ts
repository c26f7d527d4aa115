/**
 * One organisation's own feedback on its answers ("Återkoppling", issue 8), computed the moment a box
 * is ticked in the questionnaire page and printed by `kollen feedback`: the same definitions as the
 * national analysis (level.ts, score.ts, next-level.ts, itsakkollen.ts), over answers that may still be
 * incomplete — a draft. Ids the model does not know are ignored here; a result file is checked
 * against its model (schemas/result.ts validateResultAgainstModel) before it is trusted.
 */
import type { QuestionAnswer, StatementAnswer } from "../schemas/result.ts";
import type { InfosakkollenModel, ItsakkollenModel, LocalizedText, SurveyModel } from "../schemas/survey-model.ts";
import { itsakScoreOf } from "./itsakkollen.ts";
import { indexModel } from "./lib/model-index.ts";
import { nextLevelOf, type NextLevel } from "./next-level.ts";
import { scoreOf } from "./score.ts";

export interface AreaProgress {
  id: string;
  number: number;
  title: LocalizedText;
  /** questions (statements) of the area with an answer, and how many it has */
  answered: number;
  total: number;
}

export interface InfosakFeedback {
  kind: "infosakkollen";
  level: number;
  fractionalLevel: number;
  points: number;
  /** the points of every measure of the model */
  maxPoints: number;
  /** the level reached, with its rule in words; null at level 0 */
  reached: { name: LocalizedText; description: LocalizedText } | null;
  areas: Array<AreaProgress & { level: number; fractionalLevel: number; points: number; maxPoints: number }>;
  /** what would take the organisation to the next level; null at level 4 */
  next:
    | (Omit<NextLevel, "questions" | "measures"> & {
        name: LocalizedText;
        description: LocalizedText;
        questions: Array<{ id: string; number: string; text: LocalizedText }>;
        measures: Array<{ id: string; text: LocalizedText; points: number; level: number; question: string }>;
      })
    | null;
}

export interface ItsakFeedback {
  kind: "itsakkollen";
  /** the mean of the area means; null while nothing is rated */
  value: number | null;
  areas: Array<AreaProgress & { value: number | null }>;
}

export type OwnFeedback = InfosakFeedback | ItsakFeedback;

/**
 * The feedback on `answers` (complete or not) to `model`.
 *
 * @example ownFeedbackOf(model, [{ question: "q1.1", measures: ["q1.1.a"] }]) // { kind: "infosakkollen", level: 0, fractionalLevel: 0.07, … }
 */
export function ownFeedbackOf(model: SurveyModel, answers: ReadonlyArray<QuestionAnswer | StatementAnswer>): OwnFeedback {
  return model.kind === "infosakkollen" ? infosak(model, answers.filter((a): a is QuestionAnswer => "question" in a)) : itsak(model, answers.filter((a): a is StatementAnswer => "statement" in a));
}

function infosak(model: InfosakkollenModel, answers: readonly QuestionAnswer[]): InfosakFeedback {
  const ix = indexModel(model);
  const taken = new Uint8Array(ix.measures.length);
  const answered = new Set<string>();
  for (const a of answers) {
    if (!ix.questionById.has(a.question)) continue;
    answered.add(a.question);
    for (const m of a.measures) {
      const at = ix.measureById.get(m);
      if (at !== undefined && ix.measures[at]!.question === ix.questionById.get(a.question)) taken[at] = 1;
    }
  }
  const score = scoreOf(ix, taken);
  const levelDef = (l: number) => model.levels[l - 1]!;
  const next = nextLevelOf(ix, taken, score.level);
  const measureInfo = new Map(model.questions.flatMap((q) => q.measures.map((m) => [m.id, { id: m.id, text: m.text, points: m.points, level: m.level, question: q.number }] as const)));
  return {
    kind: "infosakkollen",
    level: score.level,
    fractionalLevel: score.fractionalLevel,
    points: score.points,
    maxPoints: ix.measures.reduce((s, m) => s + m.points, 0),
    reached: score.level > 0 ? { name: levelDef(score.level).name, description: levelDef(score.level).description } : null,
    areas: model.areas.map((a, i) => {
      const qs = model.questions.filter((q) => q.area === a.id);
      return {
        id: a.id,
        number: a.number,
        title: a.title,
        answered: qs.filter((q) => answered.has(q.id)).length,
        total: qs.length,
        level: score.areas[i]!.level,
        fractionalLevel: score.areas[i]!.fractionalLevel,
        points: score.areas[i]!.points,
        maxPoints: qs.reduce((s, q) => s + q.measures.reduce((t, m) => t + m.points, 0), 0),
      };
    }),
    next: next && {
      ...next,
      name: levelDef(next.target).name,
      description: levelDef(next.target).description,
      questions: next.questions.map((id) => {
        const q = model.questions[ix.questionById.get(id)!]!;
        return { id, number: q.number, text: q.text };
      }),
      measures: next.measures.map((id) => measureInfo.get(id)!),
    },
  };
}

function itsak(model: ItsakkollenModel, answers: readonly StatementAnswer[]): ItsakFeedback {
  const known = new Set(model.statements.map((s) => s.id));
  const ratings = new Map(answers.filter((a) => known.has(a.statement)).map((a) => [a.statement, a.rating] as const));
  const score = itsakScoreOf(model, ratings);
  return {
    kind: "itsakkollen",
    value: score.value,
    areas: model.areas.map((a, i) => {
      const ss = model.statements.filter((s) => s.area === a.id);
      return { id: a.id, number: a.number, title: a.title, answered: ss.filter((s) => ratings.has(s.id)).length, total: ss.length, value: score.areas[i]!.value };
    }),
  };
}
