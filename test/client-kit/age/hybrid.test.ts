// The post-quantum hybrid recipient (mlkem768x25519, c2sp.org/age): key forms as age writes them,
// round trips both ways with typage (npm age-encryption, Filippo Valsorda's TypeScript age) at
// the sizes around the 64 KiB chunk and 10 MiB on both backends, and the rule that a file is
// never sealed to hybrid and X25519 recipients together.
import { Decrypter, Encrypter, generateHybridIdentity as typageHybridIdentity, identityToRecipient as typageToRecipient } from "age-encryption";
import { beforeAll, describe, expect, it } from "vitest";
import type { AgeBackend } from "../../../client-kit/age/backend.ts";
import { nodeBackend } from "../../../client-kit/age/backend.node.ts";
import { sodiumBackend } from "../../../client-kit/age/backend.sodium.ts";
import {
  checkWrittenHeader,
  checkWrittenStanzas,
  decryptBytes,
  encryptBytes,
  encryptStream,
  formatIdentityFile,
  generateHybridIdentity,
  generateX25519Identity,
  identityToRecipient,
  parseIdentityFile,
  recipientKeyId,
  sealingRecipients,
  type AgeKeyPair,
} from "../../../client-kit/age/index.ts";
import { ageRecipientType, parseAgeIdentity, parseAgeRecipient } from "../../../keys/age-keys.ts";
import { codeOf, codeOfSync, pseudoRandom, sameBytes } from "./helpers.ts";

const K = 64 * 1024;
const SIZES = [0, 1, K - 1, K, K + 1, 10 * 1024 * 1024];
const backends: AgeBackend[] = [sodiumBackend, nodeBackend];
let pq: AgeKeyPair;
let pq2: AgeKeyPair;
let x: AgeKeyPair;

beforeAll(async () => {
  pq = await generateHybridIdentity();
  pq2 = await generateHybridIdentity();
  x = await generateX25519Identity();
});

describe("hybrid keys in age's text forms", () => {
  it("are AGE-SECRET-KEY-PQ-1… (77 characters) and age1pq1… (1959 characters, past Bech32's 90)", async () => {
    expect(pq.identity).toMatch(/^AGE-SECRET-KEY-PQ-1[02-9AC-HJ-NP-Z]{58}$/);
    expect(pq.recipient).toMatch(/^age1pq1[02-9ac-hj-np-z]{1952}$/);
    expect(parseAgeRecipient(pq.recipient).publicKey.length).toBe(1216);
    expect(parseAgeIdentity(pq.identity).secret.length).toBe(32);
    expect(await identityToRecipient(pq.identity)).toBe(pq.recipient);
    expect(ageRecipientType(pq.recipient)).toBe("mlkem768x25519");
    expect(ageRecipientType(x.recipient)).toBe("X25519");
    expect(await recipientKeyId(pq.recipient)).toMatch(/^[0-9a-f]{16}$/);
  });

  it("derive the same recipient as typage from an identity either side made", async () => {
    expect(await typageToRecipient(pq.identity)).toBe(pq.recipient);
    const theirs = await typageHybridIdentity();
    expect(await identityToRecipient(theirs)).toBe(await typageToRecipient(theirs));
  });

  it("round-trip through the age-keygen identity file layout", () => {
    const text = formatIdentityFile(pq, new Date("2026-03-01T10:00:00Z"));
    expect(text).toBe(`# created: 2026-03-01T10:00:00Z\n# public key: ${pq.recipient}\n${pq.identity}\n`);
    expect(parseIdentityFile(text)).toEqual([pq.identity]);
    expect(codeOfSync(() => formatIdentityFile({ identity: pq.identity, recipient: x.recipient }, new Date()))).toBe("BAD_INPUT");
  });

  it("refuse wrong lengths, wrong case and the other type's prefix", () => {
    const badRecipients = [pq.recipient.toUpperCase(), pq.recipient.slice(0, -1) + (pq.recipient.endsWith("q") ? "p" : "q"), pq.recipient.replace("age1pq1", "age1pr1"), pq.identity];
    for (const r of badRecipients) expect(codeOfSync(() => parseAgeRecipient(r))).toBe("AGE_RECIPIENT_INVALID");
    const badIdentities = [pq.identity.toLowerCase(), pq.identity.replace("-PQ-", "-QP-"), pq.recipient];
    for (const i of badIdentities) expect(codeOfSync(() => parseAgeIdentity(i))).toBe("AGE_IDENTITY_INVALID");
  });
});

for (const backend of backends) {
  describe(`round trips with typage (${backend.name} backend)`, () => {
    for (const size of SIZES) {
      it(`${size} bytes: ours → typage and typage → ours`, { timeout: 60_000 }, async () => {
        const plain = pseudoRandom(size, size + 7);
        const ours = await encryptBytes([pq.recipient], plain, { backend });
        const d = new Decrypter();
        d.addIdentity(pq.identity);
        expect(sameBytes(await d.decrypt(ours), plain)).toBe(true);

        const e = new Encrypter();
        e.addRecipient(pq.recipient);
        const theirs = await e.encrypt(plain);
        expect(sameBytes(await decryptBytes([pq.identity], theirs, { backend }), plain)).toBe(true);
      });
    }
  });
}

describe("several hybrid recipients and identities", () => {
  it("seals to two hybrid recipients; each opens it, with X25519 identities tried alongside", async () => {
    const plain = pseudoRandom(1000, 3);
    const ct = await encryptBytes([pq.recipient, pq2.recipient], plain);
    expect((await checkWrittenHeader(ct))).toEqual({ ok: true, type: "mlkem768x25519", count: 2 });
    expect(sameBytes(await decryptBytes([pq2.identity], ct), plain)).toBe(true);
    expect(sameBytes(await decryptBytes([x.identity, pq.identity], ct), plain)).toBe(true);
    await expect(decryptBytes([x.identity], ct)).rejects.toMatchObject({ code: "AGE_NO_MATCHING_IDENTITY" });
  });

  it("opens typage's file sealed to a hybrid and an X25519 recipient with either identity (readers accept what age writes)", async () => {
    const e = new Encrypter();
    e.addRecipient(x.recipient);
    e.addRecipient(pq.recipient);
    const ct = await e.encrypt(new TextEncoder().encode("hej"));
    expect(new TextDecoder().decode(await decryptBytes([pq.identity], ct))).toBe("hej");
    expect(new TextDecoder().decode(await decryptBytes([x.identity], ct))).toBe("hej");
    expect(await checkWrittenHeader(ct)).toEqual({ ok: false, reason: "mixed", index: 1 });
  });
});

describe("never hybrid and X25519 in one file", () => {
  it("refuses to seal to both, in either order, before reading any plaintext", async () => {
    for (const recipients of [[pq.recipient, x.recipient], [x.recipient, pq.recipient], [pq.recipient, pq2.recipient, x.recipient]]) {
      expect(codeOfSync(() => encryptStream(recipients, new ReadableStream()))).toBe("AGE_RECIPIENTS_MIXED");
      await expect(encryptBytes(recipients, new Uint8Array(1))).rejects.toMatchObject({ code: "AGE_RECIPIENTS_MIXED" });
    }
    expect(codeOfSync(() => sealingRecipients([]))).toBe("AGE_RECIPIENT_INVALID");
    expect(codeOfSync(() => sealingRecipients([pq.recipient, "age1nope"]))).toBe("AGE_RECIPIENT_INVALID");
    expect(sealingRecipients([x.recipient]).type).toBe("X25519");
  });

  it("tells what a writer would not have written: unknown types, wrong shapes, mixing", async () => {
    const share = (n: number) => Buffer.alloc(n, 1).toString("base64").replace(/=+$/, "");
    const body = new Uint8Array(32);
    expect(checkWrittenStanzas([])).toEqual({ ok: false, reason: "no-stanza" });
    expect(checkWrittenStanzas([{ args: ["X25519", share(32)], body }])).toEqual({ ok: true, type: "X25519", count: 1 });
    expect(checkWrittenStanzas([{ args: ["mlkem768x25519", share(1120)], body }])).toEqual({ ok: true, type: "mlkem768x25519", count: 1 });
    expect(checkWrittenStanzas([{ args: ["scrypt", share(16), "18"], body }])).toEqual({ ok: false, reason: "unknown-type", index: 0 });
    expect(checkWrittenStanzas([{ args: ["MLKEM768X25519", share(1120)], body }])).toMatchObject({ reason: "unknown-type" });
    expect(checkWrittenStanzas([{ args: ["mlkem768x25519", share(32)], body }])).toMatchObject({ reason: "malformed" });
    expect(checkWrittenStanzas([{ args: ["X25519", share(32), "x"], body }])).toMatchObject({ reason: "malformed" });
    expect(checkWrittenStanzas([{ args: ["X25519", share(32)], body: new Uint8Array(48) }])).toMatchObject({ reason: "malformed" });
    const x25519 = await encryptBytes([x.recipient], new Uint8Array(0));
    expect(await checkWrittenHeader(x25519)).toEqual({ ok: true, type: "X25519", count: 1 });
    expect(codeOf(await checkWrittenHeader(new TextEncoder().encode("not age\n")).catch((e: unknown) => e))).toBe("AGE_HEADER_INVALID");
  });
});
