/**
 * JWS in General JSON Serialization (RFC 7515 §7.2.1) for package signatures, over jose.
 *
 * Every signature's protected header names its key so that the signature can be checked before
 * anything is trusted: Ed25519 signers carry `kid` (RFC 7638 thumbprint) and the public `jwk`;
 * certificate signers carry `x5c` (leaf first) and `x5t#S256`. `typ` separates outer from inner
 * signatures. Trust (is this key allowed to sign for that organisation?) is decided by the caller.
 */
import { GeneralSign, base64url, flattenedVerify, importJWK, type JWK } from "jose";
import { base64Decode, base64urlDecode, base64urlEncode } from "../../encoding/base64.ts";
import { sha256 } from "../../encoding/sha256.ts";
import { jwkThumbprint } from "../../keys/signer.ts";
import { KollenError, type ErrorCode } from "../../schemas/errors.ts";
import { parseStrictJson } from "../../schemas/strict-json.ts";
import { ALLOWED_ALGS } from "../package/names.ts";

export type Signer =
  | { kind: "jwk"; privateJwk: JWK }
  | { kind: "x509"; privateKey: CryptoKey; alg: "RS256" | "PS256" | "ES256"; x5c: string[] };

export interface GeneralJws {
  payload?: string;
  signatures: Array<{ protected: string; signature: string; header?: Record<string, unknown> }>;
}

export interface ProtectedHeader {
  alg: string;
  typ?: string;
  kid?: string;
  jwk?: JWK;
  x5c?: string[];
  "x5t#S256"?: string;
}

/**
 * A synchronous Ed25519 verification a runtime may offer (node:crypto: ./ed25519-verify.node.ts),
 * used for EdDSA signatures instead of jose and WebCrypto, whose checks queue in Node's thread pool
 * behind the server's disk syncs. Same inputs, same answer: the RFC 7515 signing input, the raw
 * 32-byte public key, the 64-byte signature.
 */
export type Ed25519Verify = (publicKey: Uint8Array, signingInput: Uint8Array, signature: Uint8Array) => boolean;
let ed25519Verify: Ed25519Verify | undefined;

/** Selects the EdDSA verifier (undefined: jose over WebCrypto, the default everywhere). */
export function setEd25519Verifier(verify: Ed25519Verify | undefined): void {
  ed25519Verify = verify;
}

const ascii = new TextEncoder();

/** An EdDSA signature checked with the runtime's synchronous verifier. */
function verifyEd25519Sync(verify: Ed25519Verify, sig: GeneralJws["signatures"][number], x: string, payload: Uint8Array): boolean {
  const publicKey = base64urlDecode(x, 32);
  const signature = base64urlDecode(sig.signature, 64);
  if (!publicKey || !signature) return false;
  try {
    return verify(publicKey, ascii.encode(`${sig.protected}.${base64urlEncode(payload)}`), signature);
  } catch {
    return false;
  }
}

function publicPart(jwk: JWK): JWK {
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") throw new KollenError("KEY_UNSUPPORTED", "signer key must be an Ed25519 JWK");
  return { kty: "OKP", crv: "Ed25519", x: jwk.x };
}

/**
 * base64url SHA-256 of the DER leaf certificate (RFC 7515 §4.1.8).
 * @throws KollenError SIGNATURE_INVALID when the leaf is not canonical padded base64 (RFC 7515 §4.1.6)
 */
export async function certThumbprint(x5cLeafB64: string): Promise<string> {
  return base64urlEncode(await sha256(x5cLeaf(x5cLeafB64)));
}

/** The DER bytes of an `x5c` entry; only the canonical spelling is accepted. */
function x5cLeaf(b64: string): Uint8Array {
  const der = base64Decode(b64);
  if (!der) throw new KollenError("SIGNATURE_INVALID", "an x5c entry is not canonical base64");
  return der;
}

/** A stable identity of a signer, the same in outer and inner signatures. */
export async function signerIdentity(h: ProtectedHeader): Promise<string> {
  if (h.alg === "EdDSA") return `jwk:${h.kid ?? ""}`;
  return `x509:${h["x5t#S256"] ?? (h.x5c?.[0] ? await certThumbprint(h.x5c[0]) : "")}`;
}

/**
 * Sign `payload` with every signer. With `detached`, the `payload` member is omitted (RFC 7515 App. F).
 * @example const jws = await signGeneral(manifestBytes, [{ kind: "jwk", privateJwk }], "kollen-manifest+jws", true);
 */
export async function signGeneral(payload: Uint8Array, signers: Signer[], typ: string, detached: boolean): Promise<GeneralJws> {
  if (signers.length === 0) throw new KollenError("SIGNATURE_MISSING", "at least one signer is required");
  const sign = new GeneralSign(payload);
  for (const s of signers) {
    if (s.kind === "jwk") {
      const pub = publicPart(s.privateJwk);
      const kid = jwkThumbprint(pub);
      const key = await importJWK({ ...pub, d: s.privateJwk.d }, "EdDSA");
      sign.addSignature(key).setProtectedHeader({ alg: "EdDSA", typ, kid, jwk: pub });
    } else {
      if (s.x5c.length === 0) throw new KollenError("KEY_INVALID", "certificate chain is empty");
      const x5t = await certThumbprint(s.x5c[0]!);
      sign.addSignature(s.privateKey).setProtectedHeader({ alg: s.alg, typ, x5c: s.x5c, "x5t#S256": x5t });
    }
  }
  const jws = (await sign.sign()) as GeneralJws;
  if (detached) delete jws.payload;
  return jws;
}

/** Parse the General JSON container (not yet trusting anything in it). */
export function parseGeneralJws(bytes: Uint8Array, code: ErrorCode): GeneralJws {
  let v: unknown;
  try {
    v = parseStrictJson(bytes);
  } catch {
    throw new KollenError(code, "signature file is not strict JSON");
  }
  const o = v as GeneralJws;
  if (
    typeof o !== "object" ||
    o === null ||
    !Array.isArray(o.signatures) ||
    o.signatures.length === 0 ||
    o.signatures.length > 16 ||
    !o.signatures.every((s) => typeof s?.protected === "string" && typeof s?.signature === "string") ||
    (o.payload !== undefined && typeof o.payload !== "string")
  )
    throw new KollenError(code, "not a JWS in General JSON Serialization");
  return o;
}

/** Decode a protected header; shape errors are reported, not thrown. */
export function decodeProtectedHeader(protectedB64: string): ProtectedHeader | undefined {
  try {
    if (!/^[A-Za-z0-9_-]*$/.test(protectedB64)) return undefined;
    const h = parseStrictJson(base64url.decode(protectedB64)) as ProtectedHeader;
    return typeof h === "object" && h !== null && !Array.isArray(h) && typeof h.alg === "string" ? h : undefined;
  } catch {
    return undefined;
  }
}

export interface SignatureCheck {
  header: ProtectedHeader | undefined;
  /** undefined when the signature verified with the key its header names */
  error?: ErrorCode;
}

/**
 * Check one signature over the exact `payload` bytes with the key its own header names
 * (header `jwk` whose thumbprint must equal `kid`, or the leaf of `x5c`). Trust is not decided here.
 */
export async function checkSignature(sig: GeneralJws["signatures"][number], payload: Uint8Array, typ: string): Promise<SignatureCheck> {
  const header = decodeProtectedHeader(sig.protected);
  if (!header) return { header, error: "SIGNATURE_INVALID" };
  if (!(ALLOWED_ALGS as readonly string[]).includes(header.alg)) return { header, error: "SIGNATURE_ALG_UNSUPPORTED" };
  if (header.typ !== typ) return { header, error: "SIGNATURE_INVALID" };
  // Rule S5: no `crit` (hence no `b64: false`), and a header names its key one way only.
  if ("crit" in header || "b64" in header) return { header, error: "SIGNATURE_INVALID" };
  if (header.alg === "EdDSA" ? "x5c" in header || "x5t#S256" in header : "jwk" in header) return { header, error: "SIGNATURE_INVALID" };
  let key: CryptoKey | Uint8Array;
  try {
    if (header.alg === "EdDSA") {
      if (!header.jwk || typeof header.kid !== "string") return { header, error: "SIGNATURE_INVALID" };
      // Rule S4: a header that carries the private key (`d`) is refused, never stored or shown
      if (typeof header.jwk !== "object" || "d" in header.jwk) return { header, error: "SIGNATURE_INVALID" };
      const pub = publicPart(header.jwk);
      if (jwkThumbprint(pub) !== header.kid) return { header, error: "SIGNATURE_INVALID" };
      if (ed25519Verify) return verifyEd25519Sync(ed25519Verify, sig, pub.x!, payload) ? { header } : { header, error: "SIGNATURE_INVALID" };
      key = (await importJWK(pub, "EdDSA")) as CryptoKey;
    } else {
      const leaf = header.x5c?.[0];
      if (typeof leaf !== "string") return { header, error: "SIGNATURE_INVALID" };
      if (header["x5t#S256"] !== (await certThumbprint(leaf))) return { header, error: "SIGNATURE_INVALID" }; // required, FORMAT.md §Signatures
      // The leaf key is read with our strict DER reader (it also knows id-RSASSA-PSS keys, which
      // jose's importX509 does not); whether the chain is trusted is decided by the caller.
      const [{ parseCertificate }, { leafKey }] = await Promise.all([import("../../keys/lib/certificate.ts"), import("../../keys/lib/cert-signature.ts")]);
      const { jwk, algs } = leafKey(parseCertificate(x5cLeaf(leaf)));
      if (!(algs as string[]).includes(header.alg)) return { header, error: "SIGNATURE_INVALID" };
      key = (await importJWK(jwk as JWK, header.alg)) as CryptoKey;
    }
  } catch {
    return { header, error: "SIGNATURE_INVALID" };
  }
  try {
    await flattenedVerify({ protected: sig.protected, signature: sig.signature, payload: base64url.encode(payload) }, key, {
      algorithms: [header.alg],
    });
    return { header };
  } catch {
    return { header, error: "SIGNATURE_INVALID" };
  }
}
