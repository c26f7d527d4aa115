/** SHA-256: one-shot and incremental, every backend against the FIPS 180-4 examples and each other. */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex } from "../../encoding/hex.ts";
import { sha256, sha256Hex, type HashFactory } from "../../encoding/sha256.ts";
import { nobleSha256 } from "../../encoding/sha256.noble.ts";
import { nodeSha256 } from "../../encoding/sha256.node.ts";

const ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("one-shot", () => {
  it("matches the FIPS 180-4 examples", async () => {
    expect(await sha256Hex(new TextEncoder().encode("abc"))).toBe(ABC);
    expect(await sha256Hex(new Uint8Array(0))).toBe(EMPTY);
    expect(toHex(await sha256(new TextEncoder().encode("abc")))).toBe(ABC);
  });
});

describe.each<[string, HashFactory]>([
  ["@noble/hashes", nobleSha256],
  ["node:crypto", nodeSha256],
])("incremental (%s)", (_name, factory) => {
  it("gives the same digest whatever the chunking (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 8 }), (bytes, sizes) => {
        const h = factory();
        for (let at = 0, i = 0; at < bytes.length; at += sizes[i++ % sizes.length]!) h.update(bytes.subarray(at, at + sizes[i % sizes.length]!));
        expect(toHex(h.digest())).toBe(createHash("sha256").update(bytes).digest("hex"));
      }),
    );
  });
  it("hashes nothing to the empty digest", () => {
    expect(toHex(factory().digest())).toBe(EMPTY);
  });
});
