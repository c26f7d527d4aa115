/**
 * Receipts: a compact JWS (RFC 7515 §7.1, EdDSA per RFC 8037) by the server's receipt key, like the
 * ACCEPTED receipts of the Swedish SDK: submission id, package SHA-256, organisation, campaign,
 * received-at, status and reason codes — a JWT (typ kollen-receipt+jwt) so any JOSE library checks
 * it against /.well-known/jwks.json. The submitter presents it as a bearer token for the status.
 *
 * The signing input is assembled here and signed through the keys port: WebCrypto by default, or a
 * synchronous signer the runtime offers (node:crypto), since receipts are signed inside the short
 * critical section of placing a submission and must not queue behind disk syncs in a thread pool.
 */
import { base64urlEncode } from "../../encoding/base64.ts";
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

const enc = new TextEncoder();

/**
 * Signs a receipt. `sub` is the submission id and `iat` the time of receipt, so the same facts
 * always give the same bytes (Ed25519 is deterministic).
 * @example const jws = await signReceipt(keys, config, { submissionId, packageSha256, ... })
 */
export async function signReceipt(keys: ServerKeys, config: ServerConfig, claims: ReceiptClaims): Promise<string> {
  const header = { alg: "EdDSA", kid: keys.receipt.kid, typ: RECEIPT_TYP };
  const payload = { ...claims, iss: config.issuer, sub: claims.submissionId, iat: Math.floor(Date.parse(claims.receivedAt) / 1000) };
  const input = `${base64urlEncode(enc.encode(JSON.stringify(header)))}.${base64urlEncode(enc.encode(JSON.stringify(payload)))}`;
  const data = enc.encode(input);
  const signature = keys.receipt.signSync
    ? keys.receipt.signSync(data)
    : new Uint8Array(await crypto.subtle.sign("Ed25519", keys.receipt.privateKey, data as Uint8Array<ArrayBuffer>));
  return `${input}.${base64urlEncode(signature)}`;
}
