/** Property tests for the strict ustar subset and the streaming package scanner. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isKollenError } from "../../../schemas/errors.ts";
import { readTar, writeTar, fileHeader, parseHeader } from "../../../client-kit/lib/tar.ts";
import { createPackageScanner, scanPackageBytes } from "../../../client-kit/package/scan.ts";

const name = fc.stringMatching(/^[a-z0-9][a-z0-9._/-]{0,40}$/);
const members = fc.uniqueArray(fc.record({ name, bytes: fc.uint8Array({ maxLength: 2000 }) }), { selector: (m) => m.name, maxLength: 5 });

async function scanChunked(bytes: Uint8Array, sizes: number[]) {
  const { transform, result } = createPackageScanner();
  let at = 0;
  let i = 0;
  const source = new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= bytes.length) return c.close();
      const n = Math.max(1, sizes[i++ % sizes.length]!);
      c.enqueue(bytes.slice(at, at + n));
      at += n;
    },
  });
  const [r] = await Promise.all([result, source.pipeThrough(transform).pipeTo(new WritableStream())]);
  return r;
}

describe("tar", () => {
  it("round-trips any members", () => {
    fc.assert(
      fc.property(members, fc.nat(2 ** 33 - 1), (ms, mtime) => {
        const back = readTar(writeTar(ms, mtime), "PACKAGE_NOT_TAR");
        expect(back.map((e) => ({ name: e.header.name, bytes: e.bytes }))).toEqual(ms);
        for (const e of back) expect(e.header).toMatchObject({ type: "0", mtime, linkname: "" });
      }),
    );
  });

  it("headers are read back exactly, and any flipped header byte outside the padding is caught", () => {
    fc.assert(
      fc.property(name, fc.nat(10_000_000), fc.nat(499), (n, size, at) => {
        const h = fileHeader(n, size, 0);
        expect(parseHeader(h, "PACKAGE_NOT_TAR")).toMatchObject({ name: n, size });
        const bad = h.slice();
        bad[at]! ^= 0x01;
        let threw = false;
        try {
          const p = parseHeader(bad, "PACKAGE_NOT_TAR");
          threw = p.name !== n || p.size !== size || p.type !== "0" || p.mtime !== 0;
        } catch (e) {
          threw = isKollenError(e);
        }
        expect(threw).toBe(true);
      }),
    );
  });
});

describe("package scanner", () => {
  it("on arbitrary bytes either fails with a KollenError or accepts; never anything else", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
        try {
          await scanPackageBytes(bytes);
        } catch (e) {
          expect(isKollenError(e)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("sees the same package whatever the chunking", async () => {
    const valid = writeTar(
      [
        { name: "manifest.json", bytes: new TextEncoder().encode("{}") },
        { name: "manifest.jws", bytes: new Uint8Array(700) },
        { name: "payload.age", bytes: new Uint8Array(5000).map((_, i) => i) },
      ],
      1,
    );
    const whole = await scanPackageBytes(valid);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 1500 }), { minLength: 1, maxLength: 8 }), async (sizes) => {
        expect(await scanChunked(valid, sizes)).toEqual(whole);
      }),
      { numRuns: 50 },
    );
  });
});

describe("tar numeric fields and the end of the archive (FORMAT.md rules T2–T6)", () => {
  const recheck = (h: Uint8Array) => {
    h.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of h) sum += b;
    h.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
    return h;
  };
  const code = (f: () => unknown) => {
    try {
      f();
      return "ok";
    } catch (e) {
      return isKollenError(e) ? e.code : "other";
    }
  };

  it("refuses leading spaces, letters, base-256 and empty numeric fields; accepts NUL devmajor", () => {
    const set = (offset: number, text: string | number[]) => {
      const h = fileHeader("a", 5, 0);
      h.set(typeof text === "string" ? new TextEncoder().encode(text) : text, offset);
      return recheck(h);
    };
    expect(code(() => parseHeader(set(100, "   644 \0"), "INNER_TAR_INVALID"))).toBe("INNER_TAR_INVALID");
    expect(code(() => parseHeader(set(108, "00000x0\0"), "INNER_TAR_INVALID"))).toBe("INNER_TAR_INVALID");
    expect(code(() => parseHeader(set(116, [0, 0, 0, 0, 0, 0, 0, 0]), "INNER_TAR_INVALID"))).toBe("INNER_TAR_INVALID");
    expect(code(() => parseHeader(set(124, [0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5]), "INNER_TAR_INVALID"))).toBe("INNER_TAR_INVALID");
    expect(code(() => parseHeader(set(329, "0000000\0"), "INNER_TAR_INVALID"))).toBe("ok");
    expect(code(() => parseHeader(set(100, "644     "), "INNER_TAR_INVALID"))).toBe("ok");
    expect(code(() => parseHeader(set(263, "  "), "INNER_TAR_INVALID"))).toBe("INNER_TAR_INVALID");
    expect(code(() => parseHeader(set(257, "ustar  \0"), "INNER_TAR_INVALID"))).toBe("INNER_TAR_INVALID");
  });

  it("reads typeflag NUL as a regular file", () => {
    const h = fileHeader("a", 5, 0);
    h[156] = 0;
    expect(parseHeader(recheck(h), "PACKAGE_NOT_TAR").type).toBe("0");
  });

  it("refuses zero blocks after the end marker and non-zero block padding", () => {
    const t = writeTar([{ name: "a", bytes: new Uint8Array([1, 2, 3]) }], 0);
    expect(code(() => readTar(t, "INNER_TAR_INVALID"))).toBe("ok");
    const longer = new Uint8Array(t.length + 512);
    longer.set(t);
    expect(code(() => readTar(longer, "INNER_TAR_INVALID"))).toBe("INNER_TAR_INVALID");
    const padded = t.slice();
    padded[512 + 3] = 0x20;
    expect(code(() => readTar(padded, "INNER_TAR_INVALID"))).toBe("INNER_TAR_INVALID");
  });
});
