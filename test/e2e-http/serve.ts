/** `kollen serve` as a child process on an ephemeral loopback port, for the HTTP end-to-end suites. */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

export const BIN = resolve("bin/kollen.mjs");

/** Starts the compiled server on `dir/data`; resolves with the process, the address it printed, what it printed (stdout) and its log (stderr, read as it comes so a long run never blocks on a full pipe). */
export function startServer(dir: string, env: Record<string, string> = {}): Promise<{ server: ChildProcess; url: string; output(): string; log(): string }> {
  const server = spawn(process.execPath, [BIN, "serve", "--data", "data", "--port", "0"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let log = "";
  server.stderr!.on("data", (d: Buffer) => void (log += d.toString()));
  return new Promise((res, rej) => {
    let out = "";
    server.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) res({ server, url: m[1]!, output: () => out, log: () => log });
    });
    server.once("exit", (code, signal) => rej(new Error(`server exited before listening: ${code ?? signal}`)));
  });
}

/** Stops a server started by startServer (if it still runs) and waits for it to exit. */
export async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await exited;
}
