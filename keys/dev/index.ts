/**
 * DEV key material — NOT FOR PRODUCTION. The private keyring key here is committed on purpose so that
 * `npm start` (dev mode) and the tests can sign a keyring the kit accepts (its public half is pinned
 * while keys/published/ has no authority key). Anyone can read it, so anything it signs proves nothing.
 * Never import this module from release code paths other than the dev-mode server and tests.
 */
import type { JWK } from "jose";
import devKeyringPrivate from "./dev-keyring-key.private.jwk.json" with { type: "json" };

/** The DEV keyring key, private half (Ed25519 JWK with `kid` = RFC 7638 thumbprint). */
export const DEV_KEYRING_PRIVATE_JWK: Readonly<JWK> = Object.freeze({ ...devKeyringPrivate });
