/**
 * Reading the inputs of `kollen analyze` from disk: a folder of result.json files (as `kollen open`
 * writes them, any depth, with the sibling verification.json giving the manifest's createdAt and
 * covers), or the analysts' export tar (server/services/export-campaign.ts), decrypted and verified
 * offline with the client kit: the index signature (the server's receipt key), then each package's
 * digest against the index, its signatures, decryption and binding (openPackage). A package that
 * does not verify is left out and listed with its code.
 */
import { readFileSync } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import { compactVerify, importJWK, type JWK } from "jose";
import type { Candidate, Excluded } from "../analysis/admit-results.ts";
import { KollenError, isKollenError } from "../schemas/errors.ts";
import { MAX_RESULT_BYTES } from "../schemas/result.ts";
import { openPackage } from "../client-kit/package/open.ts";
import type { TrustStore } from "../client-kit/package/trust.ts";
import type { KeyringView } from "../client-kit/package/verify-outer.ts";
import { sha256Hex } from "../encoding/sha256.ts";
import { readTar } from "../client-kit/lib/tar.ts";

export interface Gathered {
  candidates: Candidate[];
  excluded: Excluded[];
}

function parseJson(bytes: Uint8Array, source: string, code: "RESULT_INVALID" | "EXPORT_INDEX_INVALID" | "BAD_INPUT"): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    // no cause: V8's JSON errors quote the input
    throw new KollenError(code, `${source}: not UTF-8 JSON (inte JSON i UTF-8)`, { detail: { source } });
  }
}

/** All result.json files under `dir`, sorted by path (the input order for de-duplication). */
export async function resultsFromDir(dir: string): Promise<Gathered> {
  if (!(await stat(dir)).isDirectory()) throw new KollenError("BAD_INPUT", `--results ${dir}: not a folder (inte en mapp)`);
  const all = await readdir(dir, { recursive: true });
  const files = all.filter((f) => basename(f) === "result.json").sort();
  // which folders hold a verification.json, from the listing (no failed open per result)
  const verified = new Set(all.filter((f) => basename(f) === "verification.json").map((f) => dirname(f)));
  // synchronous reads: for 10 000 small files several times faster than the thread pool
  const candidates: Candidate[] = [];
  for (const f of files) {
    const path = join(dir, f);
    const source = relative(dir, path).split(sep).join("/");
    const bytes = new Uint8Array(readFileSync(path));
    if (bytes.byteLength > MAX_RESULT_BYTES) throw new KollenError("RESULT_INVALID", `${source}: larger than ${MAX_RESULT_BYTES} bytes`, { detail: { source } });
    const c: Candidate = { source, value: parseJson(bytes, source, "RESULT_INVALID") };
    const manifest = verified.has(dirname(f)) ? siblingManifest(join(dirname(path), "verification.json")) : undefined;
    if (typeof manifest?.createdAt === "string") c.createdAt = manifest.createdAt;
    if (Array.isArray(manifest?.covers)) c.covers = manifest.covers.filter((x): x is string => typeof x === "string");
    candidates.push(c);
  }
  return { candidates, excluded: [] };
}

function siblingManifest(path: string): { createdAt?: unknown; covers?: unknown[] } | undefined {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch {
    return undefined;
  }
  try {
    const v = JSON.parse(new TextDecoder().decode(bytes)) as { manifest?: { createdAt?: unknown; covers?: unknown[] } };
    return v.manifest;
  } catch {
    return undefined;
  }
}

interface IndexEntry {
  id: string;
  organisation: string;
  covers: Array<{ orgnr: string; state: string }>;
  packageSha256: string | null;
  file: string | null;
}

async function verifyIndex(indexBytes: Uint8Array, jwsBytes: Uint8Array, keys: JWK[]): Promise<IndexEntry[]> {
  const jws = new TextDecoder().decode(jwsBytes).trim();
  let ok = false;
  for (const jwk of keys) {
    try {
      const key = await importJWK(jwk, "EdDSA");
      const { payload, protectedHeader } = await compactVerify(jws, key, { algorithms: ["EdDSA"] });
      if (protectedHeader.typ !== "kollen-export+json") continue;
      if (payload.length !== indexBytes.length || payload.some((b, i) => b !== indexBytes[i])) continue;
      ok = true;
      break;
    } catch {
      // try the next key
    }
  }
  if (!ok) throw new KollenError("SIGNATURE_INVALID", "index.jws does not verify over index.json with the given server key (exportens index är inte giltigt signerat)");
  const index = parseJson(indexBytes, "index.json", "EXPORT_INDEX_INVALID") as { format?: unknown; submissions?: unknown };
  if (index.format !== "kollen-export/1" || !Array.isArray(index.submissions)) throw new KollenError("EXPORT_INDEX_INVALID", "index.json is not a kollen-export/1 index (inte ett exportindex)");
  return index.submissions as IndexEntry[];
}

/**
 * The candidates of an export tar.
 * @param serverKeys the server's receipt public keys (its /.well-known/jwks.json)
 */
export async function resultsFromExport(tarBytes: Uint8Array, ctx: { identities: string[]; trust: TrustStore; keyring?: KeyringView; serverKeys: JWK[]; now: Date }): Promise<Gathered> {
  const entries = readTar(tarBytes, "PACKAGE_NOT_TAR");
  const byName = new Map(entries.map((e) => [e.header.name, e.bytes]));
  const indexBytes = byName.get("index.json");
  const jwsBytes = byName.get("index.jws");
  if (!indexBytes || !jwsBytes) throw new KollenError("EXPORT_INDEX_INVALID", "the export has no index.json and index.jws (exporten saknar index)");
  const index = await verifyIndex(indexBytes, jwsBytes, ctx.serverKeys);
  const candidates: Candidate[] = [];
  const excluded: Excluded[] = [];
  for (const s of index) {
    const source = s.file ?? `submission ${s.id}`;
    const leaveOut = (code: Excluded["code"], reason: string) => excluded.push({ source, organisation: s.organisation, code, reason });
    const bytes = s.file ? byName.get(s.file) : undefined;
    if (!s.file || !bytes) {
      leaveOut("PACKAGE_MEMBER_MISSING", "no package in the export (registered by hand, or missing)");
      continue;
    }
    if (s.packageSha256 !== (await sha256Hex(bytes))) {
      leaveOut("PAYLOAD_DIGEST_MISMATCH", "the package does not match the digest in the signed index");
      continue;
    }
    try {
      const opened = await openPackage(bytes, { identities: ctx.identities, trust: ctx.trust, keyring: ctx.keyring, now: ctx.now });
      if (opened.report.outcome !== "PASSED") {
        const first = opened.report.reasons[0];
        leaveOut(first?.code ?? "SIGNER_UNKNOWN", first?.message ?? "the package did not verify");
        continue;
      }
      const m = opened.report.manifest;
      const value = parseJson(opened.result, source, "RESULT_INVALID") as { organisation?: unknown };
      if (m.organisation !== s.organisation || value.organisation !== m.organisation) {
        leaveOut("INNER_BINDING_MISMATCH", "the organisation of the index, manifest and result differ");
        continue;
      }
      candidates.push({
        source,
        value,
        createdAt: m.createdAt,
        covers: m.covers,
        confirmedCovers: s.covers.filter((c) => c.state === "confirmed").map((c) => c.orgnr),
      });
    } catch (e) {
      if (!isKollenError(e)) throw e;
      leaveOut(e.code, e.message);
    }
  }
  return { candidates, excluded };
}

/** Server keys from a file: a JWKS (`{ "keys": [...] }`) or one public JWK. */
export async function loadServerKeys(path: string): Promise<JWK[]> {
  const v = parseJson(new Uint8Array(await readFile(path)), path, "BAD_INPUT") as { keys?: JWK[] } & JWK;
  const keys = Array.isArray(v.keys) ? v.keys : [v];
  if (!keys.length || keys.some((k) => k.kty !== "OKP" || k.crv !== "Ed25519" || k.d !== undefined)) throw new KollenError("KEY_INVALID", `${path}: not the server's public Ed25519 JWK or JWKS`);
  return keys;
}
