import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { base64DecodeStrict, base64Encode, base64urlDecodeExact, base64urlEncode } from "../../keys/lib/base64url.ts";

describe("strict base64", () => {
  it("round-trips and matches Buffer (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const b = Buffer.from(bytes);
        expect(base64Encode(bytes)).toBe(b.toString("base64"));
        expect(base64urlEncode(bytes)).toBe(b.toString("base64url"));
        expect(base64DecodeStrict(b.toString("base64"))).toEqual(new Uint8Array(bytes));
        expect(base64urlDecodeExact(b.toString("base64url"))).toEqual(new Uint8Array(bytes));
      }),
    );
  });

  it.each(["A", "AB=", "A===", "AB==C", "AR==", "ABC=".replace("C", "D"), "AB\n==", "ab-_", "éééé"])("rejects non-canonical base64 %j", (s) => {
    expect(base64DecodeStrict(s)).toBeUndefined();
  });

  it.each(["A", "AR", "ABD", "AB==", "ab+/", "AB C"])("rejects non-canonical base64url %j", (s) => {
    expect(base64urlDecodeExact(s)).toBeUndefined();
  });

  it("checks the length", () => {
    expect(base64urlDecodeExact(base64urlEncode(new Uint8Array(32)), 32)).toHaveLength(32);
    expect(base64urlDecodeExact(base64urlEncode(new Uint8Array(31)), 32)).toBeUndefined();
  });
});
