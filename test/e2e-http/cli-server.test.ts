/**
 * End to end over real HTTP with the compiled CLI, the operator's walk-through of docs/OPERATIONS.md:
 * admin init (DEV) → registry → `kollen serve` as its own process → pack with the served keyring →
 * submit → the receipt verifies against the JWKS → status by receipt; plus the transport refusals
 * that only a socket can show (413 before reading, slow-loris 408, a client that vanishes mid-upload).
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, startServer, stopServer } from "./serve.ts";
import { createLocalJWKSet, jwtVerify } from "jose";

const EXAMPLE = resolve("examples/result-infosakkollen.json");
const ORG = JSON.parse(readFileSync(EXAMPLE, "utf8")).organisation as string;
const CAMPAIGN = JSON.parse(readFileSync(EXAMPLE, "utf8")).campaign as string;
let dir: string;
let server: ChildProcess;
let url: string;

function kollen(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A raw HTTP request on a socket: the answer's first line and whether the server closed. */
function raw(head: string, body: Uint8Array, opts: { destroyAfterMs?: number } = {}): Promise<{ statusLine: string; text: string }> {
  const u = new URL(url);
  return new Promise((res) => {
    const s = connect(Number(u.port), u.hostname);
    let text = "";
    s.on("data", (d) => (text += d.toString()));
    s.on("close", () => res({ statusLine: text.split("\r\n")[0] ?? "", text }));
    s.on("error", () => {});
    s.write(head);
    s.write(body);
    if (opts.destroyAfterMs !== undefined) setTimeout(() => s.destroy(), opts.destroyAfterMs);
  });
}

const storedCount = () => JSON.parse(kollen("admin", "submissions", "--data", "data", "--json").out).length as number;
const tmpBlobs = () => (existsSync(join(dir, "data/blobs/tmp")) ? readdirSync(join(dir, "data/blobs/tmp")) : []);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kollen-e2e-http-"));
  const init = kollen("admin", "init", "--data", "data");
  expect(init.code).toBe(0);
  expect(init.out.split("\n")).toContainEqual(expect.stringMatching(/^age1[0-9a-z]{58}$/));
  expect(init.err).toContain("NOT FOR PRODUCTION");
  expect(statSync(join(dir, "data/DEV-authority-identity.txt")).mode & 0o777).toBe(0o600);
  expect(statSync(join(dir, "data/keys/receipt.private.jwk")).mode & 0o777).toBe(0o600);
  expect(kollen("admin", "init", "--data", "data").code).toBe(1); // never twice

  // small limits so the transport tests stay fast
  const cfg = JSON.parse(readFileSync(join(dir, "data/config.json"), "utf8"));
  writeFileSync(join(dir, "data/config.json"), JSON.stringify({ ...cfg, maxPackageBytes: 1024 * 1024, bodyTimeoutMs: 1500 }));

  expect(kollen("admin", "org", "add", "--data", "data", "--org", ORG, "--name", "Exempel kommun").code).toBe(0);
  expect(kollen("keygen", "signer", "--org", ORG, "-o", "ciso.jwk").code).toBe(0);
  expect(kollen("admin", "signer", "add", "--data", "data", "--org", ORG, "--jwk", "ciso.jwk").code).toBe(1); // the private half is refused
  expect(kollen("admin", "signer", "add", "--data", "data", "--org", ORG, "--jwk", "ciso.jwk.pub").code).toBe(0);
  expect(kollen("admin", "campaign", "add", "--data", "data", "--id", CAMPAIGN, "--survey", "infosakkollen-example", "--closes", "2099-01-01").code).toBe(0);
  ({ server, url } = await startServer(dir));
}, 60_000);

afterAll(() => stopServer(server));

describe("kollen serve + kollen submit over HTTP", () => {
  let receipt: string;
  let submissionId: string;

  it("pack with the served keyring → submit → receipt verifies against the JWKS → status", async () => {
    const keyring = await (await fetch(`${url}/api/v1/recipients`)).text();
    writeFileSync(join(dir, "keyring.jws"), keyring);
    const p = kollen("pack", "--org", ORG, "--campaign", CAMPAIGN, "--result", EXAMPLE, "--signer", "ciso.jwk", "--keyring", "keyring.jws", "-o", "result.kollen");
    expect(p.code, p.err).toBe(0);

    const s = kollen("submit", "result.kollen", "--server", url);
    expect(s.code, s.err).toBe(0);
    receipt = readFileSync(join(dir, "result.kollen.receipt.jws"), "utf8").trim();
    expect(s.out.trim()).toBe(receipt);

    const jwks = await (await fetch(`${url}/.well-known/jwks.json`)).json();
    const { payload } = await jwtVerify(receipt, createLocalJWKSet(jwks), { algorithms: ["EdDSA"] });
    expect(payload).toMatchObject({ organisation: ORG, campaign: CAMPAIGN, status: "verified" });
    submissionId = payload.submissionId as string;

    const status = await fetch(`${url}/api/v1/submissions/${submissionId}`, { headers: { authorization: `Bearer ${receipt}` } });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ submissionId, status: "verified" });
    expect((await fetch(`${url}/api/v1/submissions/${submissionId}`)).status).toBe(404);
  });

  it("submitting again is safe: same submission, same receipt, nothing new stored", () => {
    const s = kollen("submit", "result.kollen", "--server", url);
    expect(s.code).toBe(0);
    expect(s.err).toContain("already received");
    expect(s.out.trim()).toBe(receipt);
    expect(storedCount()).toBe(1);
  });

  it("a tampered package is refused with its code and exit 1", () => {
    const bytes = readFileSync(join(dir, "result.kollen"));
    bytes[Math.floor(bytes.length * 0.6)]! ^= 1; // inside payload.age
    writeFileSync(join(dir, "tampered.kollen"), bytes);
    const s = kollen("submit", "tampered.kollen", "--server", url, "--retries", "0");
    expect(s.code).toBe(1);
    expect(s.err).toContain("[PAYLOAD_DIGEST_MISMATCH]");
    expect(existsSync(join(dir, "tampered.kollen.receipt.jws"))).toBe(false);
    expect(storedCount()).toBe(1);
  });

  it("413 before the body is read, also through the CLI", async () => {
    writeFileSync(join(dir, "huge.kollen"), new Uint8Array(3 * 1024 * 1024));
    const s = kollen("submit", "huge.kollen", "--server", url, "--retries", "0");
    expect(s.code).toBe(1);
    expect(s.err).toContain("[PACKAGE_TOO_LARGE]");
    const r = await raw(`POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/vnd.kollen.package\r\nContent-Length: 999999999\r\n\r\n`, new Uint8Array(0));
    expect(r.statusLine).toBe("HTTP/1.1 413 Payload Too Large");
    expect(r.text).toContain('"code":"PACKAGE_TOO_LARGE"');
  });

  it("a slow-loris body gets 408 and the connection is closed", async () => {
    const t = Date.now();
    const r = await raw(`POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n`, readFileSync(join(dir, "result.kollen")).subarray(0, 2048));
    expect(r.statusLine).toBe("HTTP/1.1 408 Request Timeout");
    expect(r.text).toContain('"code":"BODY_TIMEOUT"');
    expect(Date.now() - t).toBeLessThan(10_000);
    expect(tmpBlobs()).toEqual([]);
  });

  it("a client that vanishes mid-upload leaves nothing behind", async () => {
    const pkg = readFileSync(join(dir, "result.kollen"));
    await raw(`POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: ${pkg.length + 10}\r\n\r\n`, pkg.subarray(0, 30_000), { destroyAfterMs: 100 });
    await new Promise((r) => setTimeout(r, 300));
    expect(tmpBlobs()).toEqual([]);
    expect(storedCount()).toBe(1);
  });

  it("the operator sees the submission, and registers one that came on paper", () => {
    const table = kollen("admin", "submissions", "--data", "data");
    expect(table.code).toBe(0);
    expect(table.out).toMatch(new RegExp(`${submissionId}\\s+\\d{6}-\\d{4}\\s+${CAMPAIGN}\\s+verified`));
    expect(kollen("admin", "org", "add", "--data", "data", "--org", "212000-0027", "--name", "Pappers kommun").code).toBe(0);
    const reg = kollen("admin", "submissions", "register", "--data", "data", "--org", "212000-0027", "--campaign", CAMPAIGN, "--channel", "paper", "--note", "inkom per post");
    expect(reg.code, reg.err).toBe(0);
    const rows = JSON.parse(kollen("admin", "submissions", "--data", "data", "--json").out) as Array<{ organisation: string; via: string; status: string }>;
    expect(rows).toContainEqual(expect.objectContaining({ organisation: "2120000027", via: "manual", status: "received" }));
    expect(kollen("admin", "submissions", "register", "--data", "data", "--org", "212000-0027", "--campaign", CAMPAIGN, "--channel", "fax").code).toBe(2);
  });
});
