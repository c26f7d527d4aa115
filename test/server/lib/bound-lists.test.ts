// Lists bound into one statement in slices within D1's 100 parameters (server/lib/bound-lists.ts).
import { describe, expect, it } from "vitest";
import { LIST_SLICE, inSlices, rowSlices } from "../../../server/lib/bound-lists.ts";

describe("bound lists", () => {
  it("inSlices asks each slice once, in order, and joins the answers", async () => {
    const items = Array.from({ length: 2 * LIST_SLICE + 7 }, (_, i) => i);
    const asked: number[][] = [];
    const out = await inSlices(items, async (some) => {
      asked.push(some);
      return some.map((n) => n * 10);
    });
    expect(asked.map((a) => a.length)).toEqual([LIST_SLICE, LIST_SLICE, 7]);
    expect(out).toEqual(items.map((n) => n * 10));
    expect(await inSlices([], async () => [1])).toEqual([]);
  });

  it("rowSlices keeps each multi-row INSERT within the budget of parameters", () => {
    expect(LIST_SLICE).toBeLessThan(100); // D1's limit per statement
    for (const columns of [1, 2, 4, 6, 7, 90, 200]) {
      const rows = Array.from({ length: 1000 }, (_, i) => Object.fromEntries(Array.from({ length: columns }, (_, c) => [`c${c}`, i])));
      const slices = rowSlices(rows);
      expect(slices.flat()).toEqual(rows);
      for (const s of slices) expect(s.length * columns <= LIST_SLICE || s.length === 1).toBe(true);
      expect(slices.length).toBe(Math.ceil(1000 / Math.max(1, Math.floor(LIST_SLICE / columns))));
    }
    expect(rowSlices([])).toEqual([]);
  });
});
