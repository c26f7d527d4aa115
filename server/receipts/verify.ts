/**
 * Checks a receipt presented as a bearer token against the server's published keys. Any failure
 * is `undefined`: callers answer 404 whatever went wrong, so a guess cannot tell "no such
 * submission" from "not yours" (CONVENTIONS.md habit 9).
 */
import { createLocalJWKSet, jwtVerify } from "jose";
import type { ServerConfig, ServerKeys } from "../ports.ts";
import { RECEIPT_TYP, type ReceiptClaims } from "./sign.ts";

/** The receipt's claims when its signature, type and issuer check out. */
export async function verifyReceipt(keys: ServerKeys, config: ServerConfig, token: string): Promise<ReceiptClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: keys.publicJwks }), {
      algorithms: ["EdDSA"],
      typ: RECEIPT_TYP,
      issuer: config.issuer,
    });
    if (typeof payload.submissionId !== "string" || payload.sub !== payload.submissionId || typeof payload.packageSha256 !== "string") return undefined;
    return payload as unknown as ReceiptClaims;
  } catch {
    return undefined;
  }
}
