/**
 * Change between rounds (docs/ANALYSIS.md §Change): for the organisations in both rounds only
 * (matched by organisationsnummer, with umbrella coverage resolved: a confirmed covered organisation
 * carries its umbrella's result), the mean points per work area and in total in each round and the
 * change in per cent; also how many organisations are only in the previous round, only in this one.
 */
import type { Score } from "./score.ts";

export interface ChangeFigure {
  previous: number;
  current: number;
  /** (current − previous) / previous × 100; null when previous is 0 */
  changePercent: number | null;
}

export interface Change {
  /** organisations in both rounds (the base of every mean) */
  inBoth: number;
  onlyPrevious: number;
  onlyCurrent: number;
  /** null when fewer than k organisations are in both rounds */
  total: ChangeFigure | null;
  areas: Array<{ area: string } & ChangeFigure> | null;
}

function figure(previous: number, current: number): ChangeFigure {
  return { previous, current, changePercent: previous === 0 ? null : ((current - previous) / previous) * 100 };
}

/**
 * @param previous organisationsnummer → score in the previous round (coverage already resolved)
 * @param current the same for this round
 * @param areas the model's area ids, in order
 * @param k the anonymity threshold: fewer than k organisations in both rounds gives null figures
 * @example changeBetween(prev, cur, ["ledning", …], 5).total?.changePercent // 12.5
 */
export function changeBetween(previous: ReadonlyMap<string, Score>, current: ReadonlyMap<string, Score>, areas: readonly string[], k: number): Change {
  const both = [...current.keys()].filter((o) => previous.has(o));
  const onlyPrevious = [...previous.keys()].filter((o) => !current.has(o)).length;
  const onlyCurrent = current.size - both.length;
  if (both.length === 0 || both.length < k) return { inBoth: both.length, onlyPrevious, onlyCurrent, total: null, areas: null };
  const mean = (scores: ReadonlyMap<string, Score>, pick: (s: Score) => number) => both.reduce((sum, o) => sum + pick(scores.get(o)!), 0) / both.length;
  const pointsIn = (area: string) => (s: Score) => s.areas.find((a) => a.area === area)?.points ?? 0;
  return {
    inBoth: both.length,
    onlyPrevious,
    onlyCurrent,
    total: figure(mean(previous, (s) => s.points), mean(current, (s) => s.points)),
    areas: areas.map((area) => ({ area, ...figure(mean(previous, pointsIn(area)), mean(current, pointsIn(area))) })),
  };
}
