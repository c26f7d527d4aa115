/**
 * The role matrix, route by route: the route list comes from the app itself
 * (app.routes), so a new route that is not classified here fails this test. For every route and
 * every role (and anonymous): a public route never answers UNAUTHORIZED/FORBIDDEN; a protected one
 * answers 401 UNAUTHORIZED without a session, 403 FORBIDDEN for a role it does not allow, and gets
 * past the checks (anything but 401/403) for a role it allows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../server/accounts/session-user.ts";
import { createApp } from "../../server/app.ts";
import { harness, type Harness } from "./helpers.ts";
import { addTestUser, cookiesOf, login } from "./auth-helpers.ts";

const ALL: Role[] = [...ROLES];

/** Routes anyone may call: the submission API, public keys, the pages (shells without data). */
const PUBLIC = new Set([
  "GET /.well-known/jwks.json",
  "GET /api/v1/auth/csrf",
  "POST /api/v1/auth/login",
  "POST /api/v1/auth/bootstrap",
  "POST /api/v1/submissions",
  "GET /api/v1/submissions/:id",
  "GET /api/v1/recipients",
  "GET /api/v1/campaigns",
  "GET /api/v1/campaigns/:id/model",
  "GET /api/v1/invites/:token",
  "POST /api/v1/invites/:token/accept",
  "GET /api/v1/openapi.json",
  "GET /api/v1/info",
  "GET /",
  "GET /besvara",
  "GET /review",
  "GET /login",
  "GET /admin",
  "GET /supervisor",
  "GET /invite/:token",
  "GET /assets/*",
]);

/** Protected routes: the first matching rule gives the roles allowed. */
const RULES: Array<[RegExp, Role[]]> = [
  [/^(GET \/api\/v1\/auth\/me|POST \/api\/v1\/auth\/logout(-all)?)$/, ALL],
  [/^GET \/api\/v1\/admin\/campaigns$/, ALL],
  [/^(GET|POST) \/api\/v1\/admin\/submissions(\/|$)/, ["reviewer"]],
  [/^GET \/api\/v1\/admin\/organisations$/, ["admin", "reviewer"]],
  [/^POST \/api\/v1\/admin\/(organisations|campaigns|signers|keyring)$/, ["admin"]],
  [/^(GET|POST) \/api\/v1\/admin\/(users|audit)(\/|$)/, ["admin"]],
  [/^GET \/api\/v1\/admin\/export$/, ["analyst"]],
  [/^(GET|POST) \/api\/v1\/invites$/, ["supervisor"]],
  [/^POST \/api\/v1\/invites\/:[a-z]+\/expire$/, ["supervisor"]],
  [/^POST \/api\/v1\/invites\/:id\/expire$/, ["supervisor"]],
];

function allowed(route: string): Role[] | "public" | undefined {
  if (PUBLIC.has(route)) return "public";
  return RULES.find(([re]) => re.test(route))?.[1];
}

function concrete(path: string): string {
  return path.replace(":id", crypto.randomUUID()).replace(":token", "x".repeat(43)).replace("*", "kollen.css");
}

describe("role matrix", () => {
  let h: Harness;
  let app: ReturnType<typeof createApp>;
  let routes: string[];
  beforeAll(async () => {
    h = await harness();
    h.deps.web = { get: async () => undefined };
    app = createApp(h.deps);
    for (const r of ROLES) await addTestUser(h, `user-${r}`, [r]);
    routes = [...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))];
  });
  afterAll(() => h.close());

  it("every route of the app is classified", () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((r) => allowed(r) === undefined)).toEqual([]);
  });

  it("every API route is in the OpenAPI document", async () => {
    const doc = (await (await app.request("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    const missing = routes
      .filter((r) => r.includes(" /api/") || r.includes(" /.well-known/"))
      .filter((r) => {
        const [method, path] = r.split(" ") as [string, string];
        return !doc.paths[path.replace(/:([a-z]+)/g, "{$1}")]?.[method.toLowerCase()];
      });
    expect(missing).toEqual([]);
  });

  it("the OpenAPI document describes only routes the app serves", async () => {
    const doc = (await (await app.request("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{([a-z]+)\}/g, ":$1")}`));
    expect(documented.filter((r) => !routes.includes(r))).toEqual([]);
  });

  it("every route × every role (and anonymous) answers as the matrix says", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const rule = allowed(route)!;
      const [method, path] = route.split(" ") as [string, string];
      for (const who of ["anonymous", ...ROLES] as const) {
        let cookie: string;
        let csrf: string;
        if (who === "anonymous") {
          const pre = await app.request("/api/v1/auth/csrf");
          cookie = cookiesOf(pre);
          csrf = ((await pre.json()) as { csrf: string }).csrf;
        } else ({ cookie, csrf } = await login({ app }, `user-${who}`));
        const init: RequestInit = { method, headers: { cookie, "x-csrf-token": csrf, origin: "http://localhost" } };
        if (method === "POST") Object.assign(init, { body: "{}", headers: { ...init.headers, "content-type": "application/json" } });
        const res = await app.request(concrete(path), init);
        const code = res.headers.get("content-type")?.startsWith("application/problem+json") ? ((await res.json()) as { code: string }).code : undefined;
        const denied = res.status === 401 || res.status === 403;
        let ok: boolean;
        if (rule === "public") ok = code !== "UNAUTHORIZED" && code !== "FORBIDDEN" && code !== "CSRF_INVALID";
        else if (who === "anonymous") ok = res.status === 401 && code === "UNAUTHORIZED";
        else if (rule.includes(who)) ok = !denied;
        else ok = res.status === 403 && code === "FORBIDDEN";
        if (!ok) failures.push(`${route} as ${who}: ${res.status} ${code ?? ""}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
