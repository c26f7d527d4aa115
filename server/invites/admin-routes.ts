/**
 * POST /api/v1/admin/invites (role admin): the authority's own invitation links for a campaign, one
 * single-use link per chosen organisation, bound to its organisationsnummer — what
 * `kollen admin invite` writes, by the same function (invite-organisations.ts) and the same CSV
 * writer (links-csv.ts). Answers the CSV for the mail merge; nothing is made when the choice or the
 * campaign is refused.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { AdminInviteBody, LINK_COUNT_HEADER } from "../../schemas/staff-api.ts";
import { requireRole } from "../accounts/middleware.ts";
import type { SessionUser } from "../accounts/session-user.ts";
import { apiApp, bodySizeLimit, jsonBody, JSON_PROBLEMS, problems, staffChange, STAFF_PROBLEMS } from "../lib/openapi.ts";
import type { AppDeps } from "../ports.ts";
import { inviteOrganisations } from "./invite-organisations.ts";
import { LINKS_CSV_TYPE, linksCsv, linksCsvName } from "./links-csv.ts";

const DAY = 24 * 3600 * 1000;

// 10 000 organisationsnummer fit well inside this
const limit = bodySizeLimit(256 * 1024);
const admin = staffChange(requireRole("admin"), "json");

const route = createRoute({
  method: "post", path: "/invites", summary: "Make the authority's single-use invitation links for a campaign, one per organisation, as CSV (role admin)",
  description: "The same links and file as `kollen admin invite`: each link works once, and only for the organisationsnummer it names. The tokens are in this answer only; the server keeps their SHA-256.",
  security: admin.security,
  // the size limit first: nothing larger is read, whoever sends it
  middleware: [limit, ...admin.middleware],
  request: { body: jsonBody(AdminInviteBody) },
  responses: {
    201: {
      description: "the links (organisationsnummer, namn, länk, giltig_till)",
      headers: z.object({ [LINK_COUNT_HEADER]: z.string().meta({ description: "the number of links in the file" }) }),
      content: { "text/csv": { schema: z.string() } },
    },
    ...problems({ ...JSON_PROBLEMS, ...STAFF_PROBLEMS, 400: "BAD_INPUT / ORGNR_*", 404: "NOT_FOUND (an organisation not in the registry)", 422: "CAMPAIGN_UNKNOWN / CAMPAIGN_CLOSED" }),
  },
});

/** The admin's invitation sub-app, mounted at /api/v1/admin. */
export function adminInvitesRoutes(deps: AppDeps) {
  return apiApp().openapi(route, async (c) => {
    const user = c.get("user") as SessionUser;
    const b = c.req.valid("json");
    const expiresAt = b.expiresInDays ? new Date(deps.clock.now().getTime() + b.expiresInDays * DAY) : undefined;
    const links = await inviteOrganisations(deps, { campaign: b.campaign, select: b.select, ...(expiresAt ? { expiresAt } : {}) }, user.id);
    c.header("cache-control", "no-store");
    c.header("content-disposition", `attachment; filename="${linksCsvName(b.campaign)}"`);
    c.header(LINK_COUNT_HEADER, String(links.length));
    return c.body(linksCsv(links), 201, { "content-type": LINKS_CSV_TYPE });
  });
}
