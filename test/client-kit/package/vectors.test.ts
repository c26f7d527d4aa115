/**
 * Golden vectors (docs/FORMAT.md §Test vectors, test/vectors/packages/README.md): each NAME.kollen
 * has a NAME.expect with `expect: OUTCOME [CODE]`, `open: ok | CODE | -` and `rules: ID…`.
 * Every vector is run through the library and through the `kollen` CLI, with the keys, trust set,
 * keyring and time of receipt the README names; the two must agree with the .expect.
 * The spec is cross-checked too: every MUST is tagged with a rule id that some vector names, and the
 * reason-code table matches schemas/errors.ts and the vectors. Regenerate with `npm run vectors`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { calculateJwkThumbprint, type JWK } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { ERROR_CODES, isKollenError, type ErrorCode } from "../../../schemas/errors.ts";
import { validateResultAgainstModel } from "../../../schemas/result.ts";
import { loadSurveyModel } from "../../../schemas/survey-model.ts";
import { verifyKeyring } from "../../../keys/keyring.ts";
import { scanPackageBytes } from "../../../client-kit/package/scan.ts";
import { verifyOuter, type VerificationReport } from "../../../client-kit/package/verify-outer.ts";
import { checkOpenedResult, openPackage } from "../../../client-kit/package/open.ts";
import { staticTrustStore } from "../../../client-kit/package/trust.ts";
import { parseIdentityFile } from "../../../client-kit/age/index.ts";
import { setEd25519Verifier } from "../../../client-kit/lib/jws.ts";
import { nodeEd25519Verify } from "../../../client-kit/lib/ed25519-verify.node.ts";

const DIR = "test/vectors/packages";
const KEYS = join(DIR, "keys");
const BIN = resolve("bin/kollen.mjs");
const keyText = (f: string) => readFileSync(join(KEYS, f), "utf8");
const names = readdirSync(DIR)
  .filter((f) => f.endsWith(".kollen"))
  .map((f) => f.slice(0, -".kollen".length))
  .sort();

/** The trust set of the README: these public keys and this CA, nothing else. */
const TRUST_KEYS = ["preparer", "management", "other-org", "unbound", "revoked", "revoked-later"].map((n) => `${n}.public.jwk`);
const TRUST_CAS = ["ca.pem"];
const AT = "2026-11-29T10:00:00Z";
const now = new Date(AT);

interface Expectation {
  outcome: "PASSED" | "INDETERMINATE" | "FAILED";
  code?: ErrorCode;
  open: string;
  rules: string[];
}

function expectation(name: string): Expectation {
  const meta = readFileSync(join(DIR, `${name}.expect`), "utf8");
  const [outcome, code] = /^expect: (.+)$/m.exec(meta)![1]!.split(" ") as [Expectation["outcome"], ErrorCode | undefined];
  return { outcome, code, open: /^open: (.+)$/m.exec(meta)![1]!, rules: (/^rules: (.+)$/m.exec(meta)?.[1] ?? "").split(/\s+/).filter(Boolean) };
}

async function trust() {
  const signers = [];
  for (const f of TRUST_KEYS) {
    const jwk = JSON.parse(keyText(f)) as JWK & { kollen_org?: string; kollen_revoked?: string };
    const publicJwk = { kty: "OKP", crv: "Ed25519", x: jwk.x! };
    signers.push({
      kid: await calculateJwkThumbprint(publicJwk, "sha256"),
      publicJwk,
      organisations: jwk.kollen_org ? [jwk.kollen_org] : [],
      ...(jwk.kollen_revoked ? { revokedFrom: new Date(jwk.kollen_revoked) } : {}),
    });
  }
  return staticTrustStore(signers, TRUST_CAS.map(keyText));
}

const keyringPromise = verifyKeyring(keyText("keyring.jws"), [JSON.parse(keyText("keyring-key.public.jwk")) as JWK]);
const identities = parseIdentityFile(keyText("authority-current.agekey"));
const modelPromise = loadSurveyModel(new Uint8Array(readFileSync("schemas/models/infosakkollen-example.json")));

/** Verification as the spec defines it: a structure error is FAILED with its code. */
async function verifyVector(bytes: Uint8Array): Promise<Pick<VerificationReport, "outcome" | "reasons">> {
  try {
    return await verifyOuter(await scanPackageBytes(bytes), { trust: await trust(), keyring: await keyringPromise, now });
  } catch (e) {
    if (!isKollenError(e)) throw e;
    return { outcome: "FAILED", reasons: [{ code: e.code, message: e.message }] };
  }
}

/** Opening with the authority's identity, through result.json and its model: "ok" or the code. */
async function openVector(bytes: Uint8Array): Promise<string> {
  try {
    const opened = await openPackage(bytes, { identities, trust: await trust(), keyring: await keyringPromise, now });
    if (opened.report.outcome !== "PASSED") return "-";
    const result = checkOpenedResult(opened.result, opened.report.manifest);
    validateResultAgainstModel(result, await modelPromise);
    return "ok";
  } catch (e) {
    if (!isKollenError(e)) throw e;
    return e.code;
  }
}

const workDir = mkdtempSync(join(tmpdir(), "kollen-vectors-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function kollen(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const cliTrust = [...TRUST_KEYS, ...TRUST_CAS].flatMap((f) => ["--trust", join(KEYS, f)]);
const cliKeyring = ["--keyring", join(KEYS, "keyring.jws"), "--keyring-key", join(KEYS, "keyring-key.public.jwk"), "--at", AT];

describe("golden package vectors", () => {
  it("has the vectors", () => expect(names.length).toBeGreaterThanOrEqual(90));

  for (const name of names) {
    const want = expectation(name);
    const file = join(DIR, `${name}.kollen`);
    it(`${name}: ${want.outcome}${want.code ? ` ${want.code}` : ""}, open ${want.open}`, async () => {
      expect(want.rules.length, "every vector names the rules it covers").toBeGreaterThan(0);
      const bytes = new Uint8Array(readFileSync(file));

      // the library
      const report = await verifyVector(bytes);
      expect(report.outcome).toBe(want.outcome);
      if (want.code) expect(report.reasons.map((r) => r.code)).toContain(want.code);
      else expect(report.reasons).toEqual([]);
      if (want.outcome !== "PASSED") expect(want.open, "only a PASSED package is opened").toBe("-");
      expect(want.outcome === "PASSED" ? await openVector(bytes) : "-").toBe(want.open);

      // the same with node:crypto's synchronous Ed25519 check (what the server uses): the same report
      setEd25519Verifier(nodeEd25519Verify);
      try {
        expect(await verifyVector(bytes)).toEqual(report);
      } finally {
        setEd25519Verifier(undefined);
      }

      // the CLI, as a second reader of the same files
      const v = kollen("verify", file, ...cliTrust, ...cliKeyring, "--json");
      expect(v.code, v.err).toBe(want.outcome === "PASSED" ? 0 : 1);
      const printed = JSON.parse(v.out) as VerificationReport;
      expect(printed.outcome).toBe(want.outcome);
      if (want.code) expect(printed.reasons.map((r) => r.code)).toContain(want.code);
      else expect(printed.reasons).toEqual([]);
      if (want.outcome === "PASSED") {
        const out = join(workDir, name);
        const o = kollen("open", file, "-i", join(KEYS, "authority-current.agekey"), ...cliTrust, ...cliKeyring, "-o", out);
        if (want.open === "ok") {
          expect(o.code, o.err).toBe(0);
          expect(existsSync(join(out, "result.json"))).toBe(true);
        } else {
          expect(o.code).toBe(1);
          expect(o.err).toContain(`[${want.open}]`);
          expect(o.out, "the outcome line comes first").toMatch(new RegExp(`^FAILED\\n[^]*\\[${want.open}\\]`));
          expect(existsSync(out), "open writes nothing when a check fails").toBe(false);
        }
      }
    });
  }
});

describe("FORMAT.md and the vectors cover each other", () => {
  const spec = readFileSync("docs/FORMAT.md", "utf8");
  const expectations = names.map((n) => ({ name: n, ...expectation(n) }));
  const vectorRules = new Set(expectations.flatMap((e) => e.rules));
  /** A rule is defined by a bullet that starts with its tag, `- **X9** …`; elsewhere **X9** refers to it. */
  const specRules = [...spec.matchAll(/^- \*\*([A-Z]\d+)\*\* /gm)].map((m) => m[1]!);
  const references = [...spec.matchAll(/\*\*([A-Z]\d+)\*\*/g)].map((m) => m[1]!);
  /** The reason-code table: rows `| `CODE` | check | outcome |` under the heading "## Reason codes". */
  const table = spec.slice(spec.indexOf("## Reason codes"));
  const tableCodes = [...table.slice(0, table.indexOf("\n## ", 5) > 0 ? table.indexOf("\n## ", 5) : undefined).matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]!);

  it("defines each rule once, and refers only to defined rules", () => {
    expect(specRules.length).toBeGreaterThan(40);
    expect(new Set(specRules).size).toBe(specRules.length);
    expect(references.filter((r) => !specRules.includes(r))).toEqual([]);
  });

  it("every MUST statement carries a rule tag", () => {
    // a statement: one bullet, numbered step or paragraph
    const blocks = spec
      .split(/\n(?=\s*(?:[-*] |\d+\. |\n))/)
      .filter((b) => /\bMUST\b/.test(b) && !/key words MUST/.test(b));
    expect(blocks.length).toBeGreaterThan(40);
    const untagged = blocks.filter((b) => !/^\s*- \*\*[A-Z]\d+\*\* /.test(b));
    expect(untagged).toEqual([]);
  });

  it("every rule has a vector, and every vector names existing rules", () => {
    // §Receiving (U*) needs a server's state: its rules are named by the server's tests instead
    const serverTests = ["test/server/submissions/dedup.test.ts", "test/server/submissions/bad-input.test.ts"].map((f) => readFileSync(f, "utf8")).join("\n");
    expect(specRules.filter((r) => r.startsWith("U") && !new RegExp(`rule ${r}\\b`).test(serverTests))).toEqual([]);
    expect(specRules.filter((r) => !r.startsWith("U") && !vectorRules.has(r))).toEqual([]);
    expect([...vectorRules].filter((r) => !specRules.includes(r))).toEqual([]);
  });

  it("the reason-code table matches schemas/errors.ts, and each code is raised by a vector", () => {
    expect(tableCodes.length).toBeGreaterThan(30);
    expect(tableCodes.filter((c) => !(ERROR_CODES as readonly string[]).includes(c))).toEqual([]);
    expect(new Set(tableCodes).size).toBe(tableCodes.length);
    const raised = new Set(expectations.flatMap((e) => [e.code, e.open]).filter(Boolean));
    expect(tableCodes.filter((c) => !raised.has(c))).toEqual([]);
    expect([...raised].filter((c) => c !== "ok" && c !== "-" && !tableCodes.includes(c!))).toEqual([]);
  });

  it("every code the reader can report is in the table", () => {
    // the reader's sources: any ErrorCode literal they raise must be a code of the spec, except the
    // writer's own input errors (build.ts is not read here) and internal codes mapped before reporting
    const sources = [
      "client-kit/lib/tar.ts",
      "client-kit/lib/jws.ts",
      "client-kit/package/scan.ts",
      "client-kit/package/verify-outer.ts",
      "client-kit/package/open.ts",
      "client-kit/package/inner.ts",
    ];
    const notReported = new Set(["BAD_INPUT", "KEY_UNSUPPORTED", "KEY_INVALID", "CERT_EXPIRED"]);
    const used = new Set<string>();
    for (const f of sources)
      for (const m of readFileSync(f, "utf8").matchAll(/"([A-Z][A-Z0-9_]+)"/g)) if ((ERROR_CODES as readonly string[]).includes(m[1]!) && !notReported.has(m[1]!)) used.add(m[1]!);
    expect([...used].filter((c) => !tableCodes.includes(c))).toEqual([]);
  });
});
