/**
 * The golden vectors' payloads through the reference `age` CLI (FORMAT.md rules A1, A3): every
 * vector that opens (`open: ok`) decrypts with `age -d` and the authority's identity to an inner tar
 * whose members end with inner.jws and padding — the authority can always use the standard tool.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTar } from "../../client-kit/lib/tar.ts";

const DIR = "test/vectors/packages";
const openable = readdirSync(DIR)
  .filter((f) => f.endsWith(".expect") && /^open: ok$/m.test(readFileSync(join(DIR, f), "utf8")))
  .map((f) => f.slice(0, -".expect".length));

describe("vectors through age -d", () => {
  // The exact set, so a vector that stops opening is noticed. (The security rules turned three former
  // ones into refusals: age-grease-stanza is PAYLOAD_NOT_AGE, attached-same-payload and typeflag-nul
  // are PACKAGE_NOT_CANONICAL; docs/FORMAT.md rules P4, S7, O8).
  it("has the openable vectors", () =>
    expect([...openable].sort()).toEqual(["inner-padding-short", "inner-unprotected-header", "manifest-compact", "revoked-later", "valid-attachment", "valid-certificate", "valid-two-signers", "valid-umbrella"]));
  for (const name of openable) {
    it(name, () => {
      const payload = readTar(new Uint8Array(readFileSync(join(DIR, `${name}.kollen`))), "PACKAGE_NOT_TAR")[2]!.bytes;
      const inner = execFileSync("age", ["-d", "-i", join(DIR, "keys", "authority-current.agekey")], { input: payload, maxBuffer: 1 << 26 });
      const names = readTar(new Uint8Array(inner), "INNER_TAR_INVALID").map((e) => e.header.name);
      expect(names[0]).toBe("result.json");
      expect(names.slice(-2)).toEqual(["inner.jws", "padding"]);
    });
  }
});
