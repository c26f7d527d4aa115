/**
 * Authentication and authorisation for the staff routes (DESIGN.md § Server; docs/OPERATIONS.md § Staff accounts, roles and sessions):
 * `authSession(deps)` (mounted once by createApp) reads the session cookie; `requireRole(...)`
 * answers 401 UNAUTHORIZED without a session and 403 FORBIDDEN without one of the roles;
 * `csrfProtect()` guards state-changing requests from the browser; `actor(c)` names the signed-in
 * user in the audit log.
 *
 * @example
 * new Hono().use("*", requireRole("supervisor"), csrfProtect()).get("/", (c) => c.json(c.get("user")))
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { KollenError } from "../../schemas/errors.ts";
import type { AppDeps } from "../ports.ts";
import { cookieNames, loadSession, type SessionInfo } from "./session.ts";
import type { Role, SessionUser } from "./session-user.ts";

declare module "hono" {
  interface ContextVariableMap {
    user: SessionUser;
    session: SessionInfo;
    /** set by authSession: what csrfProtect needs to know about the deployment */
    authIssuer: string;
  }
}

/** Reads the session cookie (if any) of every request; mounted once, before the routes. */
export function authSession(deps: AppDeps): MiddlewareHandler {
  return async (c, next) => {
    c.set("authIssuer", deps.config.issuer);
    const found = await loadSession(c, deps);
    if (found) {
      c.set("user", found.user);
      c.set("session", found.session);
    }
    await next();
  };
}

/**
 * Lets the request through only with a session whose user has one of `roles`.
 * @throws KollenError UNAUTHORIZED (401) without a session, FORBIDDEN (403) with none of the roles
 */
export function requireRole(...roles: Role[]): MiddlewareHandler {
  return async (c, next) => {
    const user = c.get("user") as SessionUser | undefined;
    if (!user) throw new KollenError("UNAUTHORIZED", "log in first");
    if (!user.roles.some((r) => roles.includes(r))) throw new KollenError("FORBIDDEN", "this account does not have the role for this");
    c.header("cache-control", "no-store");
    await next();
  };
}

/** The signed-in user as the audit log names the actor of a staff route. */
export const actor = (c: Context): string => `user:${c.get("user").id}`;

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

function originOk(c: Context): boolean {
  const origin = c.req.header("origin");
  // with Referrer-Policy: no-referrer (../web/headers.ts) browsers send `Origin: null` on form
  // posts; Sec-Fetch-Site then says where the request came from
  if (origin === "null") return c.req.header("sec-fetch-site") === "same-origin";
  if (origin !== undefined) {
    const own = new URL(c.req.url).origin;
    let issuer: string | undefined;
    try {
      issuer = new URL(c.get("authIssuer") ?? "").origin;
    } catch {
      issuer = undefined;
    }
    return origin === own || origin === issuer;
  }
  const site = c.req.header("sec-fetch-site");
  return site === undefined || site === "same-origin" || site === "none";
}

/** The token the request carries: the `x-csrf-token` header, or the `csrf` field of a form. */
async function presented(c: Context): Promise<string | undefined> {
  const header = c.req.header("x-csrf-token");
  if (header) return header;
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
    const body = await c.req.parseBody();
    return typeof body.csrf === "string" ? body.csrf : undefined;
  }
  return undefined;
}

function equal(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return d === 0;
}

/**
 * CSRF protection for POST/PUT/PATCH/DELETE: the Origin (or Sec-Fetch-Site) must be this site,
 * and the request must carry the CSRF token — the session's (synchronizer token) when logged in,
 * otherwise the pre-login cookie's (double submit). With `preLogin` (the login route) the pre-login
 * cookie's is taken beside the session's, so a browser that still holds a session can log in again
 * from the login page.
 * @throws KollenError CSRF_INVALID (403)
 */
export function csrfProtect(opts: { preLogin?: boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    if (!originOk(c)) throw new KollenError("CSRF_INVALID", "cross-site request refused");
    const session = c.get("session") as SessionInfo | undefined;
    const preLogin = getCookie(c, cookieNames(c).csrf);
    const expected = session ? [session.csrf, ...(opts.preLogin && preLogin ? [preLogin] : [])] : preLogin ? [preLogin] : [];
    const given = await presented(c);
    if (!given || !expected.some((e) => equal(e, given))) throw new KollenError("CSRF_INVALID", "missing or wrong CSRF token");
    await next();
  };
}
