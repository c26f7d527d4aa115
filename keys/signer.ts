/**
 * Organisation signer keys: Ed25519 JWKs (RFC 8037) named by their RFC 7638 thumbprint.
 *
 * The `kid` of a signer key is always its SHA-256 JWK thumbprint (RFC 7638 §3: the members
 * `crv`, `kty`, `x` in that order, no whitespace), so a reviewer can compare it out of band and the
 * package verifier can find the key by `kid` (DESIGN.md §Keys). The private member `kollen_org`
 * (RFC 7517 §4 allows private members) records the organisationsnummer the key was made for.
 * Keys are checked at the boundary: exact 32-byte `x`/`d` in canonical base64url (RFC 8037 §2).
 */
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { sha256 } from "@noble/hashes/sha2.js";
import { KollenError } from "../schemas/errors.ts";
import { CanonicalOrgnr, requireOrgnr } from "../schemas/orgnr.ts";
import { base64urlDecode, base64urlEncode } from "../encoding/base64.ts";

/** An Ed25519 signer JWK as Kollen writes it. `d` is present on the private half only. */
export interface SignerJwk extends JWK {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  d?: string;
  /** RFC 7638 thumbprint (SHA-256, base64url). */
  kid: string;
  alg: "EdDSA";
  /** The canonical organisationsnummer the key was generated for. */
  kollen_org?: string;
}

export interface GeneratedSignerKey {
  privateJwk: SignerJwk;
  publicJwk: SignerJwk;
  /** Same as `kid`: what the reviewer compares out of band. */
  thumbprint: string;
}

/** Largest JWK text accepted (a signer JWK is ~250 bytes). */
const MAX_JWK_TEXT = 16 * 1024;

/**
 * RFC 7638 SHA-256 thumbprint of an Ed25519 (OKP) JWK, base64url without padding.
 * Synchronous, and equal to jose's `calculateJwkThumbprint(jwk, "sha256")`.
 *
 * @example jwkThumbprint({ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" })
 *   // "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k" (RFC 8037 Appendix A.3)
 */
export function jwkThumbprint(jwk: Pick<JWK, "kty" | "crv" | "x">): string {
  if (jwk.kty !== "OKP" || typeof jwk.crv !== "string" || typeof jwk.x !== "string") {
    throw new KollenError("KEY_UNSUPPORTED", "only OKP (Ed25519) keys have a signer thumbprint");
  }
  // Members in lexicographic order, JSON-escaped by JSON.stringify (RFC 7638 §3.2/§3.3).
  const canonical = `{"crv":${JSON.stringify(jwk.crv)},"kty":"OKP","x":${JSON.stringify(jwk.x)}}`;
  return base64urlEncode(sha256(new TextEncoder().encode(canonical)));
}

/**
 * Generates a new Ed25519 signer key for an organisation.
 *
 * @example
 * const { privateJwk, publicJwk, thumbprint } = await generateSignerKey("212000-0142");
 * @throws KollenError `ORGNR_INVALID` / `ORGNR_CHECKSUM`
 */
export async function generateSignerKey(orgnr: string): Promise<GeneratedSignerKey> {
  const org = requireOrgnr(orgnr);
  const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const jwk = await exportJWK(privateKey);
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || !jwk.x || !jwk.d) throw new KollenError("INTERNAL", "unexpected key export");
  const thumbprint = jwkThumbprint(jwk);
  const publicJwk: SignerJwk = { kty: "OKP", crv: "Ed25519", x: jwk.x, kid: thumbprint, alg: "EdDSA", kollen_org: org };
  return { privateJwk: { ...publicJwk, d: jwk.d }, publicJwk, thumbprint };
}

/**
 * Parses and checks a signer JWK file (private or public half). Unknown members other than
 * `comment` are dropped; `kid` is set to the thumbprint (a present `kid` must already equal it).
 *
 * @example const jwk = parseSignerJwk(await readFile("signer.jwk", "utf8")); if (jwk.d) sign(...)
 * @throws KollenError `KEY_INVALID` (malformed) or `KEY_UNSUPPORTED` (another key type or curve)
 */
export function parseSignerJwk(text: string): SignerJwk & { comment?: string } {
  if (typeof text !== "string" || text.length > MAX_JWK_TEXT) throw new KollenError("KEY_INVALID", "a signer key file is a small JSON object");
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    // No cause: JSON errors quote the input, and the input may be a private key.
    throw new KollenError("KEY_INVALID", "the key file is not JSON");
  }
  return checkSignerJwk(v);
}

/**
 * The checks of `parseSignerJwk` on an already parsed value.
 * @throws KollenError `KEY_INVALID` / `KEY_UNSUPPORTED`
 */
export function checkSignerJwk(v: unknown): SignerJwk & { comment?: string } {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new KollenError("KEY_INVALID", "a JWK is a JSON object");
  const j = v as Record<string, unknown>;
  if (typeof j.kty !== "string") throw new KollenError("KEY_INVALID", "the JWK has no kty");
  if (j.kty !== "OKP") throw new KollenError("KEY_UNSUPPORTED", `key type ${safeName(j.kty)} is not supported; signer keys are Ed25519 (OKP)`);
  if (j.crv !== "Ed25519") throw new KollenError("KEY_UNSUPPORTED", `curve ${safeName(j.crv)} is not supported; signer keys are Ed25519`);
  if (typeof j.x !== "string" || base64urlDecode(j.x, 32) === undefined) {
    throw new KollenError("KEY_INVALID", "x must be 32 bytes in canonical base64url");
  }
  if (j.d !== undefined && (typeof j.d !== "string" || base64urlDecode(j.d, 32) === undefined)) {
    throw new KollenError("KEY_INVALID", "d must be 32 bytes in canonical base64url");
  }
  if (j.alg !== undefined && j.alg !== "EdDSA" && j.alg !== "Ed25519") throw new KollenError("KEY_INVALID", "alg must be EdDSA for an Ed25519 key");
  if (j.use !== undefined && j.use !== "sig") throw new KollenError("KEY_INVALID", "use must be sig");
  const thumbprint = jwkThumbprint({ kty: "OKP", crv: "Ed25519", x: j.x });
  if (j.kid !== undefined && j.kid !== thumbprint) throw new KollenError("KEY_INVALID", "kid is not the RFC 7638 thumbprint of the key");
  const out: SignerJwk & { comment?: string } = { kty: "OKP", crv: "Ed25519", x: j.x, kid: thumbprint, alg: "EdDSA" };
  if (j.kollen_org !== undefined) {
    const org = CanonicalOrgnr.safeParse(j.kollen_org);
    if (!org.success) throw new KollenError("KEY_INVALID", "kollen_org must be a canonical organisationsnummer (10 digits)");
    out.kollen_org = org.data;
  }
  if (typeof j.comment === "string") out.comment = j.comment.slice(0, 500);
  if (typeof j.d === "string") out.d = j.d;
  return out;
}

/** A short, printable rendering of a member value for messages (never key material). */
function safeName(v: unknown): string {
  return typeof v === "string" && /^[A-Za-z0-9_-]{1,16}$/.test(v) ? v : "(unrecognised)";
}

/** The public half of a signer JWK (drops `d`). */
export function publicSignerJwk(jwk: SignerJwk): SignerJwk {
  const { d: _d, ...pub } = jwk;
  return pub;
}
