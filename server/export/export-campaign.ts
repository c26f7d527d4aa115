/**
 * Export for analysts, who compute levels and benchmarks offline: the approved submissions of a campaign as one POSIX tar stream —
 * `index.json`, `index.jws` (a compact JWS over the exact index.json bytes, signed with the server's
 * receipt key, so the offline workstation can check it against /.well-known/jwks.json), then
 * `packages/<id>.kollen` for each approved package, streamed from the blob store (never held whole).
 * The packages stay ciphertext: analysts decrypt them offline with the authority's identity.
 */
import { and, eq } from "drizzle-orm";
import { CompactSign } from "jose";
import { END_OF_ARCHIVE, fileHeader, paddingFor } from "../../client-kit/lib/tar.ts";
import { KollenError } from "../../schemas/errors.ts";
import { campaigns, reviewDecisions, submissionCoverage, submissions } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";

const EXPORT_FORMAT = "kollen-export/1";
const EXPORT_TYP = "kollen-export+json";

export interface ExportIndex {
  format: typeof EXPORT_FORMAT;
  authority: string;
  issuer: string;
  campaign: string;
  exportedAt: string;
  submissions: Array<{
    id: string;
    organisation: string;
    covers: Array<{ orgnr: string; state: string }>;
    via: string;
    packageSha256: string | null;
    size: number | null;
    file: string | null;
    decision: "approved";
    decidedBy: number;
  }>;
}

/** `items` by `key`, in their order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * Builds the export of `campaign`.
 * @throws KollenError CAMPAIGN_UNKNOWN
 * @example const { stream, index } = await exportCampaign(deps, "infosak-2026")
 */
export async function exportCampaign(deps: Pick<AppDeps, "db" | "blobs" | "clock" | "config" | "keys">, campaign: string): Promise<{ index: ExportIndex; stream: ReadableStream<Uint8Array> }> {
  const [c] = await deps.db.orm.select().from(campaigns).where(eq(campaigns.id, campaign));
  if (!c) throw new KollenError("CAMPAIGN_UNKNOWN", "no such campaign");
  const rows = await deps.db.orm.select().from(submissions).where(and(eq(submissions.campaign, campaign), eq(submissions.status, "approved"))).orderBy(submissions.organisation, submissions.id);
  // the covered organisations and the approvals of the same rows, selected by campaign and status
  // rather than by a list of ids: D1 binds at most 100 parameters per statement
  const approved = and(eq(submissions.campaign, campaign), eq(submissions.status, "approved"));
  const cover = await deps.db.orm
    .select({ submissionId: submissionCoverage.submissionId, orgnr: submissionCoverage.orgnr, state: submissionCoverage.state })
    .from(submissionCoverage)
    .innerJoin(submissions, eq(submissions.id, submissionCoverage.submissionId))
    .where(and(approved, eq(submissionCoverage.role, "covers")));
  const decisions = await deps.db.orm
    .select({ submissionId: reviewDecisions.submissionId, reviewerId: reviewDecisions.reviewerId })
    .from(reviewDecisions)
    .innerJoin(submissions, eq(submissions.id, reviewDecisions.submissionId))
    .where(and(approved, eq(reviewDecisions.decision, "approve")));
  const coversOf = groupBy(cover, (x) => x.submissionId);
  const approversOf = groupBy(decisions, (d) => d.submissionId);
  const now = deps.clock.now();
  const index: ExportIndex = {
    format: EXPORT_FORMAT,
    authority: deps.config.authorityName,
    issuer: deps.config.issuer,
    campaign,
    exportedAt: now.toISOString(),
    submissions: rows.map((r) => ({
      id: r.id,
      organisation: r.organisation,
      covers: (coversOf.get(r.id) ?? []).map((x) => ({ orgnr: x.orgnr, state: x.state })),
      via: r.via,
      packageSha256: r.via === "upload" ? r.packageSha256 : null,
      size: r.via === "upload" ? r.size : null,
      file: r.via === "upload" && r.blobKey ? `packages/${r.id}.kollen` : null,
      decision: "approved",
      decidedBy: new Set((approversOf.get(r.id) ?? []).map((d) => d.reviewerId)).size,
    })),
  };
  const indexBytes = new TextEncoder().encode(JSON.stringify(index, null, 2) + "\n");
  const jws = new TextEncoder().encode(
    (await new CompactSign(indexBytes).setProtectedHeader({ alg: "EdDSA", kid: deps.keys.receipt.kid, typ: EXPORT_TYP }).sign(deps.keys.receipt.privateKey)) + "\n",
  );
  const mtime = Math.floor(now.getTime() / 1000);
  const blobs = rows.filter((r) => r.via === "upload" && r.blobKey && r.size !== null);

  let step = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let written = 0;
  const small = (name: string, bytes: Uint8Array) => [fileHeader(name, bytes.length, mtime), bytes, new Uint8Array(paddingFor(bytes.length))];
  const stream = new ReadableStream<Uint8Array>({
    start(ctl) {
      for (const part of [...small("index.json", indexBytes), ...small("index.jws", jws)]) if (part.length) ctl.enqueue(part);
    },
    async pull(ctl) {
      for (;;) {
        if (reader) {
          const { done, value } = await reader.read();
          if (!done) {
            written += value.byteLength;
            ctl.enqueue(value);
            return;
          }
          const row = blobs[step - 1]!;
          reader = undefined;
          if (written !== row.size) throw new KollenError("INTERNAL", "a stored package changed size");
          const pad = paddingFor(row.size!);
          if (pad) ctl.enqueue(new Uint8Array(pad));
        }
        if (step >= blobs.length) {
          ctl.enqueue(END_OF_ARCHIVE);
          ctl.close();
          return;
        }
        const row = blobs[step++]!;
        const body = await deps.blobs.get(row.blobKey!);
        if (!body) throw new KollenError("INTERNAL", "a stored package is missing");
        ctl.enqueue(fileHeader(`packages/${row.id}.kollen`, row.size!, mtime));
        reader = body.getReader();
        written = 0;
      }
    },
    cancel() {
      void reader?.cancel();
    },
  });
  return { index, stream };
}
