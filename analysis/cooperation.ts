/**
 * Cooperation potential of a group (docs/ANALYSIS.md §Cooperation potential), per question, from the
 * share of members with at least one measure taken:
 * - learn from each other: 40 % ≤ share ≤ 60 % (inclusive);
 * - need outside support: share ≤ 20 %.
 * Compared in integers (5·count against 2n, 3n, n), so 2 of 5 is exactly 40 %.
 */
import { anyTaken, type ModelIndex, type Taken } from "./lib/model-index.ts";

export interface Cooperation {
  /** question ids, in model order */
  learnFromEachOther: string[];
  needSupport: string[];
}

/**
 * @example cooperationOf(ix, members) // { learnFromEachOther: ["q1.3"], needSupport: ["q3.2"] }
 */
export function cooperationOf(ix: ModelIndex, members: readonly Taken[]): Cooperation {
  const n = members.length;
  const out: Cooperation = { learnFromEachOther: [], needSupport: [] };
  if (n === 0) return out;
  ix.questions.forEach((q, qi) => {
    let count = 0;
    for (const t of members) if (anyTaken(ix, t, qi)) count++;
    if (5 * count >= 2 * n && 5 * count <= 3 * n) out.learnFromEachOther.push(q.id);
    if (5 * count <= n) out.needSupport.push(q.id);
  });
  return out;
}
