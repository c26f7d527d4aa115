/** Test fixtures: real keys, real age identities, real packages. */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import { generateX25519Identity } from "../../../client-kit/age/index.ts";
import { buildPackage, type BuildInput } from "../../../client-kit/package/build.ts";
import { writeTar } from "../../../client-kit/lib/tar.ts";
import { recipientKeyId } from "../../../client-kit/age/index.ts";
import { staticTrustStore, type TrustedSigner } from "../../../client-kit/package/trust.ts";

export const ORG = "2120000142";
export const OTHER_ORG = "2321000016";
export const MODEL = { id: "infosakkollen-example", sha256: "a".repeat(64) };
export const RESULT = new TextEncoder().encode(JSON.stringify({ canary: "KANARIEFÅGEL-4711", answers: [1, 2, 3] }));

export interface TestSigner {
  privateJwk: JWK;
  publicJwk: JWK;
  kid: string;
}

export async function makeSigner(): Promise<TestSigner> {
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return { privateJwk: await exportJWK(privateKey), publicJwk, kid: await calculateJwkThumbprint(publicJwk, "sha256") };
}

export function trustFor(signers: Array<TestSigner & Partial<TrustedSigner>>, organisations = [ORG]) {
  return staticTrustStore(signers.map((s) => ({ kid: s.kid, publicJwk: s.publicJwk, organisations: s.organisations ?? organisations, revokedFrom: s.revokedFrom })));
}

export async function makeAuthority() {
  const current = await generateX25519Identity();
  const retired = await generateX25519Identity();
  const keyring = {
    recipients: [
      { id: await recipientKeyId(current.recipient), recipient: current.recipient, status: "current" as const },
      { id: await recipientKeyId(retired.recipient), recipient: retired.recipient, status: "retired" as const },
    ],
  };
  return { current, retired, keyring };
}

export async function makePackage(signers: TestSigner[], recipients: string[], extra: Partial<BuildInput> = {}) {
  return buildPackage({
    result: RESULT,
    organisation: ORG,
    campaign: "2026-infosak",
    surveyModel: MODEL,
    signers: signers.map((s) => ({ kind: "jwk" as const, privateJwk: s.privateJwk })),
    recipients,
    ...extra,
  });
}

/**
 * The outer tar around re-framed members, in the one form FORMAT.md rule O8 allows: T1's headers
 * with the manifest's createdAt (whole seconds) as mtime; 0 when the manifest does not parse.
 */
export function outerTar(members: Array<{ name: string; bytes: Uint8Array }>): Uint8Array {
  let mtime = 0;
  try {
    const manifest = JSON.parse(new TextDecoder().decode(members.find((m) => m.name === "manifest.json")?.bytes)) as { createdAt?: string };
    mtime = Math.floor(Date.parse(manifest.createdAt ?? "") / 1000) || 0;
  } catch {
    // not a manifest: any mtime will do
  }
  return writeTar(members, mtime);
}
