/**
 * `kollen serve` as `npm start` runs it: a port in use is PORT_IN_USE with a hint (not "a bug in
 * kollen"), the port also comes from PORT, and a fresh DEV setup says what to do next (the first
 * account, the first campaign, where the questionnaire is).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const BIN = resolve("bin/kollen.mjs");
const dir = mkdtempSync(join(tmpdir(), "kollen-serve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((ok) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => ok({ server, port: (server.address() as { port: number }).port }));
  });
}

describe("kollen serve", () => {
  it("a port in use is PORT_IN_USE with the way out, exit 1", async () => {
    const { server, port } = await listen();
    try {
      const r = spawnSync(process.execPath, [BIN, "serve", "--data", join(dir, "a"), "--init-dev", "--port", String(port)], { encoding: "utf8", timeout: 60_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`kollen: error: [PORT_IN_USE] 127.0.0.1:${port} is in use by another program`);
      expect(r.stderr).toContain("hint: The port is already in use by another program. Choose another with --port, or with PORT in the environment.");
      expect(r.stderr).not.toContain("a bug in kollen");
    } finally {
      server.close();
    }
  }, 60_000);

  it("takes the port from PORT and, in a fresh DEV setup, says what to do next", async () => {
    const { server, port } = await listen();
    await new Promise<void>((r) => server.close(() => r())); // a free port
    const child = spawn(process.execPath, [BIN, "serve", "--data", join(dir, "b"), "--init-dev"], { env: { ...process.env, PORT: String(port) } });
    let out = "";
    try {
      await new Promise<void>((ok, fail) => {
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString("utf8");
          if (out.includes("admin invite")) ok();
        });
        child.on("exit", (code) => fail(new Error(`exited ${code}: ${out}`)));
      });
    } finally {
      child.kill("SIGTERM");
    }
    expect(out).toContain(`Kollen is listening on http://127.0.0.1:${port}`);
    expect(out).toContain(`answer:  http://127.0.0.1:${port}/besvara`);
    expect(out).toContain(`then log in at http://127.0.0.1:${port}/login`);
    expect(out).toContain(`npx kollen admin campaign add --data ${join(dir, "b")} --id infosakkollen-2026 --survey infosakkollen-example`);
  }, 60_000);
});
