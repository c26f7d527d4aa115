/**
 * The authority's own links: `kollen admin invite --all-unkeyed` for a registry of 300 organisations
 * writes 300 single-use links bound to their organisationsnummer (under 5 s), and over real HTTP each
 * link works once, for its organisation only.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BIN, startServer } from "./serve.ts";

const CAMPAIGN = "infosak-2026";
let dir: string;
let server: ChildProcess | undefined;
let url: string;

function kollen(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** 212000NNNC: a kommun's number with its Luhn check digit. */
function kommun(n: number): string {
  const body = `212000${String(n).padStart(3, "0")}`;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(body[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

async function accept(link: string, orgnr: string): Promise<{ status: number; code?: string }> {
  const token = new URL(link).pathname.split("/").pop()!;
  const publicJwk = await exportJWK((await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true })).publicKey);
  const res = await fetch(`${url}/api/v1/invites/${token}/accept`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ organisationsnummer: orgnr, name: "Kommun", publicJwk }) });
  const body = (await res.json()) as { code?: string };
  return { status: res.status, ...(body.code ? { code: body.code } : {}) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kollen-admin-invite-"));
  expect(kollen("admin", "init", "--data", "data", "--issuer", "http://127.0.0.1").code).toBe(0);
  expect(kollen("admin", "campaign", "add", "--data", "data", "--id", CAMPAIGN, "--survey", "infosakkollen-example", "--closes", "2099-01-01").code).toBe(0);
  // the registry as an import would leave it: 300 municipalities, one of them with a key already
  const db = new Database(join(dir, "data/kollen.sqlite"));
  const add = db.prepare("insert into organisations (orgnr, name, actor_group, created_at) values (?, ?, 'municipality', ?)");
  db.transaction(() => {
    for (let n = 1; n <= 300; n++) add.run(kommun(n), `Kommun ${n}`, Date.now());
  })();
  db.close();
  expect(kollen("keygen", "signer", "--org", kommun(300), "-o", "k300.jwk").code).toBe(0);
  expect(kollen("admin", "signer", "add", "--data", "data", "--org", kommun(300), "--jwk", "k300.jwk.pub").code).toBe(0);
}, 60_000);

afterAll(() => {
  server?.kill("SIGKILL");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("writes one link per unkeyed organisation; each works once, for its organisation only", async () => {
  const t = performance.now();
  const r = kollen("admin", "invite", "--data", "data", "--campaign", CAMPAIGN, "--all-unkeyed", "-o", "links.csv");
  const seconds = (performance.now() - t) / 1000;
  expect(r.code, r.err).toBe(0);
  console.log(`kollen admin invite --all-unkeyed: ${seconds.toFixed(2)} s including process start`); // a figure, not an assertion: speed is benchmarked, not tested
  const rows = readFileSync(join(dir, "links.csv"), "utf8").trimEnd().split("\r\n");
  expect(rows[0]).toBe("organisationsnummer,namn,länk,giltig_till");
  const links = rows.slice(1).map((line) => {
    const [orgnr, , link] = JSON.parse(`[${line}]`) as string[];
    return { orgnr: orgnr!.replace("-", ""), link: link! };
  });
  expect(links).toHaveLength(299); // the organisation with a key gets none
  expect(links.map((l) => l.orgnr)).not.toContain(kommun(300));
  expect(new Set(links.map((l) => l.link)).size).toBe(299);
  expect(kollen("admin", "invite", "--data", "data", "--campaign", CAMPAIGN, "--all-unkeyed", "-o", "links.csv").err).toContain("[OUTPUT_EXISTS]");

  ({ server, url } = await startServer(dir));
  expect(await accept(links[0]!.link, links[1]!.orgnr)).toEqual({ status: 403, code: "INVITE_WRONG_ORGANISATION" });
  for (const { orgnr, link } of links) expect((await accept(link, orgnr)).status).toBe(201);
  // used: the organisation has its key now, and nobody else may use its link
  expect(await accept(links[0]!.link, links[0]!.orgnr)).toEqual({ status: 409, code: "CONFLICT" });
  expect(await accept(links[5]!.link, "5560000001")).toEqual({ status: 403, code: "INVITE_WRONG_ORGANISATION" });
  process.stdout.write(`admin invite: ${links.length} links in ${seconds.toFixed(2)} s (process start included)\n`);
}, 120_000);

it("refuses a bad selection with a usage error and an unknown organisation with its code", () => {
  expect(kollen("admin", "invite", "--data", "data", "--campaign", CAMPAIGN, "-o", "x.csv").code).toBe(2);
  expect(kollen("admin", "invite", "--data", "data", "--campaign", CAMPAIGN, "--group", "kommun", "--all-unkeyed", "-o", "x.csv").code).toBe(2);
  expect(kollen("admin", "invite", "--data", "data", "--campaign", CAMPAIGN, "--group", "landsting", "-o", "x.csv").code).toBe(2);
  const unknown = kollen("admin", "invite", "--data", "data", "--campaign", CAMPAIGN, "--org", "5560000001", "-o", "x.csv");
  expect(unknown.code).toBe(1);
  expect(unknown.err).toContain("[NOT_FOUND]");
});
