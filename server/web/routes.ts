/**
 * The web pages and their static assets, as one Hono sub-app (CONVENTIONS.md habit 7): the
 * organisation portal at `/`, the reviewer's decrypt-and-verify page at `/review`, and the built
 * bundles at `/assets/*` (scripts/build-web.mjs writes them to dist/web/). Runtime-agnostic: the
 * assets come through the {@link WebAssets} port (files on Node: ./assets.node.ts).
 *
 * Every answer carries the strict CSP of ./headers.ts. The language is Swedish unless `?lang=en`
 * chose English; the choice persists in a cookie that holds nothing else.
 */
import { Hono, type Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { parseLang, type Lang } from "./i18n.ts";
import { SECURITY_HEADERS } from "./headers.ts";
import type { PageContext } from "./pages/layout.ts";
import { portalPage } from "./pages/portal.ts";
import { reviewPage } from "./pages/review.ts";
import { adminPage } from "./pages/admin.ts";
import { loginPage } from "./pages/login.ts";
import { ensureLoginCsrf } from "../auth/session.ts";
import { invitePage } from "./pages/invite.ts";
import { supervisorPage } from "./pages/supervisor.ts";

/**
 * Built static files by their path under dist/web/ (`portal.js`, `chunks/…`, `models/….json`);
 * `name.gz` is the precompressed copy the build writes beside each file.
 */
export interface WebAssets {
  get(path: string): Promise<Uint8Array | ReadableStream<Uint8Array> | undefined>;
}

/** What the pages need: the authority's display name, the dev flag, and the assets. */
export interface WebDeps {
  config: { authorityName: string; dev?: boolean };
  assets: WebAssets;
}

export const LANG_COOKIE = "kollen_lang";

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  map: "application/json; charset=utf-8",
  json: "application/json; charset=utf-8",
  wasm: "application/wasm",
  png: "image/png",
  svg: "image/svg+xml",
  ico: "image/x-icon",
  txt: "text/plain; charset=utf-8",
};
/** Relative paths of plain names only: no `..`, no dot files, no backslashes. */
const ASSET_PATH = /^(?:[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\/){0,3}[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+$/;

function secure(c: Context): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
}

function pageContext(c: Context, deps: WebDeps): PageContext {
  const asked = parseLang(c.req.query("lang"));
  if (asked) setCookie(c, LANG_COOKIE, asked, { path: "/", sameSite: "Lax", maxAge: 365 * 24 * 3600, httpOnly: true });
  const lang: Lang = asked ?? parseLang(getCookie(c, LANG_COOKIE)) ?? "sv";
  return { lang, path: c.req.path, authorityName: deps.config.authorityName, dev: deps.config.dev ?? false };
}

function html(c: Context, body: string): Response {
  secure(c);
  c.header("cache-control", "no-store");
  return c.html(body);
}

/**
 * The pages sub-app; mount it at the root: `app.route("/", webRoutes({ config, assets }))`.
 * @example const app = new Hono().route("/", webRoutes({ config: { authorityName: "MCF" }, assets: fileAssets("dist/web") }));
 */
export function webRoutes(deps: WebDeps) {
  return new Hono()
    .get("/", (c) => {
      const campaign = c.req.query("campaign") ?? "";
      return html(c, portalPage(pageContext(c, deps), /^[a-z0-9][a-z0-9._-]{0,63}$/.test(campaign) ? campaign : ""));
    })
    .get("/review", (c) => html(c, reviewPage(pageContext(c, deps))))
    // the staff pages: shells without data (the data stays behind the role checks of /api/v1/admin)
    .get("/login", (c) => {
      const error = c.req.query("error");
      return html(c, loginPage(pageContext(c, deps), ensureLoginCsrf(c), error && /^[A-Z_]{1,40}$/.test(error) ? error : undefined));
    })
    .get("/admin", (c) => html(c, adminPage(pageContext(c, deps))))
    // the supervisor's links (data behind the supervisor role at /api/v1/invites) and the page an
    // invitation link opens: a GET that shows, never consumes (DESIGN.md § Invitations)
    .get("/supervisor", (c) => {
      const campaign = c.req.query("campaign") ?? "";
      return html(c, supervisorPage(pageContext(c, deps), /^[a-z0-9][a-z0-9._-]{0,63}$/.test(campaign) ? campaign : ""));
    })
    .get("/invite/:token", (c) => html(c, invitePage(pageContext(c, deps), c.req.param("token"))))
    .get("/assets/*", async (c) => {
      const path = c.req.path.slice("/assets/".length);
      const ext = path.slice(path.lastIndexOf(".") + 1);
      const type = TYPES[ext];
      const ok = type !== undefined && ASSET_PATH.test(path);
      const gzip = ok && /\bgzip\b/.test(c.req.header("accept-encoding") ?? "") ? await deps.assets.get(`${path}.gz`) : undefined;
      const body = gzip ?? (ok ? await deps.assets.get(path) : undefined);
      secure(c);
      if (!body || !type) return c.text("Not found", 404);
      c.header("content-type", type);
      c.header("vary", "accept-encoding");
      if (gzip) c.header("content-encoding", "gzip");
      // chunk names carry a content hash; the entry names stay stable and are revalidated
      c.header("cache-control", path.startsWith("chunks/") ? "public, max-age=31536000, immutable" : "no-cache");
      return c.body(body as Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array<ArrayBuffer>>);
    });
}
