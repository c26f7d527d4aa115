/**
 * Golden vectors (docs/FORMAT.md §Test vectors): each test/vectors/packages/NAME.kollen has a
 * NAME.expect with `expect: PASSED | FAILED CODE | INDETERMINATE CODE | ERROR CODE` and
 * `open: ok | -`. Regenerate with `npm run vectors`.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { calculateJwkThumbprint, type JWK } from "jose";
import { describe, expect, it } from "vitest";
import { scanPackageBytes } from "../../../client-kit/package/scan.ts";
import { verifyOuter } from "../../../client-kit/package/verify-outer.ts";
import { openPackage } from "../../../client-kit/package/open.ts";
import { staticTrustStore } from "../../../client-kit/package/trust.ts";
import { parseIdentityFile } from "../../../client-kit/age/index.ts";

const DIR = "test/vectors/packages";
const keys = (f: string) => readFileSync(join(DIR, "keys", f), "utf8");
const names = readdirSync(DIR).filter((f) => f.endsWith(".kollen")).map((f) => f.slice(0, -".kollen".length));

async function trust() {
  const signers = [];
  for (const n of ["preparer", "management"]) {
    const jwk = JSON.parse(keys(`${n}.public.jwk`)) as JWK & { kollen_org: string };
    signers.push({ kid: await calculateJwkThumbprint(jwk, "sha256"), publicJwk: jwk, organisations: [jwk.kollen_org] });
  }
  return staticTrustStore(signers);
}
const keyring = JSON.parse(keys("keyring.json"));
const identities = parseIdentityFile(keys("authority-current.agekey"));
const now = new Date("2026-11-29T10:00:00Z");

describe("golden package vectors", () => {
  it("has the vectors", () => expect(names.length).toBeGreaterThanOrEqual(10));

  for (const name of names) {
    const meta = readFileSync(join(DIR, `${name}.expect`), "utf8");
    const [outcome, code] = /^expect: (.+)$/m.exec(meta)![1]!.split(" ");
    const open = /^open: (.+)$/m.exec(meta)![1]!;
    it(`${name}: ${outcome}${code ? ` ${code}` : ""}`, async () => {
      const bytes = new Uint8Array(readFileSync(join(DIR, `${name}.kollen`)));
      if (outcome === "ERROR") {
        await expect(scanPackageBytes(bytes)).rejects.toMatchObject({ code });
        return;
      }
      const report = await verifyOuter(await scanPackageBytes(bytes), { trust: await trust(), keyring, now });
      expect(report.outcome).toBe(outcome);
      if (code) expect(report.reasons.map((r) => r.code)).toContain(code);
      else expect(report.reasons).toEqual([]);
      if (open === "ok") {
        const opened = await openPackage(bytes, { identities, trust: await trust(), keyring, now });
        expect(JSON.parse(new TextDecoder().decode(opened.result)).organisation).toBe(report.manifest!.organisation);
      }
    });
  }
});
