/**
 * The submission API's bodies as zod schemas: the routes declare them (server/lib/openapi.ts), so
 * the OpenAPI document, the answers' types and hono/client's types all come from here. Uploads carry
 * packages as raw bytes, so only answers, the receipt's claims and the problem shape are modelled.
 * The `id` in `.meta()` names the schema under components.schemas.
 */
import { z } from "zod";
import { ERROR_CODES } from "./errors.ts";
import { CampaignId, ID_PATTERN, ModelId } from "./ids.ts";
import { CoverageState, ReviewFlag, SubmissionStatus } from "./submission.ts";

export const ErrorCodeSchema = z.enum(ERROR_CODES).meta({ description: "stable error code (schemas/errors.ts)" });

export const SubmissionAccepted = z
  .object({
    submissionId: z.uuid(),
    status: SubmissionStatus,
    receipt: z.string().meta({ description: "compact JWS (EdDSA) signed by the receipt key; verify against /.well-known/jwks.json" }),
  })
  .meta({ id: "SubmissionAccepted" });

/** The answer to GET /api/v1/submissions/{id} (OpenAPI component `SubmissionStatus`). */
export const SubmissionStatusAnswer = z
  .object({
    submissionId: z.uuid(),
    status: SubmissionStatus,
    organisation: z.string(),
    campaign: z.string(),
    receivedAt: z.iso.datetime(),
    flags: z.array(ReviewFlag),
    supersededBy: z.uuid().nullable(),
    covers: z.array(z.object({ orgnr: z.string(), state: CoverageState })),
  })
  .meta({ id: "SubmissionStatus" });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    code: ErrorCodeSchema,
    detail: z.string().optional(),
    title_sv: z.string().optional(),
    detail_sv: z.string().optional(),
    reasons: z.array(ErrorCodeSchema).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details with a stable code, in English and Swedish" });

export const JwksSchema = z
  .object({ keys: z.array(z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string(), kid: z.string(), alg: z.literal("EdDSA"), use: z.literal("sig") })) })
  .meta({ id: "JWKS" });

export const ReceiptClaimsSchema = z
  .object({
    iss: z.string(),
    sub: z.uuid(),
    iat: z.int(),
    submissionId: z.uuid(),
    packageSha256: z.string().regex(/^[0-9a-f]{64}$/),
    organisation: z.string(),
    campaign: z.string(),
    receivedAt: z.iso.datetime(),
    status: SubmissionStatus,
    reasons: z.array(z.string()),
    authority: z.string(),
  })
  .meta({ description: "payload of a receipt JWS (protected header typ kollen-receipt+jwt)" });

export const ServiceInfo = z.object({
  authority: z.string().meta({ description: "the receiving authority, as configured" }),
  maxPackageBytes: z.int().positive(),
  mediaTypes: z.array(z.string()),
  formats: z.array(z.string()),
}).meta({ id: "ServiceInfo" });

/** A campaign open for answers, as the questionnaire and the portal list it (GET /api/v1/campaigns). */
export const OpenCampaign = z
  .object({
    id: CampaignId,
    /** the survey model's title (Swedish, English); the campaign id when the model file is not shipped */
    title: z.object({ sv: z.string(), en: z.string() }),
    surveyModelId: ModelId,
    /** the model kind, so a page knows what it will ask before fetching it */
    kind: z.enum(["infosakkollen", "itsakkollen"]).nullable(),
    opensAt: z.iso.datetime().nullable(),
    closesAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "OpenCampaign" });
export const OpenCampaigns = z.object({ campaigns: z.array(OpenCampaign) }).meta({ id: "OpenCampaigns" });
/** A path's campaign id: anything else is simply not found. */
export const CampaignParam = z.object({ id: z.string().regex(new RegExp(`^${ID_PATTERN}$`), "no such campaign") });
