/**
 * Imports an organisation certificate and its private key from a PKCS#12 file (RFC 7292), for
 * certificate signers (`x5c`, RS256/PS256/ES256; DESIGN.md §Keys).
 *
 * node-forge (pure JS, so it runs in the browser too) reads the BER container and does the
 * password-based crypto: the MAC (RFC 7292 Appendix B KDF + HMAC), PBES2 (PBKDF2 + AES/3DES, what
 * OpenSSL 3 writes) and the legacy PKCS#12 PBEs (SHA-1 + 3DES / RC2). Certificates are taken as their
 * exact DER bytes (forge's own certificate parser is RSA-only and would re-encode them), and the
 * chain is validated by keys/x509.ts against the configured CAs, which also reads the
 * organisationsnummer. The key becomes a non-extractable WebCrypto signing key.
 *
 * Passwords: the MAC and the PKCS#12 PBEs use the password as a BMPString, PBES2 as UTF-8
 * (RFC 7292 Appendix B.1, RFC 8018 §4), so passwords with å, ä, ö work as OpenSSL writes them.
 */
import forge from "node-forge";
import { KollenError } from "../schemas/errors.ts";
import { base64Encode } from "../encoding/base64.ts";
import { parseCertificate, type ParsedCertificate } from "./lib/certificate.ts";
import { leafKey } from "./lib/cert-signature.ts";
import { bytesEqual } from "./lib/der.ts";
import { verifyCertificateChain, type VerifiedCertificate } from "./x509.ts";

export type CertificateSignerAlg = "RS256" | "PS256" | "ES256";

export interface ImportedPkcs12 {
  /** base64 DER, leaf first, without self-signed roots (RFC 7515 §4.1.6). */
  x5c: string[];
  /** Non-extractable WebCrypto key for `alg`. */
  privateKey: CryptoKey;
  alg: CertificateSignerAlg;
  /** Canonical organisationsnummer named by the certificate. */
  orgnr: string;
  certificate: VerifiedCertificate;
}

export interface ImportPkcs12Options {
  /** CA certificates (PEM) trusted to certify organisations. */
  caPems: string[];
  now?: Date;
  /** For an rsaEncryption key: RS256 (default) or PS256. An id-RSASSA-PSS key always signs PS256. */
  rsaAlg?: "RS256" | "PS256";
}

/** Largest PKCS#12 file accepted. */
const MAX_PKCS12_BYTES = 1024 * 1024;
/** Upper bound on KDF iterations (OpenSSL writes 2048; a hostile file must not hang the kit). */
const MAX_ITERATIONS = 1_000_000;

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

const OIDS = {
  data: "1.2.840.113549.1.7.1",
  encryptedData: "1.2.840.113549.1.7.6",
  keyBag: "1.2.840.113549.1.12.10.1.1",
  pkcs8ShroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  safeContentsBag: "1.2.840.113549.1.12.10.1.6",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  pbes2: "1.2.840.113549.1.5.13",
  pbeSha1TripleDes: "1.2.840.113549.1.12.1.3",
  pbeSha1Rc2_40: "1.2.840.113549.1.12.1.6",
  rsaEncryption: "1.2.840.113549.1.1.1",
  rsassaPss: "1.2.840.113549.1.1.10",
  ecPublicKey: "1.2.840.10045.2.1",
  p256: "1.2.840.10045.3.1.7",
  sha1: "1.3.14.3.2.26",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
} as const;

/** A structural problem: the file is not a PKCS#12 Kollen can read. */
class Malformed extends Error {}

const fail = (why: string): never => {
  throw new Malformed(why);
};

function seq(node: Asn1 | undefined, what: string): Asn1[] {
  if (!node || !Array.isArray(node.value)) return fail(`${what} is not constructed`);
  return node.value as Asn1[];
}

function oidOf(node: Asn1 | undefined): string {
  if (!node || node.type !== asn1.Type.OID || typeof node.value !== "string") return fail("expected an OID");
  return asn1.derToOid(node.value);
}

/** OCTET STRING contents, joining BER constructed chunks. */
function octets(node: Asn1 | undefined): string {
  if (!node) return fail("missing OCTET STRING");
  if (typeof node.value === "string") return node.value;
  return (node.value as Asn1[]).map(octets).join("");
}

function explicit0(node: Asn1 | undefined): Asn1 {
  if (!node || node.tagClass !== asn1.Class.CONTEXT_SPECIFIC || node.type !== 0) return fail("expected [0]");
  return seq(node, "[0]")[0] ?? fail("empty [0]");
}

function intOf(node: Asn1 | undefined): number {
  if (!node || node.type !== asn1.Type.INTEGER || typeof node.value !== "string" || node.value.length > 4) return fail("bad INTEGER");
  return asn1.derToInteger(node.value);
}

function toBytes(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function toBinary(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}

function parseBer(binary: string): Asn1 {
  try {
    // (@types/node-forge lags: fromDer takes an options object since forge 0.10)
    const fromDer = asn1.fromDer as unknown as (b: string, o: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean }) => Asn1;
    return fromDer(binary, { strict: false, parseAllBytes: true, decodeBitStrings: false });
  } catch {
    return fail("not BER");
  }
}

/** Iteration count of PBES2 (PBKDF2) or PKCS#12-PBE parameters, bounded. */
function checkIterations(oid: string, params: Asn1): void {
  let n: number;
  if (oid === OIDS.pbes2) {
    const [kdf] = seq(params, "PBES2-params");
    const [, pbkdf2Params] = seq(kdf, "keyDerivationFunc");
    n = intOf(seq(pbkdf2Params, "PBKDF2-params")[1]);
  } else {
    n = intOf(seq(params, "pkcs-12PbeParams")[1]);
  }
  if (!(n >= 1 && n <= MAX_ITERATIONS)) fail("iteration count out of range");
}

interface PbeApi {
  getCipher(oid: string, params: Asn1, password: string): forge.cipher.BlockCipher;
}

/** Decrypts password-based-encrypted bytes; false from finish() means a wrong password (bad padding). */
function pbeDecrypt(algId: Asn1, encrypted: string, password: string): string {
  const [oidNode, params] = seq(algId, "AlgorithmIdentifier");
  const oid = oidOf(oidNode);
  if (oid !== OIDS.pbes2 && oid !== OIDS.pbeSha1TripleDes && oid !== OIDS.pbeSha1Rc2_40) fail("unsupported encryption");
  checkIterations(oid, params!);
  const pass = oid === OIDS.pbes2 ? forge.util.encodeUtf8(password) : password;
  let cipher: forge.cipher.BlockCipher;
  try {
    cipher = (forge.pki as unknown as { pbe: PbeApi }).pbe.getCipher(oid, params!, pass);
  } catch {
    return fail("unsupported encryption parameters");
  }
  cipher.update(forge.util.createBuffer(encrypted));
  if (!cipher.finish()) throw new KollenError("PKCS12_PASSWORD", "wrong password for the PKCS#12 file");
  return cipher.output.getBytes();
}

/** RFC 7292 §5 MAC check. Throws PKCS12_PASSWORD when the password does not produce the MAC. */
function checkMac(macData: Asn1, authSafe: string, password: string): void {
  const [digestInfo, saltNode, iterNode] = seq(macData, "MacData");
  const [algId, digestNode] = seq(digestInfo, "DigestInfo");
  const mdOid = oidOf(seq(algId, "AlgorithmIdentifier")[0]);
  const md =
    mdOid === OIDS.sha256 ? forge.md.sha256.create()
    : mdOid === OIDS.sha384 ? forge.md.sha384.create()
    : mdOid === OIDS.sha512 ? forge.md.sha512.create()
    : mdOid === OIDS.sha1 ? forge.md.sha1.create()
    : fail("unsupported MAC algorithm");
  const iterations = iterNode ? intOf(iterNode) : 1;
  if (!(iterations >= 1 && iterations <= MAX_ITERATIONS)) fail("MAC iteration count out of range");
  const key = forge.pkcs12.generateKey(password, forge.util.createBuffer(octets(saltNode)), 3, iterations, md.digestLength, md);
  const hmac = forge.hmac.create();
  hmac.start(md, key);
  hmac.update(authSafe);
  const expected = octets(digestNode);
  const actual = hmac.digest().getBytes();
  let diff = expected.length ^ actual.length;
  for (let i = 0; i < Math.min(expected.length, actual.length); i++) diff |= expected.charCodeAt(i) ^ actual.charCodeAt(i);
  if (diff !== 0) throw new KollenError("PKCS12_PASSWORD", "wrong password for the PKCS#12 file");
}

interface Bags {
  certs: Uint8Array[];
  keys: Uint8Array[];
}

function readSafeContents(binary: string, password: string, bags: Bags, depth = 0): void {
  if (depth > 2) fail("nested too deeply");
  for (const bag of seq(parseBer(binary), "SafeContents")) {
    const [idNode, valueNode] = seq(bag, "SafeBag");
    const id = oidOf(idNode);
    const value = explicit0(valueNode);
    if (id === OIDS.certBag) {
      const [certId, certValue] = seq(value, "CertBag");
      if (oidOf(certId) === OIDS.x509Certificate) bags.certs.push(toBytes(octets(explicit0(certValue))));
    } else if (id === OIDS.keyBag) {
      bags.keys.push(toBytes(asn1.toDer(value).getBytes()));
    } else if (id === OIDS.pkcs8ShroudedKeyBag) {
      const [algId, encrypted] = seq(value, "EncryptedPrivateKeyInfo");
      bags.keys.push(toBytes(pbeDecrypt(algId!, octets(encrypted), password)));
    } else if (id === OIDS.safeContentsBag) {
      readSafeContents(asn1.toDer(value).getBytes(), password, bags, depth + 1);
    }
    // CRL and secret bags are not needed here.
  }
}

function readPfx(bytes: Uint8Array, password: string): Bags {
  const [version, authSafe, macData] = seq(parseBer(toBinary(bytes)), "PFX");
  if (intOf(version) !== 3) fail("PFX version is not 3");
  const [contentType, content] = seq(authSafe, "ContentInfo");
  if (oidOf(contentType) !== OIDS.data) fail("authSafe is not data (public-key integrity mode is not supported)");
  const authSafeBytes = octets(explicit0(content));
  if (macData) checkMac(macData, authSafeBytes, password);

  const bags: Bags = { certs: [], keys: [] };
  for (const info of seq(parseBer(authSafeBytes), "AuthenticatedSafe")) {
    const [type, body] = seq(info, "ContentInfo");
    const oid = oidOf(type);
    if (oid === OIDS.data) {
      readSafeContents(octets(explicit0(body)), password, bags);
    } else if (oid === OIDS.encryptedData) {
      const [, encryptedContentInfo] = seq(explicit0(body), "EncryptedData");
      const [innerType, algId, encrypted] = seq(encryptedContentInfo, "EncryptedContentInfo");
      if (oidOf(innerType) !== OIDS.data) fail("encrypted content is not data");
      if (!encrypted || encrypted.tagClass !== asn1.Class.CONTEXT_SPECIFIC || encrypted.type !== 0) fail("missing encrypted content");
      readSafeContents(pbeDecrypt(algId!, octets(encrypted), password), password, bags);
    } else {
      fail("public-key privacy mode (envelopedData) is not supported");
    }
  }
  return bags;
}

/** What the PKCS#8 key is, and a PrivateKeyInfo WebCrypto imports. */
function keyKind(pkcs8: Uint8Array): { kind: "rsa" | "rsa-pss" | "p256"; importable: Uint8Array } {
  const info = parseBer(toBinary(pkcs8));
  const [version, algId, privateKey] = seq(info, "PrivateKeyInfo");
  const [oidNode, params] = seq(algId, "AlgorithmIdentifier");
  const oid = oidOf(oidNode);
  if (oid === OIDS.rsaEncryption) return { kind: "rsa", importable: pkcs8 };
  if (oid === OIDS.rsassaPss) {
    // WebCrypto imports RSA keys under rsaEncryption only; PSS is enforced by the import algorithm.
    const rewritten = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      version!,
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(OIDS.rsaEncryption).getBytes()),
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ""),
      ]),
      privateKey!,
    ]);
    return { kind: "rsa-pss", importable: toBytes(asn1.toDer(rewritten).getBytes()) };
  }
  if (oid === OIDS.ecPublicKey) {
    if (!params || params.type !== asn1.Type.OID || oidOf(params) !== OIDS.p256) {
      throw new KollenError("KEY_UNSUPPORTED", "only EC keys on P-256 are supported (ES256)");
    }
    return { kind: "p256", importable: pkcs8 };
  }
  throw new KollenError("KEY_UNSUPPORTED", "the PKCS#12 key is neither RSA nor EC P-256");
}

async function importSigningKey(pkcs8: Uint8Array, params: RsaHashedImportParams | EcKeyImportParams, extractable: boolean): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey("pkcs8", pkcs8 as Uint8Array<ArrayBuffer>, params, extractable, ["sign"]);
  } catch {
    throw new KollenError("KEY_INVALID", "the private key in the PKCS#12 file cannot be imported");
  }
}

/** True when the public key of `cert` is the public half of `jwk`. */
function sameKey(cert: ParsedCertificate, jwk: JsonWebKey): boolean {
  try {
    const pub = leafKey(cert).jwk;
    return pub.kty === "RSA" ? pub.n === jwk.n && pub.e === jwk.e : pub.kty === "EC" && pub.x === jwk.x && pub.y === jwk.y;
  } catch {
    return false;
  }
}

/**
 * Reads a PKCS#12 file: checks the password, picks the one private key and the certificate that
 * matches it, orders its chain leaf first, and validates the chain against `opts.caPems`.
 *
 * @example
 * const signer = await importPkcs12(await readFile("org.p12"), password, { caPems: [caPem] });
 * // { x5c, privateKey, alg: "RS256", orgnr: "2120000142", certificate }
 * @throws KollenError `PKCS12_PASSWORD` (wrong password), `PKCS12_INVALID` (not a usable PKCS#12),
 *   `KEY_UNSUPPORTED`, and the CERT_* codes of verifyCertificateChain
 */
export async function importPkcs12(bytes: Uint8Array, password: string, opts: ImportPkcs12Options): Promise<ImportedPkcs12> {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0 || bytes.length > MAX_PKCS12_BYTES) {
    throw new KollenError("PKCS12_INVALID", "a PKCS#12 file is between 1 byte and 1 MiB");
  }
  let bags: Bags;
  try {
    bags = readPfx(bytes, password);
  } catch (e) {
    if (e instanceof KollenError) throw e;
    // forge's messages can quote input; keep only ours.
    throw new KollenError("PKCS12_INVALID", `not a PKCS#12 file Kollen can read${e instanceof Malformed ? ` (${e.message})` : ""}`);
  }
  if (bags.keys.length !== 1) throw new KollenError("PKCS12_INVALID", `the PKCS#12 file must hold exactly one private key (it holds ${bags.keys.length})`);
  if (bags.certs.length === 0 || bags.certs.length > 16) throw new KollenError("PKCS12_INVALID", "the PKCS#12 file holds no certificate or too many");

  let kind: ReturnType<typeof keyKind>;
  try {
    kind = keyKind(bags.keys[0]!);
  } catch (e) {
    if (e instanceof KollenError) throw e;
    throw new KollenError("PKCS12_INVALID", "the private key is not a PKCS#8 PrivateKeyInfo");
  }
  const alg: CertificateSignerAlg = kind.kind === "p256" ? "ES256" : kind.kind === "rsa-pss" ? "PS256" : (opts.rsaAlg ?? "RS256");
  const params: RsaHashedImportParams | EcKeyImportParams =
    alg === "ES256" ? { name: "ECDSA", namedCurve: "P-256" }
    : alg === "PS256" ? { name: "RSA-PSS", hash: "SHA-256" }
    : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };

  // Import once extractable to find the matching certificate, then keep a non-extractable key.
  const jwk = await crypto.subtle.exportKey("jwk", await importSigningKey(kind.importable, params, true));
  const certs: ParsedCertificate[] = [];
  for (const der of bags.certs) {
    try {
      certs.push(parseCertificate(der));
    } catch {
      throw new KollenError("PKCS12_INVALID", "a certificate in the PKCS#12 file cannot be parsed");
    }
  }
  const leaf = certs.find((c) => sameKey(c, jwk));
  if (!leaf) throw new KollenError("PKCS12_INVALID", "no certificate in the PKCS#12 file matches its private key");

  // Leaf first, then each issuer found in the file; self-signed roots are left to the verifier's CA list.
  const chain = [leaf];
  for (let cur = leaf; chain.length <= certs.length; ) {
    const issuer = certs.find((c) => !chain.includes(c) && bytesEqual(c.subject, cur.issuer));
    if (!issuer || bytesEqual(issuer.subject, issuer.issuer)) break;
    chain.push(issuer);
    cur = issuer;
  }
  const x5c = chain.map((c) => base64Encode(c.der));
  const certificate = await verifyCertificateChain(x5c, opts.caPems, opts.now ?? new Date());
  const privateKey = await importSigningKey(kind.importable, params, false);
  return { x5c, privateKey, alg, orgnr: certificate.orgnr, certificate };
}
