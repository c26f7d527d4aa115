// Round trips and stream behaviour: sizes around the 64 KiB chunk, several recipients, both
// backends and across them, odd piece boundaries, BYOB reads, reused source buffers, and
// truncated, extended or tampered ciphertexts.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { AgeBackend } from "../../../client-kit/age/backend.ts";
import { nodeBackend } from "../../../client-kit/age/backend.node.ts";
import { sodiumBackend } from "../../../client-kit/age/backend.sodium.ts";
import {
  decryptBytes,
  decryptStream,
  encryptBytes,
  encryptStream,
  generateX25519Identity,
  type AgeKeyPair,
} from "../../../client-kit/age/index.ts";
import { codeOf, drain, piecewise, pseudoRandom, sameBytes } from "./helpers.ts";

const K = 64 * 1024;
const CT = K + 16;
const backends: AgeBackend[] = [sodiumBackend, nodeBackend];
let a: AgeKeyPair;
let b: AgeKeyPair;
let c: AgeKeyPair;

beforeAll(async () => {
  [a, b, c] = await Promise.all([generateX25519Identity(), generateX25519Identity(), generateX25519Identity()]);
});

/** Header length of a file sealed to `n` X25519 recipients (fixed: 43-char share, 43-char body, 43-char MAC). */
function headerLength(n: number): number {
  return 22 + n * (3 + 7 + 43 + 1 + 43 + 1) + 4 + 43 + 1;
}

function payloadLength(size: number): number {
  const chunks = Math.max(1, Math.ceil(size / K));
  return 16 + size + chunks * 16;
}

describe("round trips", () => {
  for (const size of [0, 1, 65535, 65536, 65537, 2 * 65536, 3 * 65536 + 5]) {
    it(`size ${size}: exact length, both backends, across backends`, async () => {
      const plain = pseudoRandom(size, size + 1);
      for (const enc of backends) {
        const ct = await encryptBytes([a.recipient], plain, { backend: enc });
        expect(ct.length).toBe(headerLength(1) + payloadLength(size));
        for (const dec of backends) expect(sameBytes(await decryptBytes([a.identity], ct, { backend: dec }), plain)).toBe(true);
      }
    });
  }

  it("property: any size up to 3 chunks, any recipient subset, any piece sizes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(0, 1, K - 1, K, K + 1, 2 * K), fc.integer({ min: 0, max: 3 * K })),
        fc.subarray([0, 1, 2], { minLength: 1 }),
        fc.array(fc.integer({ min: 1, max: 3 * K }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...backends),
        async (size, who, pieces, backend) => {
          const pairs = [a, b, c];
          const plain = pseudoRandom(size, size * 7 + 3);
          const ct = (await drain(encryptStream(who.map((i) => pairs[i]!.recipient), piecewise(plain, pieces), { backend }))).bytes;
          expect(ct.length).toBe(headerLength(who.length) + payloadLength(size));
          for (const i of who) {
            const out = await drain(decryptStream([pairs[i]!.identity], piecewise(ct, pieces.slice().reverse()), { backend }));
            expect(out.error).toBeUndefined();
            expect(sameBytes(out.bytes, plain)).toBe(true);
          }
          const outsider = pairs.find((_, i) => !who.includes(i));
          if (outsider) {
            const r = await drain(decryptStream([outsider.identity], piecewise(ct), { backend }));
            expect(codeOf(r.error)).toBe("AGE_NO_MATCHING_IDENTITY");
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("finds the matching identity among several", async () => {
    const ct = await encryptBytes([b.recipient], new Uint8Array([1, 2, 3]));
    expect(await decryptBytes([a.identity, c.identity, b.identity], ct)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("one-byte pieces in both directions", async () => {
    const plain = pseudoRandom(3000, 5);
    const ct = (await drain(encryptStream([a.recipient], piecewise(plain, [1]), { backend: nodeBackend }))).bytes;
    const out = await drain(decryptStream([a.identity], piecewise(ct, [1]), { backend: nodeBackend }));
    expect(sameBytes(out.bytes, plain)).toBe(true);
  });
});

describe("streams", () => {
  it("encrypts into a BYOB reader's buffer of any size, equal to default reads after decryption", async () => {
    const big = pseudoRandom(3 * K + 77, 9);
    const cases: Array<[number, Uint8Array]> = [[1, big.subarray(0, 300)], [1000, big.subarray(0, K + 5)], [CT - 1, big], [CT, big], [2 * CT + 5, big], [1 << 20, big]];
    for (const [size, plain] of cases) {
      const reader = encryptStream([a.recipient], piecewise(plain, [50000, 200000])).getReader({ mode: "byob" });
      const parts: Uint8Array[] = [];
      let buf = new Uint8Array(size);
      for (;;) {
        const r = await reader.read(buf);
        if (r.done) break;
        parts.push(r.value.slice());
        expect(r.value.length).toBeLessThanOrEqual(size);
        buf = new Uint8Array(r.value.buffer);
      }
      const ct = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) {
        ct.set(p, o);
        o += p.length;
      }
      expect(ct.length).toBe(headerLength(1) + payloadLength(plain.length));
      expect(sameBytes(await decryptBytes([a.identity], ct), plain)).toBe(true);
    }
  });

  it("does not keep source pieces: a source that reuses one buffer still round-trips", async () => {
    const plain = pseudoRandom(5 * K + 123, 11);
    /** Yields every piece in the same buffer, overwritten on each read (as the CLI does). */
    const reusing = (bytes: Uint8Array, size: number) => {
      const buf = new Uint8Array(size);
      let off = 0;
      return new ReadableStream<Uint8Array>(
        {
          pull(ctl) {
            if (off >= bytes.length) return ctl.close();
            const n = Math.min(size, bytes.length - off);
            buf.fill(0xee);
            buf.set(bytes.subarray(off, off + n));
            off += n;
            ctl.enqueue(buf.subarray(0, n));
          },
        },
        { highWaterMark: 0 },
      );
    };
    for (const size of [7, 1000, K + 3, 1 << 20]) {
      const ct = (await drain(encryptStream([a.recipient], reusing(plain, size), { backend: nodeBackend }))).bytes;
      const out = await drain(decryptStream([a.identity], reusing(ct, size), { backend: nodeBackend }));
      expect(out.error).toBeUndefined();
      expect(sameBytes(out.bytes, plain)).toBe(true);
    }
  });

  it("reads the source lazily: nothing beyond what the consumer asked for", async () => {
    let pulls = 0;
    const src = new ReadableStream<Uint8Array>(
      {
        pull(ctl) {
          pulls++;
          ctl.enqueue(new Uint8Array(K));
        },
      },
      { highWaterMark: 0 },
    );
    const reader = encryptStream([a.recipient], src).getReader();
    await reader.read(); // header
    await reader.read(); // first chunk: needs two pieces to know it is not final
    await reader.read();
    expect(pulls).toBeLessThanOrEqual(4);
    await reader.cancel();
  });

  it("propagates a source error and cancels the source when the result is cancelled", async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull() {
        throw new Error("disk on fire");
      },
    });
    const r = await drain(encryptStream([a.recipient], failing));
    expect(String(r.error)).toContain("disk on fire");

    let cancelled = false;
    const src = new ReadableStream<Uint8Array>({
      pull(ctl) {
        ctl.enqueue(new Uint8Array(K));
      },
      cancel() {
        cancelled = true;
      },
    });
    const reader = decryptStream([a.identity], src).getReader();
    await reader.cancel();
    expect(cancelled).toBe(true);
  });

  it("checks keys before reading anything", () => {
    const src = piecewise(new Uint8Array(1));
    expect(() => encryptStream([], src)).toThrow(expect.objectContaining({ code: "AGE_RECIPIENT_INVALID" }));
    expect(() => encryptStream(["age1nope"], src)).toThrow(expect.objectContaining({ code: "AGE_RECIPIENT_INVALID" }));
    expect(() => decryptStream([], src)).toThrow(expect.objectContaining({ code: "AGE_IDENTITY_INVALID" }));
    expect(() => decryptStream([a.recipient], src)).toThrow(expect.objectContaining({ code: "AGE_IDENTITY_INVALID" }));
  });
});

describe("damaged ciphertexts", () => {
  let plain: Uint8Array;
  let ct: Uint8Array;
  const head = headerLength(1);

  beforeAll(async () => {
    plain = pseudoRandom(2 * K + 100, 21);
    ct = await encryptBytes([a.recipient], plain, { backend: nodeBackend });
  });

  async function attempt(bytes: Uint8Array, backend: AgeBackend = nodeBackend) {
    return drain(decryptStream([a.identity], piecewise(bytes, [777, 65552, 3]), { backend }));
  }

  it("truncation anywhere is an error; only whole authenticated chunks are released", async () => {
    const cuts = [0, 5, 22, 30, head - 45, head - 1, head, head + 8, head + 16, head + 20, head + 16 + CT, head + 16 + CT + 1, ct.length - 17, ct.length - 1];
    for (const backend of backends) {
      for (const cut of cuts) {
        const r = await attempt(ct.subarray(0, cut), backend);
        const expected = cut < head ? "AGE_HEADER_INVALID" : cut < head + 16 ? "AGE_HEADER_INVALID" : "AGE_PAYLOAD_INVALID";
        expect(codeOf(r.error), `cut ${cut}`).toBe(expected);
        expect(r.bytes.length % K, `cut ${cut}`).toBe(0);
        expect(sameBytes(r.bytes, plain.subarray(0, r.bytes.length))).toBe(true);
      }
    }
  });

  it("a file cut exactly after a full chunk (a non-final one) is an error, after releasing that chunk", async () => {
    const exact = await encryptBytes([a.recipient], pseudoRandom(2 * K, 4));
    const r = await attempt(exact.subarray(0, head + 16 + CT));
    expect(codeOf(r.error)).toBe("AGE_PAYLOAD_INVALID");
    expect(r.bytes.length).toBe(K);
  });

  it("appended bytes are an error after the whole plaintext", async () => {
    for (const extra of [1, 16, 17, 100, CT]) {
      const longer = new Uint8Array(ct.length + extra);
      longer.set(ct);
      const r = await attempt(longer);
      expect(codeOf(r.error), `extra ${extra}`).toBe("AGE_PAYLOAD_INVALID");
    }
  });

  it("flipped bits: header → HMAC or header error, payload → payload error", async () => {
    const flip = (i: number) => {
      const x = ct.slice();
      x[i]! ^= 0x01;
      return x;
    };
    expect(codeOf((await attempt(flip(0))).error)).toBe("AGE_HEADER_INVALID"); // version line
    const swapBase64 = (i: number) => {
      const x = ct.slice();
      x[i] = x[i] === 0x41 ? 0x42 : 0x41; // another valid base64 character
      return x;
    };
    // MAC itself: a swapped character inside it (a flipped bit may make it invalid base64 instead)
    expect(codeOf((await attempt(swapBase64(head - 10))).error)).toBe("AGE_HMAC_MISMATCH");
    expect(codeOf((await attempt(swapBase64(head - 70))).error)).toBe("AGE_NO_MATCHING_IDENTITY"); // wrapped file key
    expect(codeOf((await attempt(swapBase64(head - 120))).error)).toBe("AGE_NO_MATCHING_IDENTITY"); // ephemeral share
    expect(codeOf((await attempt(flip(head - 48))).error)).toBe("AGE_HEADER_INVALID"); // "---" becomes ",--"
    expect(codeOf((await attempt(flip(head + 3))).error)).toBe("AGE_PAYLOAD_INVALID"); // payload nonce
    expect(codeOf((await attempt(flip(head + 16 + 10))).error)).toBe("AGE_PAYLOAD_INVALID");
    expect(codeOf((await attempt(flip(ct.length - 1))).error)).toBe("AGE_PAYLOAD_INVALID");
  });

  it("refuses an oversized header without buffering it all", async () => {
    const huge = new Uint8Array(2 << 20).fill(0x41);
    const prefix = new TextEncoder().encode("age-encryption.org/v1\n-> X25519 ");
    huge.set(prefix);
    const r = await attempt(huge);
    expect(codeOf(r.error)).toBe("AGE_HEADER_INVALID");
  });

  it("something that is not age at all", async () => {
    expect(codeOf((await attempt(new TextEncoder().encode("hello world\n"))).error)).toBe("AGE_HEADER_INVALID");
    expect(codeOf((await attempt(new TextEncoder().encode("age-encryption.org/v2\n"))).error)).toBe("AGE_HEADER_INVALID");
  });
});
