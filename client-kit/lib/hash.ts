/**
 * Incremental SHA-256 behind a port. crypto.subtle.digest is one-shot, so streaming code takes a
 * HashFactory: @noble/hashes by default (runs everywhere), node:crypto where a Node entry injects it
 * (client-kit/lib/hash.node.ts), about 5× faster.
 */
import { sha256 } from "@noble/hashes/sha2.js";

export interface IncrementalHash {
  update(chunk: Uint8Array): void;
  digest(): Uint8Array;
}
export type HashFactory = () => IncrementalHash;

export const nobleSha256: HashFactory = () => {
  const h = sha256.create();
  return {
    update: (chunk) => void h.update(chunk),
    digest: () => h.digest(),
  };
};

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]!];
  return s;
}

/** One-shot SHA-256 as lowercase hex (small inputs: manifests, results). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>)));
}
