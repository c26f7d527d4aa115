/** /api/v1/admin/export (role `analyst`): one campaign's approved packages as a tar with a signed index. */
import { createRoute } from "@hono/zod-openapi";
import { KollenError } from "../../schemas/errors.ts";
import { ExportQuery } from "../../schemas/staff-api.ts";
import { actor, requireRole } from "../accounts/middleware.ts";
import { appendAudit } from "../audit/log.ts";
import { apiApp, problems, staffRead, STAFF_PROBLEMS } from "../lib/openapi.ts";
import type { AppDeps } from "../ports.ts";
import { exportCampaign } from "./export-campaign.ts";

const route = createRoute({
  method: "get", path: "/export", summary: "Tar of the approved packages of ?campaign=ID with index.json and index.jws (signed with the receipt key) (role analyst)",
  ...staffRead(requireRole("analyst")),
  request: { query: ExportQuery },
  responses: { 200: { description: "the export", content: { "application/x-tar": { schema: { type: "string", format: "binary" } } } }, ...problems({ 400: "BAD_INPUT: campaign=ID is required", ...STAFF_PROBLEMS }) },
});

/** The one query parameter is not a filter: say what is missing. */
const campaignRequired = (result: { success: boolean }): undefined => {
  if (!result.success) throw new KollenError("BAD_INPUT", "campaign=ID is required");
  return undefined;
};

/** The export sub-app, mounted at /api/v1/admin. */
export function exportRoutes(deps: AppDeps) {
  return apiApp().openapi(route, async (c) => {
    const { campaign } = c.req.valid("query");
    const { index, stream } = await exportCampaign(deps, campaign);
    await appendAudit(deps, { actor: actor(c), action: "export.campaign", subject: campaign, detail: { submissions: index.submissions.length } });
    c.header("content-type", "application/x-tar");
    c.header("content-disposition", `attachment; filename="kollen-export-${campaign}.tar"`);
    return c.body(stream as ReadableStream<Uint8Array<ArrayBuffer>>);
  }, campaignRequired);
}
