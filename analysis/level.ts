/**
 * Level (nivå) and fractional level of a set of answers over a set of questions
 * (docs/ANALYSIS.md §Level):
 * - `at-least-one-measure-per-question` (section S) is met when every question of section S in the
 *   set has at least one measure taken; progress = the share of those questions with a measure taken.
 * - `share-of-measures` (maxLevel M, minShare s) is met when, of the measures in the set whose level
 *   is ≤ M, the share taken is ≥ s; progress = min(1, share / s).
 * - A rule with no questions or measures in the set is met (progress 1).
 * - Level = the highest L in 0–4 with the rules of 1..L all met (cumulative); fractional level =
 *   L + progress towards level L+1's rule (4 stays 4). Never rounded here.
 */
import type { LevelRule } from "../schemas/survey-model.ts";
import { anyTaken, type ModelIndex, type Taken } from "./lib/model-index.ts";

export interface LevelResult {
  /** whole-number level 0–4 */
  level: number;
  /** level + progress towards the next level's rule, in [0, 4] */
  fractionalLevel: number;
}

/** How far a rule is met over `questions`: `met` and `progress` in [0, 1]. */
export function ruleProgress(ix: ModelIndex, rule: LevelRule, taken: Taken, questions: readonly number[]): { met: boolean; progress: number } {
  if (rule.kind === "at-least-one-measure-per-question") {
    let total = 0;
    let withMeasure = 0;
    for (const q of questions) {
      if (ix.questions[q]!.section !== rule.section) continue;
      total++;
      if (anyTaken(ix, taken, q)) withMeasure++;
    }
    if (total === 0) return { met: true, progress: 1 };
    return { met: withMeasure === total, progress: withMeasure / total };
  }
  let total = 0;
  let n = 0;
  for (const q of questions) {
    for (const m of ix.questions[q]!.measures) {
      if (ix.measures[m]!.level > rule.maxLevel) continue;
      total++;
      if (taken[m]) n++;
    }
  }
  if (total === 0) return { met: true, progress: 1 };
  const share = n / total;
  return { met: share >= rule.minShare, progress: Math.min(1, share / rule.minShare) };
}

/**
 * The level and fractional level of `taken` over `questions` (all questions, or one work area's).
 *
 * @example levelOf(ix, taken, ix.all) // { level: 1, fractionalLevel: 1.62 }
 */
export function levelOf(ix: ModelIndex, taken: Taken, questions: readonly number[]): LevelResult {
  let level = 0;
  while (level < ix.rules.length && ruleProgress(ix, ix.rules[level]!, taken, questions).met) level++;
  if (level === ix.rules.length) return { level, fractionalLevel: level };
  return { level, fractionalLevel: level + ruleProgress(ix, ix.rules[level]!, taken, questions).progress };
}
