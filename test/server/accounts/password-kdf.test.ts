/** Password hashes for Workers: PBKDF2-SHA256 through WebCrypto beside scrypt; both verify everywhere. */
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword, WORKERS_COST } from "../../../server/accounts/password.ts";
import { CHEAP, PASSWORD } from "../auth-helpers.ts";

describe("password hashes for Workers", () => {
  it("PBKDF2-SHA256 at the Workers cost verifies, and a wrong password does not", async () => {
    const stored = await hashPassword(PASSWORD, WORKERS_COST);
    expect(stored).toMatch(/^pbkdf2-sha256\$600000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}x`, stored)).toBe(false);
  });

  it("existing scrypt hashes still verify beside PBKDF2 ones", async () => {
    const scrypt = await hashPassword(PASSWORD, CHEAP);
    expect(scrypt.startsWith("scrypt$")).toBe(true);
    expect(await verifyPassword(PASSWORD, scrypt)).toBe(true);
  });

  it("refuses damaged or out-of-bounds PBKDF2 strings", async () => {
    const stored = await hashPassword(PASSWORD, { kdf: "pbkdf2-sha256", iterations: 100_000 });
    const [, , salt, hash] = stored.split("$");
    for (const bad of [`pbkdf2-sha256$99999$${salt}$${hash}`, `pbkdf2-sha256$10000001$${salt}$${hash}`, `pbkdf2-sha256$100000$${salt}$${hash!.slice(1)}`, `pbkdf2-sha512$100000$${salt}$${hash}`, `pbkdf2-sha256$100000$${salt}$${"A".repeat(43)}`])
      expect(await verifyPassword(PASSWORD, bad)).toBe(false);
  });
});
