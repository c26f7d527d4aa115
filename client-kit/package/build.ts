/**
 * Build a kollen-package/1: sign, encrypt, sign again (docs/FORMAT.md §Building).
 *
 * result.json (+ attachments) → inner statement signed by every signer → inner tar padded with
 * Padmé → age-encrypted to the authority's recipients → manifest (nothing derived from the
 * plaintext) → manifest signed by every signer, detached → outer tar.
 */
import type { Manifest } from "../../schemas/manifest.ts";
import { PACKAGE_FORMAT } from "../../schemas/manifest.ts";
import { KollenError } from "../../schemas/errors.ts";
import { CanonicalOrgnr } from "../../schemas/orgnr.ts";
import { encryptBytes, recipientKeyId, sealingRecipients } from "../age/index.ts";
import { sha256Hex } from "../../encoding/sha256.ts";
import { signGeneral, type Signer } from "../lib/jws.ts";
import { writeTar } from "../lib/tar.ts";
import { ATTACHMENT_PREFIX, INNER_FORMAT, INNER_JWS_TYP, MANIFEST_JWS_NAME, MANIFEST_JWS_TYP, MANIFEST_NAME, PAYLOAD_NAME, RESULT_NAME } from "./names.ts";
import { checkAttachmentName, manifestBinding, writeInnerTar, type InnerStatement } from "./inner.ts";

export type { Signer } from "../lib/jws.ts";

export const KIT = { name: "kollen", version: "0.1.0" } as const;

export interface BuildInput {
  /** the exact bytes of result.json (already validated against its model by the caller) */
  result: Uint8Array;
  attachments?: Array<{ name: string; bytes: Uint8Array }>;
  organisation: string;
  campaign: string;
  surveyModel: { id: string; sha256: string };
  covers?: string[];
  signers: Signer[];
  /** the authority's recipients, `age1…` or `age1pq1…` (one type only: AGE_RECIPIENTS_MIXED) */
  recipients: string[];
  now?: Date;
  packageId?: string;
}

const enc = new TextEncoder();

/**
 * @example
 * const pkg = await buildPackage({ result, organisation: "2120000142", campaign: "2026",
 *   surveyModel: { id, sha256 }, signers: [{ kind: "jwk", privateJwk }], recipients: ["age1…"] });
 */
export async function buildPackage(input: BuildInput): Promise<Uint8Array> {
  if (input.recipients.length === 0) throw new KollenError("AGE_RECIPIENT_INVALID", "at least one authority recipient is required");
  sealingRecipients(input.recipients); // before anything is signed: one recipient type per file (FORMAT.md A4)
  for (const org of [input.organisation, ...(input.covers ?? [])])
    if (!CanonicalOrgnr.safeParse(org).success) throw new KollenError("ORGNR_INVALID", "organisations must be canonical 10-digit organisationsnummer");
  if ((input.covers ?? []).includes(input.organisation)) throw new KollenError("BAD_INPUT", "covers must not name the submitting organisation");
  const now = input.now ?? new Date();
  const mtime = Math.floor(now.getTime() / 1000);
  const recipients = [...new Set(input.recipients)];

  const core: Omit<Manifest, "payload"> = {
    format: PACKAGE_FORMAT,
    packageId: input.packageId ?? crypto.randomUUID(),
    campaign: input.campaign,
    surveyModel: input.surveyModel,
    organisation: input.organisation,
    covers: [...new Set(input.covers ?? [])].sort(),
    createdAt: now.toISOString(),
    recipients: await Promise.all(recipients.map(recipientKeyId)),
    kit: KIT,
  };

  const files = [{ name: RESULT_NAME, bytes: input.result }];
  const names = new Set<string>();
  for (const a of input.attachments ?? []) {
    checkAttachmentName(a.name);
    if (names.has(a.name.toLowerCase())) throw new KollenError("BAD_INPUT", "two attachments have the same name (in any case)");
    names.add(a.name.toLowerCase());
    files.push({ name: ATTACHMENT_PREFIX + a.name, bytes: a.bytes });
  }
  const statement: InnerStatement = {
    format: INNER_FORMAT,
    packageId: core.packageId,
    binding: await manifestBinding(core),
    files: await Promise.all(files.map(async (f) => ({ name: f.name, length: f.bytes.length, sha256: await sha256Hex(f.bytes) }))),
  };
  const innerJws = await signGeneral(enc.encode(JSON.stringify(statement)), input.signers, INNER_JWS_TYP, false);
  const innerTar = writeInnerTar(files, enc.encode(JSON.stringify(innerJws)), mtime);
  const payload = await encryptBytes(recipients, innerTar);

  const manifest: Manifest = {
    ...core,
    payload: { name: PAYLOAD_NAME, length: payload.length, sha256: await sha256Hex(payload) },
  };
  const manifestBytes = enc.encode(`${JSON.stringify(manifest, null, 2)}\n`);
  const outerJws = await signGeneral(manifestBytes, input.signers, MANIFEST_JWS_TYP, true);
  return writeTar(
    [
      { name: MANIFEST_NAME, bytes: manifestBytes },
      { name: MANIFEST_JWS_NAME, bytes: enc.encode(`${JSON.stringify(outerJws)}\n`) },
      { name: PAYLOAD_NAME, bytes: payload },
    ],
    mtime,
  );
}
