/**
 * Outer verification (client-kit/package/verify-outer.ts) in-process: the bad-input catalogue
 * (test/vectors/bad/) through the library with its context, then the cases that pin each condition
 * on its own — revocation judged at receipt and at createdAt, each at its boundary instant; FAILED
 * (not only a reason) for recipients and lengths; what each signer's report says. These are the
 * tests `npm run test:mutation` runs against verify-outer.ts (no child processes: each mutant runs them).
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { calculateJwkThumbprint, type JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES, isKollenError } from "../../../schemas/errors.ts";
import { errorMessage } from "../../../schemas/messages.ts";
import { verifyKeyring } from "../../../keys/keyring.ts";
import { buildPackage } from "../../../client-kit/package/build.ts";
import { scanPackageBytes } from "../../../client-kit/package/scan.ts";
import { verifyOuter, type KeyringView, type VerificationReport } from "../../../client-kit/package/verify-outer.ts";
import { staticTrustStore, type TrustStore } from "../../../client-kit/package/trust.ts";
import { readTar, writeTar } from "../../../client-kit/lib/tar.ts";
import { signGeneral } from "../../../client-kit/lib/jws.ts";
import { makeAuthority, makeSigner, outerTar, trustFor, MODEL, ORG, OTHER_ORG, RESULT, type TestSigner } from "./fixtures.ts";

// ---------------------------------------------------------------- the catalogue, through the library

const DIR = "test/vectors/bad";
const ctx = JSON.parse(readFileSync(join(DIR, "context.json"), "utf8")) as { at: string; keys: string; signers: string[]; cas: string[]; keyring: string; keyringKey: string };
const keyPath = (f: string) => (existsSync(join(DIR, "keys", f)) ? join(DIR, "keys", f) : join(DIR, ctx.keys, f));
const keyText = (f: string) => readFileSync(keyPath(f), "utf8");
/** Codes the library cannot give: the server's size limit, registry, stored packages (U2) and clock of receipt (U3). */
const NOT_OUTER = new Set(["PACKAGE_TOO_LARGE", "CAMPAIGN_UNKNOWN", "CAMPAIGN_CLOSED", "CAMPAIGN_NOT_OPEN", "SURVEY_MODEL_MISMATCH", "PACKAGE_ID_REUSED", "CREATED_IN_FUTURE"]);
const INDETERMINATE = new Set(["SIGNER_UNKNOWN", "CERT_CHAIN_INVALID", "SIGNER_CERT_EXPIRED"]);
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".kollen"))
  .sort();

async function catalogueTrust(): Promise<TrustStore> {
  const signers = [];
  for (const s of ctx.signers) {
    const jwk = JSON.parse(keyText(`${s}.public.jwk`)) as JWK & { kollen_org?: string; kollen_revoked?: string };
    const publicJwk = { kty: "OKP", crv: "Ed25519", x: jwk.x! };
    signers.push({ kid: await calculateJwkThumbprint(publicJwk), publicJwk, organisations: jwk.kollen_org ? [jwk.kollen_org] : [], ...(jwk.kollen_revoked ? { revokedFrom: new Date(jwk.kollen_revoked) } : {}) });
  }
  return staticTrustStore(signers, ctx.cas.map(keyText));
}

/** The verification of one catalogue file: a structure error is FAILED with its code. */
async function verifyFile(bytes: Uint8Array, trust: TrustStore, keyring: KeyringView): Promise<Pick<VerificationReport, "outcome" | "reasons">> {
  try {
    return await verifyOuter(await scanPackageBytes(bytes), { trust, keyring, now: new Date(ctx.at) });
  } catch (e) {
    if (!isKollenError(e)) throw e;
    return { outcome: "FAILED", reasons: [{ code: e.code, message: e.message }] };
  }
}

describe("the bad-input catalogue through verifyOuter", () => {
  let trust: TrustStore;
  let keyring: KeyringView;
  beforeAll(async () => {
    trust = await catalogueTrust();
    keyring = await verifyKeyring(keyText(ctx.keyring), [JSON.parse(keyText(ctx.keyringKey)) as JWK]);
  });

  for (const file of files) {
    const code = file.split(".")[0]!;
    const passes = code === "OK" || NOT_OUTER.has(code);
    it(`${file}: ${passes ? "PASSED" : `${INDETERMINATE.has(code) ? "INDETERMINATE" : "FAILED"} with exactly ${code}`}`, async () => {
      if (code !== "OK") expect(ERROR_CODES, "a code schemas/errors.ts knows").toContain(code);
      const report = await verifyFile(new Uint8Array(readFileSync(join(DIR, file))), trust, keyring);
      // one defect per file: exactly its code, and the code's message first in what is said
      expect({ outcome: report.outcome, codes: report.reasons.map((r) => r.code) }).toEqual(
        passes ? { outcome: "PASSED", codes: [] } : { outcome: INDETERMINATE.has(code) ? "INDETERMINATE" : "FAILED", codes: [code] },
      );
    });
  }
});

describe("what the report says about catalogue files", () => {
  let trust: TrustStore;
  let keyring: KeyringView;
  beforeAll(async () => {
    trust = await catalogueTrust();
    keyring = await verifyKeyring(keyText(ctx.keyring), [JSON.parse(keyText(ctx.keyringKey)) as JWK]);
  });
  const report = async (file: string) => verifyOuter(await scanPackageBytes(new Uint8Array(readFileSync(join(DIR, file)))), { trust, keyring, now: new Date(ctx.at) });

  it("a certificate signer: x509, RS256, the organisation and the name its certificate gives", async () => {
    const r = await report("OK.certificate.kollen");
    expect(r.signers).toEqual([{ alg: "RS256", source: "x509", orgnr: "2120009994", name: "Signer", outcome: "PASSED" }]);
    // signing for another organisation: the report keeps the certificate's organisation, not the manifest's
    const other = await report("SIGNER_WRONG_ORGANISATION.certificate-other-org.kollen");
    expect(other.signers).toEqual([{ alg: "RS256", source: "x509", orgnr: "2120009994", name: "Signer", outcome: "FAILED", code: "SIGNER_WRONG_ORGANISATION" }]);
    expect(other.manifest?.organisation).toBe("2321000016");
  });

  it("a protected header that does not parse: alg '?', and no manifest", async () => {
    const r = await report("SIGNATURE_INVALID.protected-not-json.kollen");
    expect(r.signers).toEqual([{ alg: "?", source: "jwk", outcome: "FAILED", code: "SIGNATURE_INVALID" }]);
    expect(r.manifest).toBeUndefined();
  });

  it("one broken signature among good ones: FAILED before the manifest is parsed", async () => {
    const r = await report("SIGNATURE_INVALID.countersignature-broken.kollen");
    expect(r.signers.map((x) => x.outcome)).toEqual(["PASSED", "FAILED"]);
    expect(r.manifest).toBeUndefined();
  });

  it("MANIFEST_INVALID says where, when there is a where", async () => {
    expect((await report("MANIFEST_INVALID.payload-length-negative.kollen")).reasons).toEqual([{ code: "MANIFEST_INVALID", message: `${errorMessage("MANIFEST_INVALID", "en")} (at: payload.length)` }]);
    expect((await report("MANIFEST_INVALID.array.kollen")).reasons).toEqual([{ code: "MANIFEST_INVALID", message: errorMessage("MANIFEST_INVALID", "en") }]);
  });
});

// ---------------------------------------------------------------- each condition on its own

const T = new Date("2026-11-29T10:00:00.000Z");
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
let authority: Awaited<ReturnType<typeof makeAuthority>>;
let signer: TestSigner;
let management: TestSigner;
beforeAll(async () => {
  authority = await makeAuthority();
  signer = await makeSigner();
  management = await makeSigner();
});

async function pack(opts: { createdAt?: Date; signers?: TestSigner[]; recipients?: string[]; covers?: string[] } = {}): Promise<Uint8Array> {
  return buildPackage({
    result: RESULT,
    organisation: ORG,
    campaign: "infosak-2026",
    surveyModel: MODEL,
    covers: opts.covers ?? [],
    signers: (opts.signers ?? [signer]).map((s) => ({ kind: "jwk" as const, privateJwk: s.privateJwk })),
    recipients: opts.recipients ?? [authority.current.recipient],
    now: opts.createdAt ?? ms(T, -3_600_000),
  });
}
async function verify(bytes: Uint8Array, trust: TrustStore, opts: { now?: Date; keyring?: KeyringView | null } = {}): Promise<VerificationReport> {
  const keyring = opts.keyring === null ? undefined : (opts.keyring ?? authority.keyring);
  return verifyOuter(await scanPackageBytes(bytes), { trust, ...(keyring ? { keyring } : {}), now: opts.now ?? T });
}
const codes = (r: VerificationReport) => r.reasons.map((x) => x.code);

describe("revocation: at the time of receipt, and at createdAt, each on its own", () => {
  const revokedAt = (from: Date) => trustFor([{ ...signer, revokedFrom: from }]);

  it("a key revoked after both createdAt and receipt PASSES", async () => {
    const r = await verify(await pack({ createdAt: ms(T, -3_600_000) }), revokedAt(ms(T, 1)));
    expect([r.outcome, codes(r)]).toEqual(["PASSED", []]);
  });

  it("revoked at exactly the time of receipt FAILS (revocation holds from its instant)", async () => {
    const r = await verify(await pack({ createdAt: ms(T, -3_600_000) }), revokedAt(T));
    expect([r.outcome, codes(r)]).toEqual(["FAILED", ["SIGNER_REVOKED"]]);
    expect(r.signers[0]).toMatchObject({ outcome: "FAILED", code: "SIGNER_REVOKED" });
  });

  it("revoked before receipt, with a createdAt backdated to before the revocation: still FAILED", async () => {
    const r = await verify(await pack({ createdAt: ms(T, -30 * 86_400_000) }), revokedAt(ms(T, -86_400_000)));
    expect([r.outcome, codes(r)]).toEqual(["FAILED", ["SIGNER_REVOKED"]]);
  });

  it("signed after the revocation though received before it (a createdAt ahead of the clock): FAILED", async () => {
    const r = await verify(await pack({ createdAt: ms(T, 2 * 3_600_000) }), revokedAt(ms(T, 3_600_000)));
    expect([r.outcome, codes(r)]).toEqual(["FAILED", ["SIGNER_REVOKED"]]);
  });

  it("createdAt at exactly the revocation instant, received before it: FAILED; one millisecond earlier: PASSED", async () => {
    const from = ms(T, 3_600_000);
    const at = await verify(await pack({ createdAt: from }), revokedAt(from));
    expect([at.outcome, codes(at)]).toEqual(["FAILED", ["SIGNER_REVOKED"]]);
    const before = await verify(await pack({ createdAt: ms(from, -1) }), revokedAt(from));
    expect([before.outcome, codes(before)]).toEqual(["PASSED", []]);
  });
});

describe("hard failures are FAILED, not only reasons", () => {
  it("sealed to a key outside the keyring: FAILED, even with a trusted signer", async () => {
    const { generateX25519Identity } = await import("../../../client-kit/age/index.ts");
    const stranger = await generateX25519Identity();
    const r = await verify(await pack({ recipients: [authority.current.recipient, stranger.recipient] }), trustFor([signer]));
    expect([r.outcome, codes(r)]).toEqual(["FAILED", ["RECIPIENT_NOT_IN_KEYRING"]]);
  });

  it("sealed to a retired key: FAILED", async () => {
    const r = await verify(await pack({ recipients: [authority.retired.recipient] }), trustFor([signer]));
    expect([r.outcome, codes(r)]).toEqual(["FAILED", ["RECIPIENT_RETIRED"]]);
  });

  it("without a keyring the recipients are not judged (the CLI says so)", async () => {
    const r = await verify(await pack({ recipients: [authority.retired.recipient] }), trustFor([signer]), { keyring: null });
    expect([r.outcome, codes(r)]).toEqual(["PASSED", []]);
  });

  it("a payload of another length: FAILED with PAYLOAD_LENGTH_MISMATCH alone (the digest is not compared then)", async () => {
    const [m, j, p] = readTar(await pack(), "PACKAGE_NOT_TAR").map((e) => ({ name: e.header.name, bytes: e.bytes.slice() }));
    const longer = new Uint8Array(p!.bytes.length + 1);
    longer.set(p!.bytes);
    const r = await verify(outerTar([m!, j!, { name: p!.name, bytes: longer }]), trustFor([signer]));
    expect([r.outcome, codes(r)]).toEqual(["FAILED", ["PAYLOAD_LENGTH_MISMATCH"]]);
  });

  it("an unknown countersigner with an untrusted recipient: the hard failure wins (FAILED)", async () => {
    const r = await verify(await pack({ signers: [signer, management], recipients: [authority.retired.recipient] }), trustFor([signer]));
    expect(r.outcome).toBe("FAILED");
    expect(codes(r)).toEqual(["SIGNER_UNKNOWN", "RECIPIENT_RETIRED"]);
  });

  it("a signer of another organisation beside a good one: FAILED", async () => {
    const r = await verify(await pack({ signers: [signer, management] }), staticTrustStore([
      { kid: signer.kid, publicJwk: signer.publicJwk, organisations: [ORG] },
      { kid: management.kid, publicJwk: management.publicJwk, organisations: [OTHER_ORG] },
    ]));
    expect([r.outcome, codes(r)]).toEqual(["FAILED", ["SIGNER_WRONG_ORGANISATION"]]);
    expect(r.signers.map((s) => [s.outcome, s.code ?? null, s.orgnr])).toEqual([["PASSED", null, ORG], ["FAILED", "SIGNER_WRONG_ORGANISATION", ORG]]);
  });
});

describe("one byte form: manifest.jws and the outer mtime (FORMAT.md S11, O8)", () => {
  const canonical = (detail: string) => [{ code: "PACKAGE_NOT_CANONICAL", message: `${errorMessage("PACKAGE_NOT_CANONICAL", "en")} (${detail})` }];
  const members = async () => readTar(await pack(), "PACKAGE_NOT_TAR").map((e) => ({ name: e.header.name, bytes: e.bytes.slice(), mtime: e.header.mtime }));
  const withJwsText = async (edit: (text: string) => string) => {
    const [m, j, p] = await members();
    return outerTar([m!, { name: j!.name, bytes: new TextEncoder().encode(edit(new TextDecoder().decode(j!.bytes))) }, p!]);
  };

  it("the kit's own form PASSES; without its final LF, or with the two members of an entry swapped (same length), manifest.jws is FAILED", async () => {
    expect((await verify(await withJwsText((t) => t), trustFor([signer]))).outcome).toBe("PASSED");
    const swapped = (t: string) => `${JSON.stringify({ signatures: (JSON.parse(t) as { signatures: Array<{ signature: string; protected: string }> }).signatures.map((x) => ({ protected: x.protected, signature: x.signature })) })}\n`;
    for (const edit of [(t: string) => t.slice(0, -1), swapped]) {
      const r = await verify(await withJwsText(edit), trustFor([signer]));
      expect({ outcome: r.outcome, reasons: r.reasons }).toEqual({ outcome: "FAILED", reasons: canonical("manifest.jws is not in the form the format writes") });
    }
  });

  it("an outer mtime one second off createdAt is FAILED though every signer passes", async () => {
    const [m, j, p] = await members();
    const r = await verify(writeTar([m!, j!, p!], m!.mtime + 1), trustFor([signer]));
    expect({ outcome: r.outcome, reasons: r.reasons }).toEqual({ outcome: "FAILED", reasons: canonical("the outer mtime is not createdAt") });
    expect(r.signers.map((x) => x.outcome)).toEqual(["PASSED"]);
  });
});

describe("what the report says", () => {
  it("a PASSED package: the manifest, and each signer's kid, alg, source, organisation and outcome", async () => {
    const r = await verify(await pack({ signers: [signer, management] }), trustFor([signer, management]));
    expect(r.outcome).toBe("PASSED");
    expect(r.reasons).toEqual([]);
    expect(r.manifest).toMatchObject({ organisation: ORG, campaign: "infosak-2026" });
    expect(r.signers).toEqual([
      { kid: signer.kid, alg: "EdDSA", source: "jwk", orgnr: ORG, outcome: "PASSED" },
      { kid: management.kid, alg: "EdDSA", source: "jwk", orgnr: ORG, outcome: "PASSED" },
    ]);
  });

  it("a trust store that answers a kid with another key is not trusted (SIGNER_UNKNOWN)", async () => {
    const r = await verify(await pack(), staticTrustStore([{ kid: signer.kid, publicJwk: management.publicJwk, organisations: [ORG] }]));
    expect([r.outcome, codes(r)]).toEqual(["INDETERMINATE", ["SIGNER_UNKNOWN"]]);
    expect(r.signers[0]).toEqual({ kid: signer.kid, alg: "EdDSA", source: "jwk", outcome: "INDETERMINATE", code: "SIGNER_UNKNOWN" });
  });

  it("a trusted key of another type than Ed25519 is not trusted", async () => {
    const r = await verify(await pack(), staticTrustStore([{ kid: signer.kid, publicJwk: { kty: "RSA", n: "AQAB", e: "AQAB" }, organisations: [ORG] }]));
    expect([r.outcome, codes(r)]).toEqual(["INDETERMINATE", ["SIGNER_UNKNOWN"]]);
  });

  it("a reason's message is the code's message, with a log-safe detail where one helps", async () => {
    const [, j, p] = readTar(await pack(), "PACKAGE_NOT_TAR").map((e) => ({ name: e.header.name, bytes: e.bytes.slice() }));
    const bad = new TextEncoder().encode(`${JSON.stringify({ hello: 1 })}\n`);
    const jws = await signGeneral(bad, [{ kind: "jwk", privateJwk: signer.privateJwk }], "kollen-manifest+jws", true);
    const r = await verify(outerTar([{ name: "manifest.json", bytes: bad }, { ...j!, bytes: new TextEncoder().encode(`${JSON.stringify(jws)}\n`) }, p!]), trustFor([signer]));
    expect(r.outcome).toBe("FAILED");
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0]!.code).toBe("MANIFEST_INVALID");
    expect(r.reasons[0]!.message.startsWith(`${errorMessage("MANIFEST_INVALID", "en")} (at: `)).toBe(true);
    expect(r.reasons[0]!.message).toMatch(/\(at: format, packageId, campaign, /);
    expect(r.manifest).toBeUndefined();
    const unknown = await verify(await pack({ signers: [management] }), trustFor([signer]));
    expect(unknown.reasons).toEqual([{ code: "SIGNER_UNKNOWN", message: errorMessage("SIGNER_UNKNOWN", "en") }]);
  });

  it("the same code from two signers is reported once", async () => {
    const third = await makeSigner();
    const r = await verify(await pack({ signers: [signer, management, third] }), trustFor([signer]));
    expect(codes(r)).toEqual(["SIGNER_UNKNOWN"]);
    expect(r.signers.map((s) => s.code ?? null)).toEqual([null, "SIGNER_UNKNOWN", "SIGNER_UNKNOWN"]);
  });

  it("no signer passes and none failed: SIGNER_UNKNOWN is said once", async () => {
    const r = await verify(await pack({ signers: [management] }), trustFor([signer]));
    expect(r.signers).toHaveLength(1);
    expect(codes(r)).toEqual(["SIGNER_UNKNOWN"]);
  });
});
