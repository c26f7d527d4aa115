/**
 * Organisation certificates as signers (x5c): RSA (RS256), ECDSA P-256 (ES256) and RSA-PSS keys
 * (PS256), alone and beside an Ed25519 countersignature; chains to a configured CA, the
 * organisationsnummer read from the certificate, and the trust outcomes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPkcs12 } from "../../../keys/pkcs12.ts";
import { scanPackageBytes } from "../../../client-kit/package/scan.ts";
import { verifyOuter } from "../../../client-kit/package/verify-outer.ts";
import { openPackage } from "../../../client-kit/package/open.ts";
import { buildPackage, type Signer } from "../../../client-kit/package/build.ts";
import { staticTrustStore } from "../../../client-kit/package/trust.ts";
import { makePki, type Pki } from "../../keys/pki.ts";
import { MODEL, RESULT, makeAuthority, makeSigner } from "./fixtures.ts";

let pki: Pki;
let authority: Awaited<ReturnType<typeof makeAuthority>>;
let now: Date; // after the certificates were made: openssl dates them from the second they are issued

beforeAll(async () => {
  pki = makePki();
  authority = await makeAuthority();
  now = new Date(Date.now() + 1000);
}, 60_000);
afterAll(() => pki.cleanup());

async function certSigner(name: string, ca: string, rsaAlg?: "RS256" | "PS256"): Promise<Signer & { kind: "x509" }> {
  const p12 = await importPkcs12(pki.p12(name, "hemligt"), "hemligt", { caPems: [pki.pem(ca)], rsaAlg });
  return { kind: "x509", privateKey: p12.privateKey, alg: p12.alg, x5c: p12.x5c };
}

const build = (organisation: string, signers: Signer[]) =>
  buildPackage({ result: RESULT, organisation, campaign: "2026-infosak", surveyModel: MODEL, signers, recipients: [authority.current.recipient] });

describe("certificate signers", () => {
  it.each([
    ["rsa", "root", "2120009994", "RS256", undefined],
    ["rsa", "root", "2120009994", "PS256", "PS256"],
    ["ec", "rootec", "2120000142", "ES256", undefined],
    ["pss", "root", "2321000016", "PS256", undefined],
  ] as const)("%s certificate (%s CA, %s) signs %s and PASSES", async (name, ca, org, alg, rsaAlg) => {
    const signer = await certSigner(name, ca, rsaAlg);
    expect(signer.alg).toBe(alg);
    const pkg = await build(org, [signer]);
    const trust = staticTrustStore([], [pki.pem(ca)]);
    const report = await verifyOuter(await scanPackageBytes(pkg), { trust, keyring: authority.keyring, now });
    expect(report.reasons).toEqual([]);
    expect(report.outcome).toBe("PASSED");
    expect(report.signers[0]).toMatchObject({ source: "x509", alg, orgnr: org, outcome: "PASSED" });
    const opened = await openPackage(pkg, { identities: [authority.current.identity], trust, now });
    expect(opened.result).toEqual(RESULT);
  });

  it("a certificate signer beside an Ed25519 countersigner", async () => {
    const management = await makeSigner();
    const pkg = await build("2120009994", [await certSigner("rsa", "root"), { kind: "jwk", privateJwk: management.privateJwk }]);
    const trust = staticTrustStore([{ kid: management.kid, publicJwk: management.publicJwk, organisations: ["2120009994"] }], [pki.pem("root")]);
    const report = await verifyOuter(await scanPackageBytes(pkg), { trust, now });
    expect(report.outcome).toBe("PASSED");
    await expect(openPackage(pkg, { identities: [authority.current.identity], trust, now })).resolves.toBeTruthy();
  });

  it("a chain to a CA nobody configured is INDETERMINATE", async () => {
    const pkg = await build("2120009994", [await certSigner("rsa", "root")]);
    const report = await verifyOuter(await scanPackageBytes(pkg), { trust: staticTrustStore([], [pki.pem("other")]), now });
    expect(report.outcome).toBe("INDETERMINATE");
    expect(report.reasons.map((r) => r.code)).toEqual(["CERT_CHAIN_INVALID"]);
  });

  it("a certificate naming another organisation than the manifest FAILS", async () => {
    const pkg = await build("2120000142", [await certSigner("rsa", "root")]); // the certificate names 2120009994
    const report = await verifyOuter(await scanPackageBytes(pkg), { trust: staticTrustStore([], [pki.pem("root")]), now });
    expect(report.outcome).toBe("FAILED");
    expect(report.reasons.map((r) => r.code)).toEqual(["SIGNER_WRONG_ORGANISATION"]);
  });

  it("after the certificate expires the signature is INDETERMINATE (it may be renewed)", async () => {
    const pkg = await build("2120009994", [await certSigner("rsa", "root")]);
    const later = new Date(now.getTime() + 90 * 86_400_000); // leaf certificates live 30 days
    const report = await verifyOuter(await scanPackageBytes(pkg), { trust: staticTrustStore([], [pki.pem("root")]), now: later });
    expect(report.outcome).toBe("INDETERMINATE");
    expect(report.reasons.map((r) => r.code)).toEqual(["SIGNER_CERT_EXPIRED"]);
  });
});
