/**
 * What every page answer shares: the language (Swedish unless `?lang=en` chose English; the choice
 * persists in a cookie that holds nothing else), the page context, and the strict CSP and no-store
 * headers of ./headers.ts.
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { isId } from "../../schemas/ids.ts";
import { SECURITY_HEADERS } from "./headers.ts";
import { parseLang, type Lang } from "./i18n.ts";
import type { PageContext } from "./layout.ts";
import type { WebAssets } from "../ports.ts";

/** What the pages need: the authority's display name, the dev flag, and the assets. */
export interface WebDeps {
  config: { authorityName: string; dev?: boolean };
  assets: WebAssets;
}

/** The cookie that remembers the language chosen with `?lang=`. */
export const LANG_COOKIE = "kollen_lang";

/** Sets the security headers of every page and asset answer (./headers.ts). */
export function secure(c: Context): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
}

/** The context a page is rendered with: the language (remembered when `?lang=` chose it) and the deps' settings. */
export function pageContext(c: Context, deps: WebDeps): PageContext {
  const asked = parseLang(c.req.query("lang"));
  if (asked) setCookie(c, LANG_COOKIE, asked, { path: "/", sameSite: "Lax", maxAge: 365 * 24 * 3600, httpOnly: true });
  const lang: Lang = asked ?? parseLang(getCookie(c, LANG_COOKIE)) ?? "sv";
  return { lang, path: c.req.path, authorityName: deps.config.authorityName, dev: deps.config.dev ?? false };
}

/** A page answer: the rendered page, the security headers, never cached (pages are per user and language). */
export function html(c: Context, body: string): Response {
  secure(c);
  c.header("cache-control", "no-store");
  return c.html(body);
}

/** A campaign id from the query string, or "" when it is missing or malformed. */
export function campaignQuery(c: Context): string {
  const campaign = c.req.query("campaign") ?? "";
  return isId(campaign) ? campaign : "";
}
