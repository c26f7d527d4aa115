/**
 * Open a kollen-package/1 with the authority's identity (docs/FORMAT.md §Opening): verify the outer
 * layer, decrypt, read the inner tar strictly, check the inner signatures are by the same signers,
 * bind the inner statement to the manifest, check every file digest, then the result schema.
 *
 * Every decryption failure gives the one code DECRYPTION_FAILED: from outside, a wrong key and a
 * flipped byte look the same. Runs in the browser (reviewers) and in Node (`kollen open`).
 */
import { base64url } from "jose";
import { KollenError } from "../../schemas/errors.ts";
import { parseStrictJson } from "../../schemas/strict-json.ts";
import { decryptBytes } from "../age/index.ts";
import { sha256Hex } from "../../encoding/sha256.ts";
import { checkSignature, parseGeneralJws, signerIdentity } from "../lib/jws.ts";
import { readTar } from "../lib/tar.ts";
import { InnerStatement, manifestBinding, readInnerTar } from "./inner.ts";
import { INNER_JWS_TYP, MANIFEST_JWS_TYP, RESULT_NAME } from "./names.ts";
import { scanPackageBytes } from "./scan.ts";
import { verifyOuter, type VerificationReport, type VerifyContext } from "./verify-outer.ts";
import type { Manifest } from "../../schemas/manifest.ts";
import { loadResult, type Result } from "../../schemas/result.ts";

export interface OpenedPackage {
  report: VerificationReport & { manifest: Manifest };
  /** the exact bytes of result.json */
  result: Uint8Array;
  attachments: Array<{ name: string; bytes: Uint8Array }>;
}

/**
 * Decrypt and verify. Throws KollenError for any defect of the outer layer (FAILED) or the inner one.
 * An INDETERMINATE outer report (e.g. an unknown signer) is returned for the caller to judge.
 * @example const opened = await openPackage(bytes, { identities: ["AGE-SECRET-KEY-1…"], trust, now: new Date() });
 */
export async function openPackage(bytes: Uint8Array, ctx: VerifyContext & { identities: string[] }): Promise<OpenedPackage> {
  const scanned = await scanPackageBytes(bytes);
  const report = await verifyOuter(scanned, ctx);
  if (report.outcome === "FAILED" || !report.manifest) {
    const first = report.reasons[0];
    throw new KollenError(first?.code ?? "SIGNATURE_INVALID", first?.message ?? "the package failed verification", { detail: { report } });
  }
  const manifest = report.manifest;
  const payload = readTar(bytes, "PACKAGE_NOT_TAR")[2]!.bytes;

  let plain: Uint8Array;
  try {
    plain = await decryptBytes(ctx.identities, payload);
  } catch (e) {
    throw new KollenError("DECRYPTION_FAILED", "the package could not be decrypted with the given identity", { cause: e });
  }

  const inner = readInnerTar(plain);
  const jws = parseGeneralJws(inner.innerJws, "INNER_SIGNATURE_INVALID");
  if (typeof jws.payload !== "string") throw new KollenError("INNER_SIGNATURE_INVALID", "inner.jws carries no statement");
  let statementBytes: Uint8Array;
  try {
    statementBytes = base64url.decode(jws.payload);
  } catch {
    throw new KollenError("INNER_SIGNATURE_INVALID", "inner.jws carries no statement");
  }
  const innerSigners = new Set<string>();
  for (const sig of jws.signatures) {
    const check = await checkSignature(sig, statementBytes, INNER_JWS_TYP);
    if (check.error || !check.header) throw new KollenError("INNER_SIGNATURE_INVALID", "an inner signature does not verify");
    innerSigners.add(await signerIdentity(check.header));
  }
  const outerJws = parseGeneralJws(scanned.jwsBytes, "SIGNATURE_INVALID");
  const outerSigners = new Set<string>();
  for (const sig of outerJws.signatures) {
    const check = await checkSignature(sig, scanned.manifestBytes, MANIFEST_JWS_TYP);
    if (check.header) outerSigners.add(await signerIdentity(check.header));
  }
  if (innerSigners.size !== outerSigners.size || [...innerSigners].some((s) => !outerSigners.has(s)))
    throw new KollenError("INNER_SIGNERS_MISMATCH", "the inner and outer signatures are not by the same signers");

  let statement: InnerStatement;
  try {
    statement = InnerStatement.parse(parseStrictJson(statementBytes));
  } catch {
    throw new KollenError("INNER_SIGNATURE_INVALID", "the inner statement is malformed");
  }
  if (statement.packageId !== manifest.packageId || statement.binding !== (await manifestBinding(manifest)))
    throw new KollenError("INNER_BINDING_MISMATCH", "the payload was signed for another manifest");
  const listed = new Map(statement.files.map((f) => [f.name, f]));
  if (listed.size !== statement.files.length || listed.size !== inner.files.length)
    throw new KollenError("INNER_DIGEST_MISMATCH", "the inner files differ from the signed list");
  for (const f of inner.files) {
    const want = listed.get(f.name);
    if (!want || want.length !== f.bytes.length || want.sha256 !== (await sha256Hex(f.bytes)))
      throw new KollenError("INNER_DIGEST_MISMATCH", "an inner file differs from its signed digest");
  }

  return {
    report: { ...report, manifest },
    result: inner.files.find((f) => f.name === RESULT_NAME)!.bytes,
    attachments: inner.files.filter((f) => f.name !== RESULT_NAME).map((f) => ({ name: f.name.slice("attachments/".length), bytes: f.bytes })),
  };
}

/**
 * Opening step 6 (FORMAT.md rules R1–R3): parse result.json strictly and check that it is the result
 * the manifest announces — same organisation, same campaign when the result names one, same survey
 * model id and SHA-256. Whether the answers fit that model needs the model file itself
 * (`validateResultAgainstModel`, the rest of R3), which the caller looks up by the manifest's hash.
 * @example const result = checkOpenedResult(opened.result, opened.report.manifest);
 * @throws KollenError `RESULT_INVALID`, `RESULT_MANIFEST_MISMATCH`, `RESULT_MODEL_MISMATCH`
 */
export function checkOpenedResult(bytes: Uint8Array, manifest: Manifest): Result {
  const result = loadResult(bytes);
  if (result.organisation !== manifest.organisation || (result.campaign !== undefined && result.campaign !== manifest.campaign))
    throw new KollenError("RESULT_MANIFEST_MISMATCH", "result.json is for another organisation or campaign than the manifest");
  if (result.model.id !== manifest.surveyModel.id || result.model.sha256 !== manifest.surveyModel.sha256)
    throw new KollenError("RESULT_MODEL_MISMATCH", "result.json names another survey model than the manifest");
  return result;
}
