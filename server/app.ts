/**
 * createApp(deps): the one runtime-agnostic Hono app (DESIGN.md § Server; CONVENTIONS.md habit 7).
 * Chained sub-apps whose API routes are declared with their zod schemas (lib/openapi.ts: validation,
 * the OpenAPI document and the client types from one definition), one onError answering RFC 9457
 * problem+json, and the ports in server/ports.ts. The runtimes live in node/ and workers/.
 */
import { HTTPException } from "hono/http-exception";
import { isKollenError, type ErrorCode } from "../schemas/errors.ts";
import type { AppDeps } from "./ports.ts";
import { apiApp, describeComponents, documentRoutes } from "./lib/openapi.ts";
import { problemResponse } from "./lib/problem.ts";
import { infoRoutes } from "./submissions/info-routes.ts";
import { invitesRoutes } from "./invites/routes.ts";
import { adminInvitesRoutes } from "./invites/admin-routes.ts";
import { recipientsRoutes } from "./registry/recipients-routes.ts";
import { campaignsRoutes } from "./registry/campaigns-routes.ts";
import { submissionsRoutes } from "./submissions/routes.ts";
import { wellKnownRoutes } from "./receipts/routes.ts";
import { Rejection } from "./submissions/receive.ts";
import { authSession } from "./accounts/middleware.ts";
import { authRoutes } from "./accounts/routes.ts";
import { reviewRoutes } from "./review/routes.ts";
import { auditRoutes } from "./audit/routes.ts";
import { exportRoutes } from "./export/routes.ts";
import { usersRoutes } from "./accounts/users-routes.ts";
import { registryRoutes } from "./registry/routes.ts";
import { trustRoutes } from "./registry/trust-routes.ts";
import { assetRoutes } from "./web/assets-routes.ts";
import { publicPages } from "./web/public/routes.ts";
import { staffPages } from "./web/staff/routes.ts";

export type { AppDeps } from "./ports.ts";

const HTTP_CODES: Record<number, ErrorCode> = { 400: "BAD_INPUT", 401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND", 408: "BODY_TIMEOUT", 413: "PACKAGE_TOO_LARGE", 415: "UNSUPPORTED_MEDIA_TYPE", 429: "RATE_LIMITED" };

/**
 * Builds the app over its ports.
 * @example const app = createApp(deps); const res = await app.request("/.well-known/jwks.json");
 */
export function createApp(deps: AppDeps) {
  const root = apiApp();
  describeComponents(root);
  const app = root
    // no answer of ours may be sniffed into another type: problems and JSON included, not only pages
    .use("*", async (c, next) => {
      await next();
      c.res.headers.set("x-content-type-options", "nosniff");
    })
    .use("*", authSession(deps))
    .route("/.well-known", wellKnownRoutes(deps))
    .route("/api/v1/auth", authRoutes(deps))
    .route("/api/v1/admin", registryRoutes(deps))
    .route("/api/v1/admin", trustRoutes(deps))
    .route("/api/v1/admin", reviewRoutes(deps))
    .route("/api/v1/admin", usersRoutes(deps))
    .route("/api/v1/admin", auditRoutes(deps))
    .route("/api/v1/admin", exportRoutes(deps))
    .route("/api/v1/admin", adminInvitesRoutes(deps))
    .route("/api/v1/submissions", submissionsRoutes(deps))
    .route("/api/v1/recipients", recipientsRoutes(deps))
    .route("/api/v1/campaigns", campaignsRoutes(deps))
    .route("/api/v1/invites", invitesRoutes(deps))
    .route("/api/v1", documentRoutes(root, deps.config))
    .route("/api/v1", infoRoutes(deps));
  // the pages and their assets, where the runtime has the built bundles (dist/web)
  if (deps.web) {
    const web = { config: { authorityName: deps.config.authorityName, dev: deps.config.dev ?? false }, assets: deps.web };
    app.route("/", publicPages(web)).route("/", staffPages(web)).route("/assets", assetRoutes(web));
  }
  app.notFound(() => problemResponse("NOT_FOUND"));
  app.onError((err) => {
    if (isKollenError(err)) {
      if (err.code === "INTERNAL") deps.log?.("error", { code: err.code, message: err.message });
      // a slow sender is cut off; everyone else gets a lingering close (the Node adapter drains a
      // bounded amount of the unread body) so the answer is read before the connection goes
      const close = err.code === "BODY_TIMEOUT" ? { connection: "close" } : undefined;
      return problemResponse(err.code, err.message, err instanceof Rejection ? err.reasons : undefined, close);
    }
    if (err instanceof HTTPException && err.status < 500) return problemResponse(HTTP_CODES[err.status] ?? "BAD_INPUT");
    // never the raw error: database and I/O errors may quote data
    deps.log?.("error", { code: "INTERNAL", name: err instanceof Error ? err.name : typeof err });
    return problemResponse("INTERNAL");
  });
  return app;
}

/** The app's type, for hono/client. */
export type AppType = ReturnType<typeof createApp>;
