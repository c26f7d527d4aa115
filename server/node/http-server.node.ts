/**
 * The HTTP server: @hono/node-server on host:port. Requests Node's parser refuses before the app sees
 * them (a malformed Content-Length, Content-Length with Transfer-Encoding, oversized headers) are
 * answered as problem+json too, like every other refusal.
 */
import type { Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { problemFor, PROBLEM_CONTENT_TYPE } from "../lib/problem.ts";
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
    (server as unknown as Server).on("clientError", answerClientError);
  });
}


/** Node's parser errors that get an answer, by status; the rest (a reset, a closed socket) just close. */
const PARSE_STATUS: Record<string, { status: number; text: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, text: "Request Header Fields Too Large" },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, text: "Request Timeout" },
};

/**
 * Answers a request Node's HTTP parser refused (node:http `clientError`) with a problem+json 400
 * (431 for oversized headers, 408 for a header timeout), then closes the connection.
 */
function answerClientError(e: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || e.code === "ECONNRESET" || e.code === "EPIPE") {
    socket.destroy();
    return;
  }
  const { status, text } = PARSE_STATUS[e.code ?? ""] ?? { status: 400, text: "Bad Request" };
  const problem = { ...problemFor(status === 408 ? "BODY_TIMEOUT" : "BAD_INPUT", "the HTTP request could not be parsed"), status };
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n${body}`,
  );
}
