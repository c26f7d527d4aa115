/**
 * Resultattal: the order of organisations, best first (docs/ANALYSIS.md §Resultattal):
 * 1. level; 2. the work-area levels (whole numbers) sorted descending, compared element by element;
 * 3. total points; 4. the work-area points sorted descending. Equal on all four = equal rank, with
 * competition ranking (1, 2, 2, 4).
 */
import type { Score } from "./score.ts";

function descending(values: number[]): number[] {
  return [...values].sort((a, b) => b - a);
}

/** The resultattal key of a score: the four parts as one vector, compared lexicographically. */
export function resultattalKey(s: Score): number[] {
  return [s.level, ...descending(s.areas.map((a) => a.level)), s.points, ...descending(s.areas.map((a) => a.points))];
}

/** Negative when `a` comes before (is better than) `b`, 0 when equal. */
export function compareKeys(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return b.length - a.length;
}

/**
 * Competition ranks (1 = best) of `scores`, in the input order. Independent of the input order.
 *
 * @example rankByResultattal([a, b, c, d]) // [1, 2, 2, 4] when b and c are equal on all four parts
 */
export function rankByResultattal(scores: readonly Score[]): number[] {
  const keys = scores.map(resultattalKey);
  const order = keys.map((_, i) => i).sort((i, j) => compareKeys(keys[i]!, keys[j]!));
  const ranks = new Array<number>(scores.length);
  order.forEach((idx, pos) => {
    const prev = order[pos - 1];
    ranks[idx] = pos > 0 && compareKeys(keys[prev!]!, keys[idx]!) === 0 ? ranks[prev!]! : pos + 1;
  });
  return ranks;
}
