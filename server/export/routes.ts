/** /api/v1/admin/export (role `analyst`): one campaign's approved packages as a tar with a signed index. */
import { Hono } from "hono";
import { KollenError } from "../../schemas/errors.ts";
import { requireRole } from "../accounts/middleware.ts";
import { appendAudit } from "../audit/log.ts";
import { actor } from "../lib/request.ts";
import type { AppDeps } from "../ports.ts";
import { exportCampaign } from "./export-campaign.ts";

/** The export sub-app, mounted at /api/v1/admin. */
export function exportRoutes(deps: AppDeps) {
  return new Hono().get("/export", requireRole("analyst"), async (c) => {
    const campaign = c.req.query("campaign") ?? "";
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(campaign)) throw new KollenError("BAD_INPUT", "campaign=ID is required");
    const { index, stream } = await exportCampaign(deps, campaign);
    await appendAudit(deps, { actor: actor(c), action: "export.campaign", subject: campaign, detail: { submissions: index.submissions.length } });
    c.header("content-type", "application/x-tar");
    c.header("content-disposition", `attachment; filename="kollen-export-${campaign}.tar"`);
    return c.body(stream as ReadableStream<Uint8Array<ArrayBuffer>>);
  });
}
