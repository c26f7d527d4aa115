/**
 * The client's address on Node, for login rate limiting: the socket's remote address as
 * @hono/node-server hands it over (a header such as X-Forwarded-For could be set by anyone). Behind
 * a reverse proxy every client shares the proxy's address, unless the operator says the proxy is
 * trusted (config `trustProxy`): then the address the proxy appended to X-Forwarded-For counts.
 */
import type { IncomingMessage } from "node:http";
import type { RequestContext } from "../ports.ts";

/** The remote address of the request's socket, or undefined outside @hono/node-server. */
export function nodeClientAddress(c: RequestContext): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? undefined;
}

/** An address as a proxy writes it: IPv4 or IPv6 characters only, short. */
const ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;

/**
 * Behind a trusted reverse proxy: the last address of X-Forwarded-For, the one the proxy itself
 * appended (earlier entries come from the client and prove nothing); the socket's otherwise.
 */
export function forwardedClientAddress(c: RequestContext): string | undefined {
  const last = c.req.header("x-forwarded-for")?.split(",").pop()?.trim();
  return last && ADDRESS.test(last) ? last : nodeClientAddress(c);
}
