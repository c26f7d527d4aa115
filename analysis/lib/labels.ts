/** The Swedish names of the report's groups and comparison figures, shared by the pages. */
import type { SpreadPart } from "../spread.ts";

export const GROUP_LABEL: Record<string, string> = {
  kommun: "Kommuner",
  region: "Regioner",
  "statlig myndighet": "Statliga myndigheter",
  företag: "Företag",
  övrig: "Övriga",
  förvaltning: "Förvaltning (kommuner, regioner, myndigheter)",
  alla: "Alla",
};

export const BENCH_LABEL: Record<"benchmark" | "top30" | SpreadPart, string> = {
  benchmark: "Typorganisation",
  top30: "30 bästa",
  top10: "Översta 10 %",
  middle80: "Mellersta 80 %",
  bottom10: "Nedersta 10 %",
};

/** Short names for chart legends. */
export const GROUP_SHORT: Record<string, string> = {
  kommun: "Kommuner",
  region: "Regioner",
  "statlig myndighet": "Myndigheter",
  företag: "Företag",
  övrig: "Övriga",
  förvaltning: "Förvaltning",
  alla: "Alla",
};
