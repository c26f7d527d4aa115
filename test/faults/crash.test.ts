/**
 * Crash consistency under load (`npm run test:faults`): `kollen serve` as its own process receives
 * concurrent uploads — mixed sizes, exact duplicates, supersedes, and replays of one signed package in
 * another tar framing — and is killed with SIGKILL at random moments, again and again. After the last
 * restart every receipt ever issued must name a stored, intact package; no blob may be without a row
 * nor a row without a blob; no temporary upload may be left; the audit chain must verify.
 *
 * Bounded: FAULT_KILLS rounds (default 20), a handful of uploads each, loopback only. Prints
 * `faults: uploads U, receipts R, kills K, losses L`.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { createLocalJWKSet, jwtVerify, type JWK } from "jose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildPackage } from "../../client-kit/package/build.ts";
import { resolveModel } from "../../client-kit/cli/files.node.ts";
import { BIN, startServer } from "../e2e-http/serve.ts";

const KILLS = Number(process.env.FAULT_KILLS ?? 20);
const ORGS = ["2120000142", "2120000027", "2120000035"];
const CAMPAIGN = "infosak-2026";
const EXAMPLE = readFileSync(resolve("examples/result-infosakkollen.json"));

let dir: string;
let server: ChildProcess | undefined;

function kollen(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`kollen ${args.join(" ")}: exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}

async function start(): Promise<string> {
  const started = await startServer(dir);
  server = started.server;
  return started.url;
}

async function kill(signal: NodeJS.Signals): Promise<void> {
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await exited;
}

/**
 * The same signed package in another tar framing: the first header's mtime changed, checksum fixed.
 * Since FORMAT.md rule O8 the server refuses it (PACKAGE_NOT_CANONICAL, no receipt, nothing stored):
 * it stays in the mix as a refusal racing the crashes.
 */
function reframed(pkg: Uint8Array, seconds: number): Uint8Array {
  const out = pkg.slice();
  const mtime = seconds.toString(8).padStart(11, "0");
  for (let i = 0; i < 11; i++) out[136 + i] = mtime.charCodeAt(i);
  for (let i = 148; i < 156; i++) out[i] = 0x20;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += out[i]!;
  const chk = sum.toString(8).padStart(6, "0");
  for (let i = 0; i < 6; i++) out[148 + i] = chk.charCodeAt(i);
  out[154] = 0;
  out[155] = 0x20;
  return out;
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kollen-faults-"));
  kollen("admin", "init", "--data", "data");
  for (const [i, org] of ORGS.entries()) {
    kollen("admin", "org", "add", "--data", "data", "--org", org, "--name", `Kommun ${i}`);
    kollen("keygen", "signer", "--org", org, "-o", `s${i}.jwk`);
    kollen("admin", "signer", "add", "--data", "data", "--org", org, "--jwk", `s${i}.jwk.pub`);
  }
  kollen("admin", "campaign", "add", "--data", "data", "--id", CAMPAIGN, "--survey", "infosakkollen-example", "--closes", "2099-01-01");
}, 60_000);

afterAll(async () => {
  await kill("SIGKILL");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it(`keeps every receipt's package through ${KILLS} SIGKILLs under concurrent uploads`, async () => {
  const recipient = readFileSync(join(dir, "data/DEV-authority-identity.txt"), "utf8").match(/public key: (age1[0-9a-z]+)/)?.[1];
  expect(recipient).toBeDefined();
  const model = await resolveModel("infosakkollen-example");
  const signers = ORGS.map((_, i) => JSON.parse(readFileSync(join(dir, `s${i}.jwk`), "utf8")) as JWK);
  const sizes = [0, 2_000, 100_000, 1_500_000];
  let created = Date.parse("2026-03-01T10:00:00Z");
  const make = (round: number, k: number) => {
    const size = sizes[(round + k) % sizes.length]!;
    return buildPackage({
      result: EXAMPLE.subarray(0),
      attachments: size > 0 ? [{ name: "bilaga.bin", bytes: new Uint8Array(size).fill(round + k) }] : [],
      organisation: ORGS[k % ORGS.length]!,
      campaign: CAMPAIGN,
      surveyModel: { id: model.model.id, sha256: model.sha256 },
      signers: [{ kind: "jwk", privateJwk: signers[k % ORGS.length]! }],
      recipients: [recipient!],
      now: new Date((created += 1000)),
    });
  };

  const receipts: string[] = [];
  let uploads = 0;
  let kills = 0;
  let previous: Uint8Array[] = [];
  for (let round = 0; round < KILLS; round++) {
    const url = await start();
    const fresh = await Promise.all([0, 1, 2, 3].map((k) => make(round, k)));
    // new packages, an exact duplicate and a reframed replay of the last round's, all at once
    const batch = [...fresh, ...previous.slice(0, 1), ...previous.slice(1, 2).map((p) => reframed(p, round + 1))];
    previous = fresh;
    const sent = batch.map(async (body) => {
      uploads++;
      try {
        const res = await fetch(`${url}/api/v1/submissions`, { method: "POST", headers: { "content-type": "application/vnd.kollen.package" }, body: body as Uint8Array<ArrayBuffer> });
        const answer = (await res.json()) as { receipt?: string };
        if (answer.receipt) receipts.push(answer.receipt);
      } catch {
        // the server died mid-request: no receipt, nothing promised
      }
    });
    await new Promise((r) => setTimeout(r, 10 + Math.floor(Math.random() * 400)));
    await kill("SIGKILL");
    kills++;
    await Promise.all(sent);
  }

  // the last restart (it sweeps what a crash left), then a clean stop
  const url = await start();
  const jwks = createLocalJWKSet(await (await fetch(`${url}/.well-known/jwks.json`)).json());
  await kill("SIGTERM");

  const db = new Database(join(dir, "data/kollen.sqlite"), { readonly: true });
  const rows = db.prepare("select id, package_sha256 as sha, blob_key as blobKey, size from submissions where via = 'upload'").all() as Array<{ id: string; sha: string; blobKey: string; size: number }>;
  db.close();
  const blobDir = join(dir, "data/blobs");
  const stored = new Set(readdirSync(join(blobDir, "submissions")).map((f) => `submissions/${f}`));
  const temporary = existsSync(join(blobDir, "tmp")) ? readdirSync(join(blobDir, "tmp")) : [];

  let losses = 0;
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const receipt of receipts) {
    const { payload } = await jwtVerify(receipt, jwks, { algorithms: ["EdDSA"] });
    const row = byId.get(payload.submissionId as string);
    const bytes = row && stored.has(row.blobKey) ? readFileSync(join(blobDir, row.blobKey)) : undefined;
    if (!row || !bytes || row.sha !== payload.packageSha256 || sha256(bytes) !== row.sha || bytes.length !== row.size) losses++;
  }
  const rowsWithoutBlob = rows.filter((r) => !stored.has(r.blobKey)).length;
  const blobsWithoutRow = [...stored].filter((k) => !rows.some((r) => r.blobKey === k)).length;
  const audit = spawnSync(process.execPath, [BIN, "admin", "audit", "verify", "--data", "data"], { cwd: dir, encoding: "utf8" });

  process.stdout.write(`faults: uploads ${uploads}, receipts ${receipts.length}, kills ${kills}, losses ${losses}, rows ${rows.length}\n`);
  expect(kills).toBe(KILLS);
  expect(receipts.length).toBeGreaterThan(0);
  expect(losses).toBe(0);
  expect(rowsWithoutBlob).toBe(0);
  expect(blobsWithoutRow).toBe(0);
  expect(temporary).toEqual([]);
  expect(audit.status, audit.stdout + audit.stderr).toBe(0);
}, 300_000);
