/**
 * createApp(deps): the one runtime-agnostic Hono app (DESIGN.md § Server; CONVENTIONS.md habit 7).
 * Chained sub-apps with inline handlers, one onError answering RFC 9457 problem+json, and the
 * ports in server/ports.ts. The runtime lives in entry.node.ts / entry.workers.ts.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { isKollenError, type ErrorCode } from "../schemas/errors.ts";
import type { AppDeps } from "./ports.ts";
import { problemResponse } from "./problem.ts";
import { infoRoutes } from "./routes/info.ts";
import { invitesRoutes } from "./routes/invites.ts";
import { openApiRoutes } from "./routes/openapi.ts";
import { recipientsRoutes } from "./routes/recipients.ts";
import { submissionsRoutes } from "./routes/submissions.ts";
import { wellKnownRoutes } from "./routes/well-known.ts";
import { Rejection } from "./services/receive-submission.ts";
import { authSession } from "./auth/middleware.ts";
import { authRoutes } from "./routes/auth.ts";
import { adminRoutes } from "./routes/admin.ts";
import { registryRoutes } from "./routes/registry.ts";
import { webRoutes } from "./web/routes.ts";

export type { AppDeps } from "./ports.ts";

const HTTP_CODES: Record<number, ErrorCode> = { 400: "BAD_INPUT", 401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND", 408: "BODY_TIMEOUT", 413: "PACKAGE_TOO_LARGE", 415: "UNSUPPORTED_MEDIA_TYPE", 429: "RATE_LIMITED" };

/**
 * Builds the app over its ports.
 * @example const app = createApp(deps); const res = await app.request("/.well-known/jwks.json");
 */
export function createApp(deps: AppDeps) {
  const app = new Hono()
    .use("*", authSession(deps))
    .route("/.well-known", wellKnownRoutes(deps))
    .route("/api/v1/auth", authRoutes(deps))
    .route("/api/v1/admin", adminRoutes(deps))
    .route("/api/v1/admin", registryRoutes(deps))
    .route("/api/v1/submissions", submissionsRoutes(deps))
    .route("/api/v1/recipients", recipientsRoutes(deps))
    .route("/api/v1/invites", invitesRoutes(deps))
    .route("/api/v1", openApiRoutes(deps))
    .route("/api/v1", infoRoutes(deps));
  // the pages and their assets, where the runtime has the built bundles (dist/web)
  if (deps.web) app.route("/", webRoutes({ config: { authorityName: deps.config.authorityName, dev: deps.config.dev ?? false }, assets: deps.web }));

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
