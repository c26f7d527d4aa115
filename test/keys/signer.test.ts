import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { calculateJwkThumbprint, CompactSign, compactVerify, importJWK } from "jose";
import { checkSignerJwk, generateSignerKey, jwkThumbprint, parseSignerJwk, publicSignerJwk } from "../../keys/signer.ts";
import { base64urlEncode } from "../../encoding/base64.ts";
import { caught } from "./helpers.ts";

// RFC 8037 Appendix A.1–A.3
const RFC8037 = {
  kty: "OKP",
  crv: "Ed25519",
  d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
  x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
};
const RFC8037_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

describe("jwkThumbprint", () => {
  it("matches RFC 8037 A.3", () => {
    expect(jwkThumbprint(RFC8037)).toBe(RFC8037_THUMBPRINT);
  });

  it("agrees with jose for random keys (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async (x) => {
        const jwk = { kty: "OKP", crv: "Ed25519", x: base64urlEncode(x) };
        expect(jwkThumbprint(jwk)).toBe(await calculateJwkThumbprint(jwk, "sha256"));
      }),
      { numRuns: 50 },
    );
  });

  it("refuses non-OKP keys", async () => {
    expect((await caught(() => jwkThumbprint({ kty: "RSA" }))).code).toBe("KEY_UNSUPPORTED");
  });
});

describe("generateSignerKey", () => {
  it("makes an Ed25519 pair named by its thumbprint and bound to the organisation", async () => {
    const { privateJwk, publicJwk, thumbprint } = await generateSignerKey("16212000-0142");
    expect(thumbprint).toBe(await calculateJwkThumbprint(publicJwk, "sha256"));
    for (const j of [privateJwk, publicJwk]) {
      expect(j).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", kid: thumbprint, kollen_org: "2120000142" });
    }
    expect(publicJwk.d).toBeUndefined();
    expect(privateJwk.d).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The halves belong together: sign with one, verify with the other.
    const jws = await new CompactSign(new TextEncoder().encode("x")).setProtectedHeader({ alg: "EdDSA" }).sign(await importJWK(privateJwk, "EdDSA"));
    await expect(compactVerify(jws, await importJWK(publicJwk, "EdDSA"))).resolves.toBeTruthy();
  });

  it("makes a different key each time", async () => {
    const a = await generateSignerKey("2120000142");
    const b = await generateSignerKey("2120000142");
    expect(a.thumbprint).not.toBe(b.thumbprint);
  });

  it.each([
    ["212000-014", "ORGNR_INVALID"],
    ["hello", "ORGNR_INVALID"],
    ["212000-0143", "ORGNR_CHECKSUM"],
  ])("rejects %s with %s", async (org, code) => {
    expect((await caught(() => generateSignerKey(org))).code).toBe(code);
  });
});

describe("parseSignerJwk", () => {
  it("round-trips generated keys, both halves", async () => {
    const { privateJwk, publicJwk } = await generateSignerKey("2321000016");
    expect(parseSignerJwk(JSON.stringify(privateJwk))).toEqual(privateJwk);
    expect(parseSignerJwk(JSON.stringify(publicJwk))).toEqual(publicJwk);
    expect(publicSignerJwk(privateJwk)).toEqual(publicJwk);
  });

  it("accepts the RFC 8037 key and sets kid and alg", () => {
    const j = parseSignerJwk(JSON.stringify(RFC8037));
    expect(j.kid).toBe(RFC8037_THUMBPRINT);
    expect(j.alg).toBe("EdDSA");
    expect(j.d).toBe(RFC8037.d);
  });

  it("keeps a comment and drops other unknown members", () => {
    const j = parseSignerJwk(JSON.stringify({ ...RFC8037, comment: "DEV", ext: true, key_ops: ["sign"] }));
    expect(j.comment).toBe("DEV");
    expect(j).not.toHaveProperty("ext");
  });

  const invalid: [string, unknown][] = [
    ["not JSON", "{"],
    ["an array", "[]"],
    ["null", "null"],
    ["no kty", JSON.stringify({ crv: "Ed25519", x: RFC8037.x })],
    ["x of 31 bytes", JSON.stringify({ ...RFC8037, x: base64urlEncode(new Uint8Array(31)) })],
    ["x of 33 bytes", JSON.stringify({ ...RFC8037, x: base64urlEncode(new Uint8Array(33)) })],
    ["x with padding", JSON.stringify({ ...RFC8037, x: RFC8037.x + "=" })],
    ["x in standard base64", JSON.stringify({ ...RFC8037, x: "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo" })],
    ["x with non-zero pad bits", JSON.stringify({ ...RFC8037, x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURp" })],
    ["x as a number", JSON.stringify({ ...RFC8037, x: 5 })],
    ["d of 64 bytes", JSON.stringify({ ...RFC8037, d: base64urlEncode(new Uint8Array(64)) })],
    ["a wrong kid", JSON.stringify({ ...RFC8037, kid: "someone-else" })],
    ["a wrong alg", JSON.stringify({ ...RFC8037, alg: "ES256" })],
    ["use enc", JSON.stringify({ ...RFC8037, use: "enc" })],
    ["a hyphenated kollen_org", JSON.stringify({ ...RFC8037, kollen_org: "212000-0142" })],
    ["a kollen_org with a bad check digit", JSON.stringify({ ...RFC8037, kollen_org: "2120000143" })],
    ["a huge text", " ".repeat(20_000)],
  ];
  it.each(invalid)("rejects %s with KEY_INVALID", async (_name, text) => {
    expect((await caught(() => parseSignerJwk(text as string))).code).toBe("KEY_INVALID");
  });

  const unsupported: [string, object][] = [
    ["an RSA key", { kty: "RSA", n: "AQAB", e: "AQAB" }],
    ["an EC key", { kty: "EC", crv: "P-256", x: "AA", y: "AA" }],
    ["an X25519 key", { kty: "OKP", crv: "X25519", x: RFC8037.x }],
    ["an Ed448 key", { kty: "OKP", crv: "Ed448", x: RFC8037.x }],
  ];
  it.each(unsupported)("rejects %s with KEY_UNSUPPORTED", async (_name, jwk) => {
    expect((await caught(() => parseSignerJwk(JSON.stringify(jwk)))).code).toBe("KEY_UNSUPPORTED");
  });

  it("never echoes the private key in messages", async () => {
    const e = await caught(() => checkSignerJwk({ ...RFC8037, d: RFC8037.d + "A" }));
    expect(e.message).not.toContain(RFC8037.d);
    const e2 = await caught(() => parseSignerJwk(`{"d":"${RFC8037.d}",`));
    expect(e2.message).not.toContain(RFC8037.d);
    expect(e2.cause).toBeUndefined();
  });
});
