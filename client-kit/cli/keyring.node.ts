/** Reads the authority's signed recipient list and verifies it against the keys pinned in this kit. */
import { verifyKeyring } from "../../keys/keyring.ts";
import { PINNED_KEYRING_KEYS } from "../../keys/published/index.ts";
import { readInput } from "./files.node.ts";

export async function loadKeyringFile(path: string) {
  const jws = new TextDecoder().decode(await readInput(path)).trim();
  return verifyKeyring(jws, PINNED_KEYRING_KEYS);
}
