/**
 * k-anonymity of published figures (docs/ANALYSIS.md §Anonymity): no published figure may rest on
 * fewer than k organisations. Each figure of a group is computed from a base (the members it is
 * computed from); a figure whose base is smaller than k becomes null and its name goes to the
 * group's `suppressed` list. A figure that does not apply (30 bästa in a group of 60 or fewer) is
 * null without being listed.
 */

export const DEFAULT_K = 5;

export interface Figure<T> {
  /** the figure's name in `suppressed`, e.g. "benchmark", "spread.top10" */
  name: string;
  /** how many organisations it rests on */
  base: number;
  /** computes the figure; called only when it is published */
  compute: () => T;
}

/**
 * Publishes a figure or suppresses it.
 *
 * @example const benchmark = publish({ name: "benchmark", base: n, compute: () => benchmarkOf(ix, members) }, k, suppressed)
 */
export function publish<T>(figure: Figure<T>, k: number, suppressed: string[]): T | null {
  if (figure.base < k) {
    suppressed.push(figure.name);
    return null;
  }
  return figure.compute();
}
