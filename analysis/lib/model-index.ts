/**
 * The survey model as flat arrays, built once per analysis: measures and questions by position,
 * so an organisation's answers are one `Uint8Array` of taken flags (1 = taken) in model order.
 * Internal to analysis/; docs/ANALYSIS.md §Definitions.
 */
import type { InfosakkollenModel, LevelRule } from "../../schemas/survey-model.ts";

export interface IndexedMeasure {
  id: string;
  points: number;
  level: number;
  /** position of its question in `questions` */
  question: number;
}

export interface IndexedQuestion {
  id: string;
  number: string;
  section: number;
  area: string;
  /** positions of its measures in `measures` */
  measures: number[];
}

export interface IndexedArea {
  id: string;
  /** positions of its questions in `questions` */
  questions: number[];
}

export interface ModelIndex {
  model: InfosakkollenModel;
  questions: IndexedQuestion[];
  measures: IndexedMeasure[];
  areas: IndexedArea[];
  /** the rules of levels 1..4, in order */
  rules: LevelRule[];
  questionById: Map<string, number>;
  measureById: Map<string, number>;
  /** every question position, in model order */
  all: number[];
}

/** Taken flags, one byte per measure of the model, in model order. */
export type Taken = Uint8Array;

/** Indexes an Infosäkkollen model. */
export function indexModel(model: InfosakkollenModel): ModelIndex {
  const questions: IndexedQuestion[] = [];
  const measures: IndexedMeasure[] = [];
  const questionById = new Map<string, number>();
  const measureById = new Map<string, number>();
  model.questions.forEach((q, qi) => {
    questionById.set(q.id, qi);
    const ms: number[] = [];
    for (const m of q.measures) {
      measureById.set(m.id, measures.length);
      ms.push(measures.length);
      measures.push({ id: m.id, points: m.points, level: m.level, question: qi });
    }
    questions.push({ id: q.id, number: q.number, section: q.section, area: q.area, measures: ms });
  });
  const areas = model.areas.map((a) => ({ id: a.id, questions: questions.flatMap((q, i) => (q.area === a.id ? [i] : [])) }));
  return { model, questions, measures, areas, rules: model.levels.map((l) => l.rule), questionById, measureById, all: questions.map((_, i) => i) };
}

/** True when question `q` has at least one measure taken. */
export function anyTaken(ix: ModelIndex, taken: Taken, q: number): boolean {
  for (const m of ix.questions[q]!.measures) if (taken[m]) return true;
  return false;
}
