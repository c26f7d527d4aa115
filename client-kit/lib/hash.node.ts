/** Re-export for server/ until it imports encoding/ directly; new code imports ../../encoding/. */
export { nodeSha256 } from "../../encoding/sha256.node.ts";
