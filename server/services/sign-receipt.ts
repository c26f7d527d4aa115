/**
 * Receipts: a compact JWS (EdDSA, RFC 8037) by the server's receipt key, like the ACCEPTED
 * receipts of the Swedish SDK: submission id, package SHA-256, organisation, campaign, received-at,
 * status and reason codes. Anyone can check one against /.well-known/jwks.json; the submitter
 * presents it as a bearer token to ask for the current status.
 */
import { SignJWT } from "jose";
import type { ServerConfig, ServerKeys } from "../ports.ts";

export const RECEIPT_TYP = "kollen-receipt+jwt";

export interface ReceiptClaims {
  submissionId: string;
  packageSha256: string;
  organisation: string;
  campaign: string;
  /** ISO 8601 UTC */
  receivedAt: string;
  status: string;
  reasons: string[];
  authority: string;
}

/**
 * Signs a receipt. The JWT `sub` is the submission id and `iat` the time of receipt, so the same
 * facts always give the same bytes (Ed25519 is deterministic).
 * @example const jws = await signReceipt(keys, config, { submissionId, packageSha256, ... })
 */
export async function signReceipt(keys: ServerKeys, config: ServerConfig, claims: ReceiptClaims): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: "EdDSA", kid: keys.receipt.kid, typ: RECEIPT_TYP })
    .setIssuer(config.issuer)
    .setSubject(claims.submissionId)
    .setIssuedAt(Math.floor(Date.parse(claims.receivedAt) / 1000))
    .sign(keys.receipt.privateKey);
}
