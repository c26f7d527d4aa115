/**
 * Level distribution of a group: how many members are at level 0, 1, 2, 3, 4, and the mean of their
 * whole-number levels. docs/ANALYSIS.md §Level distribution.
 */

export type LevelDistribution = Record<"0" | "1" | "2" | "3" | "4", number>;

/**
 * @example levelDistribution([0, 1, 1, 4]) // { distribution: { "0": 1, "1": 2, "2": 0, "3": 0, "4": 1 }, mean: 1.5 }
 */
export function levelDistribution(levels: readonly number[]): { distribution: LevelDistribution; mean: number | null } {
  const distribution: LevelDistribution = { "0": 0, "1": 0, "2": 0, "3": 0, "4": 0 };
  let sum = 0;
  for (const l of levels) {
    distribution[String(l) as keyof LevelDistribution]++;
    sum += l;
  }
  return { distribution, mean: levels.length ? sum / levels.length : null };
}
