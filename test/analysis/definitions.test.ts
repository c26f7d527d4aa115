/**
 * Each definition of docs/ANALYSIS.md pinned on the worked example (test/analysis/fixtures.ts).
 * The expected numbers are written out by hand, as in the doc; none is computed by the code under test.
 */
import { describe, expect, it } from "vitest";
import { benchmarkOf } from "../../analysis/benchmark.ts";
import { changeBetween } from "../../analysis/change.ts";
import { cooperationOf } from "../../analysis/cooperation.ts";
import { levelDistribution } from "../../analysis/distribution.ts";
import { indexModel } from "../../analysis/lib/model-index.ts";
import { nextLevelOf } from "../../analysis/next-level.ts";
import { rankByResultattal } from "../../analysis/resultattal.ts";
import { scoreOf, type Score } from "../../analysis/score.ts";
import { spreadParts } from "../../analysis/spread.ts";
import { top30Members } from "../../analysis/top30.ts";
import { TAKEN, tinyModel } from "./fixtures.ts";

const ix = indexModel(tinyModel);
const taken = (ids: readonly string[]) => {
  const t = new Uint8Array(ix.measures.length);
  for (const id of ids) t[ix.measureById.get(id)!] = 1;
  return t;
};
const score = (k: keyof typeof TAKEN) => scoreOf(ix, taken(TAKEN[k]));
const approx = (s: Score) => ({
  ...s,
  fractionalLevel: Number(s.fractionalLevel.toFixed(4)),
  areas: s.areas.map((a) => ({ ...a, fractionalLevel: Number(a.fractionalLevel.toFixed(4)) })),
});

describe("level, fractional level, work-area levels, points", () => {
  it("X: level 2 (3 of 4 measures ≤ 2 = 75 %), 3 of 5 ≤ 3 → progress 0.6/0.75 = 0.8", () => {
    expect(approx(score("X"))).toEqual({
      level: 2,
      fractionalLevel: 2.8,
      points: 4,
      areas: [
        { area: "a", level: 1, fractionalLevel: 1.6667, points: 1 },
        { area: "b", level: 2, fractionalLevel: 2.8889, points: 3 },
      ],
    });
  });
  it("Y: level 0 (q2 has no measure: 1 of 2 section-1 questions), area a at level 4 above it", () => {
    expect(approx(score("Y"))).toEqual({
      level: 0,
      fractionalLevel: 0.5,
      points: 14,
      areas: [
        { area: "a", level: 4, fractionalLevel: 4, points: 8 },
        { area: "b", level: 0, fractionalLevel: 0, points: 6 },
      ],
    });
  });
  it("Z: level 1, 2 of 4 measures ≤ 2 → 1 + 0.5/0.75", () => {
    expect(approx(score("Z"))).toEqual({
      level: 1,
      fractionalLevel: 1.6667,
      points: 2,
      areas: [
        { area: "a", level: 1, fractionalLevel: 1.6667, points: 1 },
        { area: "b", level: 1, fractionalLevel: 1.6667, points: 1 },
      ],
    });
  });
  it("V: nothing taken → level 0, fractional 0, no points", () => {
    expect(score("V")).toEqual({ level: 0, fractionalLevel: 0, points: 0, areas: [
      { area: "a", level: 0, fractionalLevel: 0, points: 0 },
      { area: "b", level: 0, fractionalLevel: 0, points: 0 },
    ] });
  });
  it("everything taken → level 4 exactly", () => {
    expect(scoreOf(ix, taken(["m1a", "m1b", "m2a", "m2b", "m3a", "m3b", "m4a"])).fractionalLevel).toBe(4);
  });
});

describe("resultattal: competition ranking", () => {
  it("X 1, Z and W tie at 2, Y 4, V 5 (whatever the input order)", () => {
    expect(rankByResultattal([score("X"), score("Y"), score("Z"), score("W"), score("V")])).toEqual([1, 4, 2, 2, 5]);
    expect(rankByResultattal([score("V"), score("W"), score("Z"), score("Y"), score("X")])).toEqual([5, 2, 2, 4, 1]);
  });
  it("at equal level, the sorted work-area levels decide before points", () => {
    const a: Score = { level: 1, fractionalLevel: 1, points: 1, areas: [{ area: "a", level: 3, fractionalLevel: 3, points: 0 }, { area: "b", level: 0, fractionalLevel: 0, points: 1 }] };
    const b: Score = { level: 1, fractionalLevel: 1, points: 99, areas: [{ area: "a", level: 2, fractionalLevel: 2, points: 50 }, { area: "b", level: 2, fractionalLevel: 2, points: 49 }] };
    expect(rankByResultattal([b, a])).toEqual([2, 1]); // (3,0) > (2,2)
  });
  it("then total points, then the sorted work-area points", () => {
    const mk = (p: [number, number]): Score => ({ level: 1, fractionalLevel: 1, points: p[0] + p[1], areas: [{ area: "a", level: 1, fractionalLevel: 1, points: p[0] }, { area: "b", level: 1, fractionalLevel: 1, points: p[1] }] });
    expect(rankByResultattal([mk([2, 2]), mk([1, 4]), mk([3, 1]), mk([1, 3])])).toEqual([4, 1, 2, 2]); // 5 points first; at 4 points (3,1) = (3,1) before (2,2)
  });
});

describe("benchmark: taken when at least half of the members took it", () => {
  it("of all five: m1a (4/5), m2a (3/5) → like Z: level 1, 1.6667, 2 points", () => {
    const b = benchmarkOf(ix, (["X", "Y", "Z", "W", "V"] as const).map((k) => taken(TAKEN[k])))!;
    expect(approx(b)).toEqual(approx(score("Z")));
  });
  it("of X, Y, Z, W: m3a by 2 of 4 — a tie counts as taken → like X: level 2, 2.8, 4 points", () => {
    const b = benchmarkOf(ix, (["X", "Y", "Z", "W"] as const).map((k) => taken(TAKEN[k])))!;
    expect(approx(b)).toEqual(approx(score("X")));
  });
  it("of no one: null", () => expect(benchmarkOf(ix, [])).toBeNull());
});

describe("30 bästa", () => {
  const ranks = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  it("only with more than 60 members", () => {
    expect(top30Members(ranks(60))).toBeNull();
    expect(top30Members(ranks(61))).toHaveLength(30);
  });
  it("all members tied at the 30th place are in", () => {
    const r = [...Array.from({ length: 29 }, (_, i) => i + 1), 30, 30, 30, ...Array.from({ length: 29 }, (_, i) => i + 33)];
    expect(r).toHaveLength(61);
    expect(top30Members(r)).toEqual(Array.from({ length: 32 }, (_, i) => i));
  });
});

describe("spread: ceil(0.1 n), ties at a cut to the higher part", () => {
  it("n = 5: c = 1 → X top, V bottom, the rest middle", () => {
    expect(spreadParts([1, 4, 2, 2, 5])).toEqual(["top10", "middle80", "middle80", "middle80", "bottom10"]);
  });
  it("n = 11: c = 2; three tied at the top cut are all top", () => {
    expect(spreadParts([1, 2, 2, 4, 5, 6, 7, 8, 9, 10, 11])).toEqual(["top10", "top10", "top10", ...Array(6).fill("middle80"), "bottom10", "bottom10"]);
  });
  it("n = 11: two tied at the bottom cut go to the middle", () => {
    expect(spreadParts([1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 11])).toEqual(["top10", "top10", ...Array(8).fill("middle80"), "bottom10"]);
  });
  it("n = 30: c = 3 (not 4 from 0.1 × 30 in floating point)", () => {
    const parts = spreadParts(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(parts.filter((p) => p === "top10")).toHaveLength(3);
    expect(parts.filter((p) => p === "bottom10")).toHaveLength(3);
  });
  it("n = 1: the one member is top", () => expect(spreadParts([1])).toEqual(["top10"]));
});

describe("level distribution and mean", () => {
  it("levels 2, 0, 1, 1, 0 → 2/2/1/0/0, mean 0.8", () => {
    expect(levelDistribution([2, 0, 1, 1, 0])).toEqual({ distribution: { "0": 2, "1": 2, "2": 1, "3": 0, "4": 0 }, mean: 0.8 });
  });
});

describe("cooperation potential", () => {
  it("q1 80 %, q2 60 % and q3 40 % (inclusive) → learn; q4 20 % → need support", () => {
    expect(cooperationOf(ix, (["X", "Y", "Z", "W", "V"] as const).map((k) => taken(TAKEN[k])))).toEqual({ learnFromEachOther: ["q2", "q3"], needSupport: ["q4"] });
  });
});

describe("change between rounds", () => {
  const prevX = scoreOf(ix, taken(["m1a"]));
  const prevZ = scoreOf(ix, taken(["m1a", "m2a", "m3a"]));
  const prevP = scoreOf(ix, taken([]));
  const previous = new Map([["X", prevX], ["Z", prevZ], ["P", prevP]]);
  const current = new Map([["X", score("X")], ["Z", score("Z")], ["W", score("W")], ["Y", score("Y")], ["V", score("V")]]);
  it("X and Z in both: total 2.5 → 3 (+20 %), area a 1 → 1 (0 %), area b 1.5 → 2 (+33.3 %)", () => {
    const c = changeBetween(previous, current, ["a", "b"], 2);
    expect(c.inBoth).toBe(2);
    expect(c.onlyPrevious).toBe(1);
    expect(c.onlyCurrent).toBe(3);
    expect(c.total).toEqual({ previous: 2.5, current: 3, changePercent: 20 });
    expect(c.areas![0]).toEqual({ area: "a", previous: 1, current: 1, changePercent: 0 });
    expect(c.areas![1]!.previous).toBe(1.5);
    expect(c.areas![1]!.current).toBe(2);
    expect(c.areas![1]!.changePercent).toBeCloseTo(33.3333, 3);
  });
  it("fewer than k in both rounds: figures null, counts kept", () => {
    const c = changeBetween(previous, current, ["a", "b"], 3);
    expect(c).toEqual({ inBoth: 2, onlyPrevious: 1, onlyCurrent: 3, total: null, areas: null });
  });
});

describe("measures to the next level", () => {
  it("X (level 2): 3 of 5 measures ≤ 3 taken, 4 needed (75 %) → 1 more of m1b, m2b", () => {
    expect(nextLevelOf(ix, taken(TAKEN.X), 2)).toEqual({ target: 3, kind: "share-of-measures", needed: 1, questions: [], measures: ["m1b", "m2b"] });
  });
  it("Y (level 0): q2 has no measure", () => {
    expect(nextLevelOf(ix, taken(TAKEN.Y), 0)).toEqual({ target: 1, kind: "at-least-one-measure-per-question", needed: 1, questions: ["q2"], measures: ["m2a", "m2b"] });
  });
  it("level 4: nothing", () => expect(nextLevelOf(ix, taken([]), 4)).toBeNull());
});
