/**
 * SHA-256 (FIPS 180-4): one-shot over crypto.subtle, and incremental behind a port.
 *
 * crypto.subtle.digest is one-shot, so streaming code takes a {@link HashFactory}: @noble/hashes by
 * default (./sha256.noble.ts, runs everywhere), node:crypto where a Node entry injects it
 * (./sha256.node.ts), about 5× faster. The implementations live in their own files so that code
 * needing only the one-shot digest does not load either.
 */
import { toHex } from "./hex.ts";

export interface IncrementalHash {
  update(chunk: Uint8Array): void;
  digest(): Uint8Array;
}
export type HashFactory = () => IncrementalHash;

/**
 * One-shot SHA-256 of small inputs (manifests, certificates, recipient strings).
 *
 * @example await sha256(new TextEncoder().encode("abc")) // 32 bytes, ba7816bf…
 */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
}

/**
 * One-shot SHA-256 as 64 lowercase hex digits (small inputs: manifests, results, tokens).
 *
 * @example await sha256Hex(new TextEncoder().encode("abc")) // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await sha256(bytes));
}
