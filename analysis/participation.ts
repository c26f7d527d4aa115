/**
 * Participation of a group against the registry's population (docs/ANALYSIS.md §Participation):
 * respondents (an umbrella submission counts once) and organisations reached (the umbrella plus
 * each confirmed covered organisation, counted in its own group, each organisation once).
 */

export interface Participation {
  respondents: number;
  reached: number;
  /** from the registry; null without one */
  population: number | null;
  /** reached / population; null without a population (or when it is 0) */
  share: number | null;
}

/**
 * @param respondents the group's respondents, each with its confirmed covered organisations
 * @param inGroup whether an organisation belongs to this group
 * @example participationOf([{ organisation: "2120000142", covers: ["2120000159"] }], () => true, 290) // respondents 1, reached 2
 */
export function participationOf(
  respondents: ReadonlyArray<{ organisation: string; covers: readonly string[] }>,
  allRespondents: ReadonlyArray<{ organisation: string; covers: readonly string[] }>,
  inGroup: (orgnr: string) => boolean,
  population: number | null,
): Participation {
  const reached = new Set<string>();
  for (const r of allRespondents) {
    if (inGroup(r.organisation)) reached.add(r.organisation);
    for (const c of r.covers) if (inGroup(c)) reached.add(c);
  }
  return { respondents: respondents.length, reached: reached.size, population, share: population ? reached.size / population : null };
}
