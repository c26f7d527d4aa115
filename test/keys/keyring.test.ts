import { beforeAll, describe, expect, it } from "vitest";
import { CompactSign, importJWK, type JWK } from "jose";
import { generateHybridIdentity, generateX25519Identity, recipientKeyId as ageRecipientKeyId } from "../../client-kit/age/index.ts";
import {
  MAX_KEYRING_BYTES,
  createKeyring,
  currentRecipients,
  keyringEntry,
  keyringRecipientType,
  recipientKeyId,
  verifyKeyring,
  type KeyringPayload,
} from "../../keys/keyring.ts";
import { generateSignerKey } from "../../keys/signer.ts";
import { DEV_KEYRING_PRIVATE_JWK } from "../../keys/dev/index.ts";
import { DEV_KEYRING_PUBLIC_JWK, PINNED_KEYRING_KEYS } from "../../keys/published/index.ts";
import { caught } from "./helpers.ts";

let a: string, b: string, c: string;
let keyringKey: { privateJwk: JWK; publicJwk: JWK };
let otherKey: { privateJwk: JWK; publicJwk: JWK };

beforeAll(async () => {
  [a, b, c] = (await Promise.all([1, 2, 3].map(() => generateX25519Identity()))).map((p) => p.recipient) as [string, string, string];
  keyringKey = await generateSignerKey("2021005489");
  otherKey = await generateSignerKey("2021005489");
});

async function payload(): Promise<KeyringPayload> {
  return {
    format: "kollen-keyring/1",
    authority: { name: "Myndigheten (test)", id: "authority-test" },
    issuedAt: "2026-01-15T10:00:00Z",
    recipients: [
      { id: await recipientKeyId(a), recipient: a, status: "current" },
      { id: await recipientKeyId(b), recipient: b, status: "retired" },
      { id: await recipientKeyId(c), recipient: c, status: "current", from: "2026-06-01T00:00:00Z", until: "2027-06-01T00:00:00Z" },
    ],
  };
}

const b64 = (s: string) => Buffer.from(s).toString("base64url");

describe("recipientKeyId", () => {
  it("is the first 8 bytes of SHA-256 over the ASCII recipient, in hex", async () => {
    const { createHash } = await import("node:crypto");
    expect(await recipientKeyId(a)).toBe(createHash("sha256").update(a, "ascii").digest("hex").slice(0, 16));
    expect(await recipientKeyId(a)).toMatch(/^[0-9a-f]{16}$/);
  });

  it("agrees with the age module's helper", async () => {
    expect(await recipientKeyId(b)).toBe(await ageRecipientKeyId(b));
  });

  it.each(["", "age1", "AGE1QQQ", "age1" + "b".repeat(58), "age1" + "q".repeat(59)])("rejects %j", async (r) => {
    expect((await caught(() => recipientKeyId(r))).code).toBe("AGE_RECIPIENT_INVALID");
  });
});

describe("createKeyring / verifyKeyring", () => {
  it("round-trips and names the key by its thumbprint", async () => {
    const p = await payload();
    const jws = await createKeyring(p, keyringKey.privateJwk);
    const header = JSON.parse(Buffer.from(jws.split(".")[0]!, "base64url").toString());
    expect(header).toEqual({ alg: "EdDSA", typ: "kollen-keyring+jws", kid: keyringKey.publicJwk.kid });
    expect(await verifyKeyring(jws, [otherKey.publicJwk, keyringKey.publicJwk])).toEqual(p);
    expect(await verifyKeyring(`  ${jws}\n`, [keyringKey.publicJwk])).toEqual(p);
  });

  it("tries every pinned key, whatever the kid says", async () => {
    const key = await importJWK(keyringKey.privateJwk, "EdDSA");
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(await payload())))
      .setProtectedHeader({ alg: "EdDSA", typ: "kollen-keyring+jws", kid: "misleading" })
      .sign(key);
    expect((await verifyKeyring(jws, [otherKey.publicJwk, keyringKey.publicJwk])).recipients).toHaveLength(3);
  });

  it("rejects a keyring signed by a key that is not pinned", async () => {
    const jws = await createKeyring(await payload(), otherKey.privateJwk);
    const e = await caught(() => verifyKeyring(jws, [keyringKey.publicJwk]));
    expect(e.code).toBe("KEYRING_SIGNATURE_INVALID");
  });

  it("rejects a changed payload", async () => {
    const jws = await createKeyring(await payload(), keyringKey.privateJwk);
    const [h, , s] = jws.split(".");
    const evil = await payload();
    evil.recipients[1]!.status = "current";
    const e = await caught(() => verifyKeyring(`${h}.${b64(JSON.stringify(evil))}.${s}`, [keyringKey.publicJwk]));
    expect(e.code).toBe("KEYRING_SIGNATURE_INVALID");
  });

  it("rejects alg none and HS256 as unsigned", async () => {
    const body = b64(JSON.stringify(await payload()));
    for (const alg of ["none", "HS256"]) {
      const jws = `${b64(JSON.stringify({ alg, typ: "kollen-keyring+jws" }))}.${body}.${alg === "none" ? "AA" : b64("x".repeat(32))}`;
      expect((await caught(() => verifyKeyring(jws, [keyringKey.publicJwk]))).code).toBe("KEYRING_SIGNATURE_INVALID");
    }
  });

  it("answers KEYRING_KEY_UNKNOWN when nothing is pinned", async () => {
    const jws = await createKeyring(await payload(), keyringKey.privateJwk);
    expect((await caught(() => verifyKeyring(jws, []))).code).toBe("KEYRING_KEY_UNKNOWN");
  });

  it.each(["", "not a jws", "a.b", "a.b.c.d.e", "é.b.c", "x".repeat(300 * 1024)])("rejects the malformed input %#", async (text) => {
    expect((await caught(() => verifyKeyring(text, [keyringKey.publicJwk]))).code).toBe("KEYRING_INVALID");
  });

  async function signRaw(payloadText: string, typ = "kollen-keyring+jws"): Promise<string> {
    return new CompactSign(new TextEncoder().encode(payloadText))
      .setProtectedHeader({ alg: "EdDSA", typ })
      .sign(await importJWK(keyringKey.privateJwk, "EdDSA"));
  }

  it("rejects a properly signed payload of the wrong shape with KEYRING_INVALID", async () => {
    const p = await payload();
    const cases: string[] = [
      "not json",
      JSON.stringify({ ...p, format: "kollen-keyring/2" }),
      JSON.stringify({ ...p, recipients: [] }),
      JSON.stringify({ ...p, extra: 1 }),
      JSON.stringify({ ...p, recipients: [{ ...p.recipients[0], id: "0000000000000000" }] }),
      JSON.stringify({ ...p, recipients: [p.recipients[0], p.recipients[0]] }),
      JSON.stringify({ ...p, recipients: [{ ...p.recipients[0], status: "revoked" }] }),
      JSON.stringify({ ...p, recipients: [{ ...p.recipients[2], from: "2027-06-01T00:00:00Z", until: "2026-06-01T00:00:00Z" }] }),
    ];
    for (const text of cases) {
      expect((await caught(async () => verifyKeyring(await signRaw(text), [keyringKey.publicJwk]))).code).toBe("KEYRING_INVALID");
    }
    expect((await caught(async () => verifyKeyring(await signRaw(JSON.stringify(p), "JWT"), [keyringKey.publicJwk]))).code).toBe("KEYRING_INVALID");
  });

  it("refuses to sign a bad payload or with a public key", async () => {
    const p = await payload();
    p.recipients[0]!.id = "ffffffffffffffff";
    expect((await caught(() => createKeyring(p, keyringKey.privateJwk))).code).toBe("KEYRING_INVALID");
    expect((await caught(async () => createKeyring(await payload(), keyringKey.publicJwk))).code).toBe("KEY_INVALID");
  });
});

describe("currentRecipients", () => {
  it("keeps current recipients inside their window", async () => {
    const p = await payload();
    expect(currentRecipients(p, new Date("2026-03-01T00:00:00Z")).map((r) => r.recipient)).toEqual([a]);
    expect(currentRecipients(p, new Date("2026-06-01T00:00:00Z")).map((r) => r.recipient)).toEqual([a, c]);
    expect(currentRecipients(p, new Date("2027-06-01T00:00:00Z")).map((r) => r.recipient)).toEqual([a]);
  });
});

describe("the DEV keyring key", () => {
  it("signs keyrings the development kit accepts", async () => {
    expect(PINNED_KEYRING_KEYS).toContain(DEV_KEYRING_PUBLIC_JWK);
    const jws = await createKeyring(await payload(), DEV_KEYRING_PRIVATE_JWK);
    expect((await verifyKeyring(jws, PINNED_KEYRING_KEYS)).authority.id).toBe("authority-test");
  });
});

describe("hybrid (mlkem768x25519) recipients", () => {
  let pq: string;
  let pq2: string;
  beforeAll(async () => {
    pq = (await generateHybridIdentity()).recipient;
    pq2 = (await generateHybridIdentity()).recipient;
  });

  /** The migration keyring: X25519 until the switch, hybrid from it (the old key kept, retired later). */
  async function migration(): Promise<KeyringPayload> {
    return {
      format: "kollen-keyring/1",
      authority: { name: "Myndigheten (test)", id: "authority-test" },
      issuedAt: "2026-08-01T00:00:00Z",
      recipients: [
        await keyringEntry(a, { status: "current", until: "2026-09-01T00:00:00Z" }),
        await keyringEntry(pq, { status: "current", from: "2026-09-01T00:00:00Z" }),
        await keyringEntry(b, { status: "retired" }),
      ],
    };
  }

  it("writes the type out for a hybrid key, and the signature covers it", async () => {
    const p = await migration();
    expect(p.recipients.map((r) => keyringRecipientType(r))).toEqual(["X25519", "mlkem768x25519", "X25519"]);
    expect(p.recipients[1]).toMatchObject({ type: "mlkem768x25519" });
    expect(p.recipients[0]).not.toHaveProperty("type");
    const jws = await createKeyring(p, keyringKey.privateJwk);
    expect(await verifyKeyring(jws, [keyringKey.publicJwk])).toEqual(p);
    // Dropping or changing the type breaks the signature like any other change.
    const [h, , s] = jws.split(".");
    const evil = structuredClone(p);
    delete evil.recipients[1]!.type;
    expect((await caught(() => verifyKeyring(`${h}.${b64(JSON.stringify(evil))}.${s}`, [keyringKey.publicJwk]))).code).toBe("KEYRING_SIGNATURE_INVALID");
  });

  it("hands out one type at a time across the switch", async () => {
    const p = await migration();
    expect(currentRecipients(p, new Date("2026-08-31T23:59:59Z")).map((r) => r.recipient)).toEqual([a]);
    expect(currentRecipients(p, new Date("2026-09-01T00:00:00Z")).map((r) => r.recipient)).toEqual([pq]);
  });

  it("refuses a hybrid key without its type, a type that does not match, and live windows of both types", async () => {
    const p = await migration();
    const pqEntry = p.recipients[1]!;
    const bad: KeyringPayload[] = [
      { ...p, recipients: [{ id: pqEntry.id, recipient: pq, status: "current" }] },
      { ...p, recipients: [{ ...(await keyringEntry(a)), type: "mlkem768x25519" }] },
      { ...p, recipients: [await keyringEntry(a), await keyringEntry(pq)] },
      { ...p, recipients: [await keyringEntry(a, { status: "current", until: "2026-09-01T00:00:01Z" }), pqEntry] },
      { ...p, recipients: [await keyringEntry(pq2), await keyringEntry(a, { status: "current", from: "2030-01-01T00:00:00Z" })] },
    ];
    for (const payload of bad) {
      expect((await caught(() => createKeyring(payload, keyringKey.privateJwk))).code).toBe("KEYRING_INVALID");
      const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: "EdDSA", typ: "kollen-keyring+jws" })
        .sign(await importJWK(keyringKey.privateJwk, "EdDSA"));
      expect((await caught(() => verifyKeyring(jws, [keyringKey.publicJwk]))).code).toBe("KEYRING_INVALID");
    }
    // Two hybrid keys together, or a retired X25519 key beside a current hybrid one, are fine.
    const ok = { ...p, recipients: [await keyringEntry(pq), await keyringEntry(pq2), await keyringEntry(a, { status: "retired" })] };
    expect((await verifyKeyring(await createKeyring(ok, keyringKey.privateJwk), [keyringKey.publicJwk])).recipients).toHaveLength(3);
  });

  it("keeps 32 hybrid recipients well inside the size limit", async () => {
    const many = await Promise.all(Array.from({ length: 32 }, async () => keyringEntry((await generateHybridIdentity()).recipient)));
    const jws = await createKeyring({ ...(await migration()), recipients: many }, keyringKey.privateJwk);
    expect(jws.length).toBeLessThan(MAX_KEYRING_BYTES / 2);
  });
});
