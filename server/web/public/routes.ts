/**
 * The public pages: the organisation portal at `/`, the questionnaire at `/besvara`, the login page, and the page an invitation link
 * opens — a GET that shows, never consumes (DESIGN.md § Invitations).
 */
import { Hono } from "hono";
import { ensureLoginCsrf } from "../../accounts/session.ts";
import { campaignQuery, html, pageContext, type WebDeps } from "../page.ts";
import { answerPage } from "./answer-page.ts";
import { invitePage } from "./invite-page.ts";
import { loginPage } from "./login-page.ts";
import { portalPage } from "./portal-page.ts";

/** The public pages sub-app; mount it at the root. */
export function publicPages(deps: WebDeps) {
  return new Hono()
    .get("/", (c) => html(c, portalPage(pageContext(c, deps), campaignQuery(c))))
    .get("/besvara", (c) => html(c, answerPage(pageContext(c, deps), campaignQuery(c))))
    .get("/login", (c) => {
      const error = c.req.query("error");
      return html(c, loginPage(pageContext(c, deps), ensureLoginCsrf(c), error && /^[A-Z_]{1,40}$/.test(error) ? error : undefined));
    })
    .get("/invite/:token", (c) => html(c, invitePage(pageContext(c, deps), c.req.param("token"))));
}
