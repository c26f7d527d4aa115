/**
 * FORMAT.md rule P4 with both recipient types (A1, A4): what verifyOuter checks of payload.age
 * without the authority's identity, for packages sealed to X25519 and to mlkem768x25519 keys.
 */
import { describe, expect, it } from "vitest";
import { encryptBytes, generateHybridIdentity, generateX25519Identity } from "../../../client-kit/age/index.ts";
import { CT_CHUNK, TAG } from "../../../client-kit/age/lib/stream.ts";
import { payloadHeaderProblem } from "../../../client-kit/package/payload-header.ts";
import { scanPackageBytes } from "../../../client-kit/package/scan.ts";
import { verifyOuter } from "../../../client-kit/package/verify-outer.ts";
import { recipientKeyId } from "../../../keys/age-keys.ts";
import { makePackage, makeSigner, trustFor } from "./fixtures.ts";

const enc = new TextEncoder();

/** Replaces one stanza line of an age header ("-> TYPE ARG…") by `line`. */
function withStanzaLine(ct: Uint8Array, index: number, line: string): Uint8Array {
  const text = new TextDecoder("latin1").decode(ct);
  const starts = [...text.matchAll(/^-> .*$/gm)];
  const m = starts[index]!;
  const out = text.slice(0, m.index) + line + text.slice(m.index + m[0].length);
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}

describe("P4 with either recipient type", () => {
  it("a payload sealed to hybrid recipients passes; mixed or misshapen stanzas do not", { timeout: 60_000 }, async () => {
    const [a, b] = [await generateHybridIdentity(), await generateHybridIdentity()];
    const x = await generateX25519Identity();
    const hybrid = await encryptBytes([a.recipient, b.recipient], enc.encode("hej"));
    expect(await payloadHeaderProblem(hybrid, hybrid.length, 2)).toBeUndefined();
    expect(await payloadHeaderProblem(hybrid, hybrid.length, 1)).toBe("the stanza count differs from the manifest's recipients");
    const plain = await encryptBytes([x.recipient], enc.encode("hej"));
    expect(await payloadHeaderProblem(plain, plain.length, 1)).toBeUndefined();

    // an X25519 stanza beside a hybrid one (A4), whatever the writer: the X25519 line of another file
    const x25519Line = /^-> X25519 .*$/m.exec(new TextDecoder("latin1").decode(plain))![0];
    const mixed = withStanzaLine(hybrid, 1, x25519Line);
    expect(await payloadHeaderProblem(mixed, mixed.length, 2)).toBe("recipient stanzas of different types");
    // a hybrid stanza whose share is an X25519-sized one
    const share = x25519Line.split(" ")[2]!;
    const short = withStanzaLine(hybrid, 0, `-> mlkem768x25519 ${share}`);
    expect(await payloadHeaderProblem(short, short.length, 2)).toBe("a malformed recipient stanza");
    const other = withStanzaLine(plain, 0, `-> scrypt ${share} 18`);
    expect(await payloadHeaderProblem(other, other.length, 1)).toBe("a recipient stanza of another type");
  });

  it("a package sealed to a hybrid keyring verifies PASSED", { timeout: 60_000 }, async () => {
    const signer = await makeSigner();
    const key = await generateHybridIdentity();
    const bytes = await makePackage([signer], [key.recipient]);
    const keyring = { recipients: [{ id: await recipientKeyId(key.recipient), recipient: key.recipient, status: "current" as const }] };
    const report = await verifyOuter(await scanPackageBytes(bytes), { trust: trustFor([signer]), keyring, now: new Date() });
    expect({ outcome: report.outcome, reasons: report.reasons }).toEqual({ outcome: "PASSED", reasons: [] });
  });

  it("the length: only what age's chunks can make (1–65536 bytes and a tag last, or the empty only chunk)", { timeout: 60_000 }, async () => {
    const x = await generateX25519Identity();
    const sealed = async (n: number) => encryptBytes([x.recipient], new Uint8Array(n));
    const check = (ct: Uint8Array, length: number) => payloadHeaderProblem(ct, length, 1);
    const WRONG = "a length age's chunks cannot have";

    const empty = await sealed(0); // the empty only chunk: its tag alone
    expect(await check(empty, empty.length)).toBeUndefined();
    expect(await check(empty, empty.length - 1)).toBe(WRONG); // shorter than a tag
    expect(await check(empty, empty.length - TAG)).toBe(WRONG); // no chunk at all
    expect(await check(empty, empty.length + 1)).toBeUndefined(); // = a 1-byte plaintext's length

    const one = await sealed(1);
    expect(one.length).toBe(empty.length + 1);
    expect(await check(one, one.length)).toBeUndefined();

    const full = await sealed(65536); // one full chunk and nothing after it
    expect(full.length).toBe(empty.length + 65536);
    expect(await check(full, full.length)).toBeUndefined();
    expect(await check(full, full.length + TAG)).toBe(WRONG); // an empty chunk after a full one
    expect(await check(full, full.length + TAG + 1)).toBeUndefined(); // = 65537 bytes of plaintext
    expect(await check(full, full.length + CT_CHUNK)).toBeUndefined(); // two full chunks
    expect(await check(full, full.length + CT_CHUNK + TAG)).toBe(WRONG);
    expect(await check(full, full.length + CT_CHUNK + TAG + 1)).toBeUndefined();
  });

  it("random bytes, another format or a truncated header: no age v1 header", async () => {
    const x = await generateX25519Identity();
    const ct = await encryptBytes([x.recipient], enc.encode("hej"));
    for (const head of [new Uint8Array(200).fill(7), enc.encode("-----BEGIN AGE ENCRYPTED FILE-----\n"), ct.subarray(0, 40), new Uint8Array(0)])
      expect(await payloadHeaderProblem(head, 5000, 1)).toBe("no age v1 header");
  });
});
