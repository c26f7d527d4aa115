/**
 * /api/v1/submissions: upload a package (the raw body; optionally with an
 * invitation as the bearer token), and ask for a submission's status with its receipt as the bearer token.
 */
import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { KollenError } from "../../schemas/errors.ts";
import { z } from "zod";
import { SubmissionAccepted, SubmissionStatusAnswer } from "../../schemas/api.ts";
import type { ReviewFlag } from "../../schemas/submission.ts";
import { submissionCoverage, submissions } from "../db/schema.ts";
import { Mutex } from "../lib/mutex.ts";
import { apiApp, json, OPTIONAL_INVITE, problems, RECEIPT } from "../lib/openapi.ts";
import type { AppDeps } from "../ports.ts";
import { authorizeInviteUpload } from "../invites/authorize-upload.ts";
import { receiveSubmission } from "./receive.ts";
import { verifyReceipt } from "../receipts/verify.ts";

/** Raw package media types; the first is the registered-style name the kit sends. */
export const PACKAGE_MEDIA_TYPES = ["application/vnd.kollen.package", "application/octet-stream", "application/x-tar"] as const;

function bearer(header: string | undefined): string | undefined {
  // the scheme is case-insensitive (RFC 7235 §2.1; RFC 6750 §2.1 writes it "Bearer")
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,8192})$/i.exec(header ?? "");
  return m?.[1];
}

const notFound = () => new KollenError("NOT_FOUND", "no submission with that id for this receipt");

const BINARY = { schema: { type: "string", format: "binary" } } as const;

/**
 * The package streams through the body guard into the upload port, so the route declares its media
 * types for the document only: no validator may read the body.
 */
const upload = createRoute({
  method: "post",
  path: "/",
  summary: "Upload a package",
  description:
    "Streams the package, verifies it and stores it. The same signed manifest again answers 200 with the original receipt. The largest package is GET /api/v1/info's maxPackageBytes. Optionally with an invitation as the bearer: it must be valid for the package's campaign and accepted by its organisation.",
  security: OPTIONAL_INVITE,
  request: {
    body: {
      required: true,
      content: {
        ...Object.fromEntries(PACKAGE_MEDIA_TYPES.map((t) => [t, BINARY])),
      },
    },
  },
  responses: {
    201: json(SubmissionAccepted, "stored; the receipt is signed"),
    200: json(SubmissionAccepted, "this signed manifest was received before: the original receipt"),
    ...problems({
      400: "not a valid package (structure, manifest)",
      403: "INVITE_INVALID / INVITE_EXPIRED: the invitation bearer is not valid for this package",
      408: "BODY_TIMEOUT: the body did not arrive in time",
      413: "PACKAGE_TOO_LARGE",
      415: "UNSUPPORTED_MEDIA_TYPE",
      422: "the package does not verify (signatures, signer trust, digest, recipients, campaign)",
      500: "INTERNAL (nothing more is said)",
    }),
  },
});

const status = createRoute({
  method: "get",
  path: "/{id}",
  summary: "Status of a submission",
  description: "The receipt is the bearer token. No such id and not yours answer the same 404.",
  security: RECEIPT,
  request: { params: z.object({ id: z.string().meta({ format: "uuid" }) }) },
  responses: { 200: json(SubmissionStatusAnswer, "current status"), ...problems({ 404: "NOT_FOUND" }) },
});

/** The submissions sub-app. */
export function submissionsRoutes(deps: AppDeps) {
  const mutex = new Mutex();
  return apiApp()
    .openapi(upload, async (c) => {
      const contentType = c.req.header("content-type") ?? "";
      const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
      if (!(PACKAGE_MEDIA_TYPES as readonly string[]).includes(mediaType))
        throw new KollenError("UNSUPPORTED_MEDIA_TYPE", `content type ${JSON.stringify(mediaType.slice(0, 80))} is not accepted`);
      const limit = deps.config.maxPackageBytes;
      const declared = c.req.header("content-length");
      if (declared !== undefined && (!/^\d{1,16}$/.test(declared) || Number(declared) > limit))
        throw new KollenError("PACKAGE_TOO_LARGE", `the largest accepted package is ${deps.config.maxPackageBytes} bytes`);

      // an invitation bearer is checked before the body is read, its binding after verification
      const authorization = c.req.header("authorization");
      let authorize: Awaited<ReturnType<typeof authorizeInviteUpload>> | undefined;
      if (authorization !== undefined) {
        const token = bearer(authorization);
        if (!token) throw new KollenError("INVITE_INVALID", "the Authorization header is not a bearer invitation");
        authorize = await authorizeInviteUpload(deps, token);
      }

      const body: ReadableStream<Uint8Array> = deps.uploadBody?.(c) ?? c.req.raw.body ?? new ReadableStream({ start: (ctl) => ctl.close() });
      const r = await receiveSubmission(deps, mutex, body, authorize);
      const answer: z.infer<typeof SubmissionAccepted> = { submissionId: r.submissionId, status: r.status, receipt: r.receipt };
      c.header("location", `/api/v1/submissions/${r.submissionId}`);
      c.header("cache-control", "no-store");
      return r.created ? c.json(answer, 201) : c.json(answer, 200);
    })
    .openapi(status, async (c) => {
      const token = bearer(c.req.header("authorization"));
      if (!token) throw notFound();
      const claims = await verifyReceipt(deps.keys, deps.config, token);
      const { id } = c.req.valid("param");
      if (!claims || claims.submissionId !== id) throw notFound();
      const [row] = await deps.db.orm.select().from(submissions).where(and(eq(submissions.id, id), eq(submissions.packageSha256, claims.packageSha256)));
      if (!row) throw notFound();
      const covers = await deps.db.orm
        .select({ orgnr: submissionCoverage.orgnr, state: submissionCoverage.state })
        .from(submissionCoverage)
        .where(and(eq(submissionCoverage.submissionId, id), eq(submissionCoverage.role, "covers")));
      const answer: z.infer<typeof SubmissionStatusAnswer> = {
        submissionId: row.id,
        status: row.status,
        organisation: row.organisation,
        campaign: row.campaign,
        receivedAt: row.receivedAt.toISOString(),
        flags: JSON.parse(row.flags) as ReviewFlag[],
        supersededBy: row.supersededBy,
        covers,
      };
      c.header("cache-control", "no-store");
      return c.json(answer, 200);
    });
}
