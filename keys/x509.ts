/**
 * Certificate signers: validates an `x5c` chain (RFC 7515 §4.1.6: base64 DER, leaf first) against the
 * configured CA certificates and reads the organisationsnummer the leaf certifies.
 *
 * The organisationsnummer comes from the subject's organizationIdentifier (OID 2.5.4.97, written
 * `NTRSE-NNNNNNNNNN` for legal persons by ETSI EN 319 412-1 §5.1.4) or, failing that, its
 * serialNumber (OID 2.5.4.5). Path checks follow RFC 5280 §6 in the parts that matter here: names
 * chain byte for byte, every signature verifies (WebCrypto: RSA, RSA-PSS, ECDSA, Ed25519), issuers
 * are CAs allowed to sign certificates within their path length, no unrecognised critical extension,
 * every certificate is within its validity at `now`. Revocation is Kollen's own (signers are revoked
 * in the registry), not CRL/OCSP.
 *
 * Shared by the client kit and the server: WebCrypto only. Verified chains are cached by the SHA-256
 * of the chain, so the same signer costs one lookup plus a time check.
 */
import { KollenError } from "../schemas/errors.ts";
import { canonicalOrgnr, orgnrProblem } from "../schemas/orgnr.ts";
import { base64Decode, base64urlEncode } from "../encoding/base64.ts";
import { toHex } from "../encoding/hex.ts";
import { sha256 } from "../encoding/sha256.ts";
import { OID, parseCertificate, subjectAttribute, subjectAttributes, type ParsedCertificate } from "./lib/certificate.ts";
import { leafKey, signatureAlgorithmSupported, verifyCertSignature, type JwsAlg } from "./lib/cert-signature.ts";
import { bytesEqual } from "./lib/der.ts";

export type { JwsAlg } from "./lib/cert-signature.ts";

/** What a verified chain tells about its signer. */
export interface VerifiedCertificate {
  /** Canonical organisationsnummer (10 digits). */
  orgnr: string;
  /** The leaf subject's commonName, if any. */
  subjectCN: string | undefined;
  /** The leaf subject's organizationName, if any. */
  subjectO: string | undefined;
  notBefore: Date;
  notAfter: Date;
  /** The leaf's public key (no `alg`, `use` or `key_ops`). */
  publicKeyJwk: JsonWebKey;
  /** JWS algorithms the leaf key can sign with. */
  algs: JwsAlg[];
  /** SHA-256 of the leaf DER, base64url: the `x5t#S256` value (RFC 7515 §4.1.8). */
  x5tS256: string;
}

/** At most this many certificates in `x5c`, each at most this large. */
export const MAX_CHAIN_LENGTH = 8;
export const MAX_CERT_BYTES = 16 * 1024;
const CACHE_SIZE = 1024;

const DIGITAL_SIGNATURE = 0;
const NON_REPUDIATION = 1;
const KEY_CERT_SIGN = 5;

interface Anchor {
  cert: ParsedCertificate;
  sha256: string;
}

interface CacheEntry {
  result: VerifiedCertificate;
  anchor: string;
  validFrom: number;
  validUntil: number;
}

const anchorCache = new Map<string, Promise<Anchor[]>>();
const chainCache = new Map<string, CacheEntry>();

const invalid = (message: string, detail?: Record<string, unknown>): never => {
  throw new KollenError("CERT_CHAIN_INVALID", message, detail ? { detail } : undefined);
};

/** PEM text (one or more CERTIFICATE blocks) → DER certificates. */
function pemBlocks(pem: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const re = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
  for (let m = re.exec(pem); m; m = re.exec(pem)) {
    const der = base64Decode(m[1]!.replace(/\s+/g, ""));
    if (!der) invalid("a configured CA certificate is not valid PEM");
    out.push(der!);
  }
  return out;
}

/** Parses configured CA PEMs once per distinct text. */
function anchorsOf(pem: string): Promise<Anchor[]> {
  let p = anchorCache.get(pem);
  if (!p) {
    p = (async () => {
      const blocks = pemBlocks(pem);
      if (blocks.length === 0) invalid("a configured CA entry holds no certificate");
      return Promise.all(
        blocks.map(async (der) => {
          try {
            return { cert: parseCertificate(der), sha256: toHex(await sha256(der)) };
          } catch {
            return invalid("a configured CA certificate cannot be parsed");
          }
        }),
      );
    })();
    p.catch(() => anchorCache.delete(pem));
    if (anchorCache.size >= 64) anchorCache.delete(anchorCache.keys().next().value!);
    anchorCache.set(pem, p);
  }
  return p;
}

/** The organisationsnummer a leaf certifies, or undefined. */
export function orgnrOfCertificate(cert: ParsedCertificate): string | undefined {
  for (const v of subjectAttributes(cert, OID.organizationIdentifier)) {
    const m = /^NTRSE-(.+)$/.exec(v.trim());
    if (m && !orgnrProblem(m[1]!)) return canonicalOrgnr(m[1]!);
  }
  for (const v of subjectAttributes(cert, OID.serialNumber)) {
    const s = v.trim().replace(/^NTRSE-/, "");
    if (!orgnrProblem(s)) return canonicalOrgnr(s);
  }
  return undefined;
}

function isCaFor(cert: ParsedCertificate, below: number, anchor: boolean, position: number): void {
  // A trust anchor from configuration may be a v1-style root without extensions; an intermediate may not.
  if (cert.ca === false || (cert.ca === undefined && !anchor)) invalid("an issuing certificate is not a CA", { position });
  if (cert.keyUsage && !cert.keyUsage.includes(KEY_CERT_SIGN)) invalid("an issuing certificate may not sign certificates", { position });
  if (cert.pathLen !== undefined && below > cert.pathLen) invalid("the chain exceeds a CA's path length", { position });
}

/**
 * Validates a certificate chain and returns the signer it certifies.
 *
 * @param x5c base64 (standard, padded) DER certificates, leaf first; the anchor may be included or not
 * @param caPems the trusted CA certificates (PEM; one or more per string)
 * @param now the time of validation
 * @example const { orgnr, publicKeyJwk } = await verifyCertificateChain(header.x5c, await trust.caPems(), new Date());
 * @throws KollenError `CERT_CHAIN_INVALID`, `CERT_NO_ORGNR` (a valid chain naming no organisationsnummer),
 *   `CERT_EXPIRED` (a certificate of the path is expired or not yet valid at `now`)
 */
export async function verifyCertificateChain(x5c: readonly string[], caPems: readonly string[], now: Date): Promise<VerifiedCertificate> {
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.length > MAX_CHAIN_LENGTH) invalid(`x5c must hold 1 to ${MAX_CHAIN_LENGTH} certificates`);
  if (Number.isNaN(now.getTime())) throw new KollenError("BAD_INPUT", "validation time is not a valid date");
  const ders = x5c.map((b64, position) => {
    const der = typeof b64 === "string" && b64.length <= (MAX_CERT_BYTES * 4) / 3 + 4 ? base64Decode(b64) : undefined;
    if (!der) return invalid("an x5c entry is not canonical base64", { position });
    return der;
  });
  const anchors = (await Promise.all(caPems.map(anchorsOf))).flat();
  const anchorIds = new Set(anchors.map((a) => a.sha256));

  // Cache key: SHA-256 over the length-prefixed DERs.
  const framed = new Uint8Array(ders.reduce((n, d) => n + 4 + d.length, 0));
  let off = 0;
  for (const d of ders) {
    new DataView(framed.buffer).setUint32(off, d.length);
    framed.set(d, off + 4);
    off += 4 + d.length;
  }
  const key = toHex(await sha256(framed));
  const hit = chainCache.get(key);
  if (hit && anchorIds.has(hit.anchor)) {
    chainCache.delete(key);
    chainCache.set(key, hit);
    const t = now.getTime();
    if (t < hit.validFrom || t > hit.validUntil) throw new KollenError("CERT_EXPIRED", "a certificate of the chain is not valid at this time");
    return hit.result;
  }

  const certs = ders.map((der, position) => {
    try {
      return parseCertificate(der);
    } catch {
      return invalid("an x5c entry is not an X.509 v3 certificate", { position });
    }
  });

  // Build the path: each certificate is certified by the next one in x5c, or by a configured anchor.
  const path: ParsedCertificate[] = [];
  let anchor: Anchor | undefined;
  for (let i = 0; i < certs.length && !anchor; i++) {
    const cert = certs[i]!;
    const asAnchor = anchors.find((a) => bytesEqual(a.cert.subject, cert.subject) && bytesEqual(a.cert.spki, cert.spki));
    if (asAnchor) {
      if (i === 0) invalid("a configured CA certificate cannot itself be the signer certificate");
      anchor = asAnchor;
      break;
    }
    if (cert.unknownCritical.length) invalid("a certificate has an unrecognised critical extension", { position: i });
    if (!signatureAlgorithmSupported(cert)) invalid("a certificate is signed with an unsupported algorithm", { position: i });
    path.push(cert);
    const next = certs[i + 1];
    if (next) {
      if (!bytesEqual(next.subject, cert.issuer)) invalid("x5c is not in order: a certificate is not issued by the next one", { position: i });
      if (!(await verifyCertSignature(cert, next))) invalid("a certificate signature does not verify", { position: i });
      continue;
    }
    for (const a of anchors) {
      if (bytesEqual(a.cert.subject, cert.issuer) && (await verifyCertSignature(cert, a.cert))) {
        anchor = a;
        break;
      }
    }
    if (!anchor) invalid("the chain does not lead to a trusted CA", { position: i });
  }
  if (!anchor) return invalid("the chain does not lead to a trusted CA");

  // Issuers: every intermediate, then the anchor.
  for (let i = 1; i < path.length; i++) isCaFor(path[i]!, i - 1, false, i);
  isCaFor(anchor.cert, path.length - 1, true, path.length);
  if (anchor.cert.unknownCritical.length) invalid("the CA certificate has an unrecognised critical extension");

  const leaf = path[0]!;
  if (leaf.keyUsage && !leaf.keyUsage.includes(DIGITAL_SIGNATURE) && !leaf.keyUsage.includes(NON_REPUDIATION)) {
    invalid("the signer certificate may not make signatures (keyUsage)");
  }
  const orgnr = orgnrOfCertificate(leaf);
  if (!orgnr) throw new KollenError("CERT_NO_ORGNR", "the signer certificate names no organisationsnummer (organizationIdentifier NTRSE-… or serialNumber)");

  let k: ReturnType<typeof leafKey>;
  try {
    k = leafKey(leaf);
  } catch {
    return invalid("the signer certificate's key type is not supported");
  }
  const result: VerifiedCertificate = Object.freeze({
    orgnr,
    subjectCN: subjectAttribute(leaf, OID.commonName),
    subjectO: subjectAttribute(leaf, OID.organizationName),
    notBefore: leaf.notBefore,
    notAfter: leaf.notAfter,
    publicKeyJwk: Object.freeze(k.jwk),
    algs: k.algs,
    x5tS256: base64urlEncode(await sha256(leaf.der)),
  });
  const all = [...path, anchor.cert];
  const validFrom = Math.max(...all.map((c) => c.notBefore.getTime()));
  const validUntil = Math.min(...all.map((c) => c.notAfter.getTime()));
  if (chainCache.size >= CACHE_SIZE) chainCache.delete(chainCache.keys().next().value!);
  chainCache.set(key, { result, anchor: anchor.sha256, validFrom, validUntil });
  const t = now.getTime();
  if (t < validFrom || t > validUntil) throw new KollenError("CERT_EXPIRED", "a certificate of the chain is not valid at this time");
  return result;
}

/** Forgets cached chains and parsed CA certificates (tests; after the CA configuration changed). */
export function clearCertificateCache(opts?: { chainsOnly?: boolean }): void {
  chainCache.clear();
  if (!opts?.chainsOnly) anchorCache.clear();
}
