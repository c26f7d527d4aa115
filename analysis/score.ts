/**
 * An organisation's (or a benchmark's) figures from its taken measures: level, fractional level and
 * points, overall and per work area (the indicative work-area level). docs/ANALYSIS.md §Points.
 */
import { levelOf } from "./level.ts";
import type { ModelIndex, Taken } from "./lib/model-index.ts";

export interface AreaScore {
  area: string;
  level: number;
  fractionalLevel: number;
  points: number;
}

export interface Score {
  level: number;
  fractionalLevel: number;
  points: number;
  /** in the model's area order */
  areas: AreaScore[];
}

function pointsOf(ix: ModelIndex, taken: Taken, questions: readonly number[]): number {
  let sum = 0;
  for (const q of questions) for (const m of ix.questions[q]!.measures) if (taken[m]) sum += ix.measures[m]!.points;
  return sum;
}

/**
 * Level, fractional level and points of one set of answers, overall and per area.
 *
 * @example scoreOf(ix, taken) // { level: 1, fractionalLevel: 1.5, points: 42, areas: [{ area: "ledning", … }] }
 */
export function scoreOf(ix: ModelIndex, taken: Taken): Score {
  const overall = levelOf(ix, taken, ix.all);
  return {
    level: overall.level,
    fractionalLevel: overall.fractionalLevel,
    points: pointsOf(ix, taken, ix.all),
    areas: ix.areas.map((a) => ({ area: a.id, ...levelOf(ix, taken, a.questions), points: pointsOf(ix, taken, a.questions) })),
  };
}
