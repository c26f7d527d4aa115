/**
 * Login sessions of the staff. The cookie holds 32 random bytes; the database holds only their
 * SHA-256, so a copy of the database opens no session. Idle expiry (30 min without a request) and
 * absolute expiry (12 h after login). The cookie is HttpOnly, SameSite=Strict and Secure with the
 * `__Host-` prefix — except for plain http on the loopback address (development), where browsers
 * would drop a Secure cookie.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { and, eq, lt, or } from "drizzle-orm";
import { base64urlEncode } from "../../encoding/base64.ts";
import { sha256Hex } from "../../encoding/sha256.ts";
import { sessions, users } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import type { Role, SessionUser } from "./session-user.ts";

export const IDLE_MS = 30 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often */
const TOUCH_MS = 60 * 1000;

export interface SessionInfo {
  tokenHash: string;
  csrf: string;
  expiresAt: Date;
}

/**
 * True for plain http to the loopback address in a deployment whose public address (the receipt
 * issuer) is not https: the only place a cookie may go without Secure. Behind a TLS-terminating
 * proxy the request may well arrive as http://127.0.0.1; an https issuer keeps the cookie Secure.
 */
function isLocalDev(c: Context): boolean {
  if ((c.get("authIssuer") ?? "").startsWith("https:")) return false;
  const u = new URL(c.req.url);
  return u.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname);
}

/** The cookie names: `__Host-` prefixed (Secure, Path=/, no Domain) except in local development. */
export function cookieNames(c: Context): { session: string; csrf: string; secure: boolean } {
  const secure = !isLocalDev(c);
  return secure ? { session: "__Host-kollen_session", csrf: "__Host-kollen_csrf", secure } : { session: "kollen_session", csrf: "kollen_csrf", secure };
}

function randomToken(): string {
  return base64urlEncode(crypto.getRandomValues(new Uint8Array(32)));
}

/** Creates a session for `userId` and sets its cookie. Answers the session's CSRF token. */
export async function startSession(c: Context, deps: AppDeps, userId: string): Promise<{ csrf: string }> {
  const token = randomToken();
  const csrf = randomToken();
  const now = deps.clock.now();
  await deps.db.orm.insert(sessions).values({ tokenHash: await sha256Hex(new TextEncoder().encode(token)), userId, csrf, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + ABSOLUTE_MS) });
  // sessions past their absolute or idle expiry are removed as new ones start: the table stays bounded
  await deps.db.orm.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - IDLE_MS))));
  const names = cookieNames(c);
  setCookie(c, names.session, token, { path: "/", httpOnly: true, secure: names.secure, sameSite: "Strict", maxAge: ABSOLUTE_MS / 1000 });
  return { csrf };
}

/** Ends the current session (its row and its cookie). */
export async function endSession(c: Context, deps: AppDeps, tokenHash: string): Promise<void> {
  await deps.db.orm.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  const names = cookieNames(c);
  deleteCookie(c, names.session, { path: "/", secure: names.secure });
}

/** Ends every session of `userId` ("log out everywhere"; also on disabling an account). */
export async function endAllSessions(deps: Pick<AppDeps, "db">, userId: string): Promise<void> {
  await deps.db.orm.delete(sessions).where(eq(sessions.userId, userId));
}

/**
 * The user and session of this request's cookie, or undefined. Expired sessions are deleted here.
 */
export async function loadSession(c: Context, deps: AppDeps): Promise<{ user: SessionUser; session: SessionInfo } | undefined> {
  const token = getCookie(c, cookieNames(c).session);
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const tokenHash = await sha256Hex(new TextEncoder().encode(token));
  const [row] = await deps.db.orm
    .select({ s: sessions, u: { id: users.id, username: users.username, roles: users.roles, disabled: users.disabled } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash));
  if (!row) return undefined;
  const now = deps.clock.now().getTime();
  if (row.u.disabled || now >= row.s.expiresAt.getTime() || now - row.s.lastSeenAt.getTime() > IDLE_MS) {
    await deps.db.orm.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return undefined;
  }
  if (now - row.s.lastSeenAt.getTime() > TOUCH_MS)
    await deps.db.orm.update(sessions).set({ lastSeenAt: new Date(now) }).where(and(eq(sessions.tokenHash, tokenHash)));
  return {
    user: { id: row.u.id, username: row.u.username, roles: JSON.parse(row.u.roles) as Role[] },
    session: { tokenHash, csrf: row.s.csrf, expiresAt: row.s.expiresAt },
  };
}

/** The pre-login CSRF cookie (double submit): set when the login form is shown, echoed by the form. */
export function ensureLoginCsrf(c: Context): string {
  const names = cookieNames(c);
  const have = getCookie(c, names.csrf);
  if (have && /^[A-Za-z0-9_-]{43}$/.test(have)) return have;
  const token = randomToken();
  setCookie(c, names.csrf, token, { path: "/", httpOnly: true, secure: names.secure, sameSite: "Strict" });
  return token;
}
