/**
 * The strict POSIX ustar subset used by kollen-package/1 (docs/FORMAT.md §Tar).
 *
 * Writers emit only regular files (typeflag '0'), names ≤ 100 bytes in the name field, mode 0644,
 * uid/gid 0, empty uname/gname, and end with exactly two zero blocks. Readers accept nothing else:
 * every header's checksum, magic, type and octal fields are checked, so a package has one byte form.
 */
import { KollenError, type ErrorCode } from "../../schemas/errors.ts";

export const BLOCK = 512;
const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { fatal: true });

export interface TarHeader {
  name: string;
  size: number;
  /** typeflag character as read ('0' regular file; anything else is rejected by callers) */
  type: string;
  mtime: number;
  /** linkname field, non-empty only for links */
  linkname: string;
}

function writeOctal(block: Uint8Array, offset: number, width: number, value: number): void {
  const s = value.toString(8).padStart(width - 1, "0");
  if (s.length > width - 1) throw new KollenError("BAD_INPUT", "tar field overflow");
  block.set(enc.encode(s), offset);
  block[offset + width - 1] = 0;
}

/** One ustar header block for a regular file. */
export function fileHeader(name: string, size: number, mtime: number): Uint8Array {
  const nameBytes = enc.encode(name);
  if (nameBytes.length === 0 || nameBytes.length > 100) throw new KollenError("BAD_INPUT", "tar member name must be 1–100 bytes");
  if (size > 0o77777777777) throw new KollenError("BAD_INPUT", "tar member larger than 8 GiB");
  const h = new Uint8Array(BLOCK);
  h.set(nameBytes, 0);
  writeOctal(h, 100, 8, 0o644);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, mtime);
  h[156] = 0x30; // '0'
  h.set(enc.encode("ustar\u0000"), 257);
  h.set(enc.encode("00"), 263);
  writeChecksum(h);
  return h;
}

/** (Re)writes a ustar header's checksum: the byte sum with the field as spaces, six octal digits, NUL, space. */
export function writeChecksum(h: Uint8Array): void {
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += h[i]!;
  writeOctal(h, 148, 7, sum);
  h[155] = 0x20;
}

/** Zero bytes that pad a member of `size` bytes to the block boundary. */
export function paddingFor(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** The end-of-archive marker: two zero blocks. */
export const END_OF_ARCHIVE = new Uint8Array(2 * BLOCK);

/** `magic` (6 bytes) and `version` (2 bytes) of a POSIX ustar header, at offset 257. */
const USTAR_MAGIC = enc.encode("ustar\u000000");

/**
 * A numeric header field (FORMAT.md rule T4): one or more octal digits `0`–`7` from the first byte
 * of the field, then only NUL or space bytes to its end. No leading spaces, no base-256 form. With
 * `emptyOk` (devmajor, devminor) a field of NUL bytes only is also accepted.
 */
function readOctal(block: Uint8Array, offset: number, width: number, code: ErrorCode, emptyOk = false): number {
  const stop = offset + width;
  let end = offset;
  while (end < stop && block[end]! >= 0x30 && block[end]! <= 0x37) end++;
  for (let i = end; i < stop; i++) if (block[i] !== 0 && block[i] !== 0x20) throw new KollenError(code, "tar header numeric field malformed");
  if (end === offset) {
    if (emptyOk && block.subarray(offset, stop).every((b) => b === 0)) return 0;
    throw new KollenError(code, "tar header numeric field malformed");
  }
  let v = 0;
  for (let i = offset; i < end; i++) v = v * 8 + (block[i]! - 0x30);
  return v;
}

function readString(block: Uint8Array, offset: number, width: number, code: ErrorCode): string {
  let end = offset;
  while (end < offset + width && block[end] !== 0) end++;
  try {
    return dec.decode(block.subarray(offset, end));
  } catch {
    throw new KollenError(code, "tar header name is not UTF-8");
  }
}

export function isZeroBlock(block: Uint8Array): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false;
  return true;
}

/**
 * Parse one header block; `code` is the error code for a malformed header (outer and inner tars differ).
 * Checks the checksum, the magic `ustar\0` and version `00`, and that every numeric field is octal.
 */
export function parseHeader(block: Uint8Array, code: ErrorCode): TarHeader {
  const stored = readOctal(block, 148, 8, code);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  if (sum !== stored) throw new KollenError(code, "tar header checksum mismatch");
  for (let i = 0; i < USTAR_MAGIC.length; i++)
    if (block[257 + i] !== USTAR_MAGIC[i]) throw new KollenError(code, "not a POSIX ustar header (magic ustar NUL, version 00)");
  readOctal(block, 100, 8, code); // mode
  readOctal(block, 108, 8, code); // uid
  readOctal(block, 116, 8, code); // gid
  readOctal(block, 329, 8, code, true); // devmajor
  readOctal(block, 337, 8, code, true); // devminor
  const prefix = readString(block, 345, 155, code);
  const name = readString(block, 0, 100, code);
  return {
    name: prefix ? `${prefix}/${name}` : name,
    size: readOctal(block, 124, 12, code),
    type: block[156] === 0 ? "0" : String.fromCharCode(block[156]!),
    mtime: readOctal(block, 136, 12, code),
    linkname: readString(block, 157, 100, code),
  };
}

/** A whole small tar in memory (used for the inner tar, which is bounded). */
export function writeTar(members: Array<{ name: string; bytes: Uint8Array }>, mtime: number): Uint8Array {
  let total = END_OF_ARCHIVE.length;
  for (const m of members) total += BLOCK + m.bytes.length + paddingFor(m.bytes.length);
  const out = new Uint8Array(total);
  let at = 0;
  for (const m of members) {
    out.set(fileHeader(m.name, m.bytes.length, mtime), at);
    at += BLOCK;
    out.set(m.bytes, at);
    at += m.bytes.length + paddingFor(m.bytes.length);
  }
  return out;
}

export interface TarEntry {
  header: TarHeader;
  bytes: Uint8Array;
}

/**
 * Read a whole in-memory tar (FORMAT.md §Tar). Stops at the two zero blocks; any byte after them
 * (zero or not), a missing end marker or non-zero block padding is an error with `code`.
 */
export function readTar(bytes: Uint8Array, code: ErrorCode): TarEntry[] {
  const entries: TarEntry[] = [];
  let at = 0;
  for (;;) {
    if (at + BLOCK > bytes.length) throw new KollenError(code, "tar truncated: no end-of-archive marker");
    const block = bytes.subarray(at, at + BLOCK);
    if (isZeroBlock(block)) {
      if (at + 2 * BLOCK > bytes.length || !isZeroBlock(bytes.subarray(at + BLOCK, at + 2 * BLOCK)))
        throw new KollenError(code, "tar end-of-archive marker incomplete");
      if (at + 2 * BLOCK !== bytes.length) throw new KollenError(code, "data after the end of the tar");
      return entries;
    }
    const header = parseHeader(block, code);
    at += BLOCK;
    const pad = paddingFor(header.size);
    if (at + header.size + pad > bytes.length) throw new KollenError(code, "tar member truncated");
    entries.push({ header, bytes: bytes.subarray(at, at + header.size) });
    at += header.size;
    if (!isZeroBlock(bytes.subarray(at, at + pad))) throw new KollenError(code, "non-zero tar block padding");
    at += pad;
  }
}
