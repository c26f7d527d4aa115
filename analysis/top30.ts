/**
 * 30 bästa: the group's first 30 by resultattal, only when the group has more than 60 members; all
 * members tied at the 30th place are in. With competition ranks that is exactly "rank ≤ 30".
 * docs/ANALYSIS.md §30 bästa.
 */

export const TOP_N = 30;
export const TOP_MIN_GROUP = 61;

/**
 * Positions (into `ranks`) of the 30 bästa, or null when the group has 60 members or fewer.
 *
 * @example top30Members(ranks) // [0, 4, 7, …] (≥ 30 positions) or null
 */
export function top30Members(ranks: readonly number[]): number[] | null {
  if (ranks.length < TOP_MIN_GROUP) return null;
  return ranks.flatMap((r, i) => (r <= TOP_N ? [i] : []));
}
