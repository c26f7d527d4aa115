/**
 * The one receipt verifier: the server checks a receipt presented as the bearer of a status
 * request, `kollen submit` and the portal check the receipt they were just given. WebCrypto and
 * jose only, so the same code runs in the browser and on Node. Any failure is `undefined`: the
 * server answers 404 whatever went wrong, so a guess cannot tell "no such submission" from "not
 * yours" (CONVENTIONS.md habit 9), and the clients have one thing to report.
 */
import { createLocalJWKSet, jwtVerify, type JWK } from "jose";
import { RECEIPT_TYP, type ReceiptClaims } from "./sign.ts";

/**
 * The receipt's claims when it is signed by one of the receipt keys (`publicJwks`, as
 * /.well-known/jwks.json publishes them) with the receipt type, names its submission as `sub`,
 * and — when `expected.issuer` is given — comes from that issuer.
 * @example const claims = await verifyReceipt({ publicJwks: jwks.keys }, {}, jws);
 */
export async function verifyReceipt(keys: { publicJwks: JWK[] }, expected: { issuer?: string }, token: string): Promise<ReceiptClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: keys.publicJwks }), {
      algorithms: ["EdDSA"],
      typ: RECEIPT_TYP,
      ...(expected.issuer === undefined ? {} : { issuer: expected.issuer }),
    });
    if (typeof payload.submissionId !== "string" || payload.sub !== payload.submissionId || typeof payload.packageSha256 !== "string") return undefined;
    return payload as unknown as ReceiptClaims;
  } catch {
    return undefined;
  }
}
