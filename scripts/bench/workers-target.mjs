// `npm run bench:server -- --target workers`: the same uploads against the Worker on the local workerd
// (Miniflare, as `npm run test:workers` runs it), beside the Node figures. The Worker is the deployable
// bundle of `npm run bundle:workers` with D1 and R2 persisted on disk in the benchmark's folder; its
// registry is set up as an operator would on Workers: the first admin through BOOTSTRAP_TOKEN, then the
// keyring (the one the Node server serves), organisations, signers and the campaign through
// /api/v1/admin. A local simulator: the ratios say how the Worker's code path compares, not what
// Cloudflare's network will do.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { Agent } from "node:http";
import { join } from "node:path";

const ROOT = new URL("../..", import.meta.url).pathname;
const BUNDLE = join(ROOT, ".wrangler/deploy-bundle/entry.workers.js");
const MIGRATIONS = join(ROOT, "server/db/migrations");

/** True when the command line asks for the Workers target (`--target workers`). */
export function workersTargetRequested(args = process.argv.slice(2)) {
  const i = args.indexOf("--target");
  return i >= 0 && args[i + 1] === "workers";
}

function migrationStatements() {
  return readdirSync(MIGRATIONS)
    .filter((n) => n.endsWith(".sql"))
    .sort()
    .flatMap((f) => readFileSync(join(MIGRATIONS, f), "utf8").split("--> statement-breakpoint"))
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Bundles and starts the Worker on 127.0.0.1, applies the migrations and registers what the packages
 * need: `nodeUrl` the Node server's address (its keyring is installed as is), `signers` the
 * organisations' public signer JWKs by organisationsnummer, and the campaign's id and survey model id.
 * @returns {Promise<{ url: string, agent: import("node:http").Agent, stop(): Promise<void> }>}
 */
export async function startWorkersTarget({ dir, nodeUrl, signers, campaign, surveyModelId }) {
  process.env.WRANGLER_SEND_METRICS = "false";
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
  execFileSync(process.execPath, [join(ROOT, "scripts/bundle-workers.mjs")], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const { Miniflare } = await import("miniflare");
  const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, "wrangler.toml"), "utf8"))[1];
  const receipt = execFileSync(process.execPath, [join(ROOT, "bin/kollen.mjs"), "admin", "receipt-key", "new", "--format", "wrangler-secret"], { encoding: "utf8" }).trim();
  const token = randomBytes(32).toString("base64");
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    modules: true,
    scriptPath: BUNDLE,
    compatibilityDate,
    d1Databases: { DB: "kollen-bench" },
    r2Buckets: { BLOBS: "kollen-bench" },
    d1Persist: join(dir, "workers-d1"),
    r2Persist: join(dir, "workers-r2"),
    bindings: { AUTHORITY_NAME: "MSB", ISSUER: "kollen", RECEIPT_PRIVATE_JWK: receipt, BOOTSTRAP_TOKEN: token },
    cf: false,
    // the Worker's per-upload log lines would run through the report: only warnings and errors pass
    handleRuntimeStdio: (stdout, stderr) => {
      stdout.resume();
      stderr.pipe(process.stderr);
    },
    handleStructuredLogs: ({ level, message }) => {
      if (level === "error" || level === "warn") process.stderr.write(`${message}\n`);
    },
  });
  const url = (await mf.ready).origin;
  const db = await mf.getD1Database("DB");
  for (const s of migrationStatements()) await db.prepare(s).run();

  const send = async (path, body, headers = {}) => {
    const res = await fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json", origin: url, ...headers }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  const boot = await send("/api/v1/auth/bootstrap", { token, username: "bench", password: `Bänk-${token}` });
  const session = { cookie: boot.headers.getSetCookie().map((c) => c.split(";")[0]).join("; "), "x-csrf-token": (await boot.json()).csrf };
  await send("/api/v1/admin/keyring", { jws: await (await fetch(`${nodeUrl}/api/v1/recipients`)).text() }, session);
  for (const [orgnr, jwk] of Object.entries(signers)) {
    await send("/api/v1/admin/organisations", { orgnr, name: `Benchmark ${orgnr}` }, session);
    await send("/api/v1/admin/signers", { orgnr, jwk }, session);
  }
  await send("/api/v1/admin/campaigns", { id: campaign, surveyModelId }, session);
  // A connection per upload: workerd closes kept-alive connections that the client may just be
  // reusing (seen here as ECONNRESET "socket hang up" after some hundred uploads at concurrency 8).
  const agent = new Agent({ keepAlive: false, maxSockets: 64 });
  return { url, agent, stop: () => mf.dispose() };
}

/** The report's Workers lines: the Worker's figures and its ratio to the Node server's. */
export function workersReport({ node, workers, nSmall, nBig }) {
  const f = (n, d = 0) => n.toFixed(d);
  return [
    `Workers target (the deployable bundle on the local workerd through Miniflare, D1 and R2 on disk; a simulator — indicative):`,
    `  100 KiB (${nSmall}):   workerd ${f(workers.small.rps).padStart(6)} req/s   p50 ${f(workers.small.p50, 1).padStart(6)} ms   p99 ${f(workers.small.p99, 1).padStart(6)} ms   workerd/node ${f(workers.small.rps / node.small.rps, 2)}×`,
    `  64 MiB sequential (${nBig}):   workerd ${f(workers.big).padStart(6)} MB/s   workerd/node ${f(workers.big / node.big, 2)}×`,
    "",
  ];
}
