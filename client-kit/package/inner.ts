/**
 * The inner tar inside payload.age (docs/FORMAT.md §Inner tar): result.json, attachments/*, inner.jws
 * and a zero `padding` member, and the inner statement that binds it to the manifest.
 *
 * The inner statement cannot hash manifest.json itself: the manifest holds the digest of the payload
 * that holds the statement. It binds instead to the manifest's binding fields — every member but
 * `payload` — in RFC 8785 canonical form, which include the random packageId.
 */
import { z } from "zod";
import { KollenError } from "../../schemas/errors.ts";
import type { Manifest } from "../../schemas/manifest.ts";
import { PackageId, Sha256Hex } from "../../schemas/manifest.ts";
import { canonicalJson } from "../../encoding/canonical-json.ts";
import { sha256Hex } from "../../encoding/sha256.ts";
import { BLOCK, readTar, writeTar } from "../lib/tar.ts";
import { ATTACHMENT_PREFIX, INNER_FORMAT, INNER_JWS_NAME, PADDING_NAME, RESULT_NAME } from "./names.ts";

const MIN_INNER_SIZE = 64 * 1024;
const ATTACHMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

export const InnerStatement = z.strictObject({
  format: z.literal(INNER_FORMAT),
  packageId: PackageId,
  binding: Sha256Hex,
  files: z.array(z.strictObject({ name: z.string().max(100), length: z.number().int().nonnegative(), sha256: Sha256Hex })).min(1),
});
export type InnerStatement = z.infer<typeof InnerStatement>;

/** The manifest fields the inner statement binds to, hashed in canonical form. */
export async function manifestBinding(manifest: Omit<Manifest, "payload"> & { payload?: unknown }): Promise<string> {
  const { payload: _payload, ...core } = manifest;
  return sha256Hex(new TextEncoder().encode(canonicalJson(core)));
}

/** Windows device names: a file named so (with any extension, in any case) cannot be written there (FORMAT.md rule I12). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)/i;

/** Whether an attachment name can be written as itself on every desktop system (rules I2, I12). */
function portableAttachmentName(name: string): boolean {
  return ATTACHMENT_NAME.test(name) && !name.endsWith(".") && !WINDOWS_DEVICE.test(name);
}

/** Checks an attachment's file name (no folders, no dot files, ASCII, nothing Windows reserves). */
export function checkAttachmentName(name: string): void {
  if (!portableAttachmentName(name))
    throw new KollenError("BAD_INPUT", "attachment names use A–Z a–z 0–9 . _ - and start with a letter or digit (max 80), do not end with a dot and are no Windows device name (CON, AUX, NUL, COM1 …)");
}

/**
 * Padmé (Nikitin et al., PURBs, PETS 2019): rounds a length so that it leaks O(log log L) bits,
 * with at most 12 % overhead. Never below MIN_INNER_SIZE; always a whole number of tar blocks.
 */
export function paddedLength(length: number): number {
  const l = Math.max(length, MIN_INNER_SIZE);
  const e = Math.floor(Math.log2(l));
  const s = Math.floor(Math.log2(e)) + 1;
  const lastBits = e - s;
  const unit = 2 ** lastBits;
  const padded = Math.floor((l + unit - 1) / unit) * unit; // (L + mask) & ~mask
  return Math.ceil(padded / BLOCK) * BLOCK;
}

/** Writes the inner tar with a `padding` member that brings it to paddedLength(). */
export function writeInnerTar(files: Array<{ name: string; bytes: Uint8Array }>, innerJws: Uint8Array, mtime: number): Uint8Array {
  const members = [...files, { name: INNER_JWS_NAME, bytes: innerJws }];
  const bare = writeTar(members, mtime).length + BLOCK; // + the padding member's header
  const target = paddedLength(bare);
  return writeTar([...members, { name: PADDING_NAME, bytes: new Uint8Array(target - bare) }], mtime);
}

export interface InnerContents {
  files: Array<{ name: string; bytes: Uint8Array }>;
  innerJws: Uint8Array;
}

/** Order of the inner members (rule I3): result.json, attachments/*, inner.jws, padding. */
function rank(name: string): number {
  return name === RESULT_NAME ? 0 : name === INNER_JWS_NAME ? 2 : name === PADDING_NAME ? 3 : 1;
}

/** Reads the inner tar strictly: regular files with safe, unique names only, in order, padding last. */
export function readInnerTar(bytes: Uint8Array): InnerContents {
  const entries = readTar(bytes, "INNER_TAR_INVALID");
  const seen = new Set<string>();
  const files: InnerContents["files"] = [];
  let innerJws: Uint8Array | undefined;
  let last = 0;
  for (const { header, bytes: content } of entries) {
    const name = header.name;
    if (name.startsWith("/") || name.includes("\\") || name.split("/").some((p) => p === ".." || p === "." || p === ""))
      throw new KollenError("INNER_PATH_UNSAFE", "the inner tar holds an unsafe path");
    if (header.type === "1" || header.type === "2" || header.linkname !== "") throw new KollenError("INNER_LINK_FORBIDDEN", "the inner tar holds a link");
    if (header.type !== "0") throw new KollenError("INNER_TAR_INVALID", "the inner tar holds something other than regular files");
    // compared in one case: two names that differ only so are one file on Windows and macOS (rule I4)
    if (seen.has(name.toLowerCase())) throw new KollenError("INNER_DUPLICATE_NAME", "the inner tar holds a name twice");
    seen.add(name.toLowerCase());
    if (name === INNER_JWS_NAME) innerJws = content;
    else if (name === PADDING_NAME) {
      if (content.some((b) => b !== 0)) throw new KollenError("INNER_TAR_INVALID", "padding is not zero");
    } else if (name === RESULT_NAME || (name.startsWith(ATTACHMENT_PREFIX) && portableAttachmentName(name.slice(ATTACHMENT_PREFIX.length))))
      files.push({ name, bytes: content });
    else throw new KollenError("INNER_PATH_UNSAFE", "the inner tar holds an unexpected name");
    if (rank(name) < last) throw new KollenError("INNER_TAR_INVALID", "the inner members are not in the order result.json, attachments, inner.jws, padding");
    last = rank(name);
  }
  if (!seen.has(RESULT_NAME)) throw new KollenError("INNER_MEMBER_MISSING", "result.json is missing");
  if (!innerJws) throw new KollenError("INNER_MEMBER_MISSING", "inner.jws is missing");
  if (!seen.has(PADDING_NAME)) throw new KollenError("INNER_MEMBER_MISSING", "the padding member is missing");
  return { files, innerJws };
}
