/**
 * The authority's recipients as the browser gets them: GET /api/v1/recipients returns the signed
 * keyring, which is verified against the keyring keys pinned in this bundle (keys/published/), so
 * the page never trusts the server alone for whom to encrypt to (DESIGN.md § Keys).
 */
import { KollenError } from "../../../../schemas/errors.ts";
import { verifyKeyring, type KeyringPayload } from "../../../../keys/keyring.ts";
import { PINNED_KEYRING_KEYS } from "../../../../keys/published/index.ts";
import { api } from "./api.ts";

/**
 * Fetches the keyring and verifies it against the pinned keys.
 * @throws KollenError KEYRING_* when it does not verify; KEYRING_INVALID when the server has none
 */
export async function fetchVerifiedKeyring(): Promise<KeyringPayload> {
  const res = await api.api.v1.recipients.$get({}, { headers: { accept: "application/jose" } });
  if (!res.ok) throw new KollenError("KEYRING_INVALID", `the server answered ${res.status} for the keyring`, { detail: { status: res.status } });
  return verifyKeyring(await res.text(), PINNED_KEYRING_KEYS);
}
