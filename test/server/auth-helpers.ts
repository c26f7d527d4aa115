/** Accounts and sessions for in-process tests: cheap scrypt cost, log in, send with cookie + CSRF. */
import type { Role } from "../../server/accounts/session-user.ts";
import { addUser } from "../../server/accounts/add-user.ts";
import { harness, type Harness } from "./helpers.ts";

export const CHEAP = { log2N: 10, r: 8, p: 1 };
export const PASSWORD = "Rätt-lösenord-2026!";

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

/** Cookie header from a response's set-cookie headers (name=value pairs only). */
export function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
}

export async function addTestUser(h: Pick<Harness, "deps">, username: string, roles: Role[]): Promise<string> {
  return (await addUser(h.deps, { username, password: PASSWORD, roles }, "cli", CHEAP)).id;
}

/** GET /api/v1/auth/csrf, then POST the JSON login. */
export async function login(h: Pick<Harness, "app">, username: string, password = PASSWORD): Promise<Session> {
  const pre = await h.app.request("/api/v1/auth/csrf");
  const preCookie = cookiesOf(pre);
  const { csrf } = (await pre.json()) as { csrf: string };
  const res = await h.app.request("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", cookie: preCookie, "x-csrf-token": csrf, origin: "http://localhost" },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrf: string; user: { id: string } };
  return { cookie: cookiesOf(res), csrf: body.csrf, userId: body.user.id };
}

/** A request with the session's cookie (and its CSRF token for state changes). */
export function as(h: Pick<Harness, "app">, s: Session | undefined, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (s) {
    headers.set("cookie", s.cookie);
    if (init.method && init.method !== "GET") headers.set("x-csrf-token", s.csrf);
  }
  return Promise.resolve(h.app.request(path, { ...init, headers }));
}

/** JSON POST as `s`. */
export function postJson(h: Pick<Harness, "app">, s: Session | undefined, path: string, body: unknown): Promise<Response> {
  return as(h, s, path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/**
 * A fresh in-process server with one admin account ("chefen") logged in.
 * @example beforeEach(async () => ({ h, admin } = await adminHarness()));
 */
export async function adminHarness(...args: Parameters<typeof harness>): Promise<{ h: Harness; admin: Session }> {
  const h = await harness(...args);
  await addTestUser(h, "chefen", ["admin"]);
  return { h, admin: await login(h, "chefen") };
}
