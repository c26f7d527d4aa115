/**
 * Bad input (admitResults) and the report-level definitions: groups from the registry or the
 * number, förvaltning, participation with umbrella coverage, It-säkkollen means and distributions.
 * Expectations written out by hand.
 */
import { describe, expect, it } from "vitest";
import { admitResults } from "../../analysis/admit-results.ts";
import { buildReport, publicReport, type InfosakReport, type ItsakReport } from "../../analysis/report.ts";
import { isKollenError } from "../../schemas/errors.ts";
import { parseSurveyModel, type LoadedSurveyModel } from "../../schemas/survey-model.ts";
import { FIVE, ORG, TAKEN, admitted, tinyLoaded, tinyResult } from "./fixtures.ts";

const GEN = "2026-01-01T00:00:00.000Z";

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("did not throw");
}

describe("admitResults", () => {
  it("a result for another model hash is left out with SURVEY_MODEL_MISMATCH", () => {
    const other = { ...tinyResult(ORG.X, []), model: { id: "tiny", sha256: "b".repeat(64) } };
    const r = admitResults(tinyLoaded, [{ source: "x/result.json", value: other }, { source: "z/result.json", value: tinyResult(ORG.Z, TAKEN.Z) }]);
    expect(r.admitted.map((a) => a.organisation)).toEqual([ORG.Z]);
    expect(r.excluded).toEqual([{ source: "x/result.json", organisation: ORG.X, code: "SURVEY_MODEL_MISMATCH", reason: expect.any(String) }]);
  });
  it("two results for one organisation: the later createdAt wins, the other is listed", () => {
    const r = admitResults(tinyLoaded, [
      { source: "new/result.json", value: tinyResult(ORG.X, TAKEN.X), createdAt: "2026-03-02T00:00:00Z" },
      { source: "old/result.json", value: tinyResult(ORG.X, []), createdAt: "2026-03-01T00:00:00.5Z" },
    ]);
    expect(r.admitted.map((a) => a.source)).toEqual(["new/result.json"]);
    expect(r.excluded.map((e) => [e.source, e.code])).toEqual([["old/result.json", "RESULT_SUPERSEDED"]]);
  });
  it("without times, the later in input order wins", () => {
    const r = admitResults(tinyLoaded, [{ source: "a", value: tinyResult(ORG.X, []) }, { source: "b", value: tinyResult(ORG.X, TAKEN.X) }]);
    expect(r.admitted.map((a) => a.source)).toEqual(["b"]);
    expect(r.excluded.map((e) => e.source)).toEqual(["a"]);
  });
  it("an unknown measure id → RESULT_INVALID naming the path, never the value", () => {
    const bad = tinyResult(ORG.X, TAKEN.X) as { answers: Array<{ question: string; measures: string[] }> };
    bad.answers[1]!.measures.push("secret-measure-xyz");
    const e = thrown(() => admitResults(tinyLoaded, [{ source: "x/result.json", value: bad }]));
    expect(isKollenError(e, "RESULT_INVALID")).toBe(true);
    expect((e as Error).message).toContain("x/result.json: answers[1].measures[1]");
    expect((e as Error).message).not.toContain("secret-measure-xyz");
  });
  it("an unknown question id → RESULT_INVALID naming the path", () => {
    const bad = tinyResult(ORG.X, []) as { answers: Array<{ question: string; measures: string[] }> };
    bad.answers[0]!.question = "q99";
    const e = thrown(() => admitResults(tinyLoaded, [{ source: "x", value: bad }]));
    expect(isKollenError(e, "RESULT_INVALID")).toBe(true);
    expect((e as Error).message).toBe("x: answers[0].question: unknown question id (okänd fråga)");
  });
  it("unanswered questions are allowed (no measure taken)", () => {
    const partial = tinyResult(ORG.X, ["m1a"]) as { answers: unknown[] };
    partial.answers = partial.answers.slice(0, 1);
    expect(admitResults(tinyLoaded, [{ source: "x", value: partial }]).admitted).toHaveLength(1);
  });
});

describe("buildReport", () => {
  it("an empty input is an error", () => {
    expect(isKollenError(thrown(() => buildReport({ model: tinyLoaded, results: [], excluded: [], k: 5, generatedAt: GEN })), "ANALYSIS_NO_RESULTS")).toBe(true);
  });
  it("the worked example as a report (k = 5): group kommun, ranks, figures, the small spread parts suppressed", () => {
    const r = buildReport({ model: tinyLoaded, results: FIVE, excluded: [], k: 5, generatedAt: GEN }) as InfosakReport;
    expect(r.organisations.map((o) => [o.organisation, o.group, o.level, o.points, o.rank, o.spread])).toEqual([
      [ORG.X, "kommun", 2, 4, 1, "top10"],
      [ORG.Y, "kommun", 0, 14, 4, "middle80"],
      [ORG.Z, "kommun", 1, 2, 2, "middle80"],
      [ORG.W, "kommun", 1, 2, 2, "middle80"],
      [ORG.V, "kommun", 0, 0, 5, "bottom10"],
    ]);
    const kommun = r.groups.find((g) => g.group === "kommun")!;
    expect(kommun.levelDistribution).toEqual({ "0": 2, "1": 2, "2": 1, "3": 0, "4": 0 });
    expect(kommun.meanLevel).toBe(0.8);
    expect(kommun.benchmark?.points).toBe(2);
    expect(kommun.top30).toBeNull();
    expect(kommun.cooperation).toEqual({ learnFromEachOther: ["q2", "q3"], needSupport: ["q4"] });
    // spread parts of 1, 3 and 1 members: each below k = 5
    expect(kommun.suppressed).toEqual(["spread.top10", "spread.middle80", "spread.bottom10"]);
    expect(kommun.spread).toEqual({ top10: null, middle80: null, bottom10: null });
    expect(r.groups.map((g) => [g.group, g.respondents])).toEqual([
      ["kommun", 5], ["region", 0], ["statlig myndighet", 0], ["företag", 0], ["övrig", 0], ["förvaltning", 5], ["alla", 5],
    ]);
    expect(r.groups.find((g) => g.group === "region")!.suppressed).toEqual([
      "levelDistribution", "meanLevel", "benchmark", "spread.top10", "spread.middle80", "spread.bottom10", "cooperation",
    ]);
  });
  it("registry groups override the number; population and umbrella coverage give participation", () => {
    const umbrella = { ...admitted(ORG.X, TAKEN.X), covers: ["2120000050", "5560000001"], confirmedCovers: ["2120000050"] };
    const r = buildReport({
      model: tinyLoaded,
      results: [umbrella, admitted(ORG.Y, TAKEN.Y), admitted("2321000008", [])],
      excluded: [],
      k: 1,
      generatedAt: GEN,
      registry: {
        organisations: [
          { organisation: ORG.Y, group: "företag" },
          { organisation: ORG.X, group: "kommun", covers: ["5560000001"] },
          { organisation: "5560000001", group: "företag" },
        ],
        population: { kommun: 290, region: 21, "statlig myndighet": 340, företag: 10, övrig: 5 },
      },
    }) as InfosakReport;
    const p = Object.fromEntries(r.groups.map((g) => [g.group, g.participation]));
    // X covers 2120000050 (confirmed by the export) and 5560000001 (confirmed by the registry)
    expect(p.kommun).toEqual({ respondents: 1, reached: 2, population: 290, share: 2 / 290 });
    expect(p.företag).toEqual({ respondents: 1, reached: 2, population: 10, share: 0.2 });
    expect(p.region).toEqual({ respondents: 1, reached: 1, population: 21, share: 1 / 21 });
    expect(p.förvaltning).toEqual({ respondents: 2, reached: 3, population: 651, share: 3 / 651 });
    expect(p.alla).toEqual({ respondents: 3, reached: 5, population: 666, share: 5 / 666 });
  });
  it("change between rounds resolves umbrella coverage: a covered organisation carries its umbrella's result", () => {
    // previous round: X reported for Z (confirmed); this round Z reports itself
    const prevX = { ...admitted(ORG.X, ["m1a"]), covers: [ORG.Z], confirmedCovers: [ORG.Z] };
    const r = buildReport({ model: tinyLoaded, results: [admitted(ORG.X, TAKEN.X), admitted(ORG.Z, TAKEN.Z)], excluded: [], k: 1, generatedAt: GEN, previous: { model: tinyLoaded, results: [prevX] } }) as InfosakReport;
    // both: X (1 → 4) and Z (1 → 2): mean 1 → 3, +200 %
    expect(r.change?.inBoth).toBe(2);
    expect(r.change?.total).toEqual({ previous: 1, current: 3, changePercent: 200 });
  });
});

describe("It-säkkollen", () => {
  const t = (s: string) => ({ sv: s, en: s });
  const model = parseSurveyModel({
    format: "kollen-survey-model/1", id: "tiny-it", version: "1", title: t("T"), kind: "itsakkollen", example: true, note: t("n"),
    areas: [{ id: "a", number: 1, title: t("A") }, { id: "b", number: 2, title: t("B") }],
    statements: [
      { id: "s1", number: "1", area: "a", text: t("s1"), scale: "1-4" },
      { id: "s2", number: "2", area: "a", text: t("s2"), scale: "1-4" },
      { id: "s3", number: "3", area: "b", text: t("s3"), scale: "1-4" },
    ],
    scaleLabels: [1, 2, 3, 4].map((value) => ({ value, label: t(String(value)) })),
  });
  const loaded: LoadedSurveyModel = { model, sha256: "c".repeat(64) };
  const res = (organisation: string, ratings: Array<[string, number]>) => ({ source: organisation, organisation, covers: [], confirmedCovers: [], answers: ratings.map(([statement, rating]) => ({ statement, rating })) });
  it("area = mean of answered statements; whole = mean of areas; group means and distribution", () => {
    const r = buildReport({
      model: loaded,
      results: [res(ORG.X, [["s1", 1], ["s2", 4], ["s3", 2]]), res(ORG.Y, [["s1", 3], ["s3", 4]])],
      excluded: [],
      k: 2,
      generatedAt: GEN,
    }) as ItsakReport;
    // X: a = (1+4)/2 = 2.5, b = 2, whole 2.25; Y: a = 3 (s2 unanswered), b = 4, whole 3.5
    expect(r.organisations.map((o) => [o.value, o.areas.map((a) => a.value)])).toEqual([[2.25, [2.5, 2]], [3.5, [3, 4]]]);
    const kommun = r.groups.find((g) => g.group === "kommun")!;
    expect(kommun.value).toBe(2.875);
    expect(kommun.areas).toEqual([{ area: "a", value: 2.75 }, { area: "b", value: 3 }]);
    expect(kommun.distribution).toEqual([
      { statement: "s1", ratings: { "1": 1, "2": 0, "3": 1, "4": 0 } },
      { statement: "s2", ratings: { "1": 0, "2": 0, "3": 0, "4": 1 } },
      { statement: "s3", ratings: { "1": 0, "2": 1, "3": 0, "4": 1 } },
    ]);
    expect(r.groups.find((g) => g.group === "region")).toMatchObject({ respondents: 0, value: null, distribution: null, suppressed: ["means", "distribution"] });
    expect(Object.keys(publicReport(r))).not.toContain("organisations");
  });
});

describe("differencingRisks", () => {
  it("a suppressed region beside a published kommun and förvaltning is reported", async () => {
    const { differencingRisks } = await import("../../analysis/differencing.ts");
    const kommuner = ["2120000001", "2120000019", "2120000027", "2120000035", "2120000043"].map((o) => admitted(o, TAKEN.X));
    const r = buildReport({ model: tinyLoaded, results: [...kommuner, admitted("2321000008", [])], excluded: [], k: 5, generatedAt: GEN });
    // förvaltning (6) and alla (6) published; region (1) suppressed; statlig myndighet has no respondent
    expect(differencingRisks(r)).toEqual([
      { group: "region", figure: "levelDistribution", from: "förvaltning" },
      { group: "region", figure: "meanLevel", from: "förvaltning" },
    ]);
    expect(differencingRisks(buildReport({ model: tinyLoaded, results: kommuner, excluded: [], k: 5, generatedAt: GEN }))).toEqual([]);
  });
});
