/**
 * /api/v1/auth: log in, log out, log out everywhere, who am I (issue 4 § 4). The login takes JSON
 * (`{username, password}` → `{user, csrf}`) or the login page's form (→ 303 to the admin view, or
 * back to /login with the error code). Every state change is CSRF-checked: before login with the
 * double-submit cookie that GET /api/v1/auth/csrf (or the login page) sets, after it with the
 * session's token.
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import { KollenError, isKollenError } from "../../schemas/errors.ts";
import { checkLogin } from "./login.ts";
import { csrfProtect, requireRole } from "./middleware.ts";
import { ROLES, type SessionUser } from "./session-user.ts";
import { endAllSessions, endSession, ensureLoginCsrf, startSession } from "./session.ts";
import type { AppDeps } from "../ports.ts";
import { appendAudit } from "../audit/log.ts";

const LoginBody = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(4096) });

function isForm(c: Context): boolean {
  const t = (c.req.header("content-type") ?? "").toLowerCase();
  return t.startsWith("application/x-www-form-urlencoded") || t.startsWith("multipart/form-data");
}

/** Where a browser goes after logging in: the first page its roles allow. */
export function homeOf(user: SessionUser): string {
  if (user.roles.includes("reviewer")) return "/admin";
  if (user.roles.includes("admin")) return "/admin";
  if (user.roles.includes("supervisor")) return "/supervisor";
  return "/admin";
}

/** The auth sub-app, mounted at /api/v1/auth. */
export function authRoutes(deps: AppDeps) {
  const anyRole = requireRole(...ROLES);
  return new Hono()
    .get("/csrf", (c) => {
      c.header("cache-control", "no-store");
      return c.json({ csrf: ensureLoginCsrf(c) });
    })
    .post("/login", csrfProtect(), async (c) => {
      const form = isForm(c);
      let raw: unknown;
      if (form) raw = await c.req.parseBody();
      else if ((c.req.header("content-type") ?? "").toLowerCase().startsWith("application/json")) raw = await c.req.json().catch(() => undefined);
      else throw new KollenError("UNSUPPORTED_MEDIA_TYPE", "send JSON or a form");
      const body = LoginBody.safeParse(raw);
      try {
        if (!body.success) throw new KollenError("BAD_INPUT", "username and password are required");
        const user = await checkLogin(deps, body.data.username, body.data.password, deps.clientAddress?.(c) ?? "unknown");
        const { csrf } = await startSession(c, deps, user.id);
        await appendAudit(deps, { actor: `user:${user.id}`, action: "auth.login", subject: user.id, detail: {} });
        c.header("cache-control", "no-store");
        if (form) return c.redirect(homeOf(user), 303);
        return c.json({ user, csrf });
      } catch (e) {
        if (form && isKollenError(e)) return c.redirect(`/login?error=${e.code}`, 303);
        throw e;
      }
    })
    .get("/me", anyRole, (c) => c.json({ user: c.get("user"), csrf: c.get("session").csrf, expiresAt: c.get("session").expiresAt.toISOString() }))
    .post("/logout", anyRole, csrfProtect(), async (c) => {
      const user = c.get("user");
      await endSession(c, deps, c.get("session").tokenHash);
      await appendAudit(deps, { actor: `user:${user.id}`, action: "auth.logout", subject: user.id, detail: {} });
      return isForm(c) ? c.redirect("/login", 303) : c.body(null, 204);
    })
    .post("/logout-all", anyRole, csrfProtect(), async (c) => {
      const user = c.get("user");
      await endAllSessions(deps, user.id);
      await endSession(c, deps, c.get("session").tokenHash);
      await appendAudit(deps, { actor: `user:${user.id}`, action: "auth.logout_all", subject: user.id, detail: {} });
      return isForm(c) ? c.redirect("/login", 303) : c.body(null, 204);
    });
}
