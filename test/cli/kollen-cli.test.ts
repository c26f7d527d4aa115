/**
 * The `kollen` CLI end to end on fixture files: the compiled binary (bin/kollen.mjs → dist/),
 * run as a user runs it. Exit codes: 0 ok, 1 failed verification / bad input, 2 usage.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ERROR_MESSAGES } from "../../schemas/messages.ts";

const BIN = resolve("bin/kollen.mjs");
const EXAMPLE = resolve("examples/result-infosakkollen.json");
const ORG = JSON.parse(readFileSync(EXAMPLE, "utf8")).organisation as string;
/** the campaign result.json names: pack refuses another (FORMAT.md rule R1) */
const CAMPAIGN = JSON.parse(readFileSync(EXAMPLE, "utf8")).campaign as string;
let dir: string;
let recipient: string;

function kollen(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kollen-cli-"));
  const r = kollen("keygen", "recipient", "-o", "authority.agekey");
  expect(r.code).toBe(0);
  recipient = r.out.trim();
  expect(kollen("keygen", "signer", "--org", ORG, "-o", "ciso.jwk").code).toBe(0);
  expect(kollen("keygen", "signer", "--org", ORG, "-o", "ledning.jwk").code).toBe(0);
  expect(kollen("keygen", "signer", "--org", "2321000016", "-o", "other.jwk").code).toBe(0);
});

const pack = (out: string, ...extra: string[]) =>
  kollen("pack", "--org", ORG, "--campaign", CAMPAIGN, "--result", EXAMPLE, "--signer", "ciso.jwk", "--recipient", recipient, "-o", out, ...extra);

describe("kollen CLI", () => {
  it("--help answers fast and lists the commands", () => {
    const t = process.hrtime.bigint();
    const r = kollen("--help");
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    expect(r.code).toBe(0);
    expect(r.out).toContain("pack --org N");
    expect(ms).toBeLessThan(2000); // generous for a loaded CI box; bench figure is in the notes
  });

  it("pack → inspect → verify → open round trip, two signers", () => {
    const p = kollen("pack", "--org", ORG, "--campaign", CAMPAIGN, "--result", EXAMPLE, "--signer", "ciso.jwk", "--signer", "ledning.jwk", "--recipient", recipient, "--attach", EXAMPLE, "-o", "a.kollen");
    expect(p.code, p.err).toBe(0);
    const i = kollen("inspect", "a.kollen", "--json");
    expect(i.code).toBe(0);
    const info = JSON.parse(i.out);
    expect(info.manifest.organisation).toBe(ORG);
    expect(info.signatures).toHaveLength(2);
    expect(i.out).not.toContain("answers");

    const v = kollen("verify", "a.kollen", "--trust", "ciso.jwk.pub", "--trust", "ledning.jwk.pub");
    expect(v.code, v.out + v.err).toBe(0);
    expect(v.out).toMatch(/^PASSED/);

    const o = kollen("open", "a.kollen", "-i", "authority.agekey", "--trust", "ciso.jwk.pub", "--trust", "ledning.jwk.pub", "-o", "opened");
    expect(o.code, o.err).toBe(0);
    expect(readFileSync(join(dir, "opened", "result.json"))).toEqual(readFileSync(EXAMPLE));
    expect(readdirSync(join(dir, "opened", "attachments"))).toEqual(["result-infosakkollen.json"]);
    expect((statSync(join(dir, "opened", "result.json")).mode & 0o777).toString(8)).toBe("600");
  });

  it("verify: an untrusted countersigner is INDETERMINATE and exits 1", () => {
    expect(kollen("pack", "--org", ORG, "--campaign", CAMPAIGN, "--result", EXAMPLE, "--signer", "ciso.jwk", "--signer", "ledning.jwk", "--recipient", recipient, "-o", "b.kollen").code).toBe(0);
    const v = kollen("verify", "b.kollen", "--trust", "ciso.jwk.pub", "--json");
    expect(v.code).toBe(1);
    expect(JSON.parse(v.out).outcome).toBe("INDETERMINATE");
    expect(JSON.parse(v.out).reasons[0].code).toBe("SIGNER_UNKNOWN");
  });

  it("open writes nothing unless everything verified", () => {
    expect(pack("c.kollen").code).toBe(0);
    const wrongKey = kollen("keygen", "recipient", "-o", "wrong.agekey");
    expect(wrongKey.code).toBe(0);
    const o = kollen("open", "c.kollen", "-i", "wrong.agekey", "--trust", "ciso.jwk.pub", "-o", "nope");
    expect(o.code).toBe(1);
    expect(o.err).toContain("[DECRYPTION_FAILED]");
    expect(o.err).toContain("hint:");
    expect(o.err).toContain(`hint: ${ERROR_MESSAGES.DECRYPTION_FAILED.en}`); // the same words as the pages and the server
    expect(existsSync(join(dir, "nope"))).toBe(false);

    const untrusted = kollen("open", "c.kollen", "-i", "authority.agekey", "-o", "nope2");
    expect(untrusted.code).toBe(1);
    expect(existsSync(join(dir, "nope2"))).toBe(false);

    const bytes = readFileSync(join(dir, "c.kollen"));
    bytes[bytes.length - 3000]! ^= 0x40;
    writeFileSync(join(dir, "tampered.kollen"), bytes);
    const t = kollen("open", "tampered.kollen", "-i", "authority.agekey", "--trust", "ciso.jwk.pub", "-o", "nope3");
    expect(t.code).toBe(1);
    expect(t.err).toContain("[PAYLOAD_DIGEST_MISMATCH]");
    expect(existsSync(join(dir, "nope3"))).toBe(false);
  });

  it("bad input gives its own code and exit 1", () => {
    expect(pack("x.kollen", "--covers", "212000-0000").err).toMatch(/\[ORGNR_(CHECKSUM|INVALID)\]/);
    const wrongOrg = kollen("pack", "--org", ORG, "--campaign", CAMPAIGN, "--result", EXAMPLE, "--signer", "other.jwk", "--recipient", recipient, "-o", "y.kollen");
    expect(wrongOrg.code).toBe(1);
    expect(wrongOrg.err).toContain("[SIGNER_WRONG_ORGANISATION]");
    const wrongCampaign = kollen("pack", "--org", ORG, "--campaign", "another-2026", "--result", EXAMPLE, "--signer", "ciso.jwk", "--recipient", recipient, "-o", "w.kollen");
    expect(wrongCampaign.code).toBe(1);
    expect(wrongCampaign.err).toContain("[RESULT_MANIFEST_MISMATCH]");
    expect(existsSync(join(dir, "w.kollen"))).toBe(false);
    writeFileSync(join(dir, "bad-result.json"), JSON.stringify({ ...JSON.parse(readFileSync(EXAMPLE, "utf8")), answers: [{ question: "nope", measures: [] }] }));
    const bad = kollen("pack", "--org", ORG, "--campaign", CAMPAIGN, "--result", "bad-result.json", "--signer", "ciso.jwk", "--recipient", recipient, "-o", "z.kollen");
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/\[RESULT_(MODEL_MISMATCH|INVALID)\]/);
    expect(existsSync(join(dir, "z.kollen"))).toBe(false);
    const missing = kollen("verify", "does-not-exist.kollen");
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("[FILE_NOT_FOUND]");
    expect(missing.err).toContain(`hint: ${ERROR_MESSAGES.FILE_NOT_FOUND.en}`);
    writeFileSync(join(dir, "garbage.kollen"), "this is not a tar file at all".repeat(40));
    expect(kollen("verify", "garbage.kollen").err).toContain("[PACKAGE_NOT_TAR]");
    expect(pack("a.kollen").err).toContain("[OUTPUT_EXISTS]"); // never overwrites
  });

  it("usage errors exit 2 with a hint", () => {
    const r = kollen("pack", "--org", ORG);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^kollen: error: /);
    expect(r.err).toContain("hint: usage: kollen pack");
    expect(kollen("frobnicate").code).toBe(2);
    expect(kollen("verify", "--no-such-flag", "x").code).toBe(2);
  });
});

describe("kollen CLI with an organisation certificate (PKCS#12)", () => {
  it("packs with --signer FILE.p12 --ca CA.pem and verifies with --trust CA.pem", async () => {
    const { makePki } = await import("../keys/pki.ts");
    const pki = makePki();
    try {
      writeFileSync(join(dir, "org.p12"), pki.p12("rsa", "hemligt"));
      writeFileSync(join(dir, "ca.pem"), pki.pem("root"));
      writeFileSync(join(dir, "other-ca.pem"), pki.pem("other"));
      const run = (env: Record<string, string>, ...args: string[]) => {
        const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, ...env } });
        return { code: r.status, out: r.stdout, err: r.stderr };
      };
      const args = ["pack", "--org", ORG, "--campaign", CAMPAIGN, "--result", EXAMPLE, "--signer", "org.p12", "--ca", "ca.pem", "--recipient", recipient];
      const noPassword = run({}, ...args, "-o", "p.kollen");
      expect(noPassword.code).toBe(2);
      expect(noPassword.err).toContain("KOLLEN_PKCS12_PASSWORD");
      expect(run({ KOLLEN_PKCS12_PASSWORD: "fel" }, ...args, "-o", "p.kollen").err).toContain("[PKCS12_PASSWORD]");
      const ok = run({ KOLLEN_PKCS12_PASSWORD: "hemligt" }, ...args, "-o", "p.kollen");
      expect(ok.code, ok.err).toBe(0);
      const v = kollen("verify", "p.kollen", "--trust", "ca.pem", "--json");
      expect(v.code, v.out).toBe(0);
      expect(JSON.parse(v.out).signers[0]).toMatchObject({ source: "x509", orgnr: ORG, outcome: "PASSED" });
      const untrusted = kollen("verify", "p.kollen", "--trust", "other-ca.pem", "--json");
      expect(untrusted.code).toBe(1);
      expect(JSON.parse(untrusted.out).outcome).toBe("INDETERMINATE");
      const o = kollen("open", "p.kollen", "-i", "authority.agekey", "--trust", "ca.pem", "-o", "opened-p12");
      expect(o.code, o.err).toBe(0);
    } finally {
      pki.cleanup();
    }
  });
});
