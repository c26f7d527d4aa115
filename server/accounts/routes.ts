/**
 * /api/v1/auth: log in, log out, log out everywhere, who am I. The login takes JSON
 * (`{username, password}` → `{user, csrf}`) or the login page's form (→ 303 to the admin view, or
 * back to /login with the error code). Every state change is CSRF-checked: before login with the
 * double-submit cookie that GET /api/v1/auth/csrf (or the login page) sets, after it with the
 * session's token.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { KollenError, isKollenError } from "../../schemas/errors.ts";
import { BootstrapBody, CsrfToken, LoggedIn, LoginBody, Me } from "../../schemas/staff-api.ts";
import { bootstrapAdmin } from "./bootstrap.ts";
import { checkLogin } from "./login.ts";
import { csrfProtect, requireRole } from "./middleware.ts";
import { ROLES, type SessionUser } from "./session-user.ts";
import { endAllSessions, endSession, ensureLoginCsrf, startSession } from "./session.ts";
import { apiApp, CSRF, json, jsonBody, jsonRequest, problems, staffChange, staffRead, STAFF_PROBLEMS } from "../lib/openapi.ts";
import type { AppDeps } from "../ports.ts";
import { appendAudit } from "../audit/log.ts";

function isForm(c: Context): boolean {
  const t = (c.req.header("content-type") ?? "").toLowerCase();
  return t.startsWith("application/x-www-form-urlencoded") || t.startsWith("multipart/form-data");
}

/** The login form's refusals by a middleware (a stale page's CSRF token) go back to the login page with the code, as the handler's do. */
function toLoginPage(mw: MiddlewareHandler): MiddlewareHandler {
  return async (c, next) => {
    try {
      return await mw(c, next);
    } catch (e) {
      if (isForm(c) && isKollenError(e)) return c.redirect(`/login?error=${e.code}`, 303);
      throw e;
    }
  };
}

/** Where a browser goes after logging in: the first page its roles allow. */
export function homeOf(user: SessionUser): string {
  if (user.roles.includes("reviewer")) return "/admin";
  if (user.roles.includes("admin")) return "/admin";
  if (user.roles.includes("supervisor")) return "/supervisor";
  return "/admin";
}

const anyRole = requireRole(...ROLES);
const LOGIN_REQUIRED = "username and password are required";

const csrfRoute = createRoute({
  method: "get",
  path: "/csrf",
  summary: "The pre-login CSRF token; sets the double-submit cookie",
  responses: { 200: json(CsrfToken, "the token to send as x-csrf-token (or the csrf form field) with the login") },
});

const login = createRoute({
  method: "post",
  path: "/login",
  summary: "Log in with username and password (JSON → { user, csrf }; the login form → 303)",
  description: "Needs the pre-login CSRF token (x-csrf-token or the csrf form field). Sets the session cookie (HttpOnly, SameSite=Strict, Secure __Host- except on loopback http).",
  security: CSRF,
  middleware: [toLoginPage(csrfProtect({ preLogin: true })), jsonRequest({ forms: true, invalid: LOGIN_REQUIRED })] as const,
  // either media type: the validators run for the one the request names
  request: { body: { required: false, content: { "application/json": { schema: LoginBody }, "application/x-www-form-urlencoded": { schema: LoginBody } } } },
  responses: {
    200: json(LoggedIn, "logged in"),
    303: { description: "the login form: to the first page the account's roles allow, or back to /login?error=CODE" },
    ...problems({ 400: "BAD_INPUT", 401: "LOGIN_FAILED", 403: "CSRF_INVALID", 415: "UNSUPPORTED_MEDIA_TYPE", 429: "RATE_LIMITED" }),
  },
});

// No CSRF token: the bootstrap secret in the body is the credential, which no other site can know.
const bootstrap = createRoute({
  method: "post",
  path: "/bootstrap",
  summary: "The first admin, with the one-time bootstrap secret (JSON → { user, csrf }, logged in)",
  description: "Creates the first admin account with the username and password given (password policy applies) and starts its session. Works once: afterwards, or once any account exists, BOOTSTRAP_USED.",
  middleware: [jsonRequest()] as const,
  request: { body: jsonBody(BootstrapBody) },
  responses: {
    201: json(LoggedIn, "the first admin, logged in"),
    ...problems({ 400: "BAD_INPUT / PASSWORD_POLICY", 401: "BOOTSTRAP_INVALID: wrong secret, or none set", 409: "BOOTSTRAP_USED", 415: "UNSUPPORTED_MEDIA_TYPE" }),
  },
});

const me = createRoute({
  method: "get", path: "/me", summary: "Who is logged in, and the session's CSRF token (role any)",
  ...staffRead(anyRole),
  responses: { 200: json(Me, "the session"), ...problems(STAFF_PROBLEMS) },
});
const logoutRoute = (path: "/logout" | "/logout-all", summary: string) =>
  createRoute({
    method: "post", path, summary,
    ...staffChange(anyRole, "none"),
    responses: { 204: { description: "logged out" }, 303: { description: "the logout form: to /login" }, ...problems(STAFF_PROBLEMS) },
  });

/** The auth sub-app, mounted at /api/v1/auth. */
export function authRoutes(deps: AppDeps) {
  return apiApp()
    .openapi(csrfRoute, (c) => {
      c.header("cache-control", "no-store");
      return c.json({ csrf: ensureLoginCsrf(c) }, 200);
    })
    .openapi(
      login,
      async (c) => {
        const form = isForm(c);
        const body = form ? c.req.valid("form") : c.req.valid("json");
        try {
          const user = await checkLogin(deps, body.username, body.password, deps.clientAddress?.(c) ?? "unknown");
          const { csrf } = await startSession(c, deps, user.id);
          await appendAudit(deps, { actor: `user:${user.id}`, action: "auth.login", subject: user.id, detail: {} });
          c.header("cache-control", "no-store");
          if (form) return c.redirect(homeOf(user), 303);
          return c.json({ user, csrf }, 200);
        } catch (e) {
          if (form && isKollenError(e)) return c.redirect(`/login?error=${e.code}`, 303);
          throw e;
        }
      },
      // the login form goes back to its page with the code; JSON gets the problem
      (result, c) => {
        if (result.success) return;
        if (isForm(c)) return c.redirect("/login?error=BAD_INPUT", 303);
        throw new KollenError("BAD_INPUT", LOGIN_REQUIRED);
      },
    )
    .openapi(bootstrap, async (c) => {
      const user = await bootstrapAdmin(deps, c.req.valid("json"));
      const { csrf } = await startSession(c, deps, user.id);
      await appendAudit(deps, { actor: `user:${user.id}`, action: "auth.login", subject: user.id, detail: { via: "bootstrap" } });
      c.header("cache-control", "no-store");
      return c.json({ user, csrf }, 201);
    })
    .openapi(me, (c) => c.json({ user: c.get("user"), csrf: c.get("session").csrf, expiresAt: c.get("session").expiresAt.toISOString() }, 200))
    .openapi(logoutRoute("/logout", "End this session (role any)"), async (c) => {
      const user = c.get("user");
      await endSession(c, deps, c.get("session").tokenHash);
      await appendAudit(deps, { actor: `user:${user.id}`, action: "auth.logout", subject: user.id, detail: {} });
      return isForm(c) ? c.redirect("/login", 303) : c.body(null, 204);
    })
    .openapi(logoutRoute("/logout-all", "End every session of this account (role any)"), async (c) => {
      const user = c.get("user");
      await endAllSessions(deps, user.id);
      await endSession(c, deps, c.get("session").tokenHash);
      await appendAudit(deps, { actor: `user:${user.id}`, action: "auth.logout_all", subject: user.id, detail: {} });
      return isForm(c) ? c.redirect("/login", 303) : c.body(null, 204);
    });
}
