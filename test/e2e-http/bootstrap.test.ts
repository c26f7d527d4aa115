/**
 * The first admin's bootstrap secret on Node (docs/OPERATIONS.md § Staff accounts): `kollen serve` with
 * KOLLEN_BOOTSTRAP_TOKEN made by `openssl rand -base64 32`, the first POST /api/v1/auth/bootstrap makes the
 * admin, the second is BOOTSTRAP_USED; a short secret stops the start with a usage error.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, startServer } from "./serve.ts";

const PASSWORD = "Rätt-lösenord-2026!";
let dir: string;
let server: ChildProcess | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kollen-bootstrap-"));
  expect(spawnSync(process.execPath, [BIN, "admin", "init", "--data", "data"], { cwd: dir }).status).toBe(0);
});
afterAll(() => {
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe("kollen serve with KOLLEN_BOOTSTRAP_TOKEN", () => {
  it("refuses to start with a short secret, naming the variable but not its value", () => {
    const r = spawnSync(process.execPath, [BIN, "serve", "--data", "data", "--port", "0"], { cwd: dir, encoding: "utf8", env: { ...process.env, KOLLEN_BOOTSTRAP_TOKEN: "kort-hemlis" } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("KOLLEN_BOOTSTRAP_TOKEN must be 32");
    expect(r.stderr + r.stdout).not.toContain("kort-hemlis");
  });

  it("the first use makes the admin; the second is BOOTSTRAP_USED", async () => {
    const token = randomBytes(32).toString("base64"); // the shape of `openssl rand -base64 32`, as OPERATIONS.md says
    const started = await startServer(dir, { KOLLEN_BOOTSTRAP_TOKEN: token });
    server = started.server;
    const post = (username: string) => fetch(`${started.url}/api/v1/auth/bootstrap`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, username, password: PASSWORD }) });
    const first = await post("chefen");
    expect(first.status).toBe(201);
    expect(((await first.json()) as { user: { roles: string[] } }).user.roles).toEqual(["admin"]);
    const second = await post("andra");
    expect([second.status, ((await second.json()) as { code: string }).code]).toEqual([409, "BOOTSTRAP_USED"]);
    expect(started.output()).toContain("/api/v1/auth/bootstrap");
    expect(started.output()).not.toContain(token);
    expect(started.log()).not.toContain(token);
  });
});
