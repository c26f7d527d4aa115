// age X25519 keys with both backends, and identity files: formats and every kind of bad input.
import { describe, expect, it } from "vitest";
import { nodeBackend } from "../../../client-kit/age/backend.node.ts";
import { sodiumBackend } from "../../../client-kit/age/backend.sodium.ts";
import {
  formatIdentityFile,
  generateX25519Identity,
  identityToRecipient,
  parseIdentityFile,
} from "../../../client-kit/age/index.ts";
import { encodeIdentity } from "../../../keys/age-keys.ts";
import { SPEC_IDENTITY, SPEC_RECIPIENT, codeOfSync } from "./helpers.ts";

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

  it("refuses a bad identity when deriving its recipient", async () => {
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
