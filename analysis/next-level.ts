/**
 * What would take an organisation to the next level (its private feedback page): the rule of level
 * L+1 and the measures not yet taken that count towards it. For `at-least-one-measure-per-question`
 * the section's questions without a measure (any one measure of each is enough); for
 * `share-of-measures` how many more measures of level ≤ M are needed and the candidates, lowest
 * level first, then most points.
 */
import { anyTaken, type ModelIndex, type Taken } from "./lib/model-index.ts";

export interface NextLevel {
  /** the level to reach (L + 1) */
  target: number;
  kind: "at-least-one-measure-per-question" | "share-of-measures";
  /** how many more measures are needed (one per listed question for the section rule) */
  needed: number;
  /** for the section rule: the questions still without a measure */
  questions: string[];
  /** measure ids that count towards the rule, suggested order */
  measures: string[];
}

/**
 * @example nextLevelOf(ix, taken, 1) // { target: 2, kind: "share-of-measures", needed: 3, measures: [...] }
 * @returns null at level 4
 */
export function nextLevelOf(ix: ModelIndex, taken: Taken, level: number): NextLevel | null {
  const rule = ix.rules[level];
  if (!rule) return null;
  if (rule.kind === "at-least-one-measure-per-question") {
    const open = ix.all.filter((q) => ix.questions[q]!.section === rule.section && !anyTaken(ix, taken, q));
    const measures = open.flatMap((q) => ix.questions[q]!.measures.map((m) => ix.measures[m]!).sort((a, b) => a.level - b.level || b.points - a.points)).map((m) => m.id);
    return { target: level + 1, kind: rule.kind, needed: open.length, questions: open.map((q) => ix.questions[q]!.id), measures };
  }
  const eligible = ix.measures.filter((m) => m.level <= rule.maxLevel);
  const have = eligible.filter((m) => taken[ix.measureById.get(m.id)!]).length;
  // the smallest count with count / total ≥ minShare (the same comparison as the rule)
  let goal = Math.ceil(rule.minShare * eligible.length);
  while (goal > 0 && (goal - 1) / eligible.length >= rule.minShare) goal--;
  while (goal / eligible.length < rule.minShare) goal++;
  const candidates = eligible.filter((m) => !taken[ix.measureById.get(m.id)!]).sort((a, b) => a.level - b.level || b.points - a.points);
  return { target: level + 1, kind: rule.kind, needed: Math.max(0, goal - have), questions: [], measures: candidates.map((m) => m.id) };
}
