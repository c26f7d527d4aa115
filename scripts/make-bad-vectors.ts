/**
 * Regenerates the bad-input catalogue in test/vectors/bad/ (README.md there): one file per defect,
 * its expected code in the file name (`CODE.slug.kollen` for package bytes, `CODE.slug.request.json`
 * for a request whose headers are the defect). Run: npm run vectors:bad
 *
 * Deterministic: every byte comes from the kit's own writer (client-kit/package/build.ts, lib/tar.ts,
 * lib/jws.ts) with one change at a time, and the only randomness the writer asks for (package ids,
 * age file keys, ephemeral keys, nonces) is drawn from a SHA-256 counter seeded by the vector's name.
 * Ed25519 and RSASSA-PKCS1-v1_5 signatures are deterministic. Rebuilding gives the same files, and a
 * new vector does not change the others. The keys are the golden vectors' (test/vectors/packages/keys).
 *
 * Because the bytes come from the kit's writer, a change of the canonical form (a new tar or JWS
 * rule in docs/FORMAT.md) is followed by running this script again: the catalogue keeps one defect
 * per file.
 */
import { createHash, createPrivateKey, sign as nodeSign } from "node:crypto";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { JWK } from "jose";
import { setDefaultAgeBackend, recipientKeyId } from "../client-kit/age/index.ts";
import { nodeBackend } from "../client-kit/age/backend.node.ts";
import { buildPackage, type BuildInput } from "../client-kit/package/build.ts";
import { BLOCK, readTar, writeChecksum, writeTar } from "../client-kit/lib/tar.ts";
import { base64Decode, base64urlEncode } from "../encoding/base64.ts";
import { sha256, sha256Hex } from "../encoding/sha256.ts";
import { jwkThumbprint } from "../keys/signer.ts";

setDefaultAgeBackend(nodeBackend);
const DIR = "test/vectors/bad";
const KEYS = "test/vectors/packages/keys";
const enc = new TextEncoder();
const dec = new TextDecoder();

// ---------------------------------------------------------------- the context (README.md "How to run them")

const ORG = "2120009994";
const OTHER_ORG = "2321000016";
const CAMPAIGN = "infosakkollen-2026";
const MODEL = { id: "infosakkollen-example", sha256: "1a6bdf8a632f9d676d9316906fd295e6d8b648fdfda43059f48d15b2ba36e934" };
const CREATED = new Date("2026-11-29T09:00:00.000Z");
/** The context every vector is judged in: written to context.json, read by test/vectors/bad.test.ts. */
const CONTEXT = {
  at: "2026-11-29T10:00:00.000Z",
  keys: "../packages/keys",
  organisations: [ORG, OTHER_ORG],
  signers: ["preparer", "management", "other-org", "unbound", "revoked", "revoked-later", "revoked-at-receipt"],
  cas: ["ca.pem"],
  keyring: "keyring.jws",
  keyringKey: "keyring-key.public.jwk",
  campaigns: [
    { id: CAMPAIGN, surveyModelId: MODEL.id, surveyModelSha256: MODEL.sha256, opensAt: "2026-09-01T00:00:00.000Z", closesAt: "2026-12-31T00:00:00.000Z" },
    { id: "infosakkollen-2025", surveyModelId: MODEL.id, opensAt: "2025-09-01T00:00:00.000Z", closesAt: "2025-12-31T00:00:00.000Z" },
    { id: "infosakkollen-2027", surveyModelId: MODEL.id, opensAt: "2027-09-01T00:00:00.000Z", closesAt: "2027-12-31T00:00:00.000Z" },
  ],
  maxPackageBytes: 262_144,
};

// ---------------------------------------------------------------- deterministic randomness

let drbg = { seed: new Uint8Array(32), counter: 0 };
/** Every random byte the writer asks for, from SHA-256(seed ‖ counter); reseeded per vector. */
function reseed(name: string): void {
  drbg = { seed: new Uint8Array(createHash("sha256").update(`kollen-bad-vector:${name}`).digest()), counter: 0 };
}
globalThis.crypto.getRandomValues = (<T extends ArrayBufferView | null>(array: T): T => {
  if (!array) return array;
  const out = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  for (let at = 0; at < out.length; at += 32) {
    const block = createHash("sha256").update(drbg.seed).update(String(drbg.counter++)).digest();
    out.set(block.subarray(0, Math.min(32, out.length - at)), at);
  }
  return array;
}) as typeof globalThis.crypto.getRandomValues;
/** A version 4 UUID from the same stream. */
function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// ---------------------------------------------------------------- keys

const keyText = (f: string) => readFile(join(KEYS, f), "utf8");
const jwk = async (name: string) => JSON.parse(await keyText(`${name}.private.jwk`)) as JWK;
const recipientOf = async (name: string) => /# public key: (\S+)/.exec(await keyText(`${name}.agekey`))![1]!;
const preparer = await jwk("preparer");
const management = await jwk("management");
const stranger = await jwk("stranger");
const otherOrg = await jwk("other-org");
const unbound = await jwk("unbound");
const revoked = await jwk("revoked");
const current = await recipientOf("authority-current");
const retired = await recipientOf("authority-retired");
const unlisted = await recipientOf("unlisted");

interface Cert {
  keyPem: string;
  b64: string;
}
const cert = async (name: string): Promise<Cert> => ({ keyPem: await keyText(`${name}.key.pem`), b64: (await keyText(`${name}.pem`)).replace(/-----[^-]+-----/g, "").replace(/\s+/g, "") });
const orgCert = await cert("org-cert");
const expiredCert = await cert("org-cert-expired");
const noOrgnrCert = await cert("org-cert-no-orgnr");
const untrustedCert = await cert("org-cert-untrusted");

/**
 * A signer revoked from exactly the time of receipt: the boundary instant of revocation (FORMAT.md
 * rule K3, "from"). Its key comes from a fixed seed; the public half is written to
 * test/vectors/bad/keys/ with its revocation.
 */
const revokedAtReceipt = (() => {
  const seed = createHash("sha256").update("kollen-bad-vector:revoked-at-receipt").digest();
  const der = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
  const k = createPrivateKey({ key: der, format: "der", type: "pkcs8" }).export({ format: "jwk" });
  return { kty: "OKP", crv: "Ed25519", x: k.x!, d: k.d!, kollen_org: ORG, kollen_revoked: CONTEXT.at } as JWK;
})();

// ---------------------------------------------------------------- signing with one change

type Key = { kind: "jwk"; jwk: JWK } | { kind: "x509"; cert: Cert };
const J = (k: JWK): Key => ({ kind: "jwk", jwk: k });
const X = (c: Cert): Key => ({ kind: "x509", cert: c });
const MANIFEST_TYP = "kollen-manifest+jws";

interface Sig {
  protected: string;
  signature: string;
  header?: Record<string, unknown>;
}

/** The protected header the kit writes for `k`, before any change. */
async function headerOf(k: Key): Promise<Record<string, unknown>> {
  if (k.kind === "jwk") {
    const pub = { kty: "OKP", crv: "Ed25519", x: k.jwk.x! };
    return { alg: "EdDSA", typ: MANIFEST_TYP, kid: jwkThumbprint(pub), jwk: pub };
  }
  return { alg: "RS256", typ: MANIFEST_TYP, x5c: [k.cert.b64], "x5t#S256": base64urlEncode(await sha256(base64Decode(k.cert.b64)!)) };
}

/** One signature over `payload`; `tweak` changes the header object, `text` its JSON text, before encoding. */
async function signOne(k: Key, payload: Uint8Array, tweak?: (h: Record<string, unknown>) => void, text?: (json: string) => string): Promise<Sig> {
  const header = await headerOf(k);
  tweak?.(header);
  const json = JSON.stringify(header);
  const protectedB64 = base64urlEncode(enc.encode(text ? text(json) : json));
  const input = enc.encode(`${protectedB64}.${base64urlEncode(payload)}`);
  const signature =
    k.kind === "jwk"
      ? nodeSign(null, input, createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", x: k.jwk.x!, d: k.jwk.d! }, format: "jwk" }))
      : nodeSign("sha256", input, k.cert.keyPem);
  // the members in the kit's order (FORMAT.md S11), so a re-signed package differs only where intended
  return { signature: base64urlEncode(new Uint8Array(signature)), protected: protectedB64 };
}

// ---------------------------------------------------------------- packages

const RESULT = enc.encode(`${JSON.stringify({ format: "kollen-result/1", model: MODEL, organisation: ORG, campaign: CAMPAIGN, answers: [] })}\n`);

interface Parts {
  manifest: Uint8Array;
  jws: Uint8Array;
  payload: Uint8Array;
  /** the tar mtime the kit's writer chose: re-framed packages keep it, so only the intended defect differs */
  mtime: number;
}

/** A package as the kit writes it (signers default to the preparer), split into its three members. */
async function parts(extra: Partial<BuildInput> = {}): Promise<Parts> {
  const bytes = await buildPackage({
    result: RESULT,
    organisation: ORG,
    campaign: CAMPAIGN,
    surveyModel: MODEL,
    signers: [{ kind: "jwk", privateJwk: preparer }],
    recipients: [current],
    now: CREATED,
    packageId: uuid(),
    ...extra,
  });
  const entries = readTar(bytes, "PACKAGE_NOT_TAR");
  const [m, j, p] = entries.map((e) => e.bytes.slice());
  return { manifest: m!, jws: j!, payload: p!, mtime: entries[0]!.header.mtime };
}

/** The outer tar as the kit frames it. */
const frame = (p: Parts, names = ["manifest.json", "manifest.jws", "payload.age"]): Uint8Array =>
  writeTar(
    names.map((name) => ({ name, bytes: name === "manifest.jws" ? p.jws : name === "payload.age" ? p.payload : p.manifest })),
    p.mtime,
  );

/** The manifest as an object, changed by `edit`, written as the kit writes it. */
function editManifest(manifest: Uint8Array, edit: (m: Record<string, unknown>) => void): Uint8Array {
  const m = JSON.parse(dec.decode(manifest)) as Record<string, unknown>;
  edit(m);
  return enc.encode(`${JSON.stringify(m, null, 2)}\n`);
}

/** Re-signs `manifest` with `keys` (a General JWS, detached), each header changed by `tweak`/`text`. */
async function jwsOver(manifest: Uint8Array, keys: Key[] = [J(preparer)], tweak?: (h: Record<string, unknown>) => void, text?: (json: string) => string): Promise<Uint8Array> {
  const signatures = [];
  for (const k of keys) signatures.push(await signOne(k, manifest, tweak, text));
  return enc.encode(`${JSON.stringify({ signatures })}\n`);
}

/** A package whose manifest text is `text(manifest)`, validly signed by `keys`. */
async function signedManifest(text: (m: Uint8Array) => Uint8Array | string, keys?: Key[]): Promise<Uint8Array> {
  const p = await parts();
  const t = text(p.manifest);
  const manifest = typeof t === "string" ? enc.encode(t) : t;
  return frame({ ...p, manifest, jws: await jwsOver(manifest, keys) });
}
const withManifest = (edit: (m: Record<string, unknown>) => void, keys?: Key[]) => signedManifest((m) => editManifest(m, edit), keys);

/** A package signed with one changed protected header. */
async function withHeader(tweak?: (h: Record<string, unknown>) => void, keys?: Key[], text?: (json: string) => string): Promise<Uint8Array> {
  const p = await parts();
  return frame({ ...p, jws: await jwsOver(p.manifest, keys, tweak, text) });
}

/** A package whose manifest.jws bytes are `jws(...)`. */
async function withJws(jws: (p: Parts) => Uint8Array | string | Promise<Uint8Array | string>): Promise<Uint8Array> {
  const p = await parts();
  const j = await jws(p);
  return frame({ ...p, jws: typeof j === "string" ? enc.encode(j) : j });
}

/** The parsed JWS container of a kit package. */
const jwsObject = (p: Parts) => JSON.parse(dec.decode(p.jws)) as { payload?: string; signatures: Sig[] };

/** Offsets of the three member headers in a kit-framed package. */
function headerOffsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let at = 0;
  while (at + BLOCK <= bytes.length && bytes.subarray(at, at + BLOCK).some((b) => b !== 0)) {
    out.push(at);
    const size = parseInt(dec.decode(bytes.subarray(at + 124, at + 135)), 8);
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return out;
}

/** A valid package whose `member`-th header is changed by `tweak`; the checksum is recomputed unless `keep`. */
async function withTarHeader(member: number, tweak: (h: Uint8Array) => void, keep = false): Promise<Uint8Array> {
  const bytes = frame(await parts());
  const at = headerOffsets(bytes)[member]!;
  const h = bytes.subarray(at, at + BLOCK);
  tweak(h);
  if (!keep) writeChecksum(h);
  return bytes;
}
const field = (offset: number, text: string, width = text.length) => (h: Uint8Array) => {
  h.fill(0, offset, offset + width);
  h.set(enc.encode(text), offset);
};
const cat = (...chunks: Uint8Array[]) => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};
const flip = (b: Uint8Array, at: number) => {
  const c = b.slice();
  c[at < 0 ? c.length + at : at]! ^= 1;
  return c;
};

// ---------------------------------------------------------------- writing

await mkdir(join(DIR, "keys"), { recursive: true });
for (const f of await readdir(DIR)) if (f.endsWith(".kollen") || f.endsWith(".request.json")) await rm(join(DIR, f));

const rows: Array<{ file: string; code: string; what: string }> = [];
/** One package vector: `CODE.slug.kollen`. */
async function vector(code: string, slug: string, what: string, make: () => Promise<Uint8Array> | Uint8Array): Promise<void> {
  reseed(`${code}.${slug}`);
  const file = `${code}.${slug}.kollen`;
  await writeFile(join(DIR, file), await make());
  rows.push({ file, code, what });
}
/**
 * One request vector: `CODE.slug.request.json` — headers, and a body that is a package vector's file.
 * `inProcessOnly`: a header an HTTP client owns (a Content-Length that does not match the body), so
 * it is sent only in-process, never through Miniflare's client to workerd.
 */
async function request(code: string, slug: string, what: string, req: { headers: Record<string, string>; body?: { file: string }; inProcessOnly?: true }): Promise<void> {
  const file = `${code}.${slug}.request.json`;
  await writeFile(join(DIR, file), `${JSON.stringify({ what, ...req }, null, 2)}\n`);
  rows.push({ file, code, what });
}

// The accepted package every run starts with (uploaded first; the later vectors that name its
// packageId refer to it).
let seedId = "";
await vector("OK", "seed", "a valid package (the run's first upload: it must be accepted)", async () => {
  seedId = uuid();
  return frame(await parts({ packageId: seedId }));
});
await vector("OK", "two-signers", "a valid package signed by the preparer and management", async () =>
  frame(await parts({ signers: [{ kind: "jwk", privateJwk: preparer }, { kind: "jwk", privateJwk: management }] })),
);

await vector("OK", "certificate", "a valid package signed with the organisation's certificate (RS256, x5c) from the trusted CA", () => withManifest(() => {}, [X(orgCert)]));

// --- HTTP: the request itself
const seed = { file: "OK.seed.kollen" };
for (const [slug, ct] of [
  ["text-plain", "text/plain"],
  ["json", "application/json"],
  ["form-urlencoded", "application/x-www-form-urlencoded"],
  ["multipart", "multipart/form-data; boundary=kollen"],
  ["image", "image/png"],
  ["html", "text/html"],
  ["empty", ""],
  ["vendor-suffix", "application/vnd.kollen.package+json"],
  ["tar-lookalike", "application/tar"],
] as const)
  await request("UNSUPPORTED_MEDIA_TYPE", slug, `Content-Type ${JSON.stringify(ct)}`, { headers: { "content-type": ct }, body: seed });
await request("PACKAGE_TOO_LARGE", "declared", "Content-Length declares 10 MiB (refused before the body is read)", { headers: { "content-type": "application/vnd.kollen.package", "content-length": String(10 * 1024 * 1024) }, body: seed, inProcessOnly: true });
await request("PACKAGE_TOO_LARGE", "length-not-digits", "Content-Length is not a number", { headers: { "content-type": "application/vnd.kollen.package", "content-length": "0x100" }, inProcessOnly: true });
await vector("PACKAGE_TOO_LARGE", "over-limit", "a valid package larger than the server's limit (context.json maxPackageBytes)", async () =>
  frame(await parts({ attachments: [{ name: "large.bin", bytes: crypto.getRandomValues(new Uint8Array(CONTEXT.maxPackageBytes)) }] })),
);
for (const [slug, auth] of [
  ["basic", "Basic a29sbGVuOmtvbGxlbg=="],
  ["bearer-empty", "Bearer "],
  ["bearer-garbage", "Bearer not-a-token"],
  ["bearer-jwt-unsigned", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."],
  ["bearer-space-in-token", "Bearer abc def"],
] as const)
  await request("INVITE_INVALID", slug, `Authorization ${JSON.stringify(auth)}`, { headers: { "content-type": "application/vnd.kollen.package", authorization: auth }, body: seed });

// --- tar structure (FORMAT.md §Tar, §Outer tar)
await vector("PACKAGE_NOT_TAR", "empty", "zero bytes", () => new Uint8Array(0));
await vector("PACKAGE_NOT_TAR", "text", "an HTTP request line, repeated", () => enc.encode("GET / HTTP/1.1\r\n".repeat(64)));
await vector("PACKAGE_NOT_TAR", "zip", "a ZIP file's signature and zeros", () => cat(enc.encode("PK\u0003\u0004"), new Uint8Array(2044)));
await vector("PACKAGE_NOT_TAR", "gzip", "a gzip-compressed tar's magic and zeros", () => cat(new Uint8Array([0x1f, 0x8b, 0x08, 0]), new Uint8Array(2044)));
await vector("PACKAGE_NOT_TAR", "random", "4 KiB from the generator's random stream", () => crypto.getRandomValues(new Uint8Array(4096)));
await vector("PACKAGE_NOT_TAR", "checksum", "manifest.json's header checksum is off by one", () => withTarHeader(0, (h) => void (h[153]! ^= 1), true));
await vector("PACKAGE_NOT_TAR", "checksum-later", "payload.age's header checksum is off by one", () => withTarHeader(2, (h) => void (h[153]! ^= 1), true));
await vector("PACKAGE_NOT_TAR", "magic-gnu", "GNU magic `ustar  NUL` instead of `ustar NUL 00`", () => withTarHeader(0, field(257, "ustar  \u0000", 8)));
await vector("PACKAGE_NOT_TAR", "magic-v7", "no magic at all (a v7 tar header)", () => withTarHeader(0, field(257, "", 8)));
await vector("PACKAGE_NOT_TAR", "version-spaces", "version field two spaces", () => withTarHeader(0, field(263, "  ", 2)));
await vector("PACKAGE_NOT_TAR", "mode-spaces", "mode written with leading spaces", () => withTarHeader(0, field(100, "   644 \u0000", 8)));
await vector("PACKAGE_NOT_TAR", "uid-letter", "uid holds a non-octal character", () => withTarHeader(1, field(108, "000000x\u0000", 8)));
await vector("PACKAGE_NOT_TAR", "size-base256", "payload.age's size in the base-256 (GNU) form", () =>
  withTarHeader(2, (h) => {
    const size = parseInt(dec.decode(h.subarray(124, 135)), 8);
    h.fill(0, 124, 136);
    h[124] = 0x80;
    new DataView(h.buffer, h.byteOffset).setUint32(132, size);
  }),
);
await vector("PACKAGE_NOT_TAR", "size-not-octal", "manifest.json's size holds a 9", () => withTarHeader(0, (h) => void (h[124] = 0x39)));
await vector("PACKAGE_NOT_TAR", "name-not-utf8", "a member name with a byte that is not UTF-8", () => withTarHeader(0, (h) => void (h[13] = 0xff)));
await vector("PACKAGE_NOT_TAR", "padding-nonzero", "manifest.json's block padding holds a space", async () => {
  const bytes = frame(await parts());
  const size = parseInt(dec.decode(bytes.subarray(124, 135)), 8);
  bytes[BLOCK + size] = 0x20;
  return bytes;
});
await vector("PACKAGE_MEMBER_EXTRA", "pax-header", "a pax extended header (typeflag x) first: a member of another name", async () => {
  const p = await parts();
  const pax = writeTar([{ name: "PaxHeader", bytes: enc.encode("30 mtime=1764406800.123456789\n") }], p.mtime).subarray(0, 1024);
  pax[156] = 0x78;
  writeChecksum(pax.subarray(0, BLOCK));
  return cat(pax, frame(p));
});
await vector("PACKAGE_TRUNCATED", "short", "100 bytes: less than one header", async () => frame(await parts()).subarray(0, 100));
await vector("PACKAGE_TRUNCATED", "header-only", "manifest.json's header and nothing else", async () => frame(await parts()).subarray(0, BLOCK));
await vector("PACKAGE_TRUNCATED", "mid-manifest", "cut inside manifest.json", async () => frame(await parts()).subarray(0, BLOCK + 200));
await vector("PACKAGE_TRUNCATED", "mid-payload", "cut inside payload.age", async () => {
  const b = frame(await parts());
  return b.subarray(0, b.length - 1024 - 300);
});
await vector("PACKAGE_TRUNCATED", "no-end", "the two end blocks are missing", async () => {
  const b = frame(await parts());
  return b.subarray(0, b.length - 1024);
});
await vector("PACKAGE_TRUNCATED", "one-end-block", "one of the two end blocks is missing", async () => {
  const b = frame(await parts());
  return b.subarray(0, b.length - BLOCK);
});
await vector("PACKAGE_TRUNCATED", "last-byte", "the last byte is missing", async () => {
  const b = frame(await parts());
  return b.subarray(0, b.length - 1);
});
await vector("PACKAGE_MEMBER_ORDER", "jws-first", "manifest.jws before manifest.json", async () => frame(await parts(), ["manifest.jws", "manifest.json", "payload.age"]));
await vector("PACKAGE_MEMBER_ORDER", "payload-first", "payload.age first", async () => frame(await parts(), ["payload.age", "manifest.json", "manifest.jws"]));
await vector("PACKAGE_MEMBER_ORDER", "payload-second", "payload.age before manifest.jws", async () => frame(await parts(), ["manifest.json", "payload.age", "manifest.jws"]));
await vector("PACKAGE_MEMBER_MISSING", "no-payload", "the end marker follows manifest.jws", async () => frame(await parts(), ["manifest.json", "manifest.jws"]));
await vector("PACKAGE_MEMBER_MISSING", "manifest-only", "the end marker follows manifest.json", async () => frame(await parts(), ["manifest.json"]));
await vector("PACKAGE_MEMBER_MISSING", "nothing", "only the end marker", () => new Uint8Array(1024));
await vector("PACKAGE_MEMBER_EXTRA", "fourth", "a fourth member", async () => {
  const p = await parts();
  return writeTar([{ name: "manifest.json", bytes: p.manifest }, { name: "manifest.jws", bytes: p.jws }, { name: "payload.age", bytes: p.payload }, { name: "notes.txt", bytes: enc.encode("hej") }], p.mtime);
});
await vector("PACKAGE_MEMBER_EXTRA", "unknown-first", "a member of another name first", async () => {
  const p = await parts();
  return writeTar([{ name: "README", bytes: enc.encode("hej") }, { name: "manifest.json", bytes: p.manifest }, { name: "manifest.jws", bytes: p.jws }, { name: "payload.age", bytes: p.payload }], p.mtime);
});
await vector("PACKAGE_MEMBER_EXTRA", "prefix", "prefix `pkg`: the first path is pkg/manifest.json", () => withTarHeader(0, field(345, "pkg", 155)));
await vector("PACKAGE_MEMBER_EXTRA", "dot-slash", "the first member named ./manifest.json", async () => {
  const p = await parts();
  return writeTar([{ name: "./manifest.json", bytes: p.manifest }, { name: "manifest.jws", bytes: p.jws }, { name: "payload.age", bytes: p.payload }], p.mtime);
});
await vector("PACKAGE_MEMBER_EXTRA", "trailing-byte", "one byte after the end marker", async () => cat(frame(await parts()), new Uint8Array([1])));
await vector("PACKAGE_MEMBER_EXTRA", "three-end-blocks", "three zero blocks at the end", async () => cat(frame(await parts()), new Uint8Array(BLOCK)));
await vector("PACKAGE_MEMBER_EXTRA", "end-block-nonzero", "the second end block is not zero", async () => {
  const b = frame(await parts());
  b[b.length - 5] = 1;
  return b;
});
await vector("PACKAGE_MEMBER_EXTRA", "second-package", "another whole package after this one", async () => cat(frame(await parts()), frame(await parts())));
await vector("PACKAGE_MEMBER_TYPE", "directory", "payload.age has typeflag 5 (directory)", () => withTarHeader(2, (h) => void (h[156] = 0x35)));
await vector("PACKAGE_MEMBER_TYPE", "symlink", "manifest.json has typeflag 2 (symbolic link)", () => withTarHeader(0, (h) => void (h[156] = 0x32)));
await vector("PACKAGE_MEMBER_TYPE", "hardlink", "manifest.jws has typeflag 1 (hard link)", () => withTarHeader(1, (h) => void (h[156] = 0x31)));
await vector("PACKAGE_MEMBER_TYPE", "fifo", "payload.age has typeflag 6 (FIFO)", () => withTarHeader(2, (h) => void (h[156] = 0x36)));
await vector("PACKAGE_MEMBER_TYPE", "linkname", "manifest.json carries a link name", () => withTarHeader(0, field(157, "elsewhere", 100)));

// --- signatures (FORMAT.md §Signatures): checked over the exact bytes before the manifest is parsed
await vector("SIGNATURE_MISSING", "compact", "manifest.jws in compact serialization", () => withJws(() => "eyJhbGciOiJFZERTQSJ9..c2ln\n"));
await vector("SIGNATURE_MISSING", "empty-array", "an empty signatures array", () => withJws(() => '{"signatures":[]}\n'));
await vector("SIGNATURE_MISSING", "empty-object", "manifest.jws is {}", () => withJws(() => "{}\n"));
await vector("SIGNATURE_MISSING", "empty-file", "manifest.jws is empty", () => withJws(() => ""));
await vector("SIGNATURE_MISSING", "seventeen", "17 signature entries", () => withJws((p) => JSON.stringify({ signatures: Array.from({ length: 17 }, () => jwsObject(p).signatures[0]) })));
await vector("SIGNATURE_MISSING", "duplicate-member", "manifest.jws names signatures twice (first empty, then the real ones)", () =>
  withJws((p) => dec.decode(p.jws).replace('{"signatures":', '{"signatures":[],"signatures":')),
);
await vector("SIGNATURE_MISSING", "signature-number", "a signature that is a number, not a string", () => withJws((p) => JSON.stringify({ signatures: [{ ...jwsObject(p).signatures[0], signature: 1 }] })));
await vector("SIGNATURE_MISSING", "payload-number", "a payload member that is not a string", () => withJws((p) => JSON.stringify({ ...jwsObject(p), payload: 7 })));
await vector("SIGNATURE_MISSING", "bom", "manifest.jws starts with a byte order mark", () => withJws((p) => `\uFEFF${dec.decode(p.jws)}`));
await vector("SIGNATURE_ALG_UNSUPPORTED", "hs256", "alg HS256", () => withHeader((h) => void (h.alg = "HS256")));
await vector("SIGNATURE_ALG_UNSUPPORTED", "none", "alg none", () => withHeader((h) => void (h.alg = "none")));
await vector("SIGNATURE_ALG_UNSUPPORTED", "es512", "alg ES512", () => withHeader((h) => void (h.alg = "ES512")));
await vector("SIGNATURE_ALG_UNSUPPORTED", "rs384", "alg RS384 on a certificate signer", () => withHeader((h) => void (h.alg = "RS384"), [X(orgCert)]));
await vector("SIGNATURE_ALG_UNSUPPORTED", "lowercase", "alg eddsa in lower case", () => withHeader((h) => void (h.alg = "eddsa")));
await vector("SIGNATURE_INVALID", "manifest-flipped", "one bit of manifest.json flipped after signing", async () => {
  const p = await parts();
  return frame({ ...p, manifest: flip(p.manifest, 40) });
});
await vector("SIGNATURE_INVALID", "manifest-reformatted", "manifest.json reformatted on one line (same JSON, other bytes)", async () => {
  const p = await parts();
  return frame({ ...p, manifest: enc.encode(JSON.stringify(JSON.parse(dec.decode(p.manifest)))) });
});
await vector("SIGNATURE_INVALID", "manifest-garbage", "manifest.json replaced by text that is not JSON, signatures kept", async () => frame({ ...(await parts()), manifest: enc.encode("this is not JSON\n") }));
await vector("SIGNATURE_INVALID", "signature-flipped", "one bit of the signature flipped", () =>
  withJws((p) => {
    const j = jwsObject(p);
    const s = j.signatures[0]!;
    s.signature = (s.signature.startsWith("A") ? "B" : "A") + s.signature.slice(1);
    return `${JSON.stringify(j)}\n`;
  }),
);
await vector("SIGNATURE_INVALID", "signature-short", "the signature cut to 32 bytes", () =>
  withJws((p) => {
    const j = jwsObject(p);
    j.signatures[0]!.signature = j.signatures[0]!.signature.slice(0, 43);
    return `${JSON.stringify(j)}\n`;
  }),
);
await vector("SIGNATURE_INVALID", "protected-not-b64url", "a protected header with + and / (base64, not base64url)", () =>
  withJws((p) => {
    const j = jwsObject(p);
    j.signatures[0]!.protected = `+/${j.signatures[0]!.protected}`;
    return `${JSON.stringify(j)}\n`;
  }),
);
await vector("SIGNATURE_INVALID", "protected-not-json", "a protected header that is not JSON", () =>
  withJws((p) => {
    const j = jwsObject(p);
    j.signatures[0]!.protected = base64urlEncode(enc.encode("alg=EdDSA"));
    return `${JSON.stringify(j)}\n`;
  }),
);
await vector("SIGNATURE_INVALID", "protected-array", "a protected header that is a JSON array", () =>
  withJws((p) => {
    const j = jwsObject(p);
    j.signatures[0]!.protected = base64urlEncode(enc.encode('["EdDSA"]'));
    return `${JSON.stringify(j)}\n`;
  }),
);
await vector("SIGNATURE_INVALID", "alg-missing", "a protected header without alg", () => withHeader((h) => void delete h.alg));
await vector("SIGNATURE_INVALID", "typ-inner", "the manifest signed with typ kollen-inner+jws", () => withHeader((h) => void (h.typ = "kollen-inner+jws")));
await vector("SIGNATURE_INVALID", "typ-missing", "a protected header without typ", () => withHeader((h) => void delete h.typ));
await vector("SIGNATURE_INVALID", "typ-jwt", "typ JWT", () => withHeader((h) => void (h.typ = "JWT")));
await vector("SIGNATURE_INVALID", "kid-mismatch", "kid is not the thumbprint of jwk", () => withHeader((h) => void (h.kid = "A".repeat(43))));
await vector("SIGNATURE_INVALID", "kid-missing", "an EdDSA header without kid", () => withHeader((h) => void delete h.kid));
await vector("SIGNATURE_INVALID", "jwk-missing", "an EdDSA header without jwk", () => withHeader((h) => void delete h.jwk));
await vector("SIGNATURE_INVALID", "jwk-x25519", "jwk is an X25519 key", () =>
  withHeader((h) => {
    h.jwk = { ...(h.jwk as object), crv: "X25519" };
  }),
);
await vector("SIGNATURE_INVALID", "jwk-other-key", "jwk and kid of another key (management), signed by the preparer", () =>
  withHeader((h) => {
    const pub = { kty: "OKP", crv: "Ed25519", x: management.x! };
    h.jwk = pub;
    h.kid = jwkThumbprint(pub);
  }),
);
await vector("SIGNATURE_INVALID", "crit-b64", "crit [b64] with b64 true", () => withHeader((h) => Object.assign(h, { b64: true, crit: ["b64"] })));
await vector("SIGNATURE_INVALID", "b64-false", "b64 false without crit", () => withHeader((h) => void (h.b64 = false)));
await vector("SIGNATURE_INVALID", "jwk-and-x5c", "an EdDSA header that also carries x5c", () => withHeader((h) => void (h.x5c = [orgCert.b64])));
await vector("SIGNATURE_INVALID", "x5c-and-jwk", "an RS256 header that also carries jwk", () => withHeader((h) => void (h.jwk = { kty: "OKP", crv: "Ed25519", x: preparer.x! }), [X(orgCert)]));
await vector("SIGNATURE_INVALID", "typ-duplicate", "a protected header that names typ twice (the last one right)", () =>
  withHeader(undefined, undefined, (t) => t.replace('"typ":', '"typ":"kollen-inner+jws","typ":')),
);
await vector("SIGNATURE_INVALID", "x5t-wrong", "x5t#S256 is not the leaf's thumbprint", () => withHeader((h) => void (h["x5t#S256"] = base64urlEncode(new Uint8Array(32))), [X(orgCert)]));
await vector("SIGNATURE_INVALID", "x5c-not-canonical", "an x5c entry with a line break", () => withHeader((h) => void (h.x5c = [`${orgCert.b64.slice(0, 64)}\n${orgCert.b64.slice(64)}`]), [X(orgCert)]));
await vector("SIGNATURE_INVALID", "cert-alg-mismatch", "alg ES256 for an RSA certificate", () => withHeader((h) => void (h.alg = "ES256"), [X(orgCert)]));
await vector("SIGNATURE_INVALID", "countersignature-broken", "a good preparer signature and a broken management one", () =>
  withJws(async (p) => {
    const j = JSON.parse(dec.decode(await jwsOver(p.manifest, [J(preparer), J(management)]))) as { signatures: Sig[] };
    j.signatures[1]!.signature = (j.signatures[1]!.signature.startsWith("A") ? "B" : "A") + j.signatures[1]!.signature.slice(1);
    return `${JSON.stringify(j)}\n`;
  }),
);
await vector("MANIFEST_NOT_SIGNED_BYTES", "foreign-payload", "manifest.jws carries a payload other than manifest.json", () =>
  withJws(async () => {
    const other = enc.encode("another manifest");
    const j = JSON.parse(dec.decode(await jwsOver(other))) as Record<string, unknown>;
    return `${JSON.stringify({ payload: base64urlEncode(other), ...j })}\n`;
  }),
);
await vector("MANIFEST_NOT_SIGNED_BYTES", "payload-reformatted", "manifest.jws carries manifest.json reformatted as its payload", () =>
  withJws(async (p) => {
    const other = enc.encode(JSON.stringify(JSON.parse(dec.decode(p.manifest))));
    return `${JSON.stringify({ payload: base64urlEncode(other), ...(JSON.parse(dec.decode(await jwsOver(other))) as object) })}\n`;
  }),
);
await vector("MANIFEST_NOT_SIGNED_BYTES", "payload-empty", "manifest.jws carries an empty payload", () =>
  withJws(async () => `${JSON.stringify({ payload: "", ...(JSON.parse(dec.decode(await jwsOver(new Uint8Array(0)))) as object) })}\n`),
);

// --- manifest (FORMAT.md §Manifest): validly signed, then parsed and refused
const M = "MANIFEST_INVALID";
await vector(M, "not-json", "a validly signed manifest.json that is not JSON", () => signedManifest(() => "this is not JSON\n"));
await vector(M, "array", "a validly signed manifest.json that is a JSON array", () => signedManifest(() => "[]\n"));
await vector(M, "duplicate-member", "manifest.json names organisation twice (the last one right)", () =>
  signedManifest((m) => dec.decode(m).replace('"organisation"', `"organisation": "${OTHER_ORG}",\n  "organisation"`)),
);
await vector(M, "bom", "manifest.json starts with a byte order mark", () => signedManifest((m) => `\uFEFF${dec.decode(m)}`));
await vector(M, "not-utf8", "manifest.json holds a byte that is not UTF-8", () => signedManifest((m) => cat(m.subarray(0, m.length - 3), new Uint8Array([0xff]), m.subarray(m.length - 3))));
await vector(M, "length-fraction", "payload.length written as 123.0", () => signedManifest((m) => dec.decode(m).replace(/"length": (\d+)/, '"length": $1.0')));
await vector(M, "unknown-member", "an unknown member `note`", () => withManifest((m) => void (m.note = "hej")));
await vector(M, "format-2", "format kollen-package/2", () => withManifest((m) => void (m.format = "kollen-package/2")));
await vector(M, "format-missing", "no format member", () => withManifest((m) => void delete m.format));
await vector(M, "packageid-uppercase", "packageId in upper case", () => withManifest((m) => void (m.packageId = String(m.packageId).toUpperCase())));
await vector(M, "packageid-v7", "a version 7 UUID", () => withManifest((m) => void (m.packageId = "019ad3c2-4a5d-7e8f-9a1b-2c3d4e5f6a7b")));
await vector(M, "packageid-nil", "the nil UUID", () => withManifest((m) => void (m.packageId = "00000000-0000-0000-0000-000000000000")));
await vector(M, "createdat-no-fraction", "createdAt without fraction digits", () => withManifest((m) => void (m.createdAt = "2026-11-29T09:00:00Z")));
await vector(M, "createdat-offset", "createdAt with +01:00 instead of Z", () => withManifest((m) => void (m.createdAt = "2026-11-29T10:00:00.000+01:00")));
await vector(M, "createdat-feb-30", "createdAt on 30 February", () => withManifest((m) => void (m.createdAt = "2026-02-30T09:00:00.000Z")));
await vector(M, "createdat-number", "createdAt as epoch milliseconds", () => withManifest((m) => void (m.createdAt = CREATED.getTime())));
await vector(M, "organisation-checksum", "an organisationsnummer with a wrong check digit", () => withManifest((m) => void (m.organisation = "2120009995")));
await vector(M, "organisation-dash", "an organisationsnummer written with a dash", () => withManifest((m) => void (m.organisation = "212000-9994")));
await vector(M, "organisation-11-digits", "an organisationsnummer with an extra digit", () => withManifest((m) => void (m.organisation = "21200099940")));
await vector(M, "organisation-number", "the organisationsnummer as a JSON number", () => withManifest((m) => void (m.organisation = 2120009994)));
await vector(M, "covers-unsorted", "covers not in ascending order", () => withManifest((m) => void (m.covers = ["2321000016", "2021005489"])));
await vector(M, "covers-duplicate", "an organisation twice in covers", () => withManifest((m) => void (m.covers = ["2021005489", "2021005489"])));
await vector(M, "covers-self", "covers names the submitting organisation", () => withManifest((m) => void (m.covers = [ORG])));
await vector(M, "covers-checksum", "covers names an invalid organisationsnummer", () => withManifest((m) => void (m.covers = ["2021005480"])));
await vector(M, "campaign-uppercase", "a campaign id with capitals", () => withManifest((m) => void (m.campaign = "Infosakkollen-2026")));
await vector(M, "model-id-uppercase", "surveyModel.id with capitals", () => withManifest((m) => void (m.surveyModel = { ...MODEL, id: "Infosakkollen-Example" })));
await vector(M, "model-sha-uppercase", "surveyModel.sha256 in upper case", () => withManifest((m) => void (m.surveyModel = { ...MODEL, sha256: MODEL.sha256.toUpperCase() })));
await vector(M, "payload-name", "payload.name is not payload.age", () => withManifest((m) => void ((m.payload as Record<string, unknown>).name = "payload.bin")));
await vector(M, "payload-sha-short", "payload.sha256 of 63 digits", () => withManifest((m) => void ((m.payload as Record<string, string>).sha256 = (m.payload as Record<string, string>).sha256!.slice(1))));
await vector(M, "payload-length-negative", "payload.length −1", () => withManifest((m) => void ((m.payload as Record<string, unknown>).length = -1)));
await vector(M, "recipients-empty", "no recipients", () => withManifest((m) => void (m.recipients = [])));
await vector(M, "recipient-id-uppercase", "a recipient key id in upper case", () => withManifest((m) => void (m.recipients = (m.recipients as string[]).map((r) => r.toUpperCase()))));
await vector(M, "kit-version-space", "kit.version with a space", () => withManifest((m) => void (m.kit = { name: "kollen", version: "0.1 beta" })));
await vector(M, "oversized", "manifest.json over 64 KiB", () => withManifest((m) => void (m.kit = { name: "kollen", version: "0.1.0", pad: "x".repeat(65536) })));

// --- trust (FORMAT.md §Trust)
await vector("SIGNER_UNKNOWN", "stranger", "a key nobody registered", () => withManifest(() => {}, [J(stranger)]));
await vector("SIGNER_UNKNOWN", "countersigner", "a registered preparer and a countersigner nobody registered", () => withManifest(() => {}, [J(preparer), J(stranger)]));
await vector("SIGNER_WRONG_ORGANISATION", "other-org", "a signer registered for another organisation", () => withManifest(() => {}, [J(otherOrg)]));
await vector("SIGNER_WRONG_ORGANISATION", "unbound", "a trusted key registered for no organisation", () => withManifest(() => {}, [J(unbound)]));
await vector("SIGNER_WRONG_ORGANISATION", "claims-other-org", "the preparer signs a manifest naming another organisation", () => withManifest((m) => void (m.organisation = OTHER_ORG)));
await vector("SIGNER_WRONG_ORGANISATION", "certificate-other-org", "the organisation's certificate signs a manifest naming another organisation", () => withManifest((m) => void (m.organisation = OTHER_ORG), [X(orgCert)]));
await vector("SIGNER_WRONG_ORGANISATION", "countersigner-other-org", "the preparer and a countersigner of another organisation", () => withManifest(() => {}, [J(preparer), J(otherOrg)]));
await vector("SIGNER_REVOKED", "before", "a signer revoked from 2026-11-01, before createdAt", () => withManifest(() => {}, [J(revoked)]));
await vector("SIGNER_REVOKED", "boundary", "a signer revoked from exactly the time of receipt (revocation holds from its instant)", () => withManifest(() => {}, [J(revokedAtReceipt)]));
await vector("SIGNER_REVOKED", "backdated", "a revoked signer's manifest backdated to before the revocation: judged at receipt too", async () =>
  // made by the kit at the backdated time, so the tar mtime is that createdAt (FORMAT.md O8)
  frame(await parts({ now: new Date("2026-10-01T00:00:00.000Z"), signers: [{ kind: "jwk", privateJwk: revoked }] })),
);
await vector("SIGNER_REVOKED", "countersigner", "the preparer and a revoked countersigner", () => withManifest(() => {}, [J(preparer), J(revoked)]));
await vector("CERT_CHAIN_INVALID", "untrusted-ca", "a certificate from a CA nobody configured", () => withManifest(() => {}, [X(untrustedCert)]));
await vector("CERT_CHAIN_INVALID", "self-signed-ca", "the untrusted CA's own certificate as the leaf", async () => withManifest(() => {}, [X(await cert("other-ca"))]));
await vector("SIGNER_CERT_EXPIRED", "expired", "a certificate that expired on 2026-06-01", () => withManifest(() => {}, [X(expiredCert)]));
await vector("CERT_NO_ORGNR", "no-orgnr", "a certificate whose subject names no organisationsnummer", () => withManifest(() => {}, [X(noOrgnrCert)]));

// --- payload and recipients (FORMAT.md §Payload)
await vector("PAYLOAD_LENGTH_MISMATCH", "plus-one", "the manifest's payload.length is one more than payload.age", () => withManifest((m) => void ((m.payload as { length: number }).length += 1)));
await vector("PAYLOAD_LENGTH_MISMATCH", "minus-one", "payload.age one byte longer than the manifest says", async () => {
  const p = await parts();
  return frame({ ...p, payload: cat(p.payload, new Uint8Array([0])) });
});
await vector("PAYLOAD_LENGTH_MISMATCH", "empty", "payload.age is empty", async () => frame({ ...(await parts()), payload: new Uint8Array(0) }));
await vector("PAYLOAD_DIGEST_MISMATCH", "flipped", "one bit of payload.age flipped", async () => {
  const p = await parts();
  return frame({ ...p, payload: flip(p.payload, -20) });
});
await vector("PAYLOAD_DIGEST_MISMATCH", "swapped", "another package's payload of the same length under this manifest", async () => {
  const a = await parts();
  const b = await parts();
  return frame({ ...a, payload: b.payload });
});
await vector("PAYLOAD_DIGEST_MISMATCH", "sha-of-other", "the manifest names the digest of other bytes", () => withManifest((m) => void ((m.payload as { sha256: string }).sha256 = "0".repeat(64))));
await vector("RECIPIENT_NOT_IN_KEYRING", "unlisted", "sealed to a key that is not in the keyring", async () => frame(await parts({ recipients: [unlisted] })));
await vector("RECIPIENT_NOT_IN_KEYRING", "current-and-unlisted", "sealed to the current key and one outside the keyring", async () => frame(await parts({ recipients: [current, unlisted] })));
await vector("RECIPIENT_NOT_IN_KEYRING", "made-up-id", "the manifest names a recipient id nobody has", async () => withManifest((m) => void (m.recipients = ["0123456789abcdef"])));
await vector("RECIPIENT_RETIRED", "retired", "sealed to a retired authority key", async () => frame(await parts({ recipients: [retired] })));
await vector("RECIPIENT_RETIRED", "current-and-retired", "sealed to the current key and a retired one", async () => frame(await parts({ recipients: [current, retired] })));

// --- the server's registry: well-formed, verified, but not for this service
await vector("CAMPAIGN_UNKNOWN", "unknown", "a campaign the registry does not hold", async () => frame(await parts({ campaign: "no-such-campaign" })));
await vector("CAMPAIGN_CLOSED", "last-year", "last year's campaign, closed", async () => frame(await parts({ campaign: "infosakkollen-2025" })));
await vector("CAMPAIGN_NOT_OPEN", "next-year", "next year's campaign, not open yet", async () => frame(await parts({ campaign: "infosakkollen-2027" })));
await vector("SURVEY_MODEL_MISMATCH", "other-model", "another survey model than the campaign's", async () => frame(await parts({ surveyModel: { id: "itsakkollen-example", sha256: MODEL.sha256 } })));
await vector("SURVEY_MODEL_MISMATCH", "other-model-hash", "the campaign's model id with another hash", async () => frame(await parts({ surveyModel: { id: MODEL.id, sha256: "b".repeat(64) } })));

// --- issue 10's checks: identity by the signed manifest, the clock, the payload's age header, one byte form
await vector("PACKAGE_ID_REUSED", "seed-id", "the seed's packageId under another signed manifest", async () => frame(await parts({ packageId: seedId })));
await vector("CREATED_IN_FUTURE", "one-hour", "createdAt one hour after the time of receipt", async () => frame(await parts({ now: new Date("2026-11-29T11:00:00.000Z") })));
await vector("CREATED_IN_FUTURE", "year-2099", "createdAt 2099-12-31", async () => frame(await parts({ now: new Date("2099-12-31T00:00:00.000Z") })));
await vector("PAYLOAD_NOT_AGE", "random", "a signed manifest over 4 KiB of random bytes", async () => {
  const p = await parts();
  const payload = crypto.getRandomValues(new Uint8Array(4096));
  const manifest = editManifest(p.manifest, (m) => void (m.payload = { name: "payload.age", length: payload.length, sha256: createHash("sha256").update(payload).digest("hex") }));
  return frame({ ...p, manifest, jws: await jwsOver(manifest), payload });
});
await vector("PACKAGE_NOT_CANONICAL", "attached-payload", "manifest.jws carries manifest.json's own bytes as an attached payload (FORMAT.md S7)", () =>
  withJws((p) => `${JSON.stringify({ payload: base64urlEncode(p.manifest), ...jwsObject(p) })}\n`),
);
await vector("PACKAGE_NOT_CANONICAL", "jws-whitespace", "manifest.jws with insignificant whitespace", () => withJws((p) => `${JSON.stringify(jwsObject(p), null, 1)}\n`));

// ---------------------------------------------------------------- context and index

await writeFile(join(DIR, "keys", "revoked-at-receipt.public.jwk"), `${JSON.stringify({ kty: "OKP", crv: "Ed25519", x: revokedAtReceipt.x, kollen_org: ORG, kollen_revoked: CONTEXT.at }, null, 2)}\n`);
await writeFile(join(DIR, "context.json"), `${JSON.stringify(CONTEXT, null, 2)}\n`);
const byCode = new Map<string, number>();
for (const r of rows) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
const readme = await readFile(join(DIR, "README.md"), "utf8").catch(() => "");
const head = readme.includes("<!-- index -->") ? readme.slice(0, readme.indexOf("<!-- index -->")) : "# Bad-input catalogue\n\n";
await writeFile(
  join(DIR, "README.md"),
  `${head}<!-- index -->\n## Index (written by scripts/make-bad-vectors.ts)\n\n${rows.length} files, ${byCode.size} codes.\n\n| file | what is wrong |\n|---|---|\n${rows.map((r) => `| \`${r.file}\` | ${r.what.replace(/\|/g, "\\|")} |`).join("\n")}\n`,
);
// recipient key ids, so the README can name them
const ids = { current: await recipientKeyId(current), retired: await recipientKeyId(retired), unlisted: await recipientKeyId(unlisted) };
console.log(`${rows.length} bad-input vectors written to ${DIR} (${[...byCode].map(([c, n]) => `${c} ${n}`).join(", ")}); recipient ids ${JSON.stringify(ids)}; sha of seed ${await sha256Hex(new Uint8Array(await readFile(join(DIR, "OK.seed.kollen"))))}`);
