/**
 * GET /api/v1/info: what a client needs before uploading — the receiving authority's name (from
 * configuration, never code), the largest accepted package and the accepted media types — so the
 * CLI and the portal can refuse an oversized package without sending it.
 */
import { createRoute } from "@hono/zod-openapi";
import type { z } from "zod";
import { ServiceInfo } from "../../schemas/api.ts";
import { apiApp, json } from "../lib/openapi.ts";
import type { AppDeps } from "../ports.ts";
import { PACKAGE_MEDIA_TYPES } from "./routes.ts";

const route = createRoute({
  method: "get",
  path: "/info",
  summary: "Authority name, size limit and accepted media types",
  responses: { 200: json(ServiceInfo, "service info") },
});

/** The info sub-app. */
export function infoRoutes(deps: AppDeps) {
  const info: z.infer<typeof ServiceInfo> = {
    authority: deps.config.authorityName,
    maxPackageBytes: deps.config.maxPackageBytes,
    mediaTypes: [...PACKAGE_MEDIA_TYPES],
    formats: ["kollen-package/1"],
  };
  return apiApp().openapi(route, (c) => {
    c.header("cache-control", "public, max-age=300");
    return c.json(info, 200);
  });
}
