/**
 * Groups whose suppressed additive figures can be recovered by difference (docs/ANALYSIS.md
 * §Limitation): förvaltning = kommun + region + statlig myndighet, alla = förvaltning + företag +
 * övrig. When the parent's figure is published and exactly one part with respondents has it
 * suppressed, that part's figure is the parent's minus the others'. Reported, not acted on: the
 * authority decides what to withhold.
 */
import type { Report } from "./report.ts";

const SUMS: ReadonlyArray<[string, readonly string[]]> = [
  ["förvaltning", ["kommun", "region", "statlig myndighet"]],
  ["alla", ["förvaltning", "företag", "övrig"]],
];

export interface DifferencingRisk {
  group: string;
  figure: string;
  /** the published parent it can be derived from */
  from: string;
}

/**
 * @example differencingRisks(report) // [{ group: "region", figure: "levelDistribution", from: "förvaltning" }]
 */
export function differencingRisks(report: Report): DifferencingRisk[] {
  const figures = report.kind === "infosakkollen" ? ["levelDistribution", "meanLevel"] : ["means", "distribution"];
  const byName = new Map<string, Report["groups"][number]>(report.groups.map((g) => [g.group, g]));
  const risks: DifferencingRisk[] = [];
  for (const figure of figures) {
    for (const [parent, parts] of SUMS) {
      const p = byName.get(parent);
      if (!p || p.suppressed.includes(figure)) continue;
      const hidden = parts.map((x) => byName.get(x)!).filter((g) => g.respondents > 0 && g.suppressed.includes(figure));
      if (hidden.length === 1) risks.push({ group: hidden[0]!.group, figure, from: parent });
    }
  }
  return risks;
}
