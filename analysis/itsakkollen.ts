/**
 * It-säkkollen figures (docs/ANALYSIS.md §It-säkkollen): an area's value is the mean of its answered
 * statements (ratings 1–4); the whole is the mean of the area values; per group the same means over
 * members, and the distribution of ratings per statement.
 */
import type { ItsakkollenModel } from "../schemas/survey-model.ts";

export interface ItsakScore {
  /** mean of the area values; null when nothing is answered */
  value: number | null;
  areas: Array<{ area: string; value: number | null }>;
}

export interface ItsakGroupFigures {
  value: number | null;
  areas: Array<{ area: string; value: number | null }>;
  /** per statement: how many members gave each rating */
  distribution: Array<{ statement: string; ratings: Record<"1" | "2" | "3" | "4", number> }>;
}

function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/**
 * @param ratings statement id → rating (1–4); unanswered statements are absent
 * @example itsakScoreOf(model, new Map([["s1", 3], ["s2", 4]])) // { value: 3.5, areas: [{ area: "styrning", value: 3.5 }, …] }
 */
export function itsakScoreOf(model: ItsakkollenModel, ratings: ReadonlyMap<string, number>): ItsakScore {
  const areas = model.areas.map((a) => ({
    area: a.id,
    value: mean(model.statements.filter((s) => s.area === a.id && ratings.has(s.id)).map((s) => ratings.get(s.id)!)),
  }));
  return { value: mean(areas.flatMap((a) => (a.value === null ? [] : [a.value]))), areas };
}

/** The group means (over members with a value) and the rating distribution per statement. */
export function itsakGroupOf(model: ItsakkollenModel, members: ReadonlyArray<{ score: ItsakScore; ratings: ReadonlyMap<string, number> }>): ItsakGroupFigures {
  return {
    value: mean(members.flatMap((m) => (m.score.value === null ? [] : [m.score.value]))),
    areas: model.areas.map((a, i) => ({ area: a.id, value: mean(members.flatMap((m) => (m.score.areas[i]!.value === null ? [] : [m.score.areas[i]!.value!]))) })),
    distribution: model.statements.map((s) => {
      const ratings = { "1": 0, "2": 0, "3": 0, "4": 0 };
      for (const m of members) {
        const r = m.ratings.get(s.id);
        if (r !== undefined) ratings[String(r) as keyof typeof ratings]++;
      }
      return { statement: s.id, ratings };
    }),
  };
}
