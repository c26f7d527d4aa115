/**
 * Receive one package (DESIGN.md § The path of one submission), each check before the next:
 * size limit → tar structure → outer signatures over the exact manifest bytes → signer trusted for
 * that organisation → payload length, digest and age header → recipients current → identity by the
 * signed manifest (docs/FORMAT.md §Receiving: the same manifest is the original receipt, its
 * packageId under another manifest is refused) → createdAt not ahead of the clock → a key from an
 * invitation link within its campaign → campaign open → quota → dedup/coverage → blob renamed to its
 * final name → row(s) committed in one batch → receipt.
 *
 * The body streams through the scanner into a temporary blob, so memory does not grow with the
 * package (the Node store holds a body of up to 1 MiB in memory instead, within a budget). Nothing is visible until every check passed; a crash leaves a temporary blob (swept at
 * start) or an unreferenced final blob, never a row without its blob. The receipt is signed before
 * the batch and stored in the row, so an identical upload (or the same signed manifest in another
 * framing) gets the very same receipt back.
 */
import { KollenError, isKollenError, type ErrorCode } from "../../schemas/errors.ts";
import type { Manifest } from "../../schemas/manifest.ts";
import { toHex } from "../../encoding/hex.ts";
import type { SubmissionStatus } from "../../schemas/submission.ts";
import { createPackageScan, type ScannedPackage } from "../../client-kit/package/scan.ts";
import { verifyOuter } from "../../client-kit/package/verify-outer.ts";
import { guardBody } from "../lib/body-guard.ts";
import type { Mutex } from "../lib/mutex.ts";
import type { AppDeps, Statement, TempBlob } from "../ports.ts";
import { currentKeyring, keyringView } from "../registry/install-keyring.ts";
import { hotQueries, uploadWrites } from "./queries.ts";
import { planPlacement } from "./dedup-coverage-rules.ts";
import { signReceipt } from "../receipts/sign.ts";
import { registryTrustStore } from "../registry/trust-store.ts";

export interface Received {
  /** true for a new submission (201), false for an identical upload seen before (200) */
  created: boolean;
  submissionId: string;
  status: SubmissionStatus;
  receipt: string;
}

/** A rejection: the first reason's code, and every code when verification found several. */
export class Rejection extends KollenError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly reasons: ErrorCode[] = [code],
  ) {
    super(code, message);
  }
}

/** Stream `body` into a temporary blob while scanning it; map every failure to a stable code. */
async function streamToTemp(deps: AppDeps, body: ReadableStream<Uint8Array>): Promise<{ temp: TempBlob; scanned: ScannedPackage }> {
  // the scan sees each piece as the guard passes it on to the blob store, and ends with the body
  const scan = createPackageScan({ createHash: deps.createHash });
  let scanned: ScannedPackage | undefined;
  const guarded = guardBody(body, { maxBytes: deps.config.maxPackageBytes, timeoutMs: deps.config.bodyTimeoutMs }, { chunk: (b) => scan.feed(b), end: () => (scanned = scan.finish()) });
  try {
    const temp = await deps.blobs.putTemp(guarded.stream);
    if (!scanned) throw new Error("the body ended without its scan"); // putTemp read to the end: the scan has finished
    return { temp, scanned };
  } catch (e) {
    const own = guarded.failure();
    if (own) throw own;
    if (isKollenError(e)) throw e;
    if (guarded.sourceFailed()) throw new KollenError("PACKAGE_TRUNCATED", "the upload ended early");
    throw e;
  } finally {
    guarded.dispose();
  }
}

/** Decisions made again when concurrent placements keep taking our turn, before giving up (500). */
const MAX_PLACEMENT_ATTEMPTS = 20;

/** Whether a placement committed since `turns` were read, for any of `ours`. */
async function turnTaken(deps: AppDeps, campaign: string, ours: string[], turns: Map<string, number>): Promise<boolean> {
  const now = await hotQueries(deps.db).turns.all({ campaign, ours: JSON.stringify(ours) });
  return now.some((t) => (t.seq ?? 0) > (turns.get(t.orgnr) ?? 0));
}

/** A stored row answered as a retry: its receipt, once the row is on disk. */
async function asRetry(deps: AppDeps, row: { id: string; status: SubmissionStatus; receipt: string }): Promise<Received> {
  // a row staged by a concurrent upload may not be on disk yet: no receipt before it is
  await deps.db.flushed?.();
  return { created: false, submissionId: row.id, status: row.status, receipt: row.receipt };
}

/** The stored package with these exact bytes, answered as a retry (before the package is verified). */
async function findStored(deps: AppDeps, sha256: string): Promise<Received | undefined> {
  const [row] = await hotQueries(deps.db).byDigest.all({ sha: sha256 });
  return row?.receipt ? asRetry(deps, { ...row, receipt: row.receipt }) : undefined;
}

/**
 * Rules U1 and U2 in one read: the stored package with these bytes, or else with this manifest, is
 * answered as a retry; otherwise a packageId already stored (under another manifest) is refused.
 */
async function storedOrRefused(deps: AppDeps, sha256: string, manifestSha256: string, packageId: string): Promise<Received | undefined> {
  const rows = await hotQueries(deps.db).identity.all({ sha: sha256, msha: manifestSha256, pid: packageId });
  const row = rows.find((r) => r.packageSha256 === sha256) ?? rows.find((r) => r.manifestSha256 === manifestSha256);
  if (row?.receipt) return asRetry(deps, { ...row, receipt: row.receipt });
  if (rows.some((r) => r.packageId === packageId)) throw new KollenError("PACKAGE_ID_REUSED", "a package with this packageId and another manifest is stored");
  return undefined;
}

/** The createdAt allowed ahead of the server's clock when the configuration names none (rule U3). */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** The bytes one organisation may store per campaign when the configuration names no quota. */
export const DEFAULT_ORGANISATION_QUOTA_BYTES = 256 * 1024 * 1024;

interface LinkKeys {
  /** a signer's key came from an invitation link and no reviewer has confirmed it */
  unconfirmed: boolean;
  /** …and no stored submission was signed by it yet */
  first: boolean;
}

/**
 * Keys that came from an invitation link and no reviewer confirmed sign only for their link's
 * campaign (SIGNER_CAMPAIGN_LIMITED); the placement marks what they claim (dedup-coverage-rules.ts).
 */
async function checkLinkKeys(deps: AppDeps, kids: string[], manifest: Manifest, signerRow: ReturnType<typeof registryTrustStore>["signerRow"]): Promise<LinkKeys> {
  const q = hotQueries(deps.db);
  const out: LinkKeys = { unconfirmed: false, first: false };
  for (const kid of kids) {
    const key = await signerRow(kid);
    if (!key || key.source !== "invite" || key.confirmedAt) continue;
    if (key.campaign !== manifest.campaign) throw new KollenError("SIGNER_CAMPAIGN_LIMITED", "a key from an invitation link signed for another campaign than the link's");
    out.unconfirmed = true;
    if ((await q.signedBy.all({ kid, org: key.orgnr })).length === 0) out.first = true;
  }
  return out;
}

/**
 * Receives one package body. Throws KollenError (or Rejection) for every refusal; nothing stored
 * changes then.
 * `authorize`, when given, runs on the verified manifest's organisation and campaign before anything
 * is stored (an invitation bearer: ../invites/authorize-upload.ts) and throws to refuse.
 * @example const r = await receiveSubmission(deps, mutex, request.body!)
 */
export async function receiveSubmission(
  deps: AppDeps,
  mutex: Mutex,
  body: ReadableStream<Uint8Array>,
  authorize?: (facts: { organisation: string; campaign: string }) => Promise<void>,
): Promise<Received> {
  const { temp, scanned } = await streamToTemp(deps, body);
  let committed = false;
  let rowCommitted = false;
  let blobKey: string | undefined;
  try {
    const seen = await findStored(deps, scanned.packageSha256);
    if (seen) return seen;

    const now = deps.clock.now();
    const keyringNow = await currentKeyring(deps.db);
    if (!keyringNow) throw new KollenError("INTERNAL", "no keyring installed");
    const trust = registryTrustStore(deps.db);
    const report = await verifyOuter(scanned, { trust, keyring: keyringView(keyringNow, now), now });
    if (report.outcome !== "PASSED" || !report.manifest) {
      const codes = report.reasons.map((r) => r.code);
      const first = codes[0] ?? "SIGNATURE_INVALID";
      throw new Rejection(first, report.reasons[0]?.message ?? "the package could not be verified", codes.length > 0 ? codes : [first]);
    }
    const manifest = report.manifest;
    // what was signed identifies the package: the same manifest in any framing is the same package
    const manifestHash = deps.createHash();
    manifestHash.update(scanned.manifestBytes);
    const manifestSha256 = toHex(manifestHash.digest());
    const signed = await storedOrRefused(deps, scanned.packageSha256, manifestSha256, manifest.packageId);
    if (signed) return signed;
    if (Date.parse(manifest.createdAt) > now.getTime() + (deps.config.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS))
      throw new KollenError("CREATED_IN_FUTURE", "createdAt is ahead of the server's clock by more than the allowed skew");
    if (authorize) await authorize({ organisation: manifest.organisation, campaign: manifest.campaign });
    const kids = report.signers.flatMap((s) => (s.source === "jwk" && s.kid ? [s.kid] : []));
    const linkKeys = await checkLinkKeys(deps, kids, manifest, trust.signerRow);

    const [campaign] = await hotQueries(deps.db).campaign.all({ id: manifest.campaign });
    if (!campaign) throw new KollenError("CAMPAIGN_UNKNOWN", "no such campaign");
    if (campaign.opensAt && now.getTime() < campaign.opensAt.getTime()) throw new KollenError("CAMPAIGN_NOT_OPEN", "the campaign has not opened yet");
    if (campaign.closesAt && now.getTime() >= campaign.closesAt.getTime()) throw new KollenError("CAMPAIGN_CLOSED", "the campaign is closed");
    if (manifest.surveyModel.id !== campaign.surveyModelId || (campaign.surveyModelSha256 && manifest.surveyModel.sha256 !== campaign.surveyModelSha256))
      throw new KollenError("SURVEY_MODEL_MISMATCH", "the package answers another survey model than the campaign's");
    const [held] = await hotQueries(deps.db).storedBytes.all({ org: manifest.organisation, campaign: manifest.campaign });
    if ((held?.bytes ?? 0) + scanned.packageLength > (deps.config.organisationQuotaBytes ?? DEFAULT_ORGANISATION_QUOTA_BYTES))
      throw new KollenError("QUOTA_EXCEEDED", "the organisation's stored packages for the campaign would exceed its quota");

    const submissionId = crypto.randomUUID();
    blobKey = `submissions/${submissionId}.kollen`;

    // The blob becomes final (rename + directory sync) before the row that points at it, and
    // outside the critical section: concurrent uploads sync their directories together.
    const finalKey = await deps.blobs.commit(temp, blobKey);
    blobKey = finalKey;
    committed = true;

    // The decision reads the state, then commits one batch. The mutex orders uploads within this
    // process; across processes or Workers isolates, each coverage row takes the next turn of its
    // organisation (unique per campaign), read before the state: if another placement for any of our
    // organisations committed in between, the batch fails as a whole and the decision is made again.
    const placed: Received & { durable?: Promise<void> } = await mutex.run(async () => {
      for (let attempt = 1; ; attempt++) {
        const again = await storedOrRefused(deps, scanned.packageSha256, manifestSha256, manifest.packageId);
        if (again) return again;
        const org = manifest.organisation;
        const ours = [org, ...manifest.covers];
        const q = hotQueries(deps.db);
        const turns = new Map((await q.turns.all({ campaign: manifest.campaign, ours: JSON.stringify(ours) })).map((t) => [t.orgnr, t.seq ?? 0]));
        const [registered] = await q.organisation.all({ org });
        const registryCovers = await q.registryCovers.all({ org });
        const sameOrganisation = await q.sameOrganisation.all({ org, campaign: manifest.campaign });
        const otherCoverage = await q.otherCoverage.all({ campaign: manifest.campaign, org, others: JSON.stringify(manifest.covers.filter((c) => c !== org)) });
        const plan = planPlacement({
          organisation: org,
          covers: manifest.covers,
          registered: Boolean(registered),
          registryCovers: new Set(registryCovers.map((r) => r.covered)),
          sameOrganisation,
          otherCoverage,
          unconfirmedLinkKey: linkKeys.unconfirmed,
          firstWithLinkKey: linkKeys.first,
        });

        const receipt = await signReceipt(deps.keys, deps.config, {
          submissionId,
          packageSha256: scanned.packageSha256,
          organisation: org,
          campaign: manifest.campaign,
          receivedAt: now.toISOString(),
          status: plan.status,
          reasons: plan.flags,
          authority: deps.config.authorityName,
        });
        const write = uploadWrites(deps.db);
        const statements: Statement[] = [
          write.submission({
            id: submissionId,
            packageSha256: scanned.packageSha256,
            packageId: manifest.packageId,
            manifestSha256,
            organisation: org,
            campaign: manifest.campaign,
            surveyModelId: manifest.surveyModel.id,
            createdAt: new Date(manifest.createdAt),
            receivedAt: now,
            status: plan.status,
            reasons: "[]",
            covers: JSON.stringify(manifest.covers),
            supersededBy: null,
            flags: JSON.stringify(plan.flags),
            signers: JSON.stringify(report.signers.map((s) => s.kid ?? `x509:${s.orgnr ?? "?"}`)),
            via: "upload",
            blobKey: finalKey,
            size: scanned.packageLength,
            receipt,
          }),
          // one statement whatever the coverage: an umbrella may cover up to 1 000 organisations,
          // passed as one JSON value (D1 binds at most 100 parameters per statement)
          write.coverage(
            submissionId,
            manifest.campaign,
            plan.coverage.map((c) => ({ ...c, seq: (turns.get(c.orgnr) ?? 0) + 1 })),
          ),
        ];
        if (plan.supersedes.length > 0) statements.push(write.supersede(submissionId, plan.supersedes));
        statements.push(
          write.received({
            at: now,
            actor: `org:${org}`,
            subject: submissionId,
            data: JSON.stringify({ campaign: manifest.campaign, status: plan.status, flags: plan.flags, supersedes: plan.supersedes, conflictsWith: plan.conflictsWith, size: scanned.packageLength }),
          }),
        );

        // applied inside the critical section (the next upload's decision sees it), durable after
        // it — with group commit, concurrent uploads share one fsync
        const staged = deps.db.stage ? deps.db.stage(statements) : ((p) => ({ applied: p, durable: p }))(deps.db.batch(statements));
        try {
          await staged.applied;
        } catch (e) {
          // an identical upload committed concurrently by another process: answer as a retry
          const raced = await storedOrRefused(deps, scanned.packageSha256, manifestSha256, manifest.packageId);
          if (raced) return raced;
          // another placement took one of our turns: decide again on the state it left
          if (attempt < MAX_PLACEMENT_ATTEMPTS && (await turnTaken(deps, manifest.campaign, ours, turns))) {
            await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
            continue;
          }
          throw e;
        }
        return { created: true, submissionId, status: plan.status, receipt, durable: staged.durable };
      }
    });
    if (placed.durable) {
      await placed.durable;
      rowCommitted = true;
      deps.log?.("submission.received", { submissionId: placed.submissionId, status: placed.status, size: scanned.packageLength });
    }
    return { created: placed.created, submissionId: placed.submissionId, status: placed.status, receipt: placed.receipt };
  } finally {
    if (!committed) await deps.blobs.discard(temp).catch(() => {});
    else if (!rowCommitted && blobKey) await deps.blobs.delete(blobKey).catch(() => {});
  }
}
