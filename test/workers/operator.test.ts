/**
 * The operator's path on Workers (docs/OPERATIONS.md § Cloudflare Workers), with the commands it lists
 * run as an operator runs them (the compiled `kollen` binary) and the deployed entry
 * (server/workers/entry.workers.ts, no test hooks) on workerd: a receipt key made for `wrangler secret
 * put`, the first admin from `--print-sql`, a key rotation that keeps old receipts verifiable, the
 * pages from the static assets, a malformed secret answered without its value, the scheduled sweep.
 */
import { afterEach, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { d1Db } from "../../server/workers/d1.workers.ts";
import { sweep } from "../../server/workers/sweep.workers.ts";
import { workersDeps } from "../../server/workers/deps.workers.ts";
import { sessions, submissions } from "../../server/db/schema.ts";
import { startWorkerd, type Workerd } from "./workerd.ts";

const BIN = resolve("bin/kollen.mjs");
const PASSWORD = "Rätt-lösenord-2026!";
const kollen = (args: string[], env: Record<string, string> = {}) => execFileSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });

let running: Workerd[] = [];
afterEach(async () => {
  await Promise.all(running.map((w) => w.dispose()));
  running = [];
});
async function worker(vars: Record<string, string>): Promise<Workerd> {
  const w = await startWorkerd({ vars });
  running.push(w);
  return w;
}

describe("operator path on workerd", () => {
  it("receipt key from `receipt-key new`, first admin from `user add --print-sql`, rotation with `receipt-key retire`", async () => {
    const first = kollen(["admin", "receipt-key", "new", "--format", "wrangler-secret"]).trim();
    const firstKid = (JSON.parse(first) as { kid: string }).kid;
    const w = await worker({ RECEIPT_PRIVATE_JWK: first });
    const jwks = await (await w.fetch("http://localhost/.well-known/jwks.json")).text();
    expect((JSON.parse(jwks) as { keys: Array<{ kid: string; d?: string }> }).keys.map((k) => [k.kid, k.d])).toEqual([[firstKid, undefined]]);

    // the first admin, through the SQL an operator hands to `wrangler d1 execute`
    const sql = kollen(["admin", "user", "add", "--username", "chef", "--role", "admin", "--print-sql"], { KOLLEN_PASSWORD: PASSWORD });
    expect(sql).not.toContain(PASSWORD);
    const d1 = (await w.d1()) as { prepare(s: string): { run(): Promise<unknown> } };
    for (const statement of sql.split(";\n").filter((s) => s.trim())) await d1.prepare(statement).run();
    const pre = await w.fetch("http://localhost/api/v1/auth/csrf");
    const cookie = pre.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const { csrf } = (await pre.json()) as { csrf: string };
    const login = await w.fetch("http://localhost/api/v1/auth/login", { method: "POST", headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf, origin: "http://localhost" }, body: JSON.stringify({ username: "chef", password: PASSWORD }) });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { roles: string[] } }).user.roles).toEqual(["admin"]);

    // rotation: the published keys become RETIRED_RECEIPT_JWKS beside a new key
    const dir = mkdtempSync(join(tmpdir(), "kollen-op-"));
    try {
      writeFileSync(join(dir, "jwks.json"), jwks);
      const retired = kollen(["admin", "receipt-key", "retire", "--format", "wrangler-secret", "--jwks", join(dir, "jwks.json")]).trim();
      expect(retired).not.toContain('"d"');
      const second = kollen(["admin", "receipt-key", "new", "--format", "wrangler-secret"]).trim();
      const w2 = await worker({ RECEIPT_PRIVATE_JWK: second, RETIRED_RECEIPT_JWKS: retired });
      const after = (await (await w2.fetch("http://localhost/.well-known/jwks.json")).json()) as { keys: Array<{ kid: string }> };
      expect(after.keys.map((k) => k.kid)).toEqual([(JSON.parse(second) as { kid: string }).kid, firstKid]);
      writeFileSync(join(dir, "bad.json"), '{"keys":[{"kty":"OKP","crv":"Ed25519","x":"a","d":"secret"}]}');
      expect(() => kollen(["admin", "receipt-key", "retire", "--format", "wrangler-secret", "--jwks", join(dir, "bad.json")])).toThrow(/only Ed25519 public keys/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("serves the pages and their assets from Workers static assets", async () => {
    const w = await worker({ RECEIPT_PRIVATE_JWK: kollen(["admin", "receipt-key", "new", "--format", "wrangler-secret"]).trim() });
    for (const path of ["/", "/login", "/supervisor"]) {
      const res = await w.fetch(`http://localhost${path}`);
      expect([path, res.status, res.headers.get("content-type")]).toEqual([path, 200, expect.stringMatching(/^text\/html/)]);
      expect(res.headers.get("content-security-policy")).toBeTruthy();
      await res.body?.cancel();
    }
    // the staff view and the registry send a visitor without a session to the login page before any
    // script asks the API (test/e2e/workers-review.test.ts logs in and uses /admin on workerd)
    for (const path of ["/admin", "/admin/registry"]) {
      const res = await w.fetch(`http://localhost${path}`, { redirect: "manual" });
      expect([path, res.status, res.headers.get("location")]).toEqual([path, 303, "/login"]);
      await res.body?.cancel();
    }
    const css = await w.fetch("http://localhost/assets/kollen.css");
    expect([css.status, css.headers.get("content-type")]).toEqual([200, expect.stringMatching(/^text\/css/)]);
    expect((await css.text()).length).toBeGreaterThan(100);
    // compressed once (by the runtime), so one decoding gives the script back
    const js = await w.fetch("http://localhost/assets/admin.js", { headers: { "accept-encoding": "gzip" } });
    expect(js.status).toBe(200);
    expect(await js.text()).toMatch(/^[\x09\x0a\x0d\x20-\x7e]{200}/);
    const missing = await w.fetch("http://localhost/assets/nope.js");
    expect(missing.status).toBe(404);
    // the default package limit sits below the platform's 100 MB request-body limit, and is published
    expect(((await (await w.fetch("http://localhost/api/v1/info")).json()) as { maxPackageBytes: number }).maxPackageBytes).toBe(95_000_000);
  });

  it("a malformed secret answers 500 INTERNAL on every request, without the value or the binding's name", async () => {
    const w = await worker({ RECEIPT_PRIVATE_JWK: '{"kty":"OKP","crv":"Ed25519","d":"SECRET-VALUE-4711"' });
    for (let i = 0; i < 2; i++) {
      const res = await w.fetch("http://localhost/api/v1/info");
      expect(res.status).toBe(500);
      const body = await res.text();
      expect(JSON.parse(body)).toMatchObject({ code: "INTERNAL" });
      expect(body).not.toContain("SECRET-VALUE-4711");
      expect(body).not.toContain("RECEIPT_PRIVATE_JWK");
    }
    // a package limit the platform would cut first is refused at start the same way
    const secret = kollen(["admin", "receipt-key", "new", "--format", "wrangler-secret"]).trim();
    const big = await worker({ RECEIPT_PRIVATE_JWK: secret, MAX_PACKAGE_BYTES: "100000000" });
    expect((await big.fetch("http://localhost/api/v1/info")).status).toBe(500);
    // and so is a bootstrap secret too short to be one
    const weak = await worker({ RECEIPT_PRIVATE_JWK: secret, BOOTSTRAP_TOKEN: "kort-hemlis-4711" });
    const refused = await weak.fetch("http://localhost/api/v1/info");
    expect(refused.status).toBe(500);
    expect(await refused.text()).not.toContain("kort-hemlis-4711");
  });

  it("wrangler applies the migrations to a local D1 and executes the first admin's SQL there", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kollen-d1-"));
    const wrangler = (args: string[]) =>
      execFileSync("npx", ["wrangler", ...args, "--local", "--persist-to", dir], { encoding: "utf8", env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" }, stdio: ["ignore", "pipe", "pipe"] });
    try {
      wrangler(["d1", "migrations", "apply", "kollen"]);
      writeFileSync(join(dir, "first-admin.sql"), kollen(["admin", "user", "add", "--username", "chef", "--role", "admin", "--print-sql"], { KOLLEN_PASSWORD: PASSWORD }));
      wrangler(["d1", "execute", "kollen", "--file", join(dir, "first-admin.sql")]);
      const out = wrangler(["d1", "execute", "kollen", "--json", "--command", "select username, roles from users"]);
      expect(JSON.parse(out)[0].results).toEqual([{ username: "chef", roles: '["admin"]' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the scheduled sweep removes unreferenced uploads and expired rows, and keeps what a row points at", async () => {
    const secret = kollen(["admin", "receipt-key", "new", "--format", "wrangler-secret"]).trim();
    const w = await worker({ RECEIPT_PRIVATE_JWK: secret });
    const scheduled = (await w.mf.getWorker()) as unknown as { scheduled(o: { cron: string }): Promise<{ outcome: string }> };
    expect((await scheduled.scheduled({ cron: "17 * * * *" })).outcome).toBe("ok");

    const bucket = await w.r2();
    await bucket.put("uploads/left-over.kollen", new Uint8Array([1, 2, 3]));
    await bucket.put("uploads/kept.kollen", new Uint8Array([4, 5, 6]));
    const deps = await workersDeps({ DB: await w.d1(), BLOBS: bucket, RECEIPT_PRIVATE_JWK: secret });
    deps.db = d1Db(await w.d1());
    await deps.db.orm.insert(submissions).values({ id: "s1", packageSha256: "a".repeat(64), packageId: "p1", organisation: "2120000142", campaign: "c", surveyModelId: "m", createdAt: new Date(), receivedAt: new Date(), status: "verified", reasons: "[]", covers: "[]", flags: "[]", signers: "[]", via: "upload", blobKey: "uploads/kept.kollen", size: 3 });
    const hour = 3600 * 1000;
    await deps.db.orm.insert(sessions).values({ tokenHash: "b".repeat(64), userId: "u", csrf: "c", createdAt: new Date(), lastSeenAt: new Date(), expiresAt: new Date(Date.now() + hour) });
    // too young to be a leftover: an upload may still be in progress; the session has not expired
    expect(await sweep({ BLOBS: bucket }, deps)).toEqual({ blobsDeleted: 0, retained: 0, sessionsDeleted: 0, invitesDeleted: 0 });
    deps.clock = { now: () => new Date(Date.now() + 24 * 3600 * 1000) };
    expect(await sweep({ BLOBS: bucket }, deps)).toEqual({ blobsDeleted: 1, retained: 0, sessionsDeleted: 1, invitesDeleted: 0 });
    expect((await bucket.list({ prefix: "uploads/" })).objects.map((o) => o.key)).toEqual(["uploads/kept.kollen"]);
  });

  it("the sweep asks about more leftovers than one statement may bind (D1: 100 parameters) in slices", async () => {
    const secret = kollen(["admin", "receipt-key", "new", "--format", "wrangler-secret"]).trim();
    const w = await worker({ RECEIPT_PRIVATE_JWK: secret });
    const bucket = await w.r2();
    const keys = Array.from({ length: 150 }, (_, i) => `uploads/left-${String(i).padStart(3, "0")}.kollen`);
    for (const k of keys) await bucket.put(k, new Uint8Array([1]));
    const deps = await workersDeps({ DB: await w.d1(), BLOBS: bucket, RECEIPT_PRIVATE_JWK: secret });
    deps.db = d1Db(await w.d1());
    // the last one is a stored package's blob, in the second slice
    await deps.db.orm.insert(submissions).values({ id: "s1", packageSha256: "a".repeat(64), packageId: "p1", organisation: "2120000142", campaign: "c", surveyModelId: "m", createdAt: new Date(), receivedAt: new Date(), status: "verified", reasons: "[]", covers: "[]", flags: "[]", signers: "[]", via: "upload", blobKey: keys.at(-1)!, size: 1 });
    deps.clock = { now: () => new Date(Date.now() + 24 * 3600 * 1000) };
    expect((await sweep({ BLOBS: bucket }, deps)).blobsDeleted).toBe(149);
    expect((await bucket.list({ prefix: "uploads/" })).objects.map((o) => o.key)).toEqual([keys.at(-1)]);
  });
});
