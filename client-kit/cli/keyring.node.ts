/** Reads the authority's signed recipient list and verifies it against the keys pinned in this kit. */
import { verifyKeyring } from "../../keys/keyring.ts";
import { PINNED_KEYRING_KEYS } from "../../keys/published/index.ts";
import type { JWK } from "jose";
import { parseSignerJwk } from "../../keys/signer.ts";
import { readInput } from "./files.node.ts";

/**
 * Reads a keyring file. `keyringKeyPaths` (`--keyring-key FILE`, public JWKs) replace the pinned keys:
 * for test vectors and for verifying another authority's keyring deliberately.
 */
export async function loadKeyringFile(path: string, keyringKeyPaths: string[] = []) {
  const jws = new TextDecoder().decode(await readInput(path)).trim();
  const pins: JWK[] = [];
  for (const p of keyringKeyPaths) pins.push(parseSignerJwk(new TextDecoder().decode(await readInput(p))));
  return verifyKeyring(jws, pins.length ? pins : PINNED_KEYRING_KEYS);
}
