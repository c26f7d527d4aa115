/**
 * Certificate signatures and public keys through WebCrypto: RSASSA-PKCS1-v1_5 and RSASSA-PSS with
 * SHA-2 (RFC 4055), ECDSA P-256/P-384/P-521 (RFC 5758), Ed25519 (RFC 8410). SHA-1 is not accepted.
 */
import { bitString, children, DerError, expectTag, parseDer, TAG, type Tlv } from "./der.ts";
import { base64Encode, base64urlEncode } from "../../encoding/base64.ts";
import { OID, type ParsedCertificate } from "./certificate.ts";

type Algo = { import: RsaHashedImportParams | EcKeyImportParams | Algorithm; verify: RsaPssParams | EcdsaParams | Algorithm };

const CURVES: Record<string, { name: string; size: number }> = {
  [OID.p256]: { name: "P-256", size: 32 },
  [OID.p384]: { name: "P-384", size: 48 },
  [OID.p521]: { name: "P-521", size: 66 },
};

const RSA_PKCS1: Record<string, string> = { [OID.sha256WithRSA]: "SHA-256", [OID.sha384WithRSA]: "SHA-384", [OID.sha512WithRSA]: "SHA-512" };
const ECDSA: Record<string, string> = { [OID.ecdsaSha256]: "SHA-256", [OID.ecdsaSha384]: "SHA-384", [OID.ecdsaSha512]: "SHA-512" };

/** The WebCrypto parameters to check `cert`'s signature with the issuer's key, or undefined if unsupported. */
function algorithmFor(cert: ParsedCertificate, issuer: ParsedCertificate): Algo | undefined {
  const s = cert.signatureAlgorithm;
  const k = issuer.keyAlgorithm;
  const isRsa = k.oid === OID.rsaEncryption || k.oid === OID.rsassaPss;
  if (RSA_PKCS1[s.oid] && k.oid === OID.rsaEncryption) {
    const hash = RSA_PKCS1[s.oid]!;
    return { import: { name: "RSASSA-PKCS1-v1_5", hash }, verify: { name: "RSASSA-PKCS1-v1_5" } };
  }
  if (s.oid === OID.rsassaPss && s.pss && isRsa) {
    return { import: { name: "RSA-PSS", hash: s.pss.hash }, verify: { name: "RSA-PSS", saltLength: s.pss.saltLength } as RsaPssParams };
  }
  if (ECDSA[s.oid] && k.oid === OID.ecPublicKey && k.curve && CURVES[k.curve]) {
    return { import: { name: "ECDSA", namedCurve: CURVES[k.curve]!.name }, verify: { name: "ECDSA", hash: ECDSA[s.oid]! } as EcdsaParams };
  }
  if (s.oid === OID.ed25519 && k.oid === OID.ed25519) return { import: { name: "Ed25519" }, verify: { name: "Ed25519" } };
  return undefined;
}

/** ECDSA-Sig-Value (DER SEQUENCE of r, s) → the fixed-size r‖s WebCrypto expects. */
function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array {
  const [r, s, ...rest] = children(expectTag(parseDer(der), TAG.SEQUENCE, "ECDSA-Sig-Value"));
  if (!r || !s || rest.length) throw new DerError("bad ECDSA signature");
  const out = new Uint8Array(size * 2);
  for (const [i, t] of [r, s].entries()) {
    let v = expectTag(t, TAG.INTEGER, "INTEGER").value;
    while (v.length > 1 && v[0] === 0) v = v.subarray(1);
    if (v.length > size) throw new DerError("bad ECDSA signature");
    out.set(v, i * size + size - v.length);
  }
  return out;
}

const RSA_ENCRYPTION_ALGID = new Uint8Array([0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]);

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/**
 * The SPKI in a form WebCrypto imports. An id-RSASSA-PSS key (RFC 4055 §1.2) carries the same
 * RSAPublicKey as an rsaEncryption key; WebCrypto implementations only take the latter, so the
 * algorithm identifier is rewritten. The PSS use is enforced by the import algorithm.
 */
function importableSpki(cert: ParsedCertificate): Uint8Array<ArrayBuffer> {
  if (cert.keyAlgorithm.oid !== OID.rsassaPss) return cert.spki as Uint8Array<ArrayBuffer>;
  const [, keyBits] = children(parseDer(cert.spki));
  const body = [...RSA_ENCRYPTION_ALGID, ...keyBits!.bytes];
  return new Uint8Array([0x30, ...derLength(body.length), ...body]);
}

/** Imported issuer keys: WebCrypto's importKey costs ~0.8 ms on Node, a verify ~0.3 ms. */
const keyCache = new Map<string, Promise<CryptoKey>>();
const KEY_CACHE_SIZE = 256;

function importVerifyKey(cert: ParsedCertificate, params: Algo["import"]): Promise<CryptoKey> {
  const id = `${JSON.stringify(params)}|${base64Encode(cert.spki)}`;
  let p = keyCache.get(id);
  if (!p) {
    p = crypto.subtle.importKey("spki", importableSpki(cert), params, false, ["verify"]);
    p.catch(() => keyCache.delete(id));
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value!);
    keyCache.set(id, p);
  }
  return p;
}

/** True when `issuer`'s key verifies `cert`'s signature; false when it does not or cannot. */
export async function verifyCertSignature(cert: ParsedCertificate, issuer: ParsedCertificate): Promise<boolean> {
  const algo = algorithmFor(cert, issuer);
  if (!algo) return false;
  try {
    const key = await importVerifyKey(issuer, algo.import);
    let sig = cert.signature;
    if (algo.verify.name === "ECDSA") sig = ecdsaDerToRaw(sig, CURVES[issuer.keyAlgorithm.curve!]!.size);
    return await crypto.subtle.verify(algo.verify, key, sig as Uint8Array<ArrayBuffer>, cert.tbs as Uint8Array<ArrayBuffer>);
  } catch {
    return false;
  }
}

/** True when Kollen can check this certificate's signature at all (used to name the failure). */
export function signatureAlgorithmSupported(cert: ParsedCertificate): boolean {
  const o = cert.signatureAlgorithm.oid;
  return Boolean(RSA_PKCS1[o] || ECDSA[o] || o === OID.ed25519 || (o === OID.rsassaPss && cert.signatureAlgorithm.pss));
}

export type JwsAlg = "RS256" | "PS256" | "ES256" | "ES384" | "ES512" | "EdDSA";

const ES_ALGS: Record<string, JwsAlg> = { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" };

/** A DER INTEGER's magnitude without the sign octet, as base64url (RFC 7518 §6.3.1). */
function unsignedB64url(t: Tlv): string {
  let v = expectTag(t, TAG.INTEGER, "INTEGER").value;
  if (v.length === 0 || v[0]! & 0x80) throw new DerError("negative RSA integer");
  while (v.length > 1 && v[0] === 0) v = v.subarray(1);
  return base64urlEncode(v);
}

/**
 * The leaf key as a public JWK, read from the SubjectPublicKeyInfo, and the JWS algorithms it can
 * make (RFC 7518 §3.1). The key itself was certified by a trusted CA; whoever verifies a signature
 * with it imports it through WebCrypto/jose, which checks it again.
 */
export function leafKey(cert: ParsedCertificate): { jwk: JsonWebKey; algs: JwsAlg[] } {
  const k = cert.keyAlgorithm;
  const [, keyBits] = children(parseDer(cert.spki));
  const raw = bitString(keyBits!).bytes;
  if (k.oid === OID.rsaEncryption || k.oid === OID.rsassaPss) {
    const [n, e, ...rest] = children(expectTag(parseDer(raw), TAG.SEQUENCE, "RSAPublicKey"));
    if (!n || !e || rest.length) throw new DerError("bad RSAPublicKey");
    const jwk = { kty: "RSA", n: unsignedB64url(n), e: unsignedB64url(e) };
    if (jwk.n.length < 342) throw new DerError("RSA keys shorter than 2048 bits are not accepted");
    return { jwk, algs: k.oid === OID.rsaEncryption ? ["RS256", "PS256"] : ["PS256"] };
  }
  if (k.oid === OID.ecPublicKey && k.curve && CURVES[k.curve]) {
    const { name, size } = CURVES[k.curve]!;
    if (raw.length !== 1 + 2 * size || raw[0] !== 0x04) throw new DerError("EC keys must be uncompressed points");
    const jwk = { kty: "EC", crv: name, x: base64urlEncode(raw.subarray(1, 1 + size)), y: base64urlEncode(raw.subarray(1 + size)) };
    return { jwk, algs: [ES_ALGS[name]!] };
  }
  if (k.oid === OID.ed25519 && raw.length === 32) return { jwk: { kty: "OKP", crv: "Ed25519", x: base64urlEncode(raw) }, algs: ["EdDSA"] };
  throw new DerError("unsupported leaf key type");
}
