/** Receipts: deterministic compact JWS, the same through WebCrypto and a native signer; strict checks. */
import { describe, expect, it } from "vitest";
import { createPrivateKey, sign } from "node:crypto";
import { SignJWT, calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify } from "jose";
import { signReceipt } from "../../../server/receipts/sign.ts";
import { verifyReceipt } from "../../../server/receipts/verify.ts";
import type { ServerConfig, ServerKeys } from "../../../server/ports.ts";

const config: ServerConfig = { authorityName: "MCF", issuer: "https://kollen.example", maxPackageBytes: 1, bodyTimeoutMs: 1, fourEyes: false };
const claims = {
  submissionId: "0b6f1c1e-3c5e-4d1a-9a7e-2f1e3b0c9d11",
  packageSha256: "c".repeat(64),
  organisation: "2120000142",
  campaign: "infosak-2026",
  receivedAt: "2026-03-01T10:00:00.000Z",
  status: "verified",
  reasons: [],
  authority: "MCF",
};

async function keys(): Promise<ServerKeys> {
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const pub = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(pub, "sha256");
  const ko = createPrivateKey({ key: await exportJWK(privateKey), format: "jwk" });
  return { receipt: { kid, privateKey, signSync: (d) => new Uint8Array(sign(null, d, ko)) }, publicJwks: [{ ...pub, kid }] };
}

describe("receipts", () => {
  it("are the same bytes through WebCrypto and the native signer, and verify as a JWT", async () => {
    const k = await keys();
    const viaNative = await signReceipt(k, config, claims);
    const viaWebCrypto = await signReceipt({ ...k, receipt: { kid: k.receipt.kid, privateKey: k.receipt.privateKey } }, config, claims);
    expect(viaNative).toBe(viaWebCrypto);
    expect(await signReceipt(k, config, claims)).toBe(viaNative); // deterministic
    const { payload, protectedHeader } = await jwtVerify(viaNative, createLocalJWKSet({ keys: k.publicJwks }), { issuer: config.issuer, typ: "kollen-receipt+jwt" });
    expect(protectedHeader).toEqual({ alg: "EdDSA", kid: k.receipt.kid, typ: "kollen-receipt+jwt" });
    expect(payload).toMatchObject({ ...claims, sub: claims.submissionId, iat: Date.parse(claims.receivedAt) / 1000 });
    expect(await verifyReceipt(k, config, viaNative)).toMatchObject(claims);
  });

  it("verifyReceipt refuses another key, another issuer, another typ, a changed claim", async () => {
    const k = await keys();
    const other = await keys();
    const good = await signReceipt(k, config, claims);
    expect(await verifyReceipt(other, config, good)).toBeUndefined();
    expect(await verifyReceipt(k, { ...config, issuer: "https://elsewhere" }, good)).toBeUndefined();
    const wrongTyp = await new SignJWT({ ...claims }).setProtectedHeader({ alg: "EdDSA", kid: k.receipt.kid, typ: "JWT" }).setIssuer(config.issuer).setSubject(claims.submissionId).sign(k.receipt.privateKey);
    expect(await verifyReceipt(k, config, wrongTyp)).toBeUndefined();
    const [h, p, s] = good.split(".");
    const changed = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, "base64url").toString()), status: "approved" })).toString("base64url");
    expect(await verifyReceipt(k, config, `${h}.${changed}.${s}`)).toBeUndefined();
    expect(await verifyReceipt(k, config, "garbage")).toBeUndefined();
  });
});
