/** The page sub-apps mounted as createApp mounts them, without the API: for in-process page tests. */
import { Hono } from "hono";
import { assetRoutes } from "../../../server/web/assets-routes.ts";
import type { WebDeps } from "../../../server/web/page.ts";
import { publicPages } from "../../../server/web/public/routes.ts";
import { staffPages } from "../../../server/web/staff/routes.ts";

export function pagesApp(web: WebDeps) {
  return new Hono().route("/", publicPages(web)).route("/", staffPages(web)).route("/assets", assetRoutes(web));
}
