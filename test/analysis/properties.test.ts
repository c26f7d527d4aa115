/**
 * Properties on random populations (fast-check): levels, benchmarks and ranks do not depend on the
 * order of the results; for every k from 1 to 10 each published figure rests on at least k
 * organisations, and every figure that does not is null and listed in `suppressed`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Admitted } from "../../analysis/admit-results.ts";
import { publicReport, buildReport, type InfosakReport } from "../../analysis/report.ts";
import { rankByResultattal } from "../../analysis/resultattal.ts";
import { spreadParts } from "../../analysis/spread.ts";
import { tinyLoaded, tinyModel, tinyResult } from "./fixtures.ts";

const MEASURES = tinyModel.questions.flatMap((q) => q.measures.map((m) => m.id));
// Luhn-valid numbers in three groups: kommun, region, statlig myndighet, företag-like (övrig)
function orgnr(prefix: string, i: number): string {
  const nine = prefix + String(i).padStart(9 - prefix.length, "0");
  let sum = 0;
  for (let j = 0; j < 9; j++) {
    let d = Number(nine[j]);
    if (j % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return nine + String((10 - (sum % 10)) % 10);
}
const PREFIXES = ["212000", "232100", "202100", "556"];

const population = fc
  .array(fc.record({ g: fc.integer({ min: 0, max: 3 }), taken: fc.subarray(MEASURES) }), { minLength: 1, maxLength: 90 })
  .map((rows) =>
    rows.map((r, i): Admitted => {
      const organisation = orgnr(PREFIXES[r.g]!, i);
      return { source: `${i}/result.json`, organisation, covers: [], confirmedCovers: [], answers: (tinyResult(organisation, r.taken) as { answers: Admitted["answers"] }).answers };
    }),
  );

const build = (results: Admitted[], k = 5) => buildReport({ model: tinyLoaded, results, excluded: [], k, generatedAt: "2026-01-01T00:00:00.000Z" }) as InfosakReport;

describe("order independence", () => {
  it("the same report whatever the order of the results", () => {
    fc.assert(
      fc.property(population, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (results, noise) => {
        const shuffled = results.map((r) => [noise.next().value, r] as const).sort((a, b) => a[0] - b[0]).map(([, r]) => r);
        expect(build(shuffled)).toEqual(build(results));
      }),
      { numRuns: 60 },
    );
  });
});

describe("k-anonymity", () => {
  it("for every k from 1 to 10: a figure is published iff its base is ≥ k", () => {
    fc.assert(
      fc.property(population, (results) => {
        for (let k = 1; k <= 10; k++) {
          const report = build(results, k);
          for (const g of report.groups) {
            const members = report.organisations.filter((o) => g.group === "alla" || o.group === g.group || (g.group === "förvaltning" && ["kommun", "region", "statlig myndighet"].includes(o.group)));
            expect(g.respondents).toBe(members.length);
            const parts = spreadParts(rankByResultattal(members));
            const bases: Record<string, number> = {
              levelDistribution: members.length,
              meanLevel: members.length,
              benchmark: members.length,
              cooperation: members.length,
              "spread.top10": parts.filter((p) => p === "top10").length,
              "spread.middle80": parts.filter((p) => p === "middle80").length,
              "spread.bottom10": parts.filter((p) => p === "bottom10").length,
            };
            const value = (name: string): unknown => (name.startsWith("spread.") ? g.spread[name.slice(7) as "top10"] : (g as unknown as Record<string, unknown>)[name]);
            for (const [name, base] of Object.entries(bases)) {
              if (base < k) {
                expect(value(name), `${g.group} ${name} k=${k}`).toBeNull();
                expect(g.suppressed).toContain(name);
              } else {
                expect(value(name), `${g.group} ${name} k=${k}`).not.toBeNull();
                expect(g.suppressed).not.toContain(name);
              }
            }
            expect(members.length > 60 ? g.top30 !== null || g.suppressed.includes("top30") : g.top30 === null).toBe(true);
          }
          const pub = publicReport(report) as unknown as Record<string, unknown>;
          expect(pub.organisations).toBeUndefined();
          expect(pub.excluded).toBeUndefined();
        }
      }),
      { numRuns: 25 },
    );
  });
});
