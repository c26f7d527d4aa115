import { describe, expect, it } from "vitest";
import { calculateJwkThumbprint } from "jose";
import { checkSignerJwk } from "../../keys/signer.ts";
import { DEV_KEYRING_PRIVATE_JWK } from "../../keys/dev/index.ts";
import {
  AUTHORITY_KEYRING_KEYS,
  DEV_KEYRING_PUBLIC_JWK,
  isDevKeyringKey,
  PINNED_KEYRING_KEYS,
  PINS_DEV_KEY,
} from "../../keys/published/index.ts";

describe("keys/published", () => {
  it("the DEV key is public-only, valid, named by its thumbprint and labelled DEV", async () => {
    const k = checkSignerJwk(DEV_KEYRING_PUBLIC_JWK);
    expect(DEV_KEYRING_PUBLIC_JWK).not.toHaveProperty("d");
    expect(DEV_KEYRING_PUBLIC_JWK.kid).toBe(await calculateJwkThumbprint(DEV_KEYRING_PUBLIC_JWK, "sha256"));
    expect(k.comment).toMatch(/DEV/);
    expect(k.comment).toMatch(/NOT FOR PRODUCTION/);
  });

  it("the DEV private key is the pair of the published DEV key and labelled DEV", () => {
    const k = checkSignerJwk(DEV_KEYRING_PRIVATE_JWK);
    expect(k.d).toBeDefined();
    expect(k.x).toBe(DEV_KEYRING_PUBLIC_JWK.x);
    expect(k.comment).toMatch(/NOT FOR PRODUCTION/);
  });

  it("pins the authority's keys when there are any, else the DEV key — and says which", () => {
    if (AUTHORITY_KEYRING_KEYS.length > 0) {
      // A release: the DEV key must not be pinned.
      expect(PINNED_KEYRING_KEYS).toEqual(AUTHORITY_KEYRING_KEYS);
      expect(PINNED_KEYRING_KEYS.some(isDevKeyringKey)).toBe(false);
      expect(PINS_DEV_KEY).toBe(false);
    } else {
      expect(PINNED_KEYRING_KEYS).toEqual([DEV_KEYRING_PUBLIC_JWK]);
      expect(PINS_DEV_KEY).toBe(true);
    }
    for (const k of PINNED_KEYRING_KEYS) expect(k).not.toHaveProperty("d");
  });

  it("the pinned list cannot be changed at run time", () => {
    expect(Object.isFrozen(PINNED_KEYRING_KEYS)).toBe(true);
    expect(Object.isFrozen(DEV_KEYRING_PUBLIC_JWK)).toBe(true);
  });
});
