/**
 * Load (`npm run test:load`): bounded concurrent submitters and staff logins against `kollen serve`
 * on loopback. Prints p50/p99 and error counts per kind and the server's peak RSS; nothing may fail
 * except by an intended limit (a wrong password is refused), and the server stays under 300 MiB.
 *
 * Bounded: LOAD_UPLOADS packages (default 200) by LOAD_CONCURRENCY submitters (default 8), and 40
 * logins four at a time, of which 8 with a wrong password.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { JWK } from "jose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { resolveModel } from "../../client-kit/cli/files.node.ts";
import { buildPackage } from "../../client-kit/package/build.ts";
import { BIN, startServer } from "../e2e-http/serve.ts";

const UPLOADS = Number(process.env.LOAD_UPLOADS ?? 200);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 8);
const ORGS = ["2120000142", "2120000027", "2120000035", "2120000043"];
const CAMPAIGN = "infosak-2026";
const PASSWORD = "lång-och-unik-lösenfras-för-last";

let dir: string;
let server: ChildProcess | undefined;

function kollen(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`kollen ${args.join(" ")}: exit ${r.status}: ${r.stderr}`);
}

async function start(): Promise<string> {
  const started = await startServer(dir);
  server = started.server;
  return started.url;
}

/** Peak resident set of the server process, from the kernel's own accounting (VmHWM). */
function peakRssMiB(pid: number): number {
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  return kb / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]!();
      }
    }),
  );
  return out;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kollen-load-"));
  kollen(["admin", "init", "--data", "data"]);
  for (const [i, org] of ORGS.entries()) {
    kollen(["admin", "org", "add", "--data", "data", "--org", org, "--name", `Kommun ${i}`]);
    kollen(["keygen", "signer", "--org", org, "-o", `s${i}.jwk`]);
    kollen(["admin", "signer", "add", "--data", "data", "--org", org, "--jwk", `s${i}.jwk.pub`]);
  }
  kollen(["admin", "campaign", "add", "--data", "data", "--id", CAMPAIGN, "--survey", "infosakkollen-example", "--closes", "2099-01-01"]);
  for (const name of ["granskare1", "granskare2"]) kollen(["admin", "user", "add", "--data", "data", "--username", name, "--role", "reviewer"], { KOLLEN_PASSWORD: PASSWORD });
}, 120_000);

afterAll(() => {
  server?.kill("SIGKILL");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("serves concurrent submitters and staff logins within bounds", async () => {
  const recipient = readFileSync(join(dir, "data/DEV-authority-identity.txt"), "utf8").match(/public key: (age1[0-9a-z]+)/)![1]!;
  const model = await resolveModel("infosakkollen-example");
  const result = readFileSync(resolve("examples/result-infosakkollen.json"));
  const signers = ORGS.map((_, i) => JSON.parse(readFileSync(join(dir, `s${i}.jwk`), "utf8")) as JWK);
  const packages: Uint8Array[] = [];
  for (let i = 0; i < UPLOADS; i++)
    packages.push(
      await buildPackage({
        result,
        attachments: [{ name: "bilaga.bin", bytes: new Uint8Array(i % 10 === 0 ? 1_000_000 : 20_000).fill(i) }],
        organisation: ORGS[i % ORGS.length]!,
        campaign: CAMPAIGN,
        surveyModel: { id: model.model.id, sha256: model.sha256 },
        signers: [{ kind: "jwk", privateJwk: signers[i % ORGS.length]! }],
        recipients: [recipient],
        now: new Date(Date.parse("2026-03-01T10:00:00Z") + i * 1000),
      }),
    );

  const url = await start();
  const pid = server!.pid!;
  const uploadMs: number[] = [];
  const uploadStatus = new Map<number, number>();
  const upload = (body: Uint8Array) => async () => {
    const t = performance.now();
    const res = await fetch(`${url}/api/v1/submissions`, { method: "POST", headers: { "content-type": "application/vnd.kollen.package" }, body: body as Uint8Array<ArrayBuffer> });
    await res.arrayBuffer();
    uploadMs.push(performance.now() - t);
    uploadStatus.set(res.status, (uploadStatus.get(res.status) ?? 0) + 1);
  };

  const loginMs: number[] = [];
  const loginStatus = new Map<number, number>();
  const login = (username: string, password: string) => async () => {
    const t = performance.now();
    const csrfRes = await fetch(`${url}/api/v1/auth/csrf`);
    const cookie = (csrfRes.headers.get("set-cookie") ?? "").split(";")[0]!;
    const { csrf } = (await csrfRes.json()) as { csrf: string };
    const res = await fetch(`${url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": csrf, cookie }, body: JSON.stringify({ username, password }) });
    await res.arrayBuffer();
    loginMs.push(performance.now() - t);
    loginStatus.set(res.status, (loginStatus.get(res.status) ?? 0) + 1);
  };
  const logins = Array.from({ length: 40 }, (_, i) => login(i % 2 ? "granskare1" : "granskare2", i % 5 === 4 ? "fel-lösenord" : PASSWORD));

  const t0 = performance.now();
  await Promise.all([pool(packages.map(upload), CONCURRENCY), pool(logins, 4)]);
  const wall = (performance.now() - t0) / 1000;
  const rss = peakRssMiB(pid);

  uploadMs.sort((a, b) => a - b);
  loginMs.sort((a, b) => a - b);
  const fmt = (m: Map<number, number>) => [...m].map(([s, n]) => `${s}×${n}`).join(" ");
  process.stdout.write(
    [
      `load: ${UPLOADS} uploads by ${CONCURRENCY} submitters and 40 logins in ${wall.toFixed(1)} s; server peak RSS ${rss.toFixed(0)} MiB`,
      `  uploads: p50 ${percentile(uploadMs, 50).toFixed(0)} ms, p99 ${percentile(uploadMs, 99).toFixed(0)} ms, ${(UPLOADS / wall).toFixed(0)} req/s; status ${fmt(uploadStatus)}`,
      `  logins:  p50 ${percentile(loginMs, 50).toFixed(0)} ms, p99 ${percentile(loginMs, 99).toFixed(0)} ms; status ${fmt(loginStatus)}`,
      "",
    ].join("\n"),
  );
  expect(uploadStatus.get(201)).toBe(UPLOADS); // every package is new: each one stored, none refused
  expect(loginStatus.get(200)).toBe(32);
  expect((loginStatus.get(401) ?? 0) + (loginStatus.get(429) ?? 0)).toBe(8); // only the wrong passwords
  expect(rss).toBeLessThan(300);
}, 300_000);
