/**
 * Benchmark of a group (typkommun, typregion, …): the answers of a typical member. A measure counts
 * as taken when at least half of the members took it (ties count as taken); its level, fractional
 * level, work-area levels and points are computed from those answers like any organisation's.
 * docs/ANALYSIS.md §Benchmark.
 */
import type { ModelIndex, Taken } from "./lib/model-index.ts";
import { scoreOf, type Score } from "./score.ts";

/** The typical member's answers: taken when 2 × count ≥ members (exact, no floating point). */
export function typicalAnswers(ix: ModelIndex, members: readonly Taken[]): Taken {
  const counts = new Uint32Array(ix.measures.length);
  for (const t of members) for (let m = 0; m < counts.length; m++) counts[m]! += t[m]!;
  const typical = new Uint8Array(ix.measures.length);
  for (let m = 0; m < counts.length; m++) typical[m] = 2 * counts[m]! >= members.length ? 1 : 0;
  return typical;
}

/**
 * The benchmark of `members`, or null for an empty set.
 *
 * @example benchmarkOf(ix, kommuner.map((o) => o.taken))?.level // the typkommun's level
 */
export function benchmarkOf(ix: ModelIndex, members: readonly Taken[]): Score | null {
  if (members.length === 0) return null;
  return scoreOf(ix, typicalAnswers(ix, members));
}
