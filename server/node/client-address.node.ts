/**
 * The client's address on Node, for login rate limiting: the socket's remote address as
 * @hono/node-server hands it over (a header such as X-Forwarded-For could be set by anyone). Behind
 * a reverse proxy every client shares the proxy's address; the per-username limit still holds.
 */
import type { IncomingMessage } from "node:http";
import type { RequestContext } from "../ports.ts";

/** The remote address of the request's socket, or undefined outside @hono/node-server. */
export function nodeClientAddress(c: RequestContext): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? undefined;
}
