/**
 * The staff login page: a plain form that works without script, posting to
 * /api/v1/auth/login with the pre-login CSRF token (double submit: the same value is in an
 * HttpOnly cookie). An error comes back as `?error=CODE` and is shown in the page's language.
 */
import { t, type TextKey } from "../i18n.ts";
import { layout, markup, text, type PageContext } from "../layout.ts";
import { field } from "../fields.ts";

const KNOWN = new Set(["LOGIN_FAILED", "RATE_LIMITED", "CSRF_INVALID"]);

/** The login page; `csrf` is the token of the pre-login cookie, `error` a code from the last try. */
export function loginPage(ctx: PageContext, csrf: string, error: string | undefined): string {
  const errorText = error ? t(ctx.lang, (KNOWN.has(error) ? `loginError_${error}` : "loginError_other") as TextKey) : "";
  const main = markup`
<h1>${text(ctx, "loginTitle")}</h1>
<p class="intro">${text(ctx, "loginIntro", { authority: ctx.authorityName })}</p>
<div id="error" class="error" role="alert"${errorText ? "" : markup` hidden`}>${errorText}</div>
<section class="card">
<form id="login-form" method="post" action="/api/v1/auth/login">
<input type="hidden" name="csrf" value="${csrf}">
${field("username", text(ctx, "loginUsername"), markup`<input id="username" name="username" autocomplete="username" required maxlength="64" autocapitalize="none" spellcheck="false">`)}
${field("password", text(ctx, "loginPassword"), markup`<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024">`)}
<p class="actions"><button id="login-button" type="submit">${text(ctx, "loginButton")}</button></p>
</form>
</section>
`;
  return layout(ctx, { title: t(ctx.lang, "loginTitle"), script: "login", main });
}
