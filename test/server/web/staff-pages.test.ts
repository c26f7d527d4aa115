/** The staff pages through createApp: the login form (CSRF cookie + field, errors, English) and the staff view shell. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { CONTENT_SECURITY_POLICY } from "../../../server/web/headers.ts";
import { harness, type Harness } from "../helpers.ts";
import { PASSWORD, addTestUser, cookiesOf } from "../auth-helpers.ts";

describe("staff pages", () => {
  let h: Harness;
  let app: ReturnType<typeof createApp>;
  beforeEach(async () => {
    h = await harness();
    h.deps.web = { get: async () => undefined };
    h.deps.config.issuer = "kollen"; // development: plain http on loopback, cookies without __Host-
    app = createApp(h.deps);
  });
  afterEach(() => h.close());

  it("the login page sets the pre-login CSRF cookie and puts the same token in the form", async () => {
    const res = await app.request("/login");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("kollen_csrf="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const token = cookie.split(";")[0]!.split("=")[1]!;
    const html = await res.text();
    expect(html).toContain(`name="csrf" value="${token}"`);
    expect(html).toContain('action="/api/v1/auth/login"');
    expect(html).toContain("Logga in");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });

  it("a form login redirects to the staff view; a failure back to the login page with its code, shown in the language", async () => {
    await addTestUser(h, "granskare1", ["reviewer"]);
    const page = await app.request("/login");
    const cookie = cookiesOf(page);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const form = (password: string) =>
      app.request("/api/v1/auth/login", {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: "null", "sec-fetch-site": "same-origin" },
        body: new URLSearchParams({ csrf, username: "granskare1", password }).toString(),
      });
    const bad = await form("fel-lösenord");
    expect(bad.status).toBe(303);
    expect(bad.headers.get("location")).toBe("/login?error=LOGIN_FAILED");
    expect(await (await app.request("/login?error=LOGIN_FAILED")).text()).toContain("Fel användarnamn eller lösenord.");
    expect(await (await app.request("/login?error=LOGIN_FAILED&lang=en")).text()).toContain("Wrong username or password.");
    expect(await (await app.request("/login?error=%3Cscript%3E")).text()).not.toContain("<script>");
    const ok = await form(PASSWORD);
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/admin");
    expect(ok.headers.getSetCookie().some((c) => c.startsWith("kollen_session="))).toBe(true);
  });

  it("the staff view and the registry are shells: no data without the API; without a session the login page", async () => {
    for (const path of ["/admin", "/admin/registry"]) {
      const anonymous = await app.request(path);
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get("location")).toBe("/login");
    }
    await addTestUser(h, "chefen", ["admin"]);
    const session = { cookie: cookiesOf(await loginForm(app, "chefen")) };
    const res = await app.request("/admin", { headers: session });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('src="/assets/admin.js"');
    expect(html).toContain('id="queue-section" class="card" hidden');
    expect(html).toContain('href="/admin/registry"');
    const registry = await (await app.request("/admin/registry", { headers: session })).text();
    expect(registry).toContain('src="/assets/registry.js"');
    expect(registry).toContain('<div id="registry" hidden>');
    expect(registry).toContain('<link rel="icon" href="/assets/favicon.svg"');
  });

  it("the supervisor page shows the way to log in from the server when there is no session", async () => {
    const anonymous = await (await app.request("/supervisor")).text();
    expect(anonymous).toContain('<section id="login-needed" class="card">');
    await addTestUser(h, "tillsyn", ["supervisor"]);
    const cookie = cookiesOf(await loginForm(app, "tillsyn"));
    const signedIn = await (await app.request("/supervisor?campaign=infosak-2026", { headers: { cookie } })).text();
    expect(signedIn).toContain('<section id="login-needed" class="card" hidden>');
    expect(signedIn).toContain('data-campaign="infosak-2026"');
  });
});

/** A form login through the login page, as the browser does it. */
async function loginForm(app: ReturnType<typeof createApp>, username: string): Promise<Response> {
  const page = await app.request("/login");
  const cookie = cookiesOf(page);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await app.request("/api/v1/auth/login", {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: "null", "sec-fetch-site": "same-origin" },
    body: new URLSearchParams({ csrf, username, password: PASSWORD }).toString(),
  });
  expect(res.status).toBe(303);
  return res;
}
