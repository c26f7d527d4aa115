import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { createHash, X509Certificate } from "node:crypto";
import { CompactSign, compactVerify, importJWK, importPKCS8 } from "jose";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { clearCertificateCache, verifyCertificateChain } from "../../keys/x509.ts";
import { makePki, type Pki } from "./pki.ts";
import { caught } from "./helpers.ts";

/** Node's own reading of a certificate's public key, to compare with ours. */
function x509PublicJwk(b64: string): object {
  return new X509Certificate(Buffer.from(b64, "base64")).publicKey.export({ format: "jwk" });
}

let pki: Pki;
let ROOTS: string[];
let now: Date;
const DAY = 86_400_000;

beforeAll(() => {
  pki = makePki();
  now = new Date(Date.now() + 60_000); // certificates are valid from the second they were made
  ROOTS = [pki.pem("root"), pki.pem("rootec")];
});
afterAll(() => pki.cleanup());
beforeEach(() => clearCertificateCache());

describe("verifyCertificateChain: valid chains", () => {
  it("RSA leaf under an ECDSA intermediate under an RSA root, organizationIdentifier NTRSE-…", async () => {
    const r = await verifyCertificateChain(pki.x5c("rsa"), ROOTS, now);
    expect(r.orgnr).toBe("2120009994");
    expect(r.subjectCN).toBe("Exempel Exempelsson");
    expect(r.subjectO).toBe("Exempelkommun");
    expect(r.algs).toEqual(["RS256", "PS256"]);
    expect(r.publicKeyJwk).toEqual(x509PublicJwk(pki.x5c("rsa")[0]!));
    const x509 = new X509Certificate(Buffer.from(pki.x5c("rsa")[0]!, "base64"));
    expect(r.notAfter.getTime()).toBe(new Date(x509.validTo).getTime());
    expect(r.x5tS256).toBe(createHash("sha256").update(x509.raw).digest("base64url"));
  });

  it("accepts the chain with the root included", async () => {
    expect((await verifyCertificateChain(pki.x5c("rsa", true), ROOTS, now)).orgnr).toBe("2120009994");
  });

  it("EC P-256 leaf under an EC root, orgnr from serialNumber with the 16 prefix", async () => {
    const r = await verifyCertificateChain(pki.x5c("ec"), ROOTS, now);
    expect(r.orgnr).toBe("2120000142");
    expect(r.algs).toEqual(["ES256"]);
    expect(r.publicKeyJwk).toEqual(x509PublicJwk(pki.x5c("ec")[0]!));
  });

  it("RSA-PSS key and RSASSA-PSS signature", async () => {
    const r = await verifyCertificateChain(pki.x5c("pss"), ROOTS, now);
    expect(r.orgnr).toBe("2321000016");
    expect(r.publicKeyJwk).toMatchObject({ kty: "RSA", e: "AQAB" });
    expect(r.algs).toEqual(["PS256"]);
  });

  it("Ed25519 and P-384 leaves", async () => {
    const ed = await verifyCertificateChain(pki.x5c("ed"), ROOTS, now);
    expect(ed.algs).toEqual(["EdDSA"]);
    expect(ed.publicKeyJwk).toEqual(x509PublicJwk(pki.x5c("ed")[0]!));
    expect((await verifyCertificateChain(pki.x5c("ec384"), ROOTS, now)).algs).toEqual(["ES384"]);
  });

  it("falls back to serialNumber when organizationIdentifier is not NTRSE-", async () => {
    expect((await verifyCertificateChain(pki.x5c("fallback"), ROOTS, now)).orgnr).toBe("2021005489");
  });

  it("returns a public key that verifies the leaf key's signatures", async () => {
    const r = await verifyCertificateChain(pki.x5c("ec"), ROOTS, now);
    const priv = await importPKCS8(readFileSync(join(pki.dir, "orgec.key"), "utf8"), "ES256");
    const jws = await new CompactSign(new TextEncoder().encode("hej")).setProtectedHeader({ alg: "ES256" }).sign(priv);
    await expect(compactVerify(jws, await importJWK(r.publicKeyJwk as never, "ES256"))).resolves.toBeTruthy();
  });
});

describe("verifyCertificateChain: failures", () => {
  it("a chain to an untrusted root → CERT_CHAIN_INVALID", async () => {
    expect((await caught(() => verifyCertificateChain(pki.x5c("rsa"), [pki.pem("rootec")], now))).code).toBe("CERT_CHAIN_INVALID");
    expect((await caught(() => verifyCertificateChain(pki.x5c("rsa"), [], now))).code).toBe("CERT_CHAIN_INVALID");
  });

  it("a root with the same name but another key → CERT_CHAIN_INVALID", async () => {
    // "other" has the subject CN of the RSA root but O differs; give it as the only anchor
    expect((await caught(() => verifyCertificateChain(pki.x5c("pss"), [pki.pem("other")], now))).code).toBe("CERT_CHAIN_INVALID");
  });

  it("a leaf without its intermediate → CERT_CHAIN_INVALID", async () => {
    expect((await caught(() => verifyCertificateChain(pki.x5c("rsa").slice(0, 1), ROOTS, now))).code).toBe("CERT_CHAIN_INVALID");
  });

  it("certificates out of order → CERT_CHAIN_INVALID", async () => {
    const [leaf, inter] = pki.x5c("rsa");
    expect((await caught(() => verifyCertificateChain([inter!, leaf!], ROOTS, now))).code).toBe("CERT_CHAIN_INVALID");
  });

  it("a certificate with a flipped signature bit → CERT_CHAIN_INVALID", async () => {
    const der = Buffer.from(pki.x5c("pss")[0]!, "base64");
    der[der.length - 5]! ^= 0x01;
    expect((await caught(() => verifyCertificateChain([der.toString("base64")], ROOTS, now))).code).toBe("CERT_CHAIN_INVALID");
  });

  it("a flipped bit in the signed part → CERT_CHAIN_INVALID", async () => {
    const x5c = pki.x5c("rsa");
    const der = Buffer.from(x5c[0]!, "base64");
    const i = der.indexOf(Buffer.from("Exempel Exempelsson"));
    der[i]! ^= 0x20;
    expect((await caught(() => verifyCertificateChain([der.toString("base64"), x5c[1]!], ROOTS, now))).code).toBe("CERT_CHAIN_INVALID");
  });

  it.each([
    ["an intermediate that is not a CA", "undernotca"],
    ["a path longer than the intermediate's pathlen", "toodeep"],
    ["a leaf whose keyUsage does not allow signatures", "certsign"],
    ["an unrecognised critical extension", "critical"],
  ])("%s → CERT_CHAIN_INVALID", async (_name, cert) => {
    expect((await caught(() => verifyCertificateChain(pki.x5c(cert), ROOTS, now))).code).toBe("CERT_CHAIN_INVALID");
  });

  it("a CA certificate as the signer → CERT_CHAIN_INVALID", async () => {
    expect((await caught(() => verifyCertificateChain(pki.x5c("root", true), ROOTS, now))).code).toBe("CERT_CHAIN_INVALID");
  });

  it.each([
    ["empty", []],
    ["not base64", ["***"]],
    ["base64url instead of base64", [pki?.x5c?.("rsa")?.[0]?.replace(/\+/g, "-") ?? "a-b_"]],
    ["not a certificate", [Buffer.from("hello world").toString("base64")]],
    ["too many", Array(9).fill("AAAA")],
  ])("malformed x5c (%s) → CERT_CHAIN_INVALID", async (_name, x5c) => {
    expect((await caught(() => verifyCertificateChain(x5c as string[], ROOTS, now))).code).toBe("CERT_CHAIN_INVALID");
  });

  it("a leaf naming no organisationsnummer → CERT_NO_ORGNR", async () => {
    expect((await caught(() => verifyCertificateChain(pki.x5c("noorg"), ROOTS, now))).code).toBe("CERT_NO_ORGNR");
  });

  it("NTRSE- with a wrong check digit and no serialNumber → CERT_NO_ORGNR", async () => {
    expect((await caught(() => verifyCertificateChain(pki.x5c("badluhn"), ROOTS, now))).code).toBe("CERT_NO_ORGNR");
  });

  it("expired or not yet valid → CERT_EXPIRED, also from the cache", async () => {
    const x5c = pki.x5c("rsa");
    expect((await caught(() => verifyCertificateChain(x5c, ROOTS, new Date(now.getTime() + 60 * DAY)))).code).toBe("CERT_EXPIRED");
    expect((await caught(() => verifyCertificateChain(x5c, ROOTS, new Date(now.getTime() - DAY)))).code).toBe("CERT_EXPIRED");
    await verifyCertificateChain(x5c, ROOTS, now); // cached now
    expect((await caught(() => verifyCertificateChain(x5c, ROOTS, new Date(now.getTime() + 60 * DAY)))).code).toBe("CERT_EXPIRED");
  });

  it("a cached chain is not trusted once its CA is no longer configured", async () => {
    await verifyCertificateChain(pki.x5c("ec"), ROOTS, now);
    expect((await caught(() => verifyCertificateChain(pki.x5c("ec"), [pki.pem("root")], now))).code).toBe("CERT_CHAIN_INVALID");
  });

  it("a configured CA that is not PEM is reported", async () => {
    expect((await caught(() => verifyCertificateChain(pki.x5c("ec"), ["-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----"], now))).code).toBe(
      "CERT_CHAIN_INVALID",
    );
  });
});

describe("verifyCertificateChain: robustness (property)", () => {
  it("any flipped byte or truncation of a certificate fails with CERT_CHAIN_INVALID, never a crash", async () => {
    const [leaf, inter] = pki.x5c("rsa").map((b) => Buffer.from(b, "base64"));
    await fc.assert(
      fc.asyncProperty(fc.nat(leaf!.length - 1), fc.integer({ min: 1, max: 255 }), fc.boolean(), async (i, x, truncate) => {
        const bad = Buffer.from(leaf!);
        const mutated = truncate ? bad.subarray(0, i) : ((bad[i]! ^= x), bad);
        const e = await caught(() => verifyCertificateChain([mutated.toString("base64"), inter!.toString("base64")], ROOTS, now));
        expect(e.code).toBe("CERT_CHAIN_INVALID");
      }),
      { numRuns: 300 },
    );
  });
});

describe("verifyCertificateChain: cost", () => {
  it("caches verified chains: the same chain again checks no signature and gives the same result", async () => {
    const x5c = pki.x5c("rsa");
    clearCertificateCache();
    const verify = vi.spyOn(crypto.subtle, "verify");
    try {
      const first = await verifyCertificateChain(x5c, ROOTS, now);
      const signaturesChecked = verify.mock.calls.length;
      expect(signaturesChecked).toBeGreaterThanOrEqual(2); // leaf and intermediate at least
      const again = await verifyCertificateChain(x5c, ROOTS, now);
      expect(again).toBe(first);
      expect(verify.mock.calls.length).toBe(signaturesChecked);
      // still checked against the time: a cached chain outside its validity is refused
      await expect(verifyCertificateChain(x5c, ROOTS, new Date("2099-01-01T00:00:00Z"))).rejects.toMatchObject({ code: "CERT_EXPIRED" });
      clearCertificateCache();
      const fresh = await verifyCertificateChain(x5c, ROOTS, now);
      expect(fresh).not.toBe(first);
      expect(fresh).toEqual(first);
      expect(verify.mock.calls.length).toBe(2 * signaturesChecked);
    } finally {
      verify.mockRestore();
    }
  });
});
