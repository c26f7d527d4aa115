/**
 * The API contract's plumbing: every API sub-app is an OpenAPIHono whose routes are declared with
 * createRoute, so one definition gives the validation, the OpenAPI 3.1 document and the types that
 * hono/client uses. A failed validation throws a KollenError, so the app's one onError answers it as
 * RFC 9457 problem+json with the same stable code as every other refusal.
 */
import { createRoute, OpenAPIHono, type Hook } from "@hono/zod-openapi";
import type { Env, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { KollenError } from "../../schemas/errors.ts";
import { csrfProtect } from "../accounts/middleware.ts";
import { z } from "zod";
import { ProblemSchema, ReceiptClaimsSchema } from "../../schemas/api.ts";
import { PROBLEM_CONTENT_TYPE } from "./problem.ts";

/**
 * What a failed validation answers: a malformed path id is simply not found (the schema's message
 * says which), a bad query or body is BAD_INPUT naming the offending fields.
 */
export const failedValidation: Hook<unknown, Env, string, undefined> = (result) => {
  if (result.success) return;
  const issues = result.error.issues;
  if (result.target === "param") throw new KollenError("NOT_FOUND", issues[0]?.message ?? "not found");
  const paths = issues.map((i) => i.path.join(".") || "body").join(", ");
  throw new KollenError("BAD_INPUT", result.target === "query" ? `invalid filter ${paths}` : `invalid ${paths}`);
};

/** A new API sub-app whose validation failures answer as problem+json. */
export const apiApp = () => new OpenAPIHono<Env>({ defaultHook: failedValidation });

/**
 * Runs before a JSON body's validator: anything but JSON is UNSUPPORTED_MEDIA_TYPE, JSON that does
 * not parse is BAD_INPUT. The parsed body is cached by Hono, so the validator reads it again for free.
 * With `forms`, a form post also passes (the login page posts one).
 */
export function jsonRequest(opts: { forms?: boolean; invalid?: string } = {}): MiddlewareHandler {
  return async (c, next) => {
    const type = (c.req.header("content-type") ?? "").toLowerCase();
    const form = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    if (!(opts.forms && form)) {
      if (!type.startsWith("application/json")) throw new KollenError("UNSUPPORTED_MEDIA_TYPE", opts.forms ? "send JSON or a form" : "send JSON");
      if ((await c.req.json().catch(() => NO_JSON)) === NO_JSON) throw new KollenError("BAD_INPUT", opts.invalid ?? "invalid body");
    }
    await next();
  };
}
const NO_JSON = Symbol("no JSON");

/** A JSON answer in a route's `responses`. */
export const json = <T>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });

/** Problem answers in a route's `responses`: `problems({ 404: "NOT_FOUND" })`. */
export function problems<S extends number>(byStatus: Record<S, string>): Record<S, { description: string; content: { "application/problem+json": { schema: typeof ProblemSchema } } }> {
  return Object.fromEntries(Object.entries(byStatus).map(([status, description]) => [status, { description: description as string, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } }])) as never;
}

/** The problems every staff route can answer before its handler runs. */
export const STAFF_PROBLEMS = { 401: "UNAUTHORIZED: log in first", 403: "FORBIDDEN (role) / CSRF_INVALID" } as const;
/** The problems of a JSON body, answered before its handler runs. */
export const JSON_PROBLEMS = { 400: "BAD_INPUT", 415: "UNSUPPORTED_MEDIA_TYPE" } as const;

/** Refuses a request body over `maxSize` bytes with BAD_INPUT before it is read further. */
export const bodySizeLimit = (maxSize: number): MiddlewareHandler =>
  bodyLimit({ maxSize, onError: () => Promise.reject(new KollenError("BAD_INPUT", "the request body is too large")) });

/** A required JSON request body, validated and documented by `schema`. */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({ required: true as const, content: { "application/json": { schema } } });

type Requirements = Array<Record<string, string[]>>;
/** Security requirements: a staff session; a staff session that also sends its CSRF token. */
const SESSION: Requirements = [{ session: [] }];
const SESSION_CSRF: Requirements = [{ session: [], csrf: [] }];
/** Anyone, or the holder of an invitation link. */
export const OPTIONAL_INVITE: Requirements = [{}, { invite: [] }];
/** Before login: the pre-login CSRF token. */
export const CSRF: Requirements = [{ csrf: [] }];
/** The holder of a receipt. */
export const RECEIPT: Requirements = [{ receipt: [] }];

/** A staff read: a session whose user has a role `role` allows. */
export const staffRead = (role: MiddlewareHandler) => ({ security: SESSION, middleware: [role] });

/**
 * A staff change: the role first (401/403 before anything else), then the CSRF check, then — for a
 * route with a JSON body — the media type check ahead of the body's validator.
 */
export const staffChange = (role: MiddlewareHandler, body: "json" | "none") => ({
  security: SESSION_CSRF,
  middleware: body === "json" ? [role, csrfProtect(), jsonRequest()] : [role, csrfProtect()],
});

/** The document's security schemes, for the requirements above and the two bearer tokens. */
const SECURITY_SCHEMES = {
  session: { type: "apiKey", in: "cookie", name: "__Host-kollen_session", description: "the staff session (kollen_session on loopback http)" },
  csrf: { type: "apiKey", in: "header", name: "x-csrf-token", description: "the session's CSRF token (GET /api/v1/auth/me), or before login the pre-login token (GET /api/v1/auth/csrf)" },
  receipt: { type: "http", scheme: "bearer", bearerFormat: "JWS receipt" },
  invite: { type: "http", scheme: "bearer", bearerFormat: "JWT invitation (typ kollen-invite+jwt)" },
} as const;

/**
 * Adds to the document what no route names: the security schemes, and the claims inside a receipt
 * (the routes carry the receipt as an opaque compact JWS).
 */
export function describeComponents(root: OpenAPIHono<Env>): void {
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) root.openAPIRegistry.registerComponent("securitySchemes", name, scheme);
  const { $schema: _dialect, ...claims } = z.toJSONSchema(ReceiptClaimsSchema);
  root.openAPIRegistry.registerComponent("schemas", "ReceiptClaims", claims as Parameters<typeof root.openAPIRegistry.registerComponent<"schemas">>[2]);
}

/**
 * GET /openapi.json: the OpenAPI 3.1 document of every route registered on `root`, generated from
 * the route definitions (and their zod schemas) on first request, when every sub-app is mounted.
 */
export function documentRoutes(root: OpenAPIHono<Env>, about: { authorityName: string }) {
  let document: ReturnType<typeof root.getOpenAPI31Document> | undefined;
  const route = createRoute({ method: "get", path: "/openapi.json", summary: "This document", responses: { 200: { description: "OpenAPI 3.1 (application/json)" } } });
  return apiApp().openapi(route, (c) => {
    document ??= root.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "Kollen submission API",
        version: "1",
        description: `Secure submission of Cybersäkerhetskollen results to ${about.authorityName}. Packages are kollen-package/1 (docs/FORMAT.md); every error is RFC 9457 problem+json with a stable code.`,
      },
      servers: [{ url: "/" }],
    });
    return c.json(document);
  });
}
