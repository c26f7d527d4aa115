/** The HTTP server: @hono/node-server on host:port. */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `app` on host:port (port 0 = any free port).
 * @example const s = await startNodeServer(app, { port: 8080, host: "127.0.0.1" })
 */
export function startNodeServer(app: Hono, opts: { port: number; host: string; requestTimeoutMs?: number }): Promise<RunningServer> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, (info: AddressInfo) => {
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolvePromise({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((res) => {
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => res());
          }),
      });
    });
    const s = server as unknown as { requestTimeout: number; headersTimeout: number; on(e: string, f: (e: unknown) => void): void };
    // Node's own guards against slow clients, beyond the app's body deadline
    s.headersTimeout = 30_000;
    s.requestTimeout = opts.requestTimeoutMs ?? 0;
    s.on("error", reject);
  });
}

