/**
 * GET /api/v1/openapi.json: an OpenAPI 3.1 document whose schemas are generated from the zod
 * schemas in schemas/api.ts (zod 4 z.toJSONSchema, JSON Schema 2020-12 as OpenAPI 3.1 uses).
 */
import { Hono } from "hono";
import { z } from "zod";
import { JwksSchema, ProblemSchema, ReceiptClaimsSchema, ServiceInfo, SubmissionAccepted, SubmissionStatus } from "../schemas/api.ts";
import type { AppDeps } from "./ports.ts";
import { AcceptInviteBody, CreateInviteBody } from "./invites/routes.ts";
import { PACKAGE_MEDIA_TYPES } from "./submissions/routes.ts";

/** components.schemas, from one zod registry so shared parts become $refs between them. */
function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  registry.add(SubmissionAccepted, { id: "SubmissionAccepted" });
  registry.add(SubmissionStatus, { id: "SubmissionStatus" });
  registry.add(ProblemSchema, { id: "Problem" });
  registry.add(JwksSchema, { id: "JWKS" });
  registry.add(ReceiptClaimsSchema, { id: "ReceiptClaims" });
  registry.add(ServiceInfo, { id: "ServiceInfo" });
  registry.add(CreateInviteBody, { id: "CreateInvite" });
  registry.add(AcceptInviteBody, { id: "AcceptInvite" });
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
          description: `Streams the package, verifies it and stores it. The identical bytes again answer 200 with the original receipt. Largest package: ${deps.config.maxPackageBytes} bytes. Optionally with an invitation as the bearer: it must be valid for the package's campaign and accepted by its organisation.`,
          security: [{}, { invite: [] }],
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
            "403": problem("INVITE_INVALID / INVITE_EXPIRED: the invitation bearer is not valid for this package"),
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
      "/api/v1/auth/csrf": { get: { summary: "The pre-login CSRF token; sets the double-submit cookie", responses: { "200": { description: "{ csrf }" } } } },
      "/api/v1/auth/login": {
        post: {
          summary: "Log in with username and password (JSON → { user, csrf }; the login form → 303)",
          description: "Needs the pre-login CSRF token (x-csrf-token or the csrf form field). Sets the session cookie (HttpOnly, SameSite=Strict, Secure __Host- except on loopback http).",
          responses: { "200": { description: "{ user: { id, username, roles }, csrf }" }, "401": problem("LOGIN_FAILED"), "403": problem("CSRF_INVALID"), "429": problem("RATE_LIMITED") },
        },
      },
      "/api/v1/auth/me": { get: { summary: "Who is logged in, and the session's CSRF token (role any)", security: [{ session: [] }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/auth/logout": { post: { summary: "End this session (role any)", security: [{ session: [] }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/auth/logout-all": { post: { summary: "End every session of this account (role any)", security: [{ session: [] }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/admin/campaigns": { post: { summary: "Register a campaign: { id, surveyModelId, surveyModelSha256?, opensAt?, closesAt? } (role admin)", security: [{ session: [] }], responses: { "201": { description: "created" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } }, get: { summary: "The campaigns (role any)", security: [{ session: [] }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/admin/submissions": { get: { summary: "The review queue; query campaign, status, group, flag, limit (role reviewer)", security: [{ session: [] }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/admin/submissions/manual": { post: { summary: "Register a submission received another way: {{ organisation, campaign, channel: paper|email|other, note }} (role reviewer)", security: [{ session: [] }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/admin/submissions/{id}": { get: { summary: "A submission: verification, flags, coverage, decisions, history (role reviewer)", security: [{ session: [] }], parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/admin/submissions/{id}/package": { get: { summary: "The package as stored (ciphertext, application/vnd.kollen.package) (role reviewer)", security: [{ session: [] }], parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/admin/submissions/{id}/decision": { post: { summary: "Approve or reject with a reason: {{ decision: approve|reject, reason }} (four-eyes: a second reviewer) (role reviewer)", security: [{ session: [] }], parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/admin/submissions/{id}/coverage": { post: { summary: "Confirm or refuse unconfirmed coverage: {{ orgnr, confirm }} (role reviewer)", security: [{ session: [] }], parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/admin/users": { get: { summary: "The accounts (role admin)", security: [{ session: [] }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } }, post: { summary: "Add an account: {{ username, password, roles }} (role admin)", security: [{ session: [] }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/admin/users/{id}/disable": { post: { summary: "Disable an account and end its sessions (role admin)", security: [{ session: [] }], parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/admin/organisations": { get: { summary: "The registry of organisations and whom they cover (role admin, reviewer)", security: [{ session: [] }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } }, post: { summary: "Register or update an organisation: {{ orgnr, name, actorGroup?, covers? }} (role admin)", security: [{ session: [] }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/admin/signers": { post: { summary: "Trust an organisation's public Ed25519 key after an out-of-band thumbprint check: {{ orgnr, jwk }} (role admin)", security: [{ session: [] }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/admin/keyring": { post: { summary: "Install a new recipient keyring signed by a pinned keyring key: {{ jws }} (role admin)", security: [{ session: [] }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/admin/audit": { get: { summary: "The newest audit events and the state of the hash chain (role admin)", security: [{ session: [] }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/admin/export": { get: { summary: "Tar of the approved packages of ?campaign=ID with index.json and index.jws (signed with the receipt key) (role analyst)", security: [{ session: [] }], responses: { "200": { description: "ok" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID") } } },
      "/api/v1/invites": {
        post: {
          summary: "Make an invitation link (role supervisor)",
          description: "Answers the token and its link once; the server keeps only the token's SHA-256. Needs the session cookie and its CSRF token (x-csrf-token).",
          security: [{ session: [] }],
          requestBody: { required: true, content: { "application/json": { schema: ref("CreateInvite") } } },
          responses: { "201": { description: "the link (id, token, url, campaign, sector, createdAt, expiresAt, maxUses)" }, "400": problem("BAD_INPUT"), "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN / CSRF_INVALID"), "422": problem("CAMPAIGN_UNKNOWN / CAMPAIGN_CLOSED") },
        },
        get: {
          summary: "The supervisor's own links and which organisation used each (never results)",
          security: [{ session: [] }],
          responses: { "200": { description: "{ invites: [{ id, campaign, sector, createdAt, expiresAt, maxUses, uses: [{ orgnr, name, usedAt }] }] }" }, "401": problem("UNAUTHORIZED"), "403": problem("FORBIDDEN") },
        },
      },
      "/api/v1/invites/{id}/expire": {
        post: {
          summary: "Withdraw one of the supervisor's links (it expires now)",
          security: [{ session: [] }],
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: { "200": { description: "expired" }, "404": problem("NOT_FOUND (no such link of yours)") },
        },
      },
      "/api/v1/invites/{token}": {
        get: {
          summary: "What an invitation link is for; reads only, never consumes it",
          parameters: [{ name: "token", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "{ campaign, sector, expiresAt, maxUses, usesLeft, authority }" }, "403": problem("INVITE_INVALID / INVITE_EXPIRED") },
        },
      },
      "/api/v1/invites/{token}/accept": {
        post: {
          summary: "Accept a link: bind it to the organisation and trust its public signing key for it",
          parameters: [{ name: "token", in: "path", required: true, schema: { type: "string" } }],
          requestBody: { required: true, content: { "application/json": { schema: ref("AcceptInvite") } } },
          responses: {
            "201": { description: "accepted (a new use or a new key)" },
            "200": { description: "accepted before by this organisation with this key" },
            "400": problem("BAD_INPUT / ORGNR_* / KEY_*"),
            "403": problem("INVITE_INVALID / INVITE_EXPIRED / INVITE_USED"),
            "409": problem("CONFLICT: the organisation already has a trusted key, or the key belongs to another"),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        receipt: { type: "http", scheme: "bearer", bearerFormat: "JWS receipt" },
        invite: { type: "http", scheme: "bearer", bearerFormat: "JWT invitation (typ kollen-invite+jwt)" },
        session: { type: "apiKey", in: "cookie", name: "__Host-kollen_session" },
      },
      schemas: componentSchemas(),
    },
  };
}

/** The OpenAPI sub-app. */
export function openApiRoutes(deps: AppDeps) {
  const doc = openApiDocument(deps);
  return new Hono().get("/openapi.json", (c) => c.json(doc));
}
