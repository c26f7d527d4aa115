/** Lowercase hex: the spelling of every digest Kollen writes. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex } from "../../encoding/hex.ts";

describe("toHex", () => {
  it("writes two lowercase digits per byte, as Node does (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        expect(toHex(b)).toBe(Buffer.from(b).toString("hex"));
      }),
    );
  });
  it("keeps leading zeros", () => {
    expect(toHex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe("0001abff");
    expect(toHex(new Uint8Array(0))).toBe("");
  });
});
