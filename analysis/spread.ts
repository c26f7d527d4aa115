/**
 * Spread within a group (docs/ANALYSIS.md §Spread): ordered by resultattal, the top 10 % are the
 * first ceil(0.1·n), the bottom 10 % the last ceil(0.1·n), the middle 80 % the rest. Members tied at
 * a cut go to the higher part. With competition ranks r (1 = best): top = r ≤ c; bottom = r > n − c
 * (and not top); middle = the rest.
 */

export type SpreadPart = "top10" | "middle80" | "bottom10";
export const SPREAD_PARTS: readonly SpreadPart[] = ["top10", "middle80", "bottom10"];

/**
 * The spread part of each member, in the order of `ranks`.
 *
 * @example spreadParts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) // c = 2: top 1–2, bottom 10–11
 */
export function spreadParts(ranks: readonly number[]): SpreadPart[] {
  const n = ranks.length;
  const c = Math.ceil(n / 10);
  return ranks.map((r) => (r <= c ? "top10" : r > n - c ? "bottom10" : "middle80"));
}
