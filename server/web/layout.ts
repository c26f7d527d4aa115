/**
 * The shell of every page: language switch (a plain link, so it works without script and persists
 * through a cookie), skip link, one stylesheet and one module script from /assets, nothing inline
 * (the CSP in ./headers.ts forbids it).
 *
 * Pages are written with {@link markup}, hono's `html` tagged template: every interpolated value is
 * escaped unless it is itself markup built by the template, so a page is safe without remembering
 * to escape each value.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { genitiveSv, t, type Lang, type TextKey } from "./i18n.ts";

/** HTML built by {@link markup}; interpolated into another template it is kept as it is. */
export type Markup = HtmlEscapedString;

/**
 * The `html` tagged template, for the synchronous pages: strings, numbers and arrays interpolated
 * into it are escaped for HTML content and quoted attributes; {@link Markup} is inserted as is.
 * @example markup`<p title="${name}">${text(ctx, "intro")}</p>`
 */
export function markup(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  const out = html(strings, ...values);
  if (out instanceof Promise) throw new TypeError("page markup must be synchronous");
  return out;
}

/** The context every page is rendered with. */
export interface PageContext {
  lang: Lang;
  /** the path of this page, for the language links */
  path: string;
  authorityName: string;
  /** shows the development banner (dev keys); the bundles also show it when they pin the DEV keyring key */
  dev: boolean;
}

/** An error box: role=alert, hidden until a message shows, focusable so the message can take focus (dom.ts showErrorIn). */
export const errorBox = (id: string): Markup => markup`<div id="${id}" class="error" role="alert" tabindex="-1" hidden></div>`;

/** A text in the page's language (plain text: {@link markup} escapes it). */
export function text(ctx: PageContext, key: TextKey, vars?: Record<string, string | number>): string {
  return t(ctx.lang, key, vars);
}

/**
 * Wraps `main` in the page shell.
 * @example layout(ctx, { title: "Lämna in", script: "portal", main: markup`<h1>…</h1>` })
 */
export function layout(ctx: PageContext, page: { title: string; script: string; main: Markup }): string {
  const other: Lang = ctx.lang === "sv" ? "en" : "sv";
  const otherName = other === "en" ? "English" : "Svenska";
  return markup`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.title} – Kollen</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/kollen.css">
<script type="module" src="/assets/${page.script}.js"></script>
</head>
<body data-authority="${ctx.authorityName}">
<a class="skip" href="#main">${text(ctx, "skipToMain")}</a>
<header class="site">
<p class="brand"><span class="logo" aria-hidden="true">K</span> ${text(ctx, "serviceName")} <span class="authority">· ${ctx.authorityName}</span></p>
<nav aria-label="${text(ctx, "languageNav")}"><a id="lang-switch" href="${ctx.path}?lang=${other}" hreflang="${other}" lang="${other}">${otherName}</a></nav>
</header>
<p id="dev-banner" class="dev-banner" role="note"${ctx.dev ? "" : markup` hidden`}>${text(ctx, "devBanner")}</p>
<main id="main" tabindex="-1">
${page.main}
</main>
<footer class="site"><p>${text(ctx, "footer", { authority: ctx.authorityName, authorityGenitive: ctx.lang === "sv" ? genitiveSv(ctx.authorityName) : ctx.authorityName })}</p></footer>
</body>
</html>
`.toString();
}
