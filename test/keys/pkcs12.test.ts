import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CompactSign, compactVerify, importJWK, importX509, type JWK } from "jose";
import { importPkcs12 } from "../../keys/pkcs12.ts";
import { makePki, type Pki } from "./pki.ts";
import { caught } from "./helpers.ts";

let pki: Pki;
let caPems: string[];
let now: Date;
const PASSWORD = "hemligt-åäö 1";

beforeAll(() => {
  pki = makePki();
  caPems = [pki.pem("root"), pki.pem("rootec")];
  now = new Date(Date.now() + 60_000);
});
afterAll(() => pki.cleanup());

/**
 * Signs with the imported key and verifies with the leaf certificate, as a package verifier would
 * (jose's importX509), or with the key verifyCertificateChain read from it (`viaJwk`: WebCrypto
 * cannot import an id-RSASSA-PSS certificate key directly).
 */
async function signsAsLeaf(r: Awaited<ReturnType<typeof importPkcs12>>, viaJwk = false): Promise<void> {
  const jws = await new CompactSign(new TextEncoder().encode("manifest")).setProtectedHeader({ alg: r.alg, x5c: r.x5c }).sign(r.privateKey);
  const pem = `-----BEGIN CERTIFICATE-----\n${r.x5c[0]}\n-----END CERTIFICATE-----`;
  const key = viaJwk ? await importJWK(r.certificate.publicKeyJwk as JWK, r.alg) : await importX509(pem, r.alg);
  const { payload } = await compactVerify(jws, key);
  expect(new TextDecoder().decode(payload)).toBe("manifest");
}

describe("importPkcs12", () => {
  it("reads an OpenSSL 3 file (PBES2/AES-256, SHA-256 MAC): RSA key, chain leaf first without the root", async () => {
    const r = await importPkcs12(pki.p12("rsa", PASSWORD), PASSWORD, { caPems, now });
    expect(r.alg).toBe("RS256");
    expect(r.orgnr).toBe("2120009994");
    expect(r.x5c).toEqual(pki.x5c("rsa"));
    expect(r.certificate.subjectCN).toBe("Exempel Exempelsson");
    expect(r.privateKey.extractable).toBe(false);
    expect(r.privateKey.usages).toEqual(["sign"]);
    await signsAsLeaf(r);
  });

  it("signs PS256 with an rsaEncryption key on request", async () => {
    const r = await importPkcs12(pki.p12("rsa", PASSWORD), PASSWORD, { caPems, now, rsaAlg: "PS256" });
    expect(r.alg).toBe("PS256");
    await signsAsLeaf(r);
  });

  it("reads an EC P-256 key (ES256) whose certificate names the organisation in serialNumber", async () => {
    const r = await importPkcs12(pki.p12("ec", PASSWORD), PASSWORD, { caPems, now });
    expect(r.alg).toBe("ES256");
    expect(r.orgnr).toBe("2120000142");
    expect(r.x5c).toHaveLength(1);
    await signsAsLeaf(r);
  });

  it("reads an id-RSASSA-PSS key (PS256)", async () => {
    const r = await importPkcs12(pki.p12("pss", "x"), "x", { caPems, now });
    expect(r.alg).toBe("PS256");
    expect(r.orgnr).toBe("2321000016");
    await signsAsLeaf(r, true);
  });

  it("reads the legacy layout (SHA-1/3DES PBE, SHA-1 MAC)", async () => {
    const r = await importPkcs12(pki.p12("rsa", PASSWORD, { legacy: true, out: "legacy.p12" }), PASSWORD, { caPems, now });
    expect(r.orgnr).toBe("2120009994");
    await signsAsLeaf(r);
  });

  it("an empty password works when the file has one", async () => {
    expect((await importPkcs12(pki.p12("ec", "", { out: "empty.p12" }), "", { caPems, now })).alg).toBe("ES256");
  });

  it.each([
    ["modern", {}],
    ["legacy", { legacy: true }],
  ])("a wrong password → PKCS12_PASSWORD (%s)", async (_name, opts) => {
    const bytes = pki.p12("rsa", PASSWORD, { ...opts, out: `wrong-${_name}.p12` });
    for (const wrong of ["", "hemligt-aao 1", PASSWORD + " "]) {
      expect((await caught(() => importPkcs12(bytes, wrong, { caPems, now }))).code).toBe("PKCS12_PASSWORD");
    }
  });

  it.each([
    ["empty", new Uint8Array()],
    ["text", new TextEncoder().encode("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")],
    ["random bytes", crypto.getRandomValues(new Uint8Array(512))],
    ["too large", new Uint8Array(1024 * 1024 + 1)],
  ])("garbage (%s) → PKCS12_INVALID", async (_name, bytes) => {
    expect((await caught(() => importPkcs12(bytes, PASSWORD, { caPems, now }))).code).toBe("PKCS12_INVALID");
  });

  it("a truncated file → PKCS12_INVALID", async () => {
    const bytes = pki.p12("ec", PASSWORD, { out: "trunc.p12" });
    expect((await caught(() => importPkcs12(bytes.subarray(0, bytes.length - 40), PASSWORD, { caPems, now }))).code).toBe("PKCS12_INVALID");
  });

  it("a file without a private key → PKCS12_INVALID", async () => {
    const bytes = pki.p12("ec", PASSWORD, { noKey: true, out: "nokey.p12" });
    expect((await caught(() => importPkcs12(bytes, PASSWORD, { caPems, now }))).code).toBe("PKCS12_INVALID");
  });

  it("keys other than RSA and P-256 → KEY_UNSUPPORTED", async () => {
    for (const name of ["ed", "ec384"]) {
      expect((await caught(() => importPkcs12(pki.p12(name, "x"), "x", { caPems, now }))).code).toBe("KEY_UNSUPPORTED");
    }
  });

  it("the chain must reach a configured CA", async () => {
    const bytes = pki.p12("rsa", PASSWORD, { out: "untrusted.p12" });
    expect((await caught(() => importPkcs12(bytes, PASSWORD, { caPems: [pki.pem("other")], now }))).code).toBe("CERT_CHAIN_INVALID");
    const leafOnly = pki.p12("rsa", PASSWORD, { noChain: true, out: "leafonly.p12" });
    expect((await caught(() => importPkcs12(leafOnly, PASSWORD, { caPems, now }))).code).toBe("CERT_CHAIN_INVALID");
  });

  it("an expired certificate → CERT_EXPIRED, one without an organisationsnummer → CERT_NO_ORGNR", async () => {
    const bytes = pki.p12("ec", PASSWORD, { out: "expired.p12" });
    expect((await caught(() => importPkcs12(bytes, PASSWORD, { caPems, now: new Date(Date.now() + 90 * 86_400_000) }))).code).toBe("CERT_EXPIRED");
    expect((await caught(() => importPkcs12(pki.p12("noorg", "x"), "x", { caPems, now }))).code).toBe("CERT_NO_ORGNR");
  });
});
