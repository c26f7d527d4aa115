/**
 * The staff pages: the admin view, the admin's registry, the reviewer's decrypt-and-verify page and
 * the supervisor's links. Shells without data: the data stays behind the role checks of the API.
 * A visitor without a session is sent to the login page (or, on the supervisor page, shown the way
 * to it) before any script runs, so no page asks the API a question it must refuse.
 */
import { Hono, type Context } from "hono";
import { campaignQuery, html, pageContext, type WebDeps } from "../page.ts";
import { adminPage } from "./admin-page.ts";
import { registryPage } from "./registry-page.ts";
import { reviewPage } from "./review-page.ts";
import { supervisorPage } from "./supervisor-page.ts";

/** Whether the request carries a live staff session (read by authSession before the pages). */
const signedIn = (c: Context) => c.get("user") !== undefined;

/** The staff pages sub-app; mount it at the root. */
export function staffPages(deps: WebDeps) {
  return new Hono()
    .get("/admin", (c) => (signedIn(c) ? html(c, adminPage(pageContext(c, deps))) : c.redirect("/login", 303)))
    .get("/admin/registry", (c) => (signedIn(c) ? html(c, registryPage(pageContext(c, deps))) : c.redirect("/login", 303)))
    .get("/review", (c) => html(c, reviewPage(pageContext(c, deps))))
    .get("/supervisor", (c) => html(c, supervisorPage(pageContext(c, deps), campaignQuery(c), signedIn(c))));
}
