// Bech32 keys, base64, identity files and key ids: formats and every kind of bad input.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nodeBackend } from "../../../client-kit/age/backend.node.ts";
import { sodiumBackend } from "../../../client-kit/age/backend.sodium.ts";
import {
  formatIdentityFile,
  generateX25519Identity,
  identityToRecipient,
  parseIdentityFile,
  recipientKeyId,
} from "../../../client-kit/age/index.ts";
import { decodeBase64, encodeBase64 } from "../../../client-kit/age/lib/base64.ts";
import { bech32Decode, bech32Encode } from "../../../client-kit/age/lib/bech32.ts";
import { decodeIdentity, decodeRecipient, encodeIdentity, encodeRecipient } from "../../../client-kit/age/lib/keys.ts";
import { codeOf } from "./helpers.ts";

// The example pair of the age spec (c2sp.org/age §The X25519 recipient type).
const SPEC_IDENTITY = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
const SPEC_RECIPIENT = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";

function codeOfSync(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return codeOf(e);
  }
  return "none";
}

describe("base64 (canonical, unpadded)", () => {
  it("round-trips any bytes and matches Node's encoder without padding", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        const s = encodeBase64(b);
        expect(s).toBe(Buffer.from(b).toString("base64").replace(/=+$/, ""));
        expect(decodeBase64(s)).toEqual(b);
      }),
    );
  });

  it("rejects padding, foreign characters, impossible lengths and non-zero trailing bits", () => {
    expect(decodeBase64("AA==")).toBeNull();
    expect(decodeBase64("AA=")).toBeNull();
    expect(decodeBase64("A")).toBeNull();
    expect(decodeBase64("AB")).toBeNull(); // 'B' leaves a set bit in the unused 4 bits
    expect(decodeBase64("AAB")).toBeNull(); // unused 2 bits set
    expect(decodeBase64("AA-_")).toBeNull(); // URL alphabet is not age's
    expect(decodeBase64("AA A")).toBeNull();
    expect(decodeBase64("")).toEqual(new Uint8Array(0));
    expect(decodeBase64("AA")).toEqual(new Uint8Array([0]));
  });
});

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

describe("X25519 keys in text form", () => {
  it("derives the spec's example recipient on both backends", async () => {
    expect(await identityToRecipient(SPEC_IDENTITY, { backend: sodiumBackend })).toBe(SPEC_RECIPIENT);
    expect(await identityToRecipient(SPEC_IDENTITY, { backend: nodeBackend })).toBe(SPEC_RECIPIENT);
  });

  it("generates identities whose recipient both backends agree on", async () => {
    for (const backend of [sodiumBackend, nodeBackend]) {
      const pair = await generateX25519Identity({ backend });
      expect(pair.identity).toMatch(/^AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}$/);
      expect(pair.recipient).toMatch(/^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/);
      expect(await identityToRecipient(pair.identity, { backend: sodiumBackend })).toBe(pair.recipient);
      expect(await identityToRecipient(pair.identity, { backend: nodeBackend })).toBe(pair.recipient);
    }
  });

  it("round-trips 32-byte keys", () => {
    const k = new Uint8Array(32).map((_, i) => i * 7);
    expect(decodeRecipient(encodeRecipient(k))).toEqual(k);
    expect(decodeIdentity(encodeIdentity(k))).toEqual(k);
  });

  it("rejects bad recipients with AGE_RECIPIENT_INVALID", () => {
    const bad = [
      "",
      SPEC_RECIPIENT.toUpperCase(), // recipients are lowercase
      SPEC_RECIPIENT.slice(0, -1) + "q", // checksum
      bech32Encode("age", new Uint8Array(31)), // short key
      bech32Encode("age", new Uint8Array(33)), // long key
      bech32Encode("agf", new Uint8Array(32)), // wrong prefix
      SPEC_IDENTITY, // an identity is not a recipient
      ` ${SPEC_RECIPIENT}`,
      "age1pq1x34nzsvr0rxjsgdn8zgyhfe8j7ceq5r9rdelkjuh3y235jzxshfg87pzf5",
    ];
    for (const s of bad) expect(codeOfSync(() => decodeRecipient(s)), s).toBe("AGE_RECIPIENT_INVALID");
  });

  it("rejects bad identities with AGE_IDENTITY_INVALID", async () => {
    const bad = [
      "",
      SPEC_IDENTITY.toLowerCase(), // identities are uppercase
      SPEC_IDENTITY.slice(0, -1) + "Q",
      encodeIdentity(new Uint8Array(32)).replace("AGE-SECRET-KEY-1", "AGE-SECRET-KEY-2"),
      bech32Encode("AGE-SECRET-KEY-", new Uint8Array(16)).toUpperCase(),
      SPEC_RECIPIENT,
      "AGE-SECRET-KEY-PQ-1XX76JRALNLXDMEW0CRK45QMCCH4X06SE84UN3VPM33W6HWDX0H3SK3ZQFR",
    ];
    for (const s of bad) expect(codeOfSync(() => decodeIdentity(s)), s).toBe("AGE_IDENTITY_INVALID");
    await expect(identityToRecipient("nope")).rejects.toMatchObject({ code: "AGE_IDENTITY_INVALID" });
  });
});

describe("identity files (age-keygen layout)", () => {
  const pair = { identity: SPEC_IDENTITY, recipient: SPEC_RECIPIENT };

  it("formats exactly like age-keygen", () => {
    expect(formatIdentityFile(pair, new Date("2026-03-04T05:06:07.890Z"))).toBe(
      `# created: 2026-03-04T05:06:07Z\n# public key: ${SPEC_RECIPIENT}\n${SPEC_IDENTITY}\n`,
    );
  });

  it("parses what it formats, skipping comments, blank lines and CRs", () => {
    expect(parseIdentityFile(formatIdentityFile(pair, new Date()))).toEqual([SPEC_IDENTITY]);
    const other = encodeIdentity(new Uint8Array(32).fill(9));
    expect(parseIdentityFile(`# a\r\n\r\n${SPEC_IDENTITY}\r\n#b\n\n${other}`)).toEqual([SPEC_IDENTITY, other]);
  });

  it("rejects files without identities or with a bad line, without echoing the line", () => {
    expect(codeOfSync(() => parseIdentityFile(""))).toBe("AGE_IDENTITY_INVALID");
    expect(codeOfSync(() => parseIdentityFile("# only a comment\n"))).toBe("AGE_IDENTITY_INVALID");
    expect(codeOfSync(() => parseIdentityFile(` ${SPEC_IDENTITY}\n`))).toBe("AGE_IDENTITY_INVALID");
    expect(codeOfSync(() => parseIdentityFile(`${SPEC_IDENTITY}\n${SPEC_RECIPIENT}\n`))).toBe("AGE_IDENTITY_INVALID");
    try {
      parseIdentityFile(`${SPEC_IDENTITY}\nAGE-SECRET-KEY-1SECRETLOOKINGJUNK\n`);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toContain("line 2");
      expect((e as Error).message).not.toContain("SECRETLOOKINGJUNK");
    }
  });

  it("refuses to format a broken pair or an invalid date", () => {
    expect(codeOfSync(() => formatIdentityFile({ identity: "x", recipient: SPEC_RECIPIENT }, new Date()))).toBe("AGE_IDENTITY_INVALID");
    expect(codeOfSync(() => formatIdentityFile({ identity: SPEC_IDENTITY, recipient: "x" }, new Date()))).toBe("AGE_RECIPIENT_INVALID");
    expect(codeOfSync(() => formatIdentityFile(pair, new Date("nope")))).toBe("BAD_INPUT");
  });
});

describe("recipient key ids", () => {
  it("is the first 8 bytes of SHA-256 over the age1… string, in lowercase hex", async () => {
    const expected = createHash("sha256").update(SPEC_RECIPIENT, "ascii").digest("hex").slice(0, 16);
    expect(await recipientKeyId(SPEC_RECIPIENT)).toBe(expected);
    expect(await recipientKeyId(SPEC_RECIPIENT)).toMatch(/^[0-9a-f]{16}$/);
  });

  it("rejects anything but a recipient", async () => {
    await expect(recipientKeyId(SPEC_IDENTITY)).rejects.toMatchObject({ code: "AGE_RECIPIENT_INVALID" });
    await expect(recipientKeyId(SPEC_RECIPIENT.toUpperCase())).rejects.toMatchObject({ code: "AGE_RECIPIENT_INVALID" });
  });
});
