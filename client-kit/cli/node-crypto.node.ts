/**
 * Node entries use the node:crypto age backend (about 2× libsodium's WASM here) and node:crypto's
 * synchronous Ed25519 verification for package signatures.
 */
import { setDefaultAgeBackend } from "../age/default-backend.ts";
import { nodeBackend } from "../age/backend.node.ts";
import { nodeEd25519Verify } from "../lib/ed25519-verify.node.ts";
import { setEd25519Verifier } from "../lib/jws.ts";

export function useNodeCrypto(): void {
  setDefaultAgeBackend(nodeBackend);
  setEd25519Verifier(nodeEd25519Verify);
}
