/** Bech32 (BIP 173, without the length limit), as age writes keys. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bech32Decode, bech32Encode } from "../../encoding/bech32.ts";

describe("bech32", () => {
  it("round-trips and keeps the case of the human-readable part", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), (b) => {
        const s = bech32Encode("age", b);
        expect(bech32Decode(s)).toEqual({ hrp: "age", data: b });
        expect(bech32Decode(s.toUpperCase())).toEqual({ hrp: "AGE", data: b });
      }),
    );
  });

  it("rejects mixed case, bad checksums, foreign characters and a missing separator", () => {
    const s = bech32Encode("age", new Uint8Array(32).fill(7));
    expect(bech32Decode(s.slice(0, 10) + s.slice(10).toUpperCase())).toBeNull();
    const flipped = s.slice(0, -1) + (s.endsWith("q") ? "p" : "q");
    expect(bech32Decode(flipped)).toBeNull();
    expect(bech32Decode(s.replace(/.$/, "b"))).toBeNull(); // 'b' is not in the charset
    expect(bech32Decode("agexyz")).toBeNull();
    expect(bech32Decode("")).toBeNull();
    expect(bech32Decode("1qqqqqq")).toBeNull(); // empty human-readable part
  });
});

