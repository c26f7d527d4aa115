/**
 * The bad-input catalogue (test/vectors/bad/README.md): every file there, named `CODE.slug.*`, is
 * sent to `POST /api/v1/submissions` on the suite's target (Node in-process under `npm test`, the
 * bundled Worker on workerd under `npm run test:workers`) and must be refused with exactly that code,
 * with nothing stored changing; under `npm test` each package file also goes through `kollen verify`
 * (the compiled CLI). Prints the count by code. Every file's code is one schemas/errors.ts knows: a
 * vector for a check still being built fails the suite until the code exists.
 */
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES, type ErrorCode } from "../../../schemas/errors.ts";
import { problemFor } from "../../../server/lib/problem.ts";
import { addCa } from "../../../server/registry/add-ca.ts";
import { addCampaign } from "../../../server/registry/add-campaign.ts";
import { addOrganisation } from "../../../server/registry/add-organisation.ts";
import { addSigner, revokeSigner } from "../../../server/registry/add-signer.ts";
import { installKeyring } from "../../../server/registry/install-keyring.ts";
import { harness, problem, TARGET, OTHER, type Harness } from "../helpers.ts";

const DIR = "test/vectors/bad";
const BIN = resolve("bin/kollen.mjs");
interface Context {
  at: string;
  keys: string;
  organisations: string[];
  signers: string[];
  cas: string[];
  keyring: string;
  keyringKey: string;
  campaigns: Array<{ id: string; surveyModelId: string; surveyModelSha256?: string; opensAt: string; closesAt: string }>;
  maxPackageBytes: number;
}
const ctx = JSON.parse(readFileSync(join(DIR, "context.json"), "utf8")) as Context;
const AT = new Date(ctx.at);
/** A key file: this folder's keys/ first, then the golden vectors' keys. */
const keyPath = (f: string) => (existsSync(join(DIR, "keys", f)) ? join(DIR, "keys", f) : join(DIR, ctx.keys, f));
const keyText = (f: string) => readFileSync(keyPath(f), "utf8");

interface Vector {
  file: string;
  code: string;
  kind: "package" | "request";
}
const vectors: Vector[] = readdirSync(DIR)
  .filter((f) => f.endsWith(".kollen") || f.endsWith(".request.json"))
  .sort()
  .map((file) => ({ file, code: file.split(".")[0]!, kind: file.endsWith(".kollen") ? "package" : "request" }));
const known = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);
const seeds = vectors.filter((v) => v.code === "OK");
const bad = vectors.filter((v) => v.code !== "OK");

/**
 * Codes only the server can know, which `kollen verify` passes: it has no size limit, no registry of
 * campaigns, no stored packages (U2) and no clock of receipt (U3).
 */
const SERVER_ONLY = new Set(["PACKAGE_TOO_LARGE", "CAMPAIGN_UNKNOWN", "CAMPAIGN_CLOSED", "CAMPAIGN_NOT_OPEN", "SURVEY_MODEL_MISMATCH", "PACKAGE_ID_REUSED", "CREATED_IN_FUTURE"]);
/** Codes that leave the outcome INDETERMINATE (FORMAT.md §Outcomes): a renewal or a registration may fix them. */
const INDETERMINATE = new Set(["SIGNER_UNKNOWN", "CERT_CHAIN_INVALID", "SIGNER_CERT_EXPIRED"]);

const counts = new Map<string, number>();
for (const v of bad) counts.set(v.code, (counts.get(v.code) ?? 0) + 1);

it("the catalogue holds at least 100 refusals and covers every code the upload can give", () => {
  expect(bad.length).toBeGreaterThanOrEqual(100);
  expect(seeds.map((s) => s.file)).toContain("OK.seed.kollen");
  // every code of the outer verification (FORMAT.md's reason-code table minus what only opening reports) and of the upload route
  const spec = readFileSync("docs/FORMAT.md", "utf8");
  const table = spec.slice(spec.indexOf("## Reason codes"));
  const outer = [...table.slice(0, table.indexOf("\n## ", 5)).matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]*)\|/gm)].map((m) => m[1]!).filter((c) => !/^(INNER_|RESULT_|DECRYPTION_|AGE_)/.test(c));
  const upload = ["UNSUPPORTED_MEDIA_TYPE", "PACKAGE_TOO_LARGE", "INVITE_INVALID", "CAMPAIGN_UNKNOWN", "CAMPAIGN_CLOSED", "CAMPAIGN_NOT_OPEN", "SURVEY_MODEL_MISMATCH"];
  expect(outer.length).toBeGreaterThan(15);
  expect([...outer, ...upload].filter((c) => !counts.has(c))).toEqual([]);
  // every file's code is a code the server and the kit give (no vector waits for its check)
  expect([...counts.keys()].filter((c) => !known(c))).toEqual([]);
});

afterAll(() => {
  const width = Math.max(...[...counts.keys()].map((c) => c.length));
  const lines = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([c, n]) => `  ${c.padEnd(width)} ${String(n).padStart(3)}`);
  console.log(`bad-input catalogue on ${TARGET}: ${bad.length} files, ${counts.size} codes\n${lines.join("\n")}`);
});

// ---------------------------------------------------------------- kollen verify (once, under npm test)

const cliTrust = [...ctx.signers.map((s) => `${s}.public.jwk`), ...ctx.cas].flatMap((f) => ["--trust", keyPath(f)]);
const cliContext = ["--keyring", keyPath(ctx.keyring), "--keyring-key", keyPath(ctx.keyringKey), "--at", ctx.at, "--json"];

/** `kollen verify FILE …` as a child process; a few at a time. */
function verifyCli(file: string): Promise<{ exit: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, "verify", join(DIR, file), ...cliTrust, ...cliContext]);
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.on("close", (exit) => done({ exit, out, err }));
  });
}

// `kollen verify` is the Node CLI: run once, on the Node target (the workerd run sends the same files to the upload).
if (TARGET === "node") {
  describe("kollen verify", () => {
    const results = new Map<string, Promise<{ exit: number | null; out: string; err: string }>>();
    beforeAll(() => {
      // two children at a time (the machine is shared), all started here so each test only awaits
      const lanes: Array<Promise<unknown>> = [Promise.resolve(), Promise.resolve()];
      vectors
        .filter((v) => v.kind === "package")
        .forEach((v, i) => {
          const p = lanes[i % 2]!.then(() => verifyCli(v.file));
          lanes[i % 2] = p;
          results.set(v.file, p);
        });
    });

    for (const v of vectors.filter((x) => x.kind === "package")) {
      const passes = v.code === "OK" || SERVER_ONLY.has(v.code);
      const outcome = passes ? "PASSED" : INDETERMINATE.has(v.code) ? "INDETERMINATE" : "FAILED";
      it(`${v.file}: ${outcome}${passes ? "" : ` ${v.code}`}`, { timeout: 300_000 }, async () => {
        const r = await results.get(v.file)!;
        expect(r.exit, r.err).toBe(passes ? 0 : 1);
        const report = JSON.parse(r.out) as { outcome: string; reasons: Array<{ code: string }> };
        expect(report.outcome).toBe(outcome);
        if (passes) expect(report.reasons).toEqual([]);
        else expect(report.reasons.map((x) => x.code)).toContain(v.code);
      });
    }
  });
}

// ---------------------------------------------------------------- the upload, on the target

describe(`POST /api/v1/submissions on ${TARGET}`, () => {
  let h: Harness;
  let before: Awaited<ReturnType<Harness["snapshot"]>>;

  beforeAll(async () => {
    h = await harness({ maxPackageBytes: ctx.maxPackageBytes }, TARGET);
    h.clock.t = AT;
    const db = h.deps.db;
    await installKeyring(db, keyText(ctx.keyring), [JSON.parse(keyText(ctx.keyringKey)) as JWK], AT);
    for (const orgnr of ctx.organisations) await addOrganisation(db, { orgnr, name: `Vector organisation ${orgnr}` }, AT);
    for (const c of ctx.campaigns) await addCampaign(db, { ...c, opensAt: new Date(c.opensAt), closesAt: new Date(c.closesAt) }, AT);
    for (const ca of ctx.cas) await addCa(db, keyText(ca), "bad-input catalogue", AT);
    for (const s of ctx.signers) {
      const jwk = JSON.parse(keyText(`${s}.public.jwk`)) as JWK & { kollen_org?: string; kollen_revoked?: string };
      // a key trusted for no organisation (`unbound`) is registered for another one
      const { kid } = await addSigner(db, { orgnr: jwk.kollen_org ?? OTHER, jwk: { kty: "OKP", crv: "Ed25519", x: jwk.x } }, AT);
      if (jwk.kollen_revoked) await revokeSigner(db, kid, new Date(jwk.kollen_revoked), AT);
    }
  }, 120_000);
  afterAll(() => h?.close());

  const bodyOf = (v: Vector): { headers: Record<string, string>; body?: Uint8Array } => {
    if (v.kind === "package") return { headers: { "content-type": "application/vnd.kollen.package" }, body: new Uint8Array(readFileSync(join(DIR, v.file))) };
    const req = JSON.parse(readFileSync(join(DIR, v.file), "utf8")) as { headers: Record<string, string>; body?: { file: string } };
    const body = req.body ? new Uint8Array(readFileSync(join(DIR, req.body.file))) : undefined;
    return { headers: req.headers, ...(body ? { body } : {}) };
  };
  const send = (v: Vector) => {
    const { headers, body } = bodyOf(v);
    return Promise.resolve(h.app.request("/api/v1/submissions", { method: "POST", headers, ...(body ? { body: body as Uint8Array<ArrayBuffer> } : {}) }));
  };

  for (const v of seeds)
    it(`${v.file}: 201`, async () => {
      const res = await send(v);
      expect(res.status, await res.clone().text()).toBe(201);
    });

  it("after the seeds, the state every refusal must leave alone", async () => {
    before = await h.snapshot();
    expect(before.submissions).toBe(seeds.length);
  });

  /** Miniflare's client owns Content-Length (test/server/submissions/bad-input.test.ts says the same). */
  const inProcessOnly = (v: Vector) => v.kind === "request" && TARGET === "workerd" && Boolean((JSON.parse(readFileSync(join(DIR, v.file), "utf8")) as { inProcessOnly?: boolean }).inProcessOnly);
  // those files are sent on the Node target only: they are not registered on workerd rather than skipped
  for (const v of bad.filter((x) => !inProcessOnly(x))) {
    it(`${v.file}: ${problemFor(v.code as ErrorCode).status} ${v.code}`, async () => {
      const res = await send(v);
      const p = await problem(res);
      expect({ status: res.status, code: p.code }).toEqual({ status: problemFor(v.code as ErrorCode).status, code: v.code });
      expect(p.title_sv).toBeTruthy();
      expect(await h.snapshot()).toEqual(before);
    });
  }
});
