/**
 * Parses an X.509 v3 certificate (RFC 5280 §4.1) into what chain validation needs: the signed TBS
 * bytes, algorithms, raw issuer/subject names (compared byte for byte), validity, the
 * SubjectPublicKeyInfo, and the extensions Kollen understands. Signatures are checked elsewhere,
 * with WebCrypto, so ECDSA and RSA-PSS certificates work as well as RSA.
 */
import { bitString, bool, bytesEqual, children, DerError, directoryString, expectTag, oidToString, parseDer, smallInt, TAG, time, type Tlv } from "./der.ts";

export const OID = {
  rsaEncryption: "1.2.840.113549.1.1.1",
  rsassaPss: "1.2.840.113549.1.1.10",
  sha256WithRSA: "1.2.840.113549.1.1.11",
  sha384WithRSA: "1.2.840.113549.1.1.12",
  sha512WithRSA: "1.2.840.113549.1.1.13",
  ecPublicKey: "1.2.840.10045.2.1",
  ecdsaSha256: "1.2.840.10045.4.3.2",
  ecdsaSha384: "1.2.840.10045.4.3.3",
  ecdsaSha512: "1.2.840.10045.4.3.4",
  p256: "1.2.840.10045.3.1.7",
  p384: "1.3.132.0.34",
  p521: "1.3.132.0.35",
  ed25519: "1.3.101.112",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
  mgf1: "1.2.840.113549.1.1.8",
  commonName: "2.5.4.3",
  serialNumber: "2.5.4.5",
  organizationName: "2.5.4.10",
  organizationIdentifier: "2.5.4.97",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectAltName: "2.5.29.17",
  certificatePolicies: "2.5.29.32",
  subjectKeyIdentifier: "2.5.29.14",
  authorityKeyIdentifier: "2.5.29.35",
} as const;

/** Critical extensions Kollen recognises (RFC 5280 §4.2: an unrecognised critical one fails the chain). */
const UNDERSTOOD_CRITICAL = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extKeyUsage,
  OID.subjectAltName,
  OID.certificatePolicies,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
]);

export interface NameAttribute {
  oid: string;
  value: string | undefined;
}

export interface SignatureAlgorithm {
  oid: string;
  /** DER of the whole AlgorithmIdentifier (compared with the TBS copy). */
  der: Uint8Array;
  /** For RSASSA-PSS: hash and salt length. */
  pss?: { hash: string; saltLength: number };
}

export interface ParsedCertificate {
  der: Uint8Array;
  tbs: Uint8Array;
  signatureAlgorithm: SignatureAlgorithm;
  signature: Uint8Array;
  issuer: Uint8Array;
  subject: Uint8Array;
  subjectAttributes: NameAttribute[];
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  keyAlgorithm: { oid: string; curve?: string };
  ca: boolean | undefined;
  pathLen: number | undefined;
  /** KeyUsage bits (bit 0 = digitalSignature), undefined when the extension is absent. */
  keyUsage: number[] | undefined;
  unknownCritical: string[];
}

const HASH_NAMES: Record<string, string> = { [OID.sha256]: "SHA-256", [OID.sha384]: "SHA-384", [OID.sha512]: "SHA-512" };

function algorithmIdentifier(t: Tlv): SignatureAlgorithm {
  const [oidT, params] = children(expectTag(t, TAG.SEQUENCE, "AlgorithmIdentifier"));
  const oid = oidToString(oidT!);
  const alg: SignatureAlgorithm = { oid, der: t.bytes };
  if (oid === OID.rsassaPss) alg.pss = pssParams(params);
  return alg;
}

/** RSASSA-PSS-params (RFC 4055 §3.1); defaults (SHA-1) are not accepted. */
function pssParams(t: Tlv | undefined): { hash: string; saltLength: number } {
  if (!t) throw new DerError("RSASSA-PSS needs parameters");
  let hash: string | undefined;
  let mgfHash: string | undefined;
  let saltLength = 20;
  for (const c of children(expectTag(t, TAG.SEQUENCE, "RSASSA-PSS-params"))) {
    const it = parseDer(c.value);
    if (c.tag === 0xa0) hash = HASH_NAMES[oidToString(children(it)[0]!)];
    else if (c.tag === 0xa1) {
      const [mgfOid, mgfParams] = children(it);
      if (oidToString(mgfOid!) !== OID.mgf1 || !mgfParams) throw new DerError("unsupported MGF");
      mgfHash = HASH_NAMES[oidToString(children(mgfParams)[0]!)];
    } else if (c.tag === 0xa2) saltLength = smallInt(it);
    else if (c.tag === 0xa3) {
      if (smallInt(it) !== 1) throw new DerError("bad trailer field");
    } else throw new DerError("bad RSASSA-PSS-params");
  }
  if (!hash || hash !== mgfHash) throw new DerError("unsupported RSASSA-PSS hash");
  return { hash, saltLength };
}

function nameAttributes(name: Tlv): NameAttribute[] {
  const out: NameAttribute[] = [];
  for (const rdn of children(expectTag(name, TAG.SEQUENCE, "Name"))) {
    for (const atv of children(expectTag(rdn, TAG.SET, "RDN"))) {
      const [oidT, valueT] = children(expectTag(atv, TAG.SEQUENCE, "AttributeTypeAndValue"));
      let value: string | undefined;
      try {
        value = directoryString(valueT!);
      } catch {
        value = undefined;
      }
      out.push({ oid: oidToString(oidT!), value });
    }
  }
  return out;
}

/**
 * Parses DER bytes of one certificate.
 * @throws DerError on any structural problem
 */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const [tbsT, algT, sigT, ...rest] = children(expectTag(parseDer(der), TAG.SEQUENCE, "Certificate"));
  if (!tbsT || !algT || !sigT || rest.length) throw new DerError("Certificate has three parts");
  const signatureAlgorithm = algorithmIdentifier(algT);
  const signature = bitString(sigT).bytes;

  const f = children(expectTag(tbsT, TAG.SEQUENCE, "TBSCertificate"));
  let i = 0;
  if (f[0]?.tag === 0xa0) {
    if (smallInt(children(f[0])[0]!) !== 2) throw new DerError("only X.509 v3 certificates");
    i++;
  } else {
    throw new DerError("only X.509 v3 certificates");
  }
  expectTag(f[i++], TAG.INTEGER, "serialNumber");
  const innerAlg = f[i++]!;
  if (!bytesEqual(innerAlg.bytes, algT.bytes)) throw new DerError("signature algorithms differ");
  const issuer = expectTag(f[i++], TAG.SEQUENCE, "issuer");
  const [nb, na] = children(expectTag(f[i++], TAG.SEQUENCE, "Validity"));
  const subject = expectTag(f[i++], TAG.SEQUENCE, "subject");
  const spkiT = expectTag(f[i++], TAG.SEQUENCE, "SubjectPublicKeyInfo");
  const [keyAlgT, keyBits] = children(spkiT);
  bitString(keyBits!);
  const [keyOidT, keyParams] = children(expectTag(keyAlgT, TAG.SEQUENCE, "AlgorithmIdentifier"));
  const keyAlgorithm: { oid: string; curve?: string } = { oid: oidToString(keyOidT!) };
  if (keyAlgorithm.oid === OID.ecPublicKey && keyParams?.tag === TAG.OID) keyAlgorithm.curve = oidToString(keyParams);

  const cert: ParsedCertificate = {
    der,
    tbs: tbsT.bytes,
    signatureAlgorithm,
    signature,
    issuer: issuer.bytes,
    subject: subject.bytes,
    subjectAttributes: nameAttributes(subject),
    notBefore: time(nb!),
    notAfter: time(na!),
    spki: spkiT.bytes,
    keyAlgorithm,
    ca: undefined,
    pathLen: undefined,
    keyUsage: undefined,
    unknownCritical: [],
  };
  while (f[i] && (f[i]!.tag === 0x81 || f[i]!.tag === 0x82)) i++; // issuer/subjectUniqueID
  if (f[i]?.tag === 0xa3) {
    const seen = new Set<string>();
    for (const ext of children(expectTag(children(f[i]!)[0], TAG.SEQUENCE, "Extensions"))) {
      const parts = children(expectTag(ext, TAG.SEQUENCE, "Extension"));
      const oid = oidToString(parts[0]!);
      if (seen.has(oid)) throw new DerError("duplicate extension");
      seen.add(oid);
      const critical = parts.length === 3 ? bool(parts[1]!) : false;
      const value = parseDer(expectTag(parts[parts.length - 1], TAG.OCTET_STRING, "extnValue").value);
      if (critical && !UNDERSTOOD_CRITICAL.has(oid)) cert.unknownCritical.push(oid);
      if (oid === OID.basicConstraints) {
        const bc = children(expectTag(value, TAG.SEQUENCE, "BasicConstraints"));
        let k = 0;
        cert.ca = bc[k]?.tag === TAG.BOOLEAN ? bool(bc[k++]!) : false;
        if (bc[k]) cert.pathLen = smallInt(bc[k]!);
      } else if (oid === OID.keyUsage) {
        const { bytes } = bitString(value, true);
        cert.keyUsage = [];
        for (let bit = 0; bit < bytes.length * 8; bit++) if (bytes[bit >> 3]! & (0x80 >> (bit & 7))) cert.keyUsage.push(bit);
      }
    }
    i++;
  }
  if (i !== f.length) throw new DerError("unexpected TBSCertificate field");
  return cert;
}

/** The first value of a subject attribute. */
export function subjectAttribute(cert: ParsedCertificate, oid: string): string | undefined {
  return cert.subjectAttributes.find((a) => a.oid === oid && a.value !== undefined)?.value;
}

/** All values of a subject attribute. */
export function subjectAttributes(cert: ParsedCertificate, oid: string): string[] {
  return cert.subjectAttributes.filter((a) => a.oid === oid && a.value !== undefined).map((a) => a.value!);
}
