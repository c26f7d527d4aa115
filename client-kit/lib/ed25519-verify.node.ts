/**
 * Ed25519 verification on node:crypto, synchronous (RFC 8032 through OpenSSL, as WebCrypto on Node):
 * no thread-pool round trip and no JWK import per signature. Public keys are imported once and
 * kept (a bounded cache: a registry holds a few thousand signers at most).
 */
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { base64urlEncode } from "../../encoding/base64.ts";
import type { Ed25519Verify } from "./jws.ts";

const MAX_KEYS = 4096;
const keys = new Map<string, KeyObject>();

function keyOf(raw: Uint8Array): KeyObject {
  const x = base64urlEncode(raw);
  let k = keys.get(x);
  if (!k) {
    k = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
    if (keys.size >= MAX_KEYS) keys.clear();
    keys.set(x, k);
  }
  return k;
}

/** The EdDSA verifier for setEd25519Verifier. */
export const nodeEd25519Verify: Ed25519Verify = (publicKey, signingInput, signature) => verify(null, signingInput, keyOf(publicKey), signature);
