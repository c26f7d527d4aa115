/** Node entries use the node:crypto age backend (about 2× libsodium's WASM here). */
import { setDefaultAgeBackend } from "../age/default-backend.ts";
import { nodeBackend } from "../age/backend.node.ts";

export function useNodeCrypto(): void {
  setDefaultAgeBackend(nodeBackend);
}
