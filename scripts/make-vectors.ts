/**
 * Regenerates the golden package vectors in test/vectors/packages/ (docs/FORMAT.md §Test vectors).
 * Keys and certificates are made once and kept in keys/; packages are rebuilt from them. Run: npm run vectors
 *
 * Every vector has NAME.kollen and NAME.expect: a comment, `expect:` (the outcome of verification and
 * its code), `open:` (what opening reports), and `rules:` (the FORMAT.md rules it exercises). Most
 * vectors are assembled here step by step, not by client-kit/package/build.ts, so that one rule can be
 * broken at a time; the valid ones are made by the kit's own builder.
 */
import { createCipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, sign as nodeSign } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import forge from "node-forge";
import { base64url, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import { encryptBytes, formatIdentityFile, generateX25519Identity, recipientKeyId, setDefaultAgeBackend } from "../client-kit/age/index.ts";
import { nodeBackend } from "../client-kit/age/backend.node.ts";
import { buildPackage, KIT, type Signer as KitSigner } from "../client-kit/package/build.ts";
import { manifestBinding, paddedLength } from "../client-kit/package/inner.ts";
import { sha256, sha256Hex } from "../encoding/sha256.ts";
import { BLOCK, fileHeader, paddingFor, readTar, writeChecksum } from "../client-kit/lib/tar.ts";
import { createKeyring } from "../keys/keyring.ts";
import { decodeRecipient } from "../keys/age-keys.ts";
import { base64Decode, base64EncodeUnpadded, base64urlEncode } from "../encoding/base64.ts";

setDefaultAgeBackend(nodeBackend);
const DIR = "test/vectors/packages";
const KEYS = join(DIR, "keys");
const enc = new TextEncoder();
const RESULT_TEXT = await readFile("examples/result-infosakkollen.json", "utf8");
const RESULT = enc.encode(RESULT_TEXT);
const RESULT_JSON = JSON.parse(RESULT_TEXT) as { organisation: string; campaign: string; model: { id: string; sha256: string } };
const ORG = RESULT_JSON.organisation;
const OTHER_ORG = "2321000016";
const CAMPAIGN = RESULT_JSON.campaign;
const MODEL = RESULT_JSON.model;
const CREATED = new Date("2026-11-29T09:00:00.000Z");
const MTIME = Math.floor(CREATED.getTime() / 1000);

// ---------------------------------------------------------------- keys (made once, then kept)

async function signerKey(name: string, extra: Record<string, string>): Promise<JWK> {
  const path = join(KEYS, `${name}.private.jwk`);
  if (existsSync(path)) return JSON.parse(await readFile(path, "utf8")) as JWK;
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const priv = { ...(await exportJWK(privateKey)), ...extra };
  await writeFile(path, `${JSON.stringify(priv, null, 2)}\n`);
  await writeFile(join(KEYS, `${name}.public.jwk`), `${JSON.stringify({ ...(await exportJWK(publicKey)), ...extra }, null, 2)}\n`);
  return priv;
}

async function identity(name: string): Promise<{ identity: string; recipient: string }> {
  const path = join(KEYS, `${name}.agekey`);
  if (existsSync(path)) {
    const text = await readFile(path, "utf8");
    return { identity: text.split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-1"))!, recipient: /# public key: (\S+)/.exec(text)![1]! };
  }
  const pair = await generateX25519Identity();
  await writeFile(path, formatIdentityFile(pair, new Date("2026-11-29T00:00:00Z")));
  return pair;
}

interface CertKey {
  keyPem: string;
  certPem: string;
  b64: string;
}

/** An RSA key and a certificate with exact validity dates (node-forge; openssl 3.0 cannot set them). */
async function certificate(
  name: string,
  opts: { subject: Array<{ type: string; value: string }>; issuer?: CertKey; ca: boolean; notBefore: string; notAfter: string; serial: string },
): Promise<CertKey> {
  const keyPath = join(KEYS, `${name}.key.pem`);
  const certPath = join(KEYS, `${name}.pem`);
  if (existsSync(keyPath) && existsSync(certPath)) {
    const certPem = await readFile(certPath, "utf8");
    return { keyPem: await readFile(keyPath, "utf8"), certPem, b64: certPem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "") };
  }
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  cert.serialNumber = opts.serial;
  cert.validity.notBefore = new Date(opts.notBefore);
  cert.validity.notAfter = new Date(opts.notAfter);
  cert.setSubject(opts.subject);
  const issuerCert = opts.issuer ? forge.pki.certificateFromPem(opts.issuer.certPem) : cert;
  cert.setIssuer(issuerCert.subject.attributes);
  cert.setExtensions(
    opts.ca
      ? [
          { name: "basicConstraints", cA: true, critical: true },
          { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
        ]
      : [
          { name: "basicConstraints", cA: false, critical: true },
          { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
        ],
  );
  cert.sign(forge.pki.privateKeyFromPem(opts.issuer?.keyPem ?? keyPem) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  await writeFile(keyPath, keyPem);
  await writeFile(certPath, certPem);
  return { keyPem, certPem, b64: certPem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "") };
}

await mkdir(KEYS, { recursive: true });
for (const f of await readdir(DIR)) if (f.endsWith(".kollen") || f.endsWith(".expect")) await rm(join(DIR, f));
await rm(join(KEYS, "keyring.json"), { force: true });

const org = { kollen_org: ORG };
const preparer = await signerKey("preparer", org);
const management = await signerKey("management", org);
const stranger = await signerKey("stranger", org); // never passed as trusted
const otherOrg = await signerKey("other-org", { kollen_org: OTHER_ORG });
const unbound = await signerKey("unbound", {}); // trusted, but registered for no organisation
const revoked = await signerKey("revoked", { ...org, kollen_revoked: "2026-11-01T00:00:00.000Z" });
const revokedLater = await signerKey("revoked-later", { ...org, kollen_revoked: "2026-12-01T00:00:00.000Z" });
const keyringKey = await signerKey("keyring-key", {});
const current = await identity("authority-current");
const retired = await identity("authority-retired");
const unlisted = await identity("unlisted"); // an age key that is not in the authority's keyring

const se = (o: string) => [{ type: "2.5.4.6", value: "SE" }, { type: "2.5.4.10", value: o }];
const ca = await certificate("ca", { subject: [...se("Kollen Vector CA"), { type: "2.5.4.3", value: "Kollen Vector Root" }], ca: true, notBefore: "2026-01-01T00:00:00Z", notAfter: "2036-01-01T00:00:00Z", serial: "01" });
const otherCa = await certificate("other-ca", { subject: [...se("Someone Else"), { type: "2.5.4.3", value: "Untrusted Root" }], ca: true, notBefore: "2026-01-01T00:00:00Z", notAfter: "2036-01-01T00:00:00Z", serial: "02" });
const leafSubject = (cn: string, id?: string) => [...se("Exempelkommun"), ...(id ? [{ type: "2.5.4.97", value: id }] : []), { type: "2.5.4.3", value: cn }];
const orgCert = await certificate("org-cert", { subject: leafSubject("Signer", `NTRSE-${ORG}`), issuer: ca, ca: false, notBefore: "2026-06-01T00:00:00Z", notAfter: "2027-06-01T00:00:00Z", serial: "10" });
const expiredCert = await certificate("org-cert-expired", { subject: leafSubject("Expired Signer", `NTRSE-${ORG}`), issuer: ca, ca: false, notBefore: "2026-01-01T00:00:00Z", notAfter: "2026-06-01T00:00:00Z", serial: "11" });
const noOrgnrCert = await certificate("org-cert-no-orgnr", { subject: leafSubject("Nameless Signer"), issuer: ca, ca: false, notBefore: "2026-06-01T00:00:00Z", notAfter: "2027-06-01T00:00:00Z", serial: "12" });
const untrustedCert = await certificate("org-cert-untrusted", { subject: leafSubject("Other CA Signer", `NTRSE-${ORG}`), issuer: otherCa, ca: false, notBefore: "2026-06-01T00:00:00Z", notAfter: "2027-06-01T00:00:00Z", serial: "13" });

const keyring = await createKeyring(
  {
    format: "kollen-keyring/1",
    authority: { name: "Test authority (vectors only)", id: "vector-authority" },
    issuedAt: "2026-11-01T00:00:00Z",
    recipients: [
      { id: await recipientKeyId(current.recipient), recipient: current.recipient, status: "current" },
      { id: await recipientKeyId(retired.recipient), recipient: retired.recipient, status: "retired" },
    ],
  },
  keyringKey,
);
await writeFile(join(KEYS, "keyring.jws"), `${keyring}\n`);
await writeFile(join(KEYS, "README.md"), "Test-only keys for the golden vectors (see ../README.md). Never use them for anything else.\n");

// ---------------------------------------------------------------- signing, by hand

type VSigner = { kind: "jwk"; jwk: JWK } | { kind: "x509"; cert: CertKey };
const jwkSigner = (jwk: JWK): VSigner => ({ kind: "jwk", jwk });
const certSigner = (cert: CertKey): VSigner => ({ kind: "x509", cert });
const MANIFEST_TYP = "kollen-manifest+jws";
const INNER_TYP = "kollen-inner+jws";

async function headerOf(s: VSigner, typ: string): Promise<Record<string, unknown>> {
  if (s.kind === "jwk") {
    const pub = { kty: "OKP", crv: "Ed25519", x: s.jwk.x! };
    return { alg: "EdDSA", typ, kid: await calculateJwkThumbprint(pub, "sha256"), jwk: pub };
  }
  return { alg: "RS256", typ, x5c: [s.cert.b64], "x5t#S256": base64urlEncode(await sha256(base64Decode(s.cert.b64)!)) };
}

interface Sig {
  protected: string;
  signature: string;
  header?: Record<string, unknown>;
}

/** One signature; `tweak` may change the protected header before it is encoded. */
async function signOne(s: VSigner, typ: string, payload: Uint8Array, tweak?: (h: Record<string, unknown>) => void, text?: (json: string) => string): Promise<Sig> {
  const header = await headerOf(s, typ);
  tweak?.(header);
  const json = JSON.stringify(header);
  const protectedB64 = base64url.encode(text ? text(json) : json);
  const input = enc.encode(`${protectedB64}.${base64url.encode(payload)}`);
  const signature =
    s.kind === "jwk" ? nodeSign(null, input, createPrivateKey({ key: s.jwk as Record<string, string> & JWK, format: "jwk" })) : nodeSign("sha256", input, s.cert.keyPem);
  // the member order the kit's writer (jose) uses: FORMAT.md rule S11
  return { signature: base64url.encode(new Uint8Array(signature)), protected: protectedB64 };
}

// ---------------------------------------------------------------- tar, by hand

interface Member {
  name: string;
  bytes: Uint8Array;
  /** changes the header block; the checksum is recomputed after it unless `keepChecksum` */
  tweak?: (h: Uint8Array) => void;
  keepChecksum?: boolean;
  /** the byte block padding is filled with (0 unless testing) */
  padByte?: number;
}

function tar(members: Member[], end: Uint8Array = new Uint8Array(2 * BLOCK)): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const m of members) {
    const h = fileHeader(m.name.length > 100 ? "x" : m.name, m.bytes.length, MTIME);
    if (m.name.length > 100) throw new Error("name too long for a vector");
    if (m.tweak) {
      m.tweak(h);
      if (!m.keepChecksum) writeChecksum(h);
    }
    parts.push(h, m.bytes, new Uint8Array(paddingFor(m.bytes.length)).fill(m.padByte ?? 0));
  }
  parts.push(end);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const setField = (offset: number, text: string) => (h: Uint8Array) => {
  h.set(enc.encode(text), offset);
};

// ---------------------------------------------------------------- age, by hand (age-encryption.org/v1)

/**
 * An age v1 file with extra stanzas of unknown types before the X25519 ones (what "grease" looks like),
 * written from the age spec with node:crypto: the kit's own encryptor never writes such stanzas (rule A1).
 */
function ageWithExtraStanzas(recipients: string[], plaintext: Uint8Array, extra: Array<{ args: string[]; body: Uint8Array }>): Uint8Array {
  const fileKey = randomBytes(16);
  const hkdf = (ikm: Uint8Array, salt: Uint8Array, info: string) => new Uint8Array(hkdfSync("sha256", ikm, salt, info, 32));
  const seal = (key: Uint8Array, nonce: Uint8Array, data: Uint8Array) => {
    const c = createCipheriv("chacha20-poly1305", key, nonce, { authTagLength: 16 });
    return new Uint8Array(Buffer.concat([c.update(data), c.final(), c.getAuthTag()]));
  };
  const b64 = (b: Uint8Array) => base64EncodeUnpadded(b);
  const stanzas = [...extra];
  for (const r of recipients) {
    const pub = decodeRecipient(r);
    const eph = generateKeyPairSync("x25519");
    const ephPub = base64url.decode(eph.publicKey.export({ format: "jwk" }).x!);
    const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: createPublicKey({ key: { kty: "OKP", crv: "X25519", x: base64url.encode(pub) }, format: "jwk" }) });
    const salt = new Uint8Array([...ephPub, ...pub]);
    stanzas.push({ args: ["X25519", b64(ephPub)], body: seal(hkdf(shared, salt, "age-encryption.org/v1/X25519"), new Uint8Array(12), fileKey) });
  }
  let header = "age-encryption.org/v1\n";
  for (const st of stanzas) {
    header += `-> ${st.args.join(" ")}\n`;
    const body = b64(st.body);
    let i = 0;
    for (; i + 64 <= body.length; i += 64) header += `${body.slice(i, i + 64)}\n`;
    header += `${body.slice(i)}\n`;
  }
  header += "---";
  const mac = createHmac("sha256", hkdf(fileKey, new Uint8Array(0), "header")).update(header).digest();
  const nonce = randomBytes(16);
  const key = hkdf(fileKey, nonce, "payload");
  const chunks: Uint8Array[] = [enc.encode(`${header} ${b64(new Uint8Array(mac))}\n`), nonce];
  const CHUNK = 64 * 1024;
  for (let at = 0, n = 0; ; at += CHUNK, n++) {
    const last = at + CHUNK >= plaintext.length;
    const iv = new Uint8Array(12);
    new DataView(iv.buffer).setUint32(7, n);
    iv[11] = last ? 1 : 0;
    chunks.push(seal(key, iv, plaintext.subarray(at, Math.min(at + CHUNK, plaintext.length))));
    if (last) break;
  }
  return new Uint8Array(Buffer.concat(chunks));
}

// ---------------------------------------------------------------- a package, step by step

interface Spec {
  result?: Uint8Array;
  attachments?: Array<{ name: string; bytes: Uint8Array }>;
  organisation?: string;
  covers?: string[];
  innerSigners?: VSigner[];
  outerSigners?: VSigner[];
  /** age recipients actually sealed to */
  sealTo?: string[];
  /** key ids written into the manifest (default: those of sealTo) */
  manifestRecipients?: string[];
  statement?: (s: Record<string, unknown>) => void;
  innerTyp?: string;
  innerSig?: (sigs: Sig[]) => void;
  innerJws?: (jws: Record<string, unknown>) => void;
  /** the inner members before padding is computed (result, attachments, inner.jws, padding last) */
  innerMembers?: (m: Member[]) => Member[];
  innerEnd?: Uint8Array;
  /** bytes to use as the inner tar instead */
  innerTar?: (tar: Uint8Array) => Uint8Array;
  payload?: (age: Uint8Array) => Uint8Array;
  /** encrypt the inner tar with this instead of the kit's age encryptor */
  encrypt?: (recipients: string[], inner: Uint8Array) => Uint8Array;
  manifest?: (m: Record<string, unknown>) => void;
  manifestText?: (text: string) => string;
  outerTyp?: string;
  outerHeader?: (h: Record<string, unknown>) => void;
  outerHeaderText?: (json: string) => string;
  outerJws?: (jws: Record<string, unknown>, manifestBytes: Uint8Array) => void;
  outerMembers?: (m: Member[]) => Member[];
  outerEnd?: Uint8Array;
  packageId?: string;
}

async function assemble(spec: Spec = {}): Promise<{ bytes: Uint8Array; manifestBytes: Uint8Array; jwsBytes: Uint8Array; payload: Uint8Array }> {
  const sealTo = spec.sealTo ?? [current.recipient];
  const core: Record<string, unknown> = {
    format: "kollen-package/1",
    packageId: spec.packageId ?? crypto.randomUUID(),
    campaign: CAMPAIGN,
    surveyModel: MODEL,
    organisation: spec.organisation ?? ORG,
    covers: spec.covers ?? [],
    createdAt: CREATED.toISOString(),
    recipients: spec.manifestRecipients ?? (await Promise.all(sealTo.map(recipientKeyId))),
    kit: KIT,
  };
  const files = [{ name: "result.json", bytes: spec.result ?? RESULT }, ...(spec.attachments ?? []).map((a) => ({ name: `attachments/${a.name}`, bytes: a.bytes }))];
  const statement: Record<string, unknown> = {
    format: "kollen-inner/1",
    packageId: core.packageId,
    binding: await manifestBinding(core as never),
    files: await Promise.all(files.map(async (f) => ({ name: f.name, length: f.bytes.length, sha256: await sha256Hex(f.bytes) }))),
  };
  spec.statement?.(statement);
  const statementBytes = enc.encode(JSON.stringify(statement));
  const innerSigs = [];
  for (const s of spec.innerSigners ?? [jwkSigner(preparer)]) innerSigs.push(await signOne(s, spec.innerTyp ?? INNER_TYP, statementBytes));
  spec.innerSig?.(innerSigs);
  const innerJwsObj: Record<string, unknown> = { payload: base64url.encode(statementBytes), signatures: innerSigs };
  spec.innerJws?.(innerJwsObj);
  let members: Member[] = [...files, { name: "inner.jws", bytes: enc.encode(JSON.stringify(innerJwsObj)) }, { name: "padding", bytes: new Uint8Array(0) }];
  if (spec.innerMembers) members = spec.innerMembers(members);
  const padding = members.find((m) => m.name === "padding" && !m.tweak);
  if (padding && padding.bytes.length === 0) {
    const bare = tar(members, spec.innerEnd).length;
    padding.bytes = new Uint8Array(paddedLength(bare) - bare);
  }
  let inner = tar(members, spec.innerEnd);
  if (spec.innerTar) inner = spec.innerTar(inner);
  let payload = spec.encrypt ? spec.encrypt(sealTo, inner) : await encryptBytes(sealTo, inner);
  if (spec.payload) payload = spec.payload(payload);

  const manifest: Record<string, unknown> = { ...core, payload: { name: "payload.age", length: payload.length, sha256: await sha256Hex(payload) } };
  spec.manifest?.(manifest);
  let text = `${JSON.stringify(manifest, null, 2)}\n`;
  if (spec.manifestText) text = spec.manifestText(text);
  const manifestBytes = enc.encode(text);
  const outerSigs = [];
  for (const s of spec.outerSigners ?? spec.innerSigners ?? [jwkSigner(preparer)]) outerSigs.push(await signOne(s, spec.outerTyp ?? MANIFEST_TYP, manifestBytes, spec.outerHeader, spec.outerHeaderText));
  const outerJws: Record<string, unknown> = { signatures: outerSigs };
  spec.outerJws?.(outerJws, manifestBytes);
  const jwsBytes = enc.encode(`${JSON.stringify(outerJws)}\n`);
  let outer: Member[] = [
    { name: "manifest.json", bytes: manifestBytes },
    { name: "manifest.jws", bytes: jwsBytes },
    { name: "payload.age", bytes: payload },
  ];
  if (spec.outerMembers) outer = spec.outerMembers(outer);
  return { bytes: tar(outer, spec.outerEnd), manifestBytes, jwsBytes, payload };
}

/** The length of the age header at the start of `p` (through the MAC line's LF). */
function ageHeaderEnd(p: Uint8Array): number {
  const text = Buffer.from(p.subarray(0, 65536)).toString("latin1");
  const mac = text.indexOf("\n--- ");
  return text.indexOf("\n", mac + 1) + 1;
}

// ---------------------------------------------------------------- the vectors

let count = 0;
async function vector(name: string, bytes: Uint8Array | Promise<Uint8Array>, expect: string, open: string, rules: string, comment: string) {
  await writeFile(join(DIR, `${name}.kollen`), await bytes);
  await writeFile(join(DIR, `${name}.expect`), `# ${comment}\nexpect: ${expect}\nopen: ${open}\nrules: ${rules}\n`);
  count++;
}
const pkg = async (spec: Spec = {}) => (await assemble(spec)).bytes;
/** A package that fails verification is never decrypted: its payload seals a short note, not an inner tar (keeps the vectors small). */
const failing = (spec: Spec) => pkg({ innerTar: () => enc.encode("not opened: this vector fails verification\n"), ...spec });
const sign = (...keys: JWK[]): KitSigner[] => keys.map((privateJwk) => ({ kind: "jwk" as const, privateJwk }));
const base = { result: RESULT, organisation: ORG, campaign: CAMPAIGN, surveyModel: MODEL, now: CREATED };
const flip = (b: Uint8Array, at: number) => {
  const c = b.slice();
  c[at]! ^= 1;
  return c;
};

// Valid packages, made by the kit's own writer.
const valid = await buildPackage({ ...base, signers: sign(preparer, management), recipients: [current.recipient], packageId: "0b6f1c2e-4a5d-4e8f-9a1b-2c3d4e5f6a7b" });
await vector("valid-two-signers", valid, "PASSED", "ok", "T1 M3 M4 S7 S10 K2 P3 Y1 Y2 Y3 A1 A4 I6 I7 R2 V1 D1", "preparer and management countersignature, sealed to the current key");
await vector("valid-umbrella", buildPackage({ ...base, covers: ["2021005489", "2321000016"], signers: sign(preparer), recipients: [current.recipient] }), "PASSED", "ok", "M4", "an umbrella submission covering two other organisations");
await vector("valid-certificate", pkg({ innerSigners: [certSigner(orgCert)] }), "PASSED", "ok", "S9 K4 K6", "an X.509 organisation certificate (RS256) issued by the trusted CA, naming the organisation in organizationIdentifier");
await vector("valid-attachment", buildPackage({ ...base, attachments: [{ name: "policy.txt", bytes: enc.encode("informationssäkerhetspolicy\n") }], signers: sign(preparer), recipients: [current.recipient] }), "PASSED", "ok", "I2", "one attachment");

// Strict JSON.
await vector("manifest-duplicate-member", failing({ manifestText: (t) => t.replace('"campaign"', `"campaign": "other",\n  "campaign"`) }), "FAILED MANIFEST_INVALID", "-", "J1 M1", "manifest.json names campaign twice (signed as such)");
await vector("manifest-bom", failing({ manifestText: (t) => `\uFEFF${t}` }), "FAILED MANIFEST_INVALID", "-", "J1", "manifest.json starts with a byte order mark");
await vector("manifest-length-fraction", failing({ manifestText: (t) => t.replace(/"length": (\d+)/, '"length": $1.0') }), "FAILED MANIFEST_INVALID", "-", "J1", "payload.length written as 123.0");
await vector("jws-duplicate-member", failing({ outerMembers: (m) => [m[0]!, { name: "manifest.jws", bytes: enc.encode(new TextDecoder().decode(m[1]!.bytes).replace('{"signatures":', '{"signatures":[],"signatures":')) }, m[2]!] }), "FAILED SIGNATURE_MISSING", "-", "J1 S1", "manifest.jws names signatures twice (first empty, then the real ones)");
await vector("result-duplicate-member", pkg({ result: enc.encode(RESULT_TEXT.replace('"format"', '"comments": "a",\n  "comments": "b",\n  "format"')) }), "PASSED", "RESULT_INVALID", "J1 R1", "result.json names comments twice");

// Tar.
await vector("header-checksum", tar([{ name: "manifest.json", bytes: enc.encode("{}"), tweak: (h) => void (h[148] = 0x37), keepChecksum: true }]), "FAILED PACKAGE_NOT_TAR", "-", "T2", "the first header's checksum is wrong");
await vector("header-gnu-magic", failing({ outerMembers: (m) => [{ ...m[0]!, tweak: setField(257, "ustar  \u0000") }, m[1]!, m[2]!] }), "FAILED PACKAGE_NOT_TAR", "-", "T2", "GNU magic `ustar  NUL` instead of `ustar NUL 00`");
await vector("header-version", failing({ outerMembers: (m) => [{ ...m[0]!, tweak: setField(263, "  ") }, m[1]!, m[2]!] }), "FAILED PACKAGE_NOT_TAR", "-", "T2", "version field two spaces");
await vector("later-header-corrupt", failing({ outerMembers: (m) => [m[0]!, m[1]!, { ...m[2]!, tweak: (h) => void (h[148] ^= 1), keepChecksum: true }] }), "FAILED PACKAGE_NOT_TAR", "-", "T2", "payload.age's header checksum is wrong");
await vector("header-mode-spaces", failing({ outerMembers: (m) => [{ ...m[0]!, tweak: setField(100, "   644 \u0000") }, m[1]!, m[2]!] }), "FAILED PACKAGE_NOT_TAR", "-", "T3", "mode written with leading spaces");
await vector("header-size-base256", pkg({ outerMembers: (m) => [m[0]!, m[1]!, { ...m[2]!, tweak: (h) => {
  const size = m[2]!.bytes.length;
  h.fill(0, 124, 136);
  h[124] = 0x80;
  new DataView(h.buffer, h.byteOffset).setUint32(132, size);
} }] }), "FAILED PACKAGE_NOT_TAR", "-", "T3", "payload.age's size in the base-256 (GNU) form");
await vector("header-uid-letters", failing({ outerMembers: (m) => [m[0]!, { ...m[1]!, tweak: setField(108, "000000x\u0000") }, m[2]!] }), "FAILED PACKAGE_NOT_TAR", "-", "T3", "uid holds a non-octal character");
await vector("typeflag-nul", pkg({ outerMembers: (m) => m.map((x) => ({ ...x, tweak: (h: Uint8Array) => void (h[156] = 0) })) }), "FAILED PACKAGE_NOT_CANONICAL", "-", "T4 O8", "every outer member has typeflag NUL (an old-style regular file): the outer tar has one form");
await vector("outer-mtime-other", failing({ outerMembers: (m) => m.map((x) => ({ ...x, tweak: setField(136, (MTIME + 1).toString(8).padStart(11, "0")) })) }), "FAILED PACKAGE_NOT_CANONICAL", "-", "O8", "every outer mtime one second after createdAt (a re-framed package)");
await vector("outer-mtime-mixed", failing({ outerMembers: (m) => [m[0]!, m[1]!, { ...m[2]!, tweak: setField(136, (MTIME + 1).toString(8).padStart(11, "0")) }] }), "FAILED PACKAGE_NOT_CANONICAL", "-", "O8", "payload.age's mtime differs from the other two");
await vector("outer-uname", failing({ outerMembers: (m) => [{ ...m[0]!, tweak: setField(265, "root") }, m[1]!, m[2]!] }), "FAILED PACKAGE_NOT_CANONICAL", "-", "O8", "manifest.json's header names a user");
await vector("outer-padding-nonzero", failing({ outerMembers: (m) => [{ ...m[0]!, padByte: 0x20 }, m[1]!, m[2]!] }), "FAILED PACKAGE_NOT_TAR", "-", "T5", "manifest.json's block padding is spaces");
await vector("outer-extra-zero-block", failing({ outerEnd: new Uint8Array(3 * BLOCK) }), "FAILED PACKAGE_MEMBER_EXTRA", "-", "T6", "three zero blocks at the end (record padding)");
await vector("outer-end-nonzero", failing({ outerEnd: (() => { const e = new Uint8Array(2 * BLOCK); e[BLOCK + 7] = 1; return e; })() }), "FAILED PACKAGE_MEMBER_EXTRA", "-", "T6", "the second end block is not zero");

// Outer tar.
await vector("empty", new Uint8Array(0), "FAILED PACKAGE_NOT_TAR", "-", "O1", "zero bytes");
await vector("truncated", valid.subarray(0, valid.length - 700), "FAILED PACKAGE_TRUNCATED", "-", "O2", "the last 700 bytes are missing");
await vector("short-input", valid.subarray(0, 100), "FAILED PACKAGE_TRUNCATED", "-", "O2", "100 bytes: less than one header");
await vector("reordered", failing({ outerMembers: (m) => [m[1]!, m[0]!, m[2]!] }), "FAILED PACKAGE_MEMBER_ORDER", "-", "O3", "manifest.jws before manifest.json");
await vector("missing-payload", failing({ outerMembers: (m) => [m[0]!, m[1]!] }), "FAILED PACKAGE_MEMBER_MISSING", "-", "O4", "the end marker follows manifest.jws");
await vector("extra-member", failing({ outerMembers: (m) => [...m, { name: "notes.txt", bytes: enc.encode("hej") }] }), "FAILED PACKAGE_MEMBER_EXTRA", "-", "O5", "a fourth member");
await vector("unknown-first-member", failing({ outerMembers: (m) => [{ name: "README", bytes: enc.encode("hej") }, ...m] }), "FAILED PACKAGE_MEMBER_EXTRA", "-", "O5", "a member of another name first");
await vector("prefixed-name", failing({ outerMembers: (m) => [{ ...m[0]!, tweak: setField(345, "pkg") }, m[1]!, m[2]!] }), "FAILED PACKAGE_MEMBER_EXTRA", "-", "T7 O5", "prefix `pkg`: the first member's path is pkg/manifest.json");
await vector("member-directory", failing({ outerMembers: (m) => [m[0]!, m[1]!, { ...m[2]!, tweak: (h) => void (h[156] = 0x35) }] }), "FAILED PACKAGE_MEMBER_TYPE", "-", "O6", "payload.age has typeflag 5 (directory)");
await vector("member-linkname", failing({ outerMembers: (m) => [{ ...m[0]!, tweak: setField(157, "elsewhere") }, m[1]!, m[2]!] }), "FAILED PACKAGE_MEMBER_TYPE", "-", "O6", "manifest.json carries a link name");
await vector("manifest-oversized", failing({ manifestText: (t) => t.replace('"kit"', `"pad": "${"x".repeat(65536)}",\n  "kit"`) }), "FAILED MANIFEST_INVALID", "-", "O7", "manifest.json is 65 536 bytes plus the rest");

// Manifest.
await vector("manifest-unknown-member", failing({ manifest: (m) => void (m.note = "hej") }), "FAILED MANIFEST_INVALID", "-", "M1", "an unknown member `note`");
await vector("manifest-format-2", failing({ manifest: (m) => void (m.format = "kollen-package/2") }), "FAILED MANIFEST_INVALID", "-", "M1", "format kollen-package/2");
await vector("manifest-garbage", failing({ outerMembers: (m) => [{ name: "manifest.json", bytes: enc.encode("this is not JSON\n") }, m[1]!, m[2]!] }), "FAILED SIGNATURE_INVALID", "-", "M2 S8", "manifest.json replaced by text that is not JSON, signatures kept: the signature check comes first");
await vector("packageid-uppercase", failing({ packageId: "0B6F1C2E-4A5D-4E8F-9A1B-2C3D4E5F6A7B" }), "FAILED MANIFEST_INVALID", "-", "M3", "packageId in upper case");
await vector("packageid-v7", failing({ packageId: "019ad3c2-4a5d-7e8f-9a1b-2c3d4e5f6a7b" }), "FAILED MANIFEST_INVALID", "-", "M3", "a version 7 UUID");
await vector("packageid-nil", failing({ packageId: "00000000-0000-0000-0000-000000000000" }), "FAILED MANIFEST_INVALID", "-", "M3", "the nil UUID");
await vector("createdat-no-fraction", failing({ manifest: (m) => void (m.createdAt = "2026-11-29T09:00:00Z") }), "FAILED MANIFEST_INVALID", "-", "M3", "createdAt without fraction digits");
await vector("createdat-six-digits", failing({ manifest: (m) => void (m.createdAt = "2026-11-29T09:00:00.000000Z") }), "FAILED MANIFEST_INVALID", "-", "M3", "createdAt with six fraction digits");
await vector("model-id-uppercase", failing({ manifest: (m) => void (m.surveyModel = { ...MODEL, id: "Infosakkollen-Example" }) }), "FAILED MANIFEST_INVALID", "-", "M3", "surveyModel.id with capitals");
await vector("kit-version-space", failing({ manifest: (m) => void (m.kit = { name: "kollen", version: "0.1 beta" }) }), "FAILED MANIFEST_INVALID", "-", "M3", "kit.version with a space");
await vector("covers-unsorted", failing({ covers: ["2321000016", "2021005489"] }), "FAILED MANIFEST_INVALID", "-", "M4", "covers not in ascending order");
await vector("covers-duplicate", failing({ covers: ["2021005489", "2021005489"] }), "FAILED MANIFEST_INVALID", "-", "M4", "an organisation twice in covers");
await vector("covers-self", failing({ covers: [ORG] }), "FAILED MANIFEST_INVALID", "-", "M4", "covers names the submitting organisation");
await vector("manifest-compact", pkg({ manifestText: (t) => `${JSON.stringify(JSON.parse(t))}` }), "PASSED", "ok", "M5", "manifest.json on one line without a final newline: the signature is over the bytes as they are");

// Signatures.
const jwsBytes = (text: string) => (m: Member[]) => [m[0]!, { name: "manifest.jws", bytes: enc.encode(text) }, m[2]!];
await vector("jws-not-json", failing({ outerMembers: jwsBytes("eyJhbGciOiJFZERTQSJ9..c2ln") }), "FAILED SIGNATURE_MISSING", "-", "S1", "manifest.jws in compact serialization");
await vector("jws-no-signatures", failing({ outerMembers: jwsBytes('{"signatures":[]}\n') }), "FAILED SIGNATURE_MISSING", "-", "S1", "an empty signatures array");
await vector("jws-17-signatures", failing({ outerJws: (j) => void (j.signatures = Array.from({ length: 17 }, () => (j.signatures as Sig[])[0]!)) }), "FAILED SIGNATURE_MISSING", "-", "S1", "17 signature entries");
await vector("alg-hs256", failing({ outerHeader: (h) => void (h.alg = "HS256") }), "FAILED SIGNATURE_ALG_UNSUPPORTED", "-", "S2", "alg HS256");
await vector("alg-missing", failing({ outerHeader: (h) => void delete h.alg }), "FAILED SIGNATURE_INVALID", "-", "S2", "a protected header without alg");
await vector("outer-typ-inner", failing({ outerTyp: INNER_TYP }), "FAILED SIGNATURE_INVALID", "-", "S3", "the manifest signed with typ kollen-inner+jws");
await vector("jwk-private-d", failing({ outerHeader: (h) => void ((h.jwk as Record<string, unknown>).d = base64url.encode(new Uint8Array(32))) }), "FAILED SIGNATURE_INVALID", "-", "S4", "the header's jwk carries a private part d");
await vector("kid-mismatch", failing({ outerHeader: (h) => void (h.kid = "A".repeat(43)) }), "FAILED SIGNATURE_INVALID", "-", "S4", "kid is not the thumbprint of jwk");
await vector("crit-b64", failing({ outerHeader: (h) => Object.assign(h, { b64: true, crit: ["b64"] }) }), "FAILED SIGNATURE_INVALID", "-", "S5", "a protected header with crit [b64] (even with b64 true)");
await vector("jwk-and-x5c", failing({ outerHeader: (h) => void (h.x5c = [orgCert.b64]) }), "FAILED SIGNATURE_INVALID", "-", "S5", "an EdDSA header that also carries x5c");
await vector("header-duplicate-member", failing({ outerHeaderText: (t) => t.replace('"typ":', '"typ":"kollen-inner+jws","typ":') }), "FAILED SIGNATURE_INVALID", "-", "J1 S3", "a protected header that names typ twice (last: the right one), validly signed");
await vector("unprotected-header", pkg({ outerJws: (j) => void ((j.signatures as Sig[])[0]!.header = { kid: "ignored", typ: "anything", alg: "none" }) }), "FAILED PACKAGE_NOT_CANONICAL", "-", "S6 S11", "an unprotected header in manifest.jws: not the one form (in inner.jws it is ignored)");
await vector("inner-unprotected-header", pkg({ innerSig: (s) => void ((s[0] as Sig & { header?: unknown }).header = { kid: "ignored", typ: "anything", alg: "none" }) }), "PASSED", "ok", "S6", "an unprotected header with misleading members in inner.jws is ignored");
await vector("jws-whitespace", failing({ outerMembers: (m) => [m[0]!, { ...m[1]!, bytes: enc.encode(JSON.stringify(JSON.parse(new TextDecoder().decode(m[1]!.bytes)), null, 1) + "\n") }, m[2]!] }), "FAILED PACKAGE_NOT_CANONICAL", "-", "S11", "manifest.jws with whitespace between its tokens");
await vector("jws-members-reordered", failing({ outerJws: (j) => void (j.signatures = (j.signatures as Sig[]).map((x) => ({ protected: x.protected, signature: x.signature }))) }), "FAILED PACKAGE_NOT_CANONICAL", "-", "S11", "each signature entry writes protected before signature");
await vector("foreign-payload", failing({ outerJws: (j) => void (j.payload = base64url.encode("another manifest")) }), "FAILED MANIFEST_NOT_SIGNED_BYTES", "-", "S7", "manifest.jws carries a payload other than manifest.json");
await vector("attached-same-payload", pkg({ outerJws: (j, mb) => void (j.payload = base64url.encode(mb)) }), "FAILED PACKAGE_NOT_CANONICAL", "-", "S7 S11", "manifest.jws carries manifest.json as its payload: the right bytes, not the one form");
await vector("manifest-flipped", flip(valid, 512 + 30), "FAILED SIGNATURE_INVALID", "-", "S8", "one bit of manifest.json flipped");
await vector("x5t-wrong", failing({ innerSigners: [certSigner(orgCert)], outerHeader: (h) => void (h["x5t#S256"] = base64url.encode(new Uint8Array(32))) }), "FAILED SIGNATURE_INVALID", "-", "S9", "x5t#S256 is not the leaf's thumbprint");
await vector("cert-alg-mismatch", failing({ innerSigners: [certSigner(orgCert)], outerHeader: (h) => void (h.alg = "ES256") }), "FAILED SIGNATURE_INVALID", "-", "S9", "alg ES256 for an RSA certificate");

// Trust.
await vector("unknown-signer", pkg({ innerSigners: [jwkSigner(preparer), jwkSigner(stranger)] }), "INDETERMINATE SIGNER_UNKNOWN", "-", "K1 D1 V1", "a countersigner nobody registered");
await vector("other-org-signer", failing({ innerSigners: [jwkSigner(otherOrg)] }), "FAILED SIGNER_WRONG_ORGANISATION", "-", "K2", "a signer registered for another organisation");
await vector("unbound-signer", failing({ innerSigners: [jwkSigner(unbound)] }), "FAILED SIGNER_WRONG_ORGANISATION", "-", "K2", "a trusted key registered for no organisation (no kollen_org)");
await vector("revoked-signer", failing({ innerSigners: [jwkSigner(revoked)] }), "FAILED SIGNER_REVOKED", "-", "K3", "a signer revoked from 2026-11-01, before createdAt");
await vector("revoked-later", pkg({ innerSigners: [jwkSigner(revokedLater)] }), "PASSED", "ok", "K3", "a signer revoked from 2026-12-01, after createdAt and the time of receipt");
await vector("cert-untrusted-ca", pkg({ innerSigners: [certSigner(untrustedCert)] }), "INDETERMINATE CERT_CHAIN_INVALID", "-", "K4", "a certificate from a CA nobody configured");
await vector("cert-expired", pkg({ innerSigners: [certSigner(expiredCert)] }), "INDETERMINATE SIGNER_CERT_EXPIRED", "-", "K5", "a certificate that expired on 2026-06-01");
await vector("cert-no-orgnr", failing({ innerSigners: [certSigner(noOrgnrCert)] }), "FAILED CERT_NO_ORGNR", "-", "K6", "a certificate whose subject names no organisationsnummer");

// Payload and recipients.
await vector("payload-length", failing({ manifest: (m) => void ((m.payload as { length: number }).length += 1) }), "FAILED PAYLOAD_LENGTH_MISMATCH", "-", "P1", "manifest's payload.length is one more than payload.age");
await vector("payload-flipped", flip(valid, valid.length - 2048), "FAILED PAYLOAD_DIGEST_MISMATCH", "-", "P2", "one bit of payload.age flipped");
const other = await buildPackage({ ...base, signers: sign(preparer, management), recipients: [current.recipient] });
const membersOf = (bytes: Uint8Array) => readTar(bytes, "PACKAGE_NOT_TAR").map((e) => ({ name: e.header.name, bytes: e.bytes.slice() }));
const vm = membersOf(valid);
await vector("payload-swapped", tar([vm[0]!, vm[1]!, membersOf(other)[2]!]), "FAILED PAYLOAD_DIGEST_MISMATCH", "-", "P2", "another package's payload under this manifest");
await vector("unlisted-recipient", failing({ sealTo: [unlisted.recipient] }), "FAILED RECIPIENT_NOT_IN_KEYRING", "-", "P3", "sealed to a key that is not in the keyring");
await vector("retired-recipient", failing({ sealTo: [retired.recipient] }), "FAILED RECIPIENT_RETIRED", "-", "P3", "sealed to a retired authority key");

// Opening: decryption.
const currentKid = await recipientKeyId(current.recipient);
await vector("wrong-key-sealed", pkg({ sealTo: [unlisted.recipient], manifestRecipients: [currentKid] }), "PASSED", "DECRYPTION_FAILED", "A2", "the manifest names the current key, the payload is sealed to another one");
await vector("payload-corrupt", pkg({ payload: (p) => flip(p, p.length - 100) }), "PASSED", "DECRYPTION_FAILED", "A2", "a bit of the age payload flipped before it was hashed and signed");

await vector("age-grease-stanza", pkg({ encrypt: (r, inner) => ageWithExtraStanzas(r, inner, [{ args: ["kollen-grease", "x", "y"], body: randomBytes(40) }]) }), "FAILED PAYLOAD_NOT_AGE", "-", "A1 A3 P4", "payload.age holds a stanza of an unknown type before the X25519 one: an age reader would ignore it (A3), a package must not carry it (A1)");
await vector("payload-random", failing({ payload: () => randomBytes(100_000) }), "FAILED PAYLOAD_NOT_AGE", "-", "P4", "payload.age is random bytes, signed as such");
await vector("payload-stanza-count", failing({ sealTo: [current.recipient, unlisted.recipient], manifestRecipients: [currentKid] }), "FAILED PAYLOAD_NOT_AGE", "-", "P4", "two X25519 stanzas, the manifest names one recipient");
await vector("payload-chunk-short", failing({ payload: (p) => p.subarray(0, ageHeaderEnd(p) + 16 + 5) }), "FAILED PAYLOAD_NOT_AGE", "-", "P4", "payload.age: header, nonce and 5 bytes (shorter than a chunk's tag), signed as such");

// Opening: the inner tar.
const innerEdit = (f: (m: Member[]) => Member[]) => ({ innerMembers: f });
await vector("inner-extra-zero-block", pkg({ innerEnd: new Uint8Array(3 * BLOCK) }), "PASSED", "INNER_TAR_INVALID", "T6 I1", "three zero blocks end the inner tar");
await vector("inner-block-padding-nonzero", pkg(innerEdit((m) => [{ ...m[0]!, padByte: 0x0a }, ...m.slice(1)])), "PASSED", "INNER_TAR_INVALID", "T5 I1", "result.json's block padding is newlines");
await vector("inner-padding-nonzero", pkg({ innerTar: (t) => flip(t, t.length - 2 * BLOCK - 1) }), "PASSED", "INNER_TAR_INVALID", "I1", "a byte of the padding member is not zero");
await vector("inner-mode-spaces", pkg(innerEdit((m) => [{ ...m[0]!, tweak: setField(100, "   644 \u0000") }, ...m.slice(1)])), "PASSED", "INNER_TAR_INVALID", "T3 I1", "result.json's mode with leading spaces");
await vector("inner-directory", pkg(innerEdit((m) => [m[0]!, { name: "attachments/x", bytes: new Uint8Array(0), tweak: (h) => void (h[156] = 0x35) }, ...m.slice(1)])), "PASSED", "INNER_TAR_INVALID", "I1", "a directory member");
await vector("inner-dotdot", pkg(innerEdit((m) => [m[0]!, { name: "attachments/../x", bytes: enc.encode("x") }, ...m.slice(1)])), "PASSED", "INNER_PATH_UNSAFE", "I2", "an attachment path with ..");
await vector("inner-unknown-name", pkg(innerEdit((m) => [m[0]!, { name: "notes.txt", bytes: enc.encode("x") }, ...m.slice(1)])), "PASSED", "INNER_PATH_UNSAFE", "I2", "a member name not in the list");
await vector("inner-symlink", pkg(innerEdit((m) => [m[0]!, { name: "attachments/link", bytes: new Uint8Array(0), tweak: (h) => { h[156] = 0x32; h.set(enc.encode("/etc/passwd"), 157); } }, ...m.slice(1)])), "PASSED", "INNER_LINK_FORBIDDEN", "I3", "a symbolic link");
await vector("inner-duplicate", pkg(innerEdit((m) => [m[0]!, { name: "attachments/a.txt", bytes: enc.encode("1") }, { name: "attachments/a.txt", bytes: enc.encode("2") }, ...m.slice(1)])), "PASSED", "INNER_DUPLICATE_NAME", "I4", "an attachment name twice");
await vector("inner-case-duplicate", pkg(innerEdit((m) => [m[0]!, { name: "attachments/Report.txt", bytes: enc.encode("1") }, { name: "attachments/report.txt", bytes: enc.encode("2") }, ...m.slice(1)])), "PASSED", "INNER_DUPLICATE_NAME", "I4", "two attachment names that differ only by case");
await vector("inner-windows-device", pkg(innerEdit((m) => [m[0]!, { name: "attachments/aux.txt", bytes: enc.encode("x") }, ...m.slice(1)])), "PASSED", "INNER_PATH_UNSAFE", "I12", "an attachment named aux.txt, a Windows device");
await vector("inner-trailing-dot", pkg(innerEdit((m) => [m[0]!, { name: "attachments/report.", bytes: enc.encode("x") }, ...m.slice(1)])), "PASSED", "INNER_PATH_UNSAFE", "I12", "an attachment name ending in a dot");
await vector("inner-no-padding", pkg(innerEdit((m) => m.slice(0, -1))), "PASSED", "INNER_MEMBER_MISSING", "I5", "no padding member");
await vector("inner-no-result", pkg(innerEdit((m) => m.slice(1))), "PASSED", "INNER_MEMBER_MISSING", "I5", "no result.json");
await vector("inner-out-of-order", pkg(innerEdit((m) => [m[1]!, m[0]!, m[2]!])), "PASSED", "INNER_TAR_INVALID", "I6", "inner.jws before result.json");
await vector("inner-padding-short", pkg(innerEdit((m) => [m[0]!, m[1]!, { name: "padding", bytes: new Uint8Array(1000), tweak: () => {} }])), "PASSED", "ok", "I7", "a padding member shorter than Padmé asks: readers do not rely on its length");

// Opening: the inner statement.
await vector("inner-signature-flipped", pkg({ innerSig: (s) => void (s[0]!.signature = s[0]!.signature.startsWith("A") ? `B${s[0]!.signature.slice(1)}` : `A${s[0]!.signature.slice(1)}`) }), "PASSED", "INNER_SIGNATURE_INVALID", "I8", "the inner signature does not verify");
await vector("inner-typ-manifest", pkg({ innerTyp: MANIFEST_TYP }), "PASSED", "INNER_SIGNATURE_INVALID", "S3 I8", "inner.jws signed with typ kollen-manifest+jws");
await vector("inner-detached", pkg({ innerJws: (j) => void delete j.payload }), "PASSED", "INNER_SIGNATURE_INVALID", "I8", "inner.jws without its payload");
await vector("inner-statement-malformed", pkg({ statement: (s) => void (s.format = "kollen-inner/2") }), "PASSED", "INNER_SIGNATURE_INVALID", "I8", "a signed statement of another format");
await vector("inner-signers-mismatch", pkg({ innerSigners: [jwkSigner(preparer)], outerSigners: [jwkSigner(preparer), jwkSigner(management)] }), "PASSED", "INNER_SIGNERS_MISMATCH", "S10 I9", "management signed the manifest but not the inner statement");
await vector("payload-moved", pkg({ statement: (s) => void (s.binding = "0".repeat(64)) }), "PASSED", "INNER_BINDING_MISMATCH", "I10", "the statement binds another manifest");
await vector("inner-packageid-other", pkg({ statement: (s) => void (s.packageId = "0b6f1c2e-4a5d-4e8f-9a1b-2c3d4e5f6a7b") }), "PASSED", "INNER_BINDING_MISMATCH", "I10", "the statement names another packageId");
await vector("inner-digest-mismatch", pkg({ statement: (s) => void ((s.files as Array<{ sha256: string }>)[0]!.sha256 = "0".repeat(64)) }), "PASSED", "INNER_DIGEST_MISMATCH", "I11", "the statement's digest of result.json is wrong");
await vector("inner-file-unlisted", pkg({ attachments: [{ name: "a.txt", bytes: enc.encode("x") }], statement: (s) => void (s.files = (s.files as unknown[]).slice(0, 1)) }), "PASSED", "INNER_DIGEST_MISMATCH", "I11", "an attachment the statement does not list");

// Opening: result.json.
const resultWith = (f: (r: Record<string, unknown>) => void) => {
  const r = JSON.parse(RESULT_TEXT) as Record<string, unknown>;
  f(r);
  return enc.encode(`${JSON.stringify(r, null, 2)}\n`);
};
await vector("result-invalid", pkg({ result: resultWith((r) => void (r.format = "kollen-result/9")) }), "PASSED", "RESULT_INVALID", "R1", "result.json of another format");
await vector("result-other-organisation", pkg({ result: resultWith((r) => void (r.organisation = OTHER_ORG)) }), "PASSED", "RESULT_MANIFEST_MISMATCH", "R2", "result.json for another organisation");
await vector("result-other-campaign", pkg({ result: resultWith((r) => void (r.campaign = "another-2026")) }), "PASSED", "RESULT_MANIFEST_MISMATCH", "R2", "result.json for another campaign");
await vector("result-other-model", pkg({ result: resultWith((r) => void (r.model = { ...MODEL, sha256: "b".repeat(64) })) }), "PASSED", "RESULT_MODEL_MISMATCH", "R3", "result.json names another model hash than the manifest");
await vector("result-unanswered", pkg({ result: resultWith((r) => void (r.answers = (r.answers as unknown[]).slice(1))) }), "PASSED", "RESULT_MODEL_MISMATCH", "R3", "a question of the model is not answered");

console.log(`${count} vectors written to ${DIR}`);
