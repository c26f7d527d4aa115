/**
 * The Node deps of createApp, composed once: the data folder's config and keys, the SQLite port,
 * the blob store, node:crypto hashing, the upload body and the client address from the Node
 * request, and (for `kollen serve`) the web pages' files.
 */
import { KollenError } from "../../schemas/errors.ts";
import { nodeSha256 } from "../../encoding/sha256.node.ts";
import { nodeEd25519Verify } from "../../client-kit/lib/ed25519-verify.node.ts";
import { setEd25519Verifier } from "../../client-kit/lib/jws.ts";
import { submissions } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { nodeBlobStore } from "./blob-store.node.ts";
import { forwardedClientAddress, nodeClientAddress } from "./client-address.node.ts";
import { isInitialised, loadKeys, paths, readConfig, type ConfigFile } from "./data-dir.node.ts";
import { openNodeDb } from "./database.node.ts";
import { nodeUploadBody } from "./upload-body.node.ts";
import { applyRetention } from "../submissions/retention.ts";
import { defaultModelsDir, fileAssets, fileModels } from "./web-assets.node.ts";

export interface OpenedDataDir {
  deps: AppDeps;
  config: ConfigFile;
  close(): void;
}

/**
 * Opens an initialised data folder as the app's ports (migrations applied). With `sweep` (the
 * server at start), blobs a crash left behind are removed: temporary ones, and final ones no row
 * points at (renamed, but the row was never committed) — so a crash leaves a submission or nothing.
 * With `web`, the pages are served from that folder of built bundles (dist/web).
 * @example const { deps, close } = await openDataDir("./data")
 */
export async function openDataDir(dir: string, opts: { log?: AppDeps["log"]; sweep?: boolean; web?: string } = {}): Promise<OpenedDataDir> {
  if (!isInitialised(dir)) throw new KollenError("FILE_NOT_FOUND", `${dir} is not an initialised data folder (run kollen admin init --data ${dir})`);
  // package signatures checked on node:crypto, synchronously (client-kit/lib/jws.ts)
  setEd25519Verifier(nodeEd25519Verify);
  const p = paths(dir);
  const config = await readConfig(dir);
  const keys = await loadKeys(dir);
  const { db, close } = openNodeDb(p.db);
  const blobs = nodeBlobStore(p.blobs);
  if (opts.sweep) {
    // only the server, before it serves: an admin command must not touch a running server's uploads
    const keys = new Set((await db.orm.select({ k: submissions.blobKey }).from(submissions)).map((r) => r.k));
    const removed = await blobs.sweep((k) => keys.has(k));
    if (removed > 0) opts.log?.("blobs.swept", { removed });
  }
  const deps: AppDeps = {
    db,
    blobs,
    clock: { now: () => new Date() },
    config: { authorityName: config.authorityName, issuer: config.issuer, maxPackageBytes: config.maxPackageBytes, bodyTimeoutMs: config.bodyTimeoutMs, fourEyes: config.fourEyes },
    keys,
    createHash: nodeSha256,
    uploadBody: nodeUploadBody,
    clientAddress: config.trustProxy ? forwardedClientAddress : nodeClientAddress,
  };
  if (config.dev) deps.config.dev = true;
  for (const k of ["maxClockSkewMs", "organisationQuotaBytes", "retentionDays"] as const) if (config[k] !== undefined) deps.config[k] = config[k];
  if (opts.sweep) {
    const deleted = await applyRetention(deps);
    if (deleted > 0) opts.log?.("retention.deleted", { deleted });
  }
  if (opts.log) deps.log = opts.log;
  if (opts.web) deps.web = fileAssets(opts.web);
  const models = defaultModelsDir();
  if (models) deps.surveyModels = fileModels(models);
  return {
    deps,
    config,
    close: () => {
      close();
      void blobs.close();
    },
  };
}
