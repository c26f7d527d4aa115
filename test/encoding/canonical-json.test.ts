/** Canonical JSON (RFC 8785 subset): key order, round trips, and what it refuses. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../encoding/canonical-json.ts";

/** The subset canonicalJson supports: numbers are safe integers (and not -0). */
function onlySafeIntegers(v: unknown): boolean {
  if (typeof v === "number") return Number.isSafeInteger(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every(onlySafeIntegers);
  if (v && typeof v === "object") return Object.values(v).every(onlySafeIntegers);
  return true;
}

describe("canonical JSON (RFC 8785 subset)", () => {
  it("is independent of key order and parses back to the same value", () => {
    fc.assert(
      fc.property(fc.jsonValue().filter(onlySafeIntegers), (v) => {
        const s = canonicalJson(v);
        expect(JSON.parse(s)).toEqual(JSON.parse(JSON.stringify(v)));
        const shuffled = JSON.parse(JSON.stringify(v), (_k, x) =>
          x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x,
        );
        expect(canonicalJson(shuffled)).toBe(s);
      }),
    );
  });
  it("sorts keys by UTF-16 code units", () => {
    expect(canonicalJson({ b: 1, a: [true, null, "x"], "\u00e5": 2, A: {} })).toBe('{"A":{},"a":[true,null,"x"],"b":1,"å":2}');
  });
  it("leaves out undefined members and refuses what it cannot write canonically", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    for (const v of [1.5, 2 ** 53, Number.NaN, 1n, () => 0, Symbol("s")]) expect(() => canonicalJson(v)).toThrow(TypeError);
  });
});
