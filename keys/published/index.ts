/**
 * The keyring keys this client kit pins: a keyring (the authority's signed recipient list,
 * keys/keyring.ts) is trusted only when one of these keys verifies it, so the kit never trusts the
 * server alone for whom to encrypt to (DESIGN.md §Keys).
 *
 * A release pins the authority's real keyring key(s): list them in AUTHORITY_KEYRING_KEYS (public JWK
 * files in this folder). While that list is empty — in this development tree — the DEV key is pinned
 * instead, and `PINS_DEV_KEY` says so, so the CLI can warn and a release build can refuse.
 * See keys/published/README.md.
 */
import type { JWK } from "jose";
import devKeyringKey from "./dev-keyring-key.pub.jwk.json" with { type: "json" };

/** The DEV keyring key (public half). Its private half is committed in keys/dev/: NOT FOR PRODUCTION. */
export const DEV_KEYRING_PUBLIC_JWK: Readonly<JWK> = Object.freeze({ ...devKeyringKey });

/** The authority's production keyring keys (public JWKs). Empty until the authority publishes its key. */
export const AUTHORITY_KEYRING_KEYS: readonly Readonly<JWK>[] = Object.freeze([]);

/** True when `jwk` is the DEV keyring key (compared by thumbprint-bearing `kid` and `x`). */
export function isDevKeyringKey(jwk: JWK): boolean {
  return jwk.x === DEV_KEYRING_PUBLIC_JWK.x;
}

/** The keys keyrings are verified against: the authority's, or — in development — the DEV key. */
export const PINNED_KEYRING_KEYS: readonly Readonly<JWK>[] = Object.freeze(
  AUTHORITY_KEYRING_KEYS.length > 0 ? [...AUTHORITY_KEYRING_KEYS] : [DEV_KEYRING_PUBLIC_JWK],
);

/** True when this build pins the DEV keyring key (never true in a release). */
export const PINS_DEV_KEY: boolean = PINNED_KEYRING_KEYS.some(isDevKeyringKey);
