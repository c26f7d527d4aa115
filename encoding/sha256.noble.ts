/** Pure-JS SHA-256 (@noble/hashes) for the HashFactory port: the default where node:crypto is absent. */
import { sha256 as nobleSha256Hash } from "@noble/hashes/sha2.js";
import type { HashFactory } from "./sha256.ts";

/**
 * Incremental SHA-256 in pure JS (@noble/hashes), for runtimes without node:crypto.
 *
 * @example const h = nobleSha256(); h.update(chunk); toHex(h.digest())
 */
export const nobleSha256: HashFactory = () => {
  const h = nobleSha256Hash.create();
  return {
    update: (chunk) => void h.update(chunk),
    digest: () => h.digest(),
  };
};
