/**
 * Scan an outer kollen-package/1 as its bytes flow past (docs/FORMAT.md §Outer tar).
 *
 * A pass-through TransformStream: what goes in comes out unchanged (so a server can write it to a
 * temporary blob at the same time), while the tar structure is checked block by block, the two small
 * members are collected, and payload.age and the whole package are hashed. Memory stays bounded by
 * the manifest limits whatever the payload size.
 */
import { concatBytes } from "@noble/hashes/utils.js";
import { KollenError } from "../../schemas/errors.ts";
import { BLOCK, fileHeader, isZeroBlock, paddingFor, parseHeader } from "../lib/tar.ts";
import { bytesEqual } from "../../encoding/bytes.ts";
import { toHex } from "../../encoding/hex.ts";
import { nobleSha256 } from "../../encoding/sha256.noble.ts";
import type { HashFactory, IncrementalHash } from "../../encoding/sha256.ts";
import { MANIFEST_JWS_NAME, MANIFEST_NAME, MAX_MANIFEST_BYTES, MAX_MANIFEST_JWS_BYTES, MAX_PAYLOAD_HEAD_BYTES, OUTER_MEMBERS, PAYLOAD_NAME } from "./names.ts";

export type { HashFactory, IncrementalHash } from "../../encoding/sha256.ts";

export interface ScannedPackage {
  manifestBytes: Uint8Array;
  jwsBytes: Uint8Array;
  /** byte length and lowercase hex SHA-256 of payload.age as it passed */
  payloadLength: number;
  payloadSha256: string;
  /** the first bytes of payload.age (at most MAX_PAYLOAD_HEAD_BYTES): where its cleartext age header is */
  payloadHead: Uint8Array;
  /** the `mtime` every outer header carries (FORMAT.md rule O8: floor(createdAt) in seconds) */
  mtime: number;
  /** byte length and lowercase hex SHA-256 of the whole package */
  packageLength: number;
  packageSha256: string;
}

type State =
  | { kind: "header"; index: number }
  | { kind: "data"; index: number; remaining: number; collect?: Uint8Array[]; collected: number }
  | { kind: "padding"; index: number; remaining: number }
  | { kind: "end"; zeros: number }
  | { kind: "done" };

/** The scanner's state machine, fed by hand: `feed` each piece in order, then `finish` at the end. */
export interface PackageScan {
  /** Takes the next bytes (any size); throws the package's KollenError at the first fault. */
  feed(chunk: Uint8Array): void;
  /** The scanned package once every byte was fed; throws PACKAGE_NOT_TAR / PACKAGE_TRUNCATED if it ended early. */
  finish(): ScannedPackage;
}

/**
 * Builds the scan itself, for a caller that already holds each piece (the server's body guard feeds
 * it as the body arrives, with no stream of its own in between).
 */
export function createPackageScan(opts: { createHash?: HashFactory } = {}): PackageScan {
  const createHash = opts.createHash ?? nobleSha256;
  const packageHash = createHash();
  let payloadHash: IncrementalHash | undefined;
  let packageLength = 0;
  let payloadLength = 0;
  let manifestBytes: Uint8Array | undefined;
  let jwsBytes: Uint8Array | undefined;
  let mtime: number | undefined;
  const payloadHead: Uint8Array[] = [];
  let payloadHeadLength = 0;
  let state: State = { kind: "header", index: 0 };
  const headerBuf = new Uint8Array(BLOCK);
  let headerFill = 0;

  function onHeader(block: Uint8Array, index: number): State {
    if (isZeroBlock(block)) {
      if (index < OUTER_MEMBERS.length) throw new KollenError("PACKAGE_MEMBER_MISSING", `package ends before ${OUTER_MEMBERS[index]}`);
      return { kind: "end", zeros: BLOCK };
    }
    if (index >= OUTER_MEMBERS.length) throw new KollenError("PACKAGE_MEMBER_EXTRA", "a member follows payload.age");
    const header = parseHeader(block, "PACKAGE_NOT_TAR"); // any malformed header, first or later (FORMAT.md rules T2, T3)
    const expected = OUTER_MEMBERS[index]!;
    if (header.name !== expected) {
      const known = (OUTER_MEMBERS as readonly string[]).includes(header.name);
      throw new KollenError(known ? "PACKAGE_MEMBER_ORDER" : "PACKAGE_MEMBER_EXTRA", `expected ${expected} as member ${index + 1}`, {
        detail: { expected },
      });
    }
    if (header.type !== "0" || header.linkname !== "") throw new KollenError("PACKAGE_MEMBER_TYPE", `${expected} must be a regular file`);
    if (expected === MANIFEST_NAME && header.size > MAX_MANIFEST_BYTES) throw new KollenError("MANIFEST_INVALID", "manifest.json is larger than 64 KiB");
    if (expected === MANIFEST_JWS_NAME && header.size > MAX_MANIFEST_JWS_BYTES) throw new KollenError("MANIFEST_INVALID", "manifest.jws is larger than 1 MiB");
    // O8: the one byte form of T1, the same mtime in every header (checked against createdAt later)
    if (mtime !== undefined && header.mtime !== mtime) throw new KollenError("PACKAGE_NOT_CANONICAL", "the outer headers carry different mtimes");
    mtime = header.mtime;
    const canonical = canonicalHeader(header.name, header.size, header.mtime);
    if (!canonical || !bytesEqual(block, canonical)) throw new KollenError("PACKAGE_NOT_CANONICAL", `the header of ${expected} is not in the form the format writes`);
    if (expected === PAYLOAD_NAME) payloadHash = createHash();
    return { kind: "data", index, remaining: header.size, collect: expected === PAYLOAD_NAME ? undefined : [], collected: 0 };
  }

  function finishMember(index: number, collect: Uint8Array[] | undefined): void {
    if (collect) {
      const bytes = concatBytes(...collect);
      if (index === 0) manifestBytes = bytes;
      else jwsBytes = bytes;
    }
  }

  /** Consume `chunk` (any size) through the state machine. */
  function consume(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      switch (state.kind) {
        case "header": {
          const take = Math.min(BLOCK - headerFill, chunk.length - at);
          headerBuf.set(chunk.subarray(at, at + take), headerFill);
          headerFill += take;
          at += take;
          if (headerFill === BLOCK) {
            headerFill = 0;
            state = onHeader(headerBuf, state.index);
            if (state.kind === "data" && state.remaining === 0) state = afterData(state);
          }
          break;
        }
        case "data": {
          const take = Math.min(state.remaining, chunk.length - at);
          const piece = chunk.subarray(at, at + take);
          if (state.collect) state.collect.push(piece.slice());
          else {
            payloadHash!.update(piece);
            payloadLength += take;
            if (payloadHeadLength < MAX_PAYLOAD_HEAD_BYTES) {
              const head = piece.subarray(0, MAX_PAYLOAD_HEAD_BYTES - payloadHeadLength).slice();
              payloadHead.push(head);
              payloadHeadLength += head.length;
            }
          }
          state.collected += take;
          state.remaining -= take;
          at += take;
          if (state.remaining === 0) state = afterData(state);
          break;
        }
        case "padding": {
          const take = Math.min(state.remaining, chunk.length - at);
          for (let i = at; i < at + take; i++) if (chunk[i] !== 0) throw new KollenError("PACKAGE_NOT_TAR", "non-zero tar padding");
          state.remaining -= take;
          at += take;
          if (state.remaining === 0) state = { kind: "header", index: state.index + 1 };
          break;
        }
        case "end": {
          const need = 2 * BLOCK - state.zeros;
          const take = Math.min(need, chunk.length - at);
          for (let i = at; i < at + take; i++) if (chunk[i] !== 0) throw new KollenError("PACKAGE_MEMBER_EXTRA", "data after payload.age");
          state.zeros += take;
          at += take;
          if (state.zeros === 2 * BLOCK) state = { kind: "done" };
          break;
        }
        case "done":
          throw new KollenError("PACKAGE_MEMBER_EXTRA", "data after the end of the package");
      }
    }
  }

  function afterData(s: Extract<State, { kind: "data" }>): State {
    finishMember(s.index, s.collect);
    const pad = paddingFor(s.collected);
    return pad ? { kind: "padding", index: s.index, remaining: pad } : { kind: "header", index: s.index + 1 };
  }

  return {
    feed(chunk) {
      packageHash.update(chunk);
      packageLength += chunk.length;
      consume(chunk);
    },
    finish() {
      if (state.kind !== "done")
        throw new KollenError(packageLength === 0 ? "PACKAGE_NOT_TAR" : "PACKAGE_TRUNCATED", packageLength === 0 ? "the package is empty" : "the package ends early");
      return {
        manifestBytes: manifestBytes!,
        jwsBytes: jwsBytes!,
        payloadLength,
        payloadSha256: toHex(payloadHash!.digest()),
        payloadHead: concatBytes(...payloadHead),
        mtime: mtime!,
        packageLength,
        packageSha256: toHex(packageHash.digest()),
      };
    },
  };
}

/** Builds the pass-through scanner; `result` settles when the stream is flushed or fails. */
export function createPackageScanner(opts: { createHash?: HashFactory } = {}): {
  transform: TransformStream<Uint8Array, Uint8Array>;
  result: Promise<ScannedPackage>;
} {
  const scan = createPackageScan(opts);
  let resolve!: (p: ScannedPackage) => void;
  let reject!: (e: unknown) => void;
  const result = new Promise<ScannedPackage>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  result.catch(() => {}); // the caller may only look at the stream's error
  const transform = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      try {
        scan.feed(chunk);
        controller.enqueue(chunk);
      } catch (e) {
        reject(e);
        throw e;
      }
    },
    flush() {
      try {
        resolve(scan.finish());
      } catch (e) {
        reject(e);
        throw e;
      }
    },
  });
  return { transform, result };
}


/** The header T1 writes for this member, or undefined when its fields cannot be written so. */
function canonicalHeader(name: string, size: number, mtime: number): Uint8Array | undefined {
  try {
    return fileHeader(name, size, mtime);
  } catch {
    return undefined;
  }
}

/** Scan a package already in memory (tests, small packages): the same checks as the stream. */
export async function scanPackageBytes(bytes: Uint8Array, opts: { createHash?: HashFactory } = {}): Promise<ScannedPackage> {
  const scan = createPackageScan(opts);
  scan.feed(bytes);
  return scan.finish();
}
