/**
 * GET /api/v1/openapi.json: an OpenAPI 3.1 document whose schemas are generated from the zod
 * schemas in server/api-schemas.ts (zod 4 z.toJSONSchema, JSON Schema 2020-12 as OpenAPI 3.1 uses).
 */
import { Hono } from "hono";
import { z } from "zod";
import { JwksSchema, ProblemSchema, ReceiptClaimsSchema, ServiceInfo, SubmissionAccepted, SubmissionStatus } from "../api-schemas.ts";
import type { AppDeps } from "../ports.ts";
import { PACKAGE_MEDIA_TYPES } from "./submissions.ts";

/** components.schemas, from one zod registry so shared parts become $refs between them. */
function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  registry.add(SubmissionAccepted, { id: "SubmissionAccepted" });
  registry.add(SubmissionStatus, { id: "SubmissionStatus" });
  registry.add(ProblemSchema, { id: "Problem" });
  registry.add(JwksSchema, { id: "JWKS" });
  registry.add(ReceiptClaimsSchema, { id: "ReceiptClaims" });
  registry.add(ServiceInfo, { id: "ServiceInfo" });
  const { schemas } = z.toJSONSchema(registry, { unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _s, id: _id, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });

/** The OpenAPI document (built once per app). */
export function openApiDocument(deps: AppDeps): Record<string, unknown> {
  const raw = { schema: { type: "string", format: "binary" } };
  return {
    openapi: "3.1.0",
    info: {
      title: "Kollen submission API",
      version: "1",
      description: `Secure submission of Cybersäkerhetskollen results to ${deps.config.authorityName}. Packages are kollen-package/1 (docs/FORMAT.md); every error is RFC 9457 problem+json with a stable code.`,
    },
    servers: [{ url: "/" }],
    paths: {
      "/api/v1/submissions": {
        post: {
          summary: "Upload a package",
          description: `Streams the package, verifies it and stores it. The identical bytes again answer 200 with the original receipt. Largest package: ${deps.config.maxPackageBytes} bytes.`,
          requestBody: {
            required: true,
            content: {
              ...Object.fromEntries(PACKAGE_MEDIA_TYPES.map((t) => [t, raw])),
              "multipart/form-data": { schema: { type: "object", properties: { package: { type: "string", format: "binary" } }, required: ["package"] } },
            },
          },
          responses: {
            "201": { description: "stored; the receipt is signed", content: { "application/json": { schema: ref("SubmissionAccepted") } } },
            "200": { description: "these exact bytes were received before: the original receipt", content: { "application/json": { schema: ref("SubmissionAccepted") } } },
            "400": problem("not a valid package (structure, manifest)"),
            "408": problem("BODY_TIMEOUT: the body did not arrive in time"),
            "413": problem("PACKAGE_TOO_LARGE"),
            "415": problem("UNSUPPORTED_MEDIA_TYPE"),
            "422": problem("the package does not verify (signatures, signer trust, digest, recipients, campaign)"),
            "500": problem("INTERNAL (nothing more is said)"),
          },
        },
      },
      "/api/v1/submissions/{id}": {
        get: {
          summary: "Status of a submission",
          description: "The receipt is the bearer token. No such id and not yours answer the same 404.",
          security: [{ receipt: [] }],
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: {
            "200": { description: "current status", content: { "application/json": { schema: ref("SubmissionStatus") } } },
            "404": problem("NOT_FOUND"),
          },
        },
      },
      "/api/v1/recipients": {
        get: {
          summary: "The authority's signed recipient keyring",
          description: "A JWS signed by the authority's keyring key; the kit verifies it against its pinned keys before encrypting.",
          responses: { "200": { description: "keyring JWS", content: { "application/jose": { schema: { type: "string" } } } }, "404": problem("no keyring installed") },
        },
      },
      "/.well-known/jwks.json": {
        get: { summary: "Receipt verification keys", responses: { "200": { description: "JWK Set", content: { "application/json": { schema: ref("JWKS") } } } } },
      },
      "/api/v1/info": {
        get: { summary: "Authority name, size limit and accepted media types", responses: { "200": { description: "service info", content: { "application/json": { schema: ref("ServiceInfo") } } } } },
      },
      "/api/v1/openapi.json": { get: { summary: "This document", responses: { "200": { description: "OpenAPI 3.1" } } } },
    },
    components: {
      securitySchemes: { receipt: { type: "http", scheme: "bearer", bearerFormat: "JWS receipt" } },
      schemas: componentSchemas(),
    },
  };
}

/** The OpenAPI sub-app. */
export function openApiRoutes(deps: AppDeps) {
  const doc = openApiDocument(deps);
  return new Hono().get("/openapi.json", (c) => c.json(doc));
}
