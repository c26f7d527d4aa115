/**
 * docs/OPERATIONS.md § Cloudflare Workers, run locally as an operator would, from nothing to a first
 * receipt: `npm run dev:workers` (wrangler dev on workerd, local D1 and R2, the migrations applied),
 * the two secrets made with the commands the page lists (`kollen admin receipt-key new --format
 * wrangler-secret`, `openssl rand -base64 32`) in a secrets file in place of `wrangler secret put`, the
 * first admin through the bootstrap secret, the registry through /api/v1/admin, `kollen pack` and
 * `kollen submit` against it, the receipt checked against the JWKS, and the scheduled sweep triggered by
 * the local URL the page gives. Everything lives in a temporary folder (`--persist-to`, `--vars`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createLocalJWKSet, jwtVerify, type JWK } from "jose";
import { createKeyring } from "../../keys/keyring.ts";
import { DEV_KEYRING_PRIVATE_JWK } from "../../keys/dev/index.ts";
import { recipientKeyId } from "../../client-kit/age/index.ts";

const BIN = resolve("bin/kollen.mjs");
const EXAMPLE = resolve("examples/result-infosakkollen.json");
const { organisation: ORG, campaign: CAMPAIGN } = JSON.parse(readFileSync(EXAMPLE, "utf8")) as { organisation: string; campaign: string };
const PASSWORD = "Rätt-lösenord-2026!";

let dir: string;
let dev: ChildProcess;
let url: string;
let log = "";

const kollen = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`kollen ${args[0]} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
};

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kollen-dev-workers-"));
  // the secrets, made as the page makes them for `wrangler secret put`, in the local secrets file
  const receiptKey = kollen("admin", "receipt-key", "new", "--format", "wrangler-secret").trim();
  const bootstrap = execFileSync("openssl", ["rand", "-base64", "32"], { encoding: "utf8" }).trim();
  writeFileSync(join(dir, "dev.vars"), `RECEIPT_PRIVATE_JWK='${receiptKey}'\nBOOTSTRAP_TOKEN='${bootstrap}'\n`, { mode: 0o600 });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  dev = spawn("npm", ["run", "dev:workers", "--", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", join(dir, "state"), "--vars", join(dir, "dev.vars"), "--show-interactive-dev-session=false", "--test-scheduled", "--pages-built"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
  });
  await new Promise<void>((res, rej) => {
    const seen = (d: Buffer) => {
      log += d.toString();
      if (/Ready on http/.test(log)) res();
    };
    dev.stdout!.on("data", seen);
    dev.stderr!.on("data", seen);
    dev.on("exit", (code) => rej(new Error(`dev:workers exited ${code}: ${log.slice(-2000)}`)));
  });
}, 180_000);

afterAll(async () => {
  if (dev?.pid && dev.exitCode === null) {
    const exited = new Promise((r) => dev.once("exit", r));
    process.kill(-dev.pid, "SIGTERM"); // npm, the script, wrangler and workerd: the group this test started
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run dev:workers, from nothing to a first receipt", () => {
  it("bootstrap secret → registry through the API → kollen pack + submit → receipt; the sweep runs", async () => {
    const bootstrapToken = /BOOTSTRAP_TOKEN='([^']+)'/.exec(readFileSync(join(dir, "dev.vars"), "utf8"))![1]!;
    const origin = { origin: url };
    const boot = await fetch(`${url}/api/v1/auth/bootstrap`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: bootstrapToken, username: "chef", password: PASSWORD }) });
    expect(boot.status, await boot.clone().text()).toBe(201);
    const cookie = boot.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const { csrf } = (await boot.json()) as { csrf: string };
    const admin = (path: string, body: unknown) => fetch(`${url}/api/v1/admin/${path}`, { method: "POST", headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf, ...origin }, body: JSON.stringify(body) });

    // the registry, as the admin: the authority's keyring (here a DEV one), the organisation, its signer, the campaign
    const recipient = kollen("keygen", "recipient", "-o", "authority.txt").trim();
    const jws = await createKeyring({ format: "kollen-keyring/1", authority: { name: "MSB", id: "msb" }, issuedAt: "2026-01-01T00:00:00Z", recipients: [{ id: await recipientKeyId(recipient), recipient, status: "current" }] }, DEV_KEYRING_PRIVATE_JWK as JWK);
    expect((await admin("keyring", { jws })).status).toBe(201);
    expect((await admin("organisations", { orgnr: ORG, name: "Exempel kommun" })).status).toBe(201);
    kollen("keygen", "signer", "--org", ORG, "-o", "ciso.jwk");
    expect((await admin("signers", { orgnr: ORG, jwk: JSON.parse(readFileSync(join(dir, "ciso.jwk.pub"), "utf8")) })).status).toBe(201);
    expect((await admin("campaigns", { id: CAMPAIGN, surveyModelId: "infosakkollen-example", opensAt: "2026-01-01T00:00:00Z", closesAt: "2099-01-01T00:00:00Z" })).status).toBe(201);

    // an organisation submits and gets its receipt
    writeFileSync(join(dir, "keyring.jws"), await (await fetch(`${url}/api/v1/recipients`)).text());
    kollen("pack", "--org", ORG, "--campaign", CAMPAIGN, "--result", EXAMPLE, "--signer", "ciso.jwk", "--keyring", "keyring.jws", "-o", "result.kollen");
    const receipt = kollen("submit", "result.kollen", "--server", url).trim();
    const jwks = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
    const { payload } = await jwtVerify(receipt, createLocalJWKSet(jwks), { algorithms: ["EdDSA"] });
    expect(payload).toMatchObject({ organisation: ORG, campaign: CAMPAIGN, status: "verified" });

    // the secret opened the door once
    const again = await fetch(`${url}/api/v1/auth/bootstrap`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: bootstrapToken, username: "andra", password: PASSWORD }) });
    expect([again.status, ((await again.json()) as { code: string }).code]).toEqual([409, "BOOTSTRAP_USED"]);

    // the cron's handler, as the page says to trigger it locally
    const scheduled = await fetch(`${url}/__scheduled?cron=17+*+*+*+*`);
    expect([scheduled.status, await scheduled.text()]).toEqual([200, "Ran scheduled event"]);
    await expect.poll(() => log, { timeout: 10_000 }).toMatch(/"event":"sweep"/);
    expect(log).not.toContain(bootstrapToken);
  });
});
