/**
 * The staff pages: the admin view, the reviewer's decrypt-and-verify page and the supervisor's
 * links. Shells without data: the data stays behind the role checks of the API.
 */
import { Hono } from "hono";
import { campaignQuery, html, pageContext, type WebDeps } from "../page.ts";
import { adminPage } from "./admin-page.ts";
import { reviewPage } from "./review-page.ts";
import { supervisorPage } from "./supervisor-page.ts";

/** The staff pages sub-app; mount it at the root. */
export function staffPages(deps: WebDeps) {
  return new Hono()
    .get("/admin", (c) => html(c, adminPage(pageContext(c, deps))))
    .get("/review", (c) => html(c, reviewPage(pageContext(c, deps))))
    .get("/supervisor", (c) => html(c, supervisorPage(pageContext(c, deps), campaignQuery(c))));
}
