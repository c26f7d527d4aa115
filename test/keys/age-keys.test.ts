/** age X25519 keys in text form and recipient key ids: formats and every kind of bad input. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bech32Encode } from "../../encoding/bech32.ts";
import { decodeIdentity, decodeRecipient, encodeIdentity, encodeRecipient, recipientKeyId } from "../../keys/age-keys.ts";
import { SPEC_IDENTITY, SPEC_RECIPIENT, codeOfSync } from "../client-kit/age/helpers.ts";

describe("X25519 keys in text form", () => {
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
