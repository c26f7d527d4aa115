import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "../../../server/accounts/password.ts";
import { authSession, csrfProtect, requireRole } from "../../../server/accounts/middleware.ts";
import { ABSOLUTE_MS, IDLE_MS } from "../../../server/accounts/session.ts";
import { FREE_PER_USERNAME, MAX_CONCURRENT_HASHES } from "../../../server/accounts/login.ts";
import { sessions } from "../../../server/db/schema.ts";
import { harness, RUNTIMES, problem, type Harness } from "../helpers.ts";
import { CHEAP, PASSWORD, addTestUser, as, cookiesOf, login, postJson } from "../auth-helpers.ts";
import { isKollenError } from "../../../schemas/errors.ts";
import { problemResponse } from "../../../server/lib/problem.ts";

describe("password", () => {
  it("hashes with scrypt and verifies; a wrong password or a damaged string fails", async () => {
    const stored = await hashPassword("Ett-bra-lösenord-1", CHEAP);
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$/);
    expect(await verifyPassword("Ett-bra-lösenord-1", stored)).toBe(true);
    expect(await verifyPassword("Ett-bra-lösenord-2", stored)).toBe(false);
    expect(await verifyPassword("Ett-bra-lösenord-1", stored.replace("$10$", "$30$"))).toBe(false);
    expect(await verifyPassword("Ett-bra-lösenord-1", "plain")).toBe(false);
  });
  it("the policy: length, kinds, not the username, not guessable", async () => {
    const code = async (pw: string, user = "anna") => {
      try {
        await checkPasswordPolicy(pw, user);
        return "ok";
      } catch (e) {
        return isKollenError(e) ? e.code : "?";
      }
    };
    expect(await code("Kort-1")).toBe("PASSWORD_POLICY");
    expect(await code("abcdefghijklmnop")).toBe("PASSWORD_POLICY");
    expect(await code("123456789012345")).toBe("PASSWORD_POLICY");
    expect(await code("Anna-1234567890", "anna")).toBe("PASSWORD_POLICY");
    expect(await code("korrekt häst 12")).toBe("ok");
    // common passwords, and the Swedish ones built from a season and a year
    for (const weak of ["password1234", "Sommar2026!!", "Vinter2025!!", "Välkommen123!", "Qwerty123456!", "Stockholm2026"]) expect(await code(weak), weak).toBe("PASSWORD_POLICY");
    for (const strong of ["korrekt häst batteri 9", "Granska-noga-2026!", "lång-och-unik-lösenfras-för-last"]) expect(await code(strong), strong).toBe("ok");
  });
});

describe.each(RUNTIMES)("login, sessions, CSRF on %s", (runtime) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({}, runtime);
    await addTestUser(h, "granskare1", ["reviewer"]);
  });
  afterEach(() => h.close());

  it("logs in; the cookie is HttpOnly SameSite=Strict; /me answers; the row holds only a hash", async () => {
    h.deps.config.issuer = "kollen"; // a development setup: plain http on loopback
    const pre = await h.app.request("/api/v1/auth/csrf");
    const { csrf } = (await pre.json()) as { csrf: string };
    const res = await h.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: cookiesOf(pre), "x-csrf-token": csrf },
      body: JSON.stringify({ username: "granskare1", password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const set = res.headers.getSetCookie().find((c) => c.startsWith("kollen_session="))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    const token = set.split(";")[0]!.split("=")[1]!;
    const rows = await h.deps.db.orm.select().from(sessions);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(token);
    const me = await as(h, { cookie: cookiesOf(res), csrf: "", userId: "" }, "/api/v1/auth/me");
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe("granskare1");
  });

  it("over https the cookie is Secure and __Host- prefixed", async () => {
    const pre = await h.app.request("https://kollen.test/api/v1/auth/csrf");
    expect(pre.headers.getSetCookie()[0]).toMatch(/^__Host-kollen_csrf=.*Secure/);
    const { csrf } = (await pre.json()) as { csrf: string };
    const res = await h.app.request("https://kollen.test/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: cookiesOf(pre), "x-csrf-token": csrf, origin: "https://kollen.test" },
      body: JSON.stringify({ username: "granskare1", password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((c) => c.startsWith("__Host-kollen_session="))).toMatch(/Secure/);
  });

  it("behind a TLS proxy (https issuer) the cookie stays Secure even when the request arrives as http on loopback", async () => {
    const pre = await h.app.request("http://127.0.0.1:8080/api/v1/auth/csrf");
    expect(pre.headers.getSetCookie()[0]).toMatch(/^__Host-kollen_csrf=.*Secure/);
  });

  it("refuses a login without the CSRF cookie, from another origin, or with a wrong password", async () => {
    const noCsrf = await h.app.request("/api/v1/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "granskare1", password: PASSWORD }) });
    expect((await problem(noCsrf)).code).toBe("CSRF_INVALID");
    const pre = await h.app.request("/api/v1/auth/csrf");
    const { csrf } = (await pre.json()) as { csrf: string };
    const send = (body: unknown, origin = "http://localhost") =>
      h.app.request("/api/v1/auth/login", { method: "POST", headers: { "content-type": "application/json", cookie: cookiesOf(pre), "x-csrf-token": csrf, origin }, body: JSON.stringify(body) });
    expect((await problem(await send({ username: "granskare1", password: PASSWORD }, "https://evil.example"))).code).toBe("CSRF_INVALID");
    expect((await problem(await send({ username: "granskare1", password: PASSWORD }, "null"))).code).toBe("CSRF_INVALID");
    expect((await problem(await send({ username: "granskare1", password: "fel" }))).code).toBe("LOGIN_FAILED");
    expect((await problem(await send({ username: "ingen", password: "fel" }))).code).toBe("LOGIN_FAILED");
    expect((await problem(await send({ username: "granskare1" }))).code).toBe("BAD_INPUT");
  });

  it("slows repeated failures per account rather than locking it: the right password after the wait works", async () => {
    const later = (ms: number) => (h.clock.t = new Date(h.clock.t.getTime() + ms));
    for (let i = 0; i < FREE_PER_USERNAME; i++) await expect(login(h, "granskare1", "fel-lösenord")).rejects.toThrow(/401/);
    await expect(login(h, "granskare1")).rejects.toThrow(/429/); // too soon, even with the right password
    later(1000);
    await expect(login(h, "granskare1", "fel-lösenord")).rejects.toThrow(/401/); // one more guess after 1 s
    later(1000);
    await expect(login(h, "granskare1")).rejects.toThrow(/429/); // now the wait is 2 s
    later(1000);
    await expect(login(h, "granskare1")).resolves.toBeTruthy();
    // and the account starts afresh
    for (let i = 0; i < FREE_PER_USERNAME; i++) await expect(login(h, "granskare1", "fel-lösenord")).rejects.toThrow(/401/);
  });

  it("reserves each attempt before hashing: parallel guesses get no more full checks than the limit", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () =>
        login(h, "granskare1", "fel-lösenord").then(
          () => "ok",
          (e: Error) => /\b(401|429)\b/.exec(e.message)?.[1] ?? e.message,
        ),
      ),
    );
    const checked = outcomes.filter((o) => o === "401").length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(Math.min(FREE_PER_USERNAME, 12));
    expect(outcomes.filter((o) => o === "429").length).toBe(12 - checked);
    expect(MAX_CONCURRENT_HASHES).toBeLessThanOrEqual(4);
    h.clock.t = new Date(h.clock.t.getTime() + 16 * 60 * 1000);
    await expect(login(h, "granskare1")).resolves.toBeTruthy();
  });

  it("state changes need the session's CSRF token; logout ends the session", async () => {
    const s = await login(h, "granskare1");
    const noToken = await h.app.request("/api/v1/auth/logout", { method: "POST", headers: { cookie: s.cookie } });
    expect((await problem(noToken)).code).toBe("CSRF_INVALID");
    const wrong = await h.app.request("/api/v1/auth/logout", { method: "POST", headers: { cookie: s.cookie, "x-csrf-token": "x".repeat(43) } });
    expect((await problem(wrong)).code).toBe("CSRF_INVALID");
    expect((await postJson(h, s, "/api/v1/auth/logout", {})).status).toBe(204);
    expect((await problem(await as(h, s, "/api/v1/auth/me"))).code).toBe("UNAUTHORIZED");
  });

  it("logs in again from a browser that still holds a session: the login takes the pre-login token beside the session's", async () => {
    const s = await login(h, "granskare1");
    const pre = await h.app.request("/api/v1/auth/csrf", { headers: { cookie: s.cookie } });
    const { csrf } = (await pre.json()) as { csrf: string };
    const cookie = `${s.cookie}; ${cookiesOf(pre)}`;
    const form = await h.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ username: "granskare1", password: PASSWORD, csrf }).toString(),
    });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe("/admin");
    // a script of the open session may log in with the session's token; a wrong token is refused either way
    const withSessionToken = await h.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: s.cookie, "x-csrf-token": s.csrf },
      body: JSON.stringify({ username: "granskare1", password: PASSWORD }),
    });
    expect(withSessionToken.status).toBe(200);
    const wrong = await h.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": "x".repeat(43) },
      body: JSON.stringify({ username: "granskare1", password: PASSWORD }),
    });
    expect((await problem(wrong)).code).toBe("CSRF_INVALID");
  });

  it("the login form with a stale or missing CSRF token goes back to the login page with the code", async () => {
    const pre = await h.app.request("/api/v1/auth/csrf");
    for (const csrf of ["x".repeat(43), ""]) {
      const res = await h.app.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(pre) },
        body: new URLSearchParams({ username: "granskare1", password: PASSWORD, csrf }).toString(),
      });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/login?error=CSRF_INVALID");
      expect(res.headers.getSetCookie().some((c) => c.startsWith("kollen_session="))).toBe(false);
    }
  });

  it("log out everywhere ends every session of the user", async () => {
    const a = await login(h, "granskare1");
    const b = await login(h, "granskare1");
    expect((await postJson(h, a, "/api/v1/auth/logout-all", {})).status).toBe(204);
    expect((await as(h, b, "/api/v1/auth/me")).status).toBe(401);
    expect(await h.deps.db.orm.select().from(sessions)).toHaveLength(0);
  });

  it("idle and absolute expiry", async () => {
    const s = await login(h, "granskare1");
    h.clock.t = new Date(h.clock.t.getTime() + IDLE_MS + 1000);
    expect((await as(h, s, "/api/v1/auth/me")).status).toBe(401);
    const t = await login(h, "granskare1");
    for (let at = 0; at < ABSOLUTE_MS; at += IDLE_MS / 2) {
      h.clock.t = new Date(h.clock.t.getTime() + IDLE_MS / 2);
      await as(h, t, "/api/v1/auth/me");
    }
    expect((await as(h, t, "/api/v1/auth/me")).status).toBe(401);
    const [n] = await h.deps.db.orm.select({ n: sql<number>`count(*)` }).from(sessions).where(eq(sessions.userId, t.userId));
    expect(n!.n).toBe(0);
  });

  it("requireRole: 401 without a session, 403 with another role", async () => {
    const app = new Hono().use("*", authSession(h.deps)).use("/x/*", requireRole("analyst"), csrfProtect()).get("/x/y", (c) => c.text(c.get("user").username));
    app.onError((e) => problemResponse(isKollenError(e) ? e.code : "INTERNAL"));
    expect((await app.request("/x/y")).status).toBe(401);
    const s = await login(h, "granskare1");
    expect((await app.request("/x/y", { headers: { cookie: s.cookie } })).status).toBe(403);
  });
});
