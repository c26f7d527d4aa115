/** Strict JSON (FORMAT.md rule J1): what JSON.parse alone would let through. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStrictJson } from "../../schemas/strict-json.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("parseStrictJson", () => {
  it("parses ordinary JSON like JSON.parse", () => {
    for (const t of ['{"a":1,"b":[true,false,null,"x\\"y"],"c":{"d":-5}}', "[]", '"s"', "0", " {\n} "]) expect(parseStrictJson(bytes(t))).toEqual(JSON.parse(t));
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (v) => {
        const text = JSON.stringify(v, (_k, x) => (typeof x === "number" ? (Number.isSafeInteger(Math.trunc(x)) ? Math.trunc(x) : 0) || 0 : x));
        expect(parseStrictJson(bytes(text))).toEqual(JSON.parse(text));
      }),
    );
  });

  it("refuses a member name twice, also when spelled with escapes", () => {
    expect(() => parseStrictJson(bytes('{"a":1,"a":2}'))).toThrow();
    expect(() => parseStrictJson(bytes('{"a":1,"\\u0061":2}'))).toThrow();
    expect(() => parseStrictJson(bytes('[{"x":{"a":1,"a":1}}]'))).toThrow();
    expect(parseStrictJson(bytes('[{"a":1},{"a":2}]'))).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it("refuses a byte order mark, fractions, exponents, leading zeros and unsafe integers", () => {
    expect(() => parseStrictJson(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("{}")]))).toThrow();
    for (const t of ["213240.0", "2.1e5", "1E3", "01", "-0.5", "9007199254740993", "[1,]", "{}x", "-", "NaN"]) expect(() => parseStrictJson(bytes(t)), t).toThrow();
    expect(parseStrictJson(bytes("-9007199254740991"))).toBe(-9007199254740991);
  });

  it("refuses invalid UTF-8", () => {
    expect(() => parseStrictJson(new Uint8Array([0x22, 0xff, 0x22]))).toThrow();
  });
});
