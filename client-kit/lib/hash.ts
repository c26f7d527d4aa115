/** Re-exports for server/ until it imports encoding/ directly; new code imports ../../encoding/. */
export { nobleSha256, sha256Hex, type HashFactory, type IncrementalHash } from "../../encoding/sha256.ts";
export { toHex } from "../../encoding/hex.ts";
