/**
 * The page shell shared by the portal and the reviewer page: language switch (a plain link, so it
 * works without script and persists through a cookie), skip link, one stylesheet and one module
 * script from /assets, nothing inline (the CSP in ../headers.ts forbids it).
 */
import { t, type Lang, type TextKey } from "./i18n.ts";

/** Escapes text for HTML content and double-quoted attributes. */
export function esc(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
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

/** A text of the page's language, escaped. */
export function tx(ctx: PageContext, key: TextKey, vars?: Record<string, string | number>): string {
  return esc(t(ctx.lang, key, vars));
}

/**
 * Wraps `main` in the page shell.
 * @example layout(ctx, { title: "Lämna in", script: "portal", main: "<h1>…</h1>" })
 */
export function layout(ctx: PageContext, page: { title: string; script: string; main: string }): string {
  const other: Lang = ctx.lang === "sv" ? "en" : "sv";
  const otherName = other === "en" ? "English" : "Svenska";
  return `<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(page.title)} – Kollen</title>
<link rel="stylesheet" href="/assets/kollen.css">
<script type="module" src="/assets/${esc(page.script)}.js"></script>
</head>
<body>
<a class="skip" href="#main">${tx(ctx, "skipToMain")}</a>
<header class="site">
<p class="brand"><span class="logo" aria-hidden="true">K</span> ${tx(ctx, "serviceName")} <span class="authority">· ${esc(ctx.authorityName)}</span></p>
<nav aria-label="${tx(ctx, "languageNav")}"><a id="lang-switch" href="${esc(ctx.path)}?lang=${other}" hreflang="${other}" lang="${other}">${otherName}</a></nav>
</header>
<p id="dev-banner" class="dev-banner" role="note"${ctx.dev ? "" : " hidden"}>${tx(ctx, "devBanner")}</p>
<main id="main" tabindex="-1">
${page.main}
</main>
<footer class="site"><p>${tx(ctx, "footer", { authority: ctx.authorityName })}</p></footer>
</body>
</html>
`;
}
