/**
 * The workerd test target: the bundled Worker (test/workers/entry.test.workers.ts, bundled by wrangler in
 * test/workers/global-setup.ts) on workerd through Miniflare, with Miniflare's D1 and R2 simulations
 * and the built pages as Workers static assets. `isolates` > 1 runs the same Worker as that many
 * separate Workers (separate isolates) over one D1 database and one R2 bucket, as several Cloudflare
 * isolates share them. Offline: no `Request.cf` download, no metrics.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { migrationStatements } from "../../server/node/database.node.ts";

export const BUNDLE_DIR = ".wrangler/test-bundle";
export const BUNDLE = join(BUNDLE_DIR, "entry.test.workers.js");
/** The deployable bundle (`npm run bundle:workers`), without any test hook. */
export const DEPLOY_BUNDLE = ".wrangler/deploy-bundle/entry.workers.js";
const COMPATIBILITY_DATE = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync("wrangler.toml", "utf8"))![1]!;

export interface Workerd {
  mf: Miniflare;
  /** worker names, one per isolate */
  names: string[];
  /** the D1 binding as seen from Node (Miniflare's proxy) */
  d1(): Promise<unknown>;
  r2(): Promise<import("../../server/workers/r2-blob-store.workers.ts").R2Like & { list(o?: object): Promise<{ objects: Array<{ key: string; uploaded: Date }>; truncated: boolean; cursor?: string }> }>;
  /** a request to isolate `i` (default 0) */
  fetch(url: string, init?: RequestInit, i?: number): Promise<Response>;
  /** empty every table and the bucket */
  reset(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Starts workerd with the bundled Worker and applies the migrations to its D1 as wrangler would.
 * @example const w = await startWorkerd(); const res = await w.fetch("http://localhost/api/v1/info");
 */
export async function startWorkerd(options: { isolates?: number; vars?: Record<string, string>; scriptPath?: string } = {}): Promise<Workerd> {
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
  process.env.WRANGLER_SEND_METRICS = "false";
  const names = Array.from({ length: options.isolates ?? 1 }, (_, i) => `kollen-${i}`);
  const mf = new Miniflare({
    workers: names.map((name) => ({
      name,
      modules: true,
      scriptPath: options.scriptPath ?? BUNDLE,
      compatibilityDate: COMPATIBILITY_DATE,
      d1Databases: { DB: "kollen-test-db" },
      r2Buckets: { BLOBS: "kollen-test-blobs" },
      assets: { directory: "dist/web", binding: "ASSETS", routerConfig: { invoke_user_worker_ahead_of_assets: true, has_user_worker: true } },
      bindings: { AUTHORITY_NAME: "MSB", ISSUER: "https://kollen.test", ...options.vars },
    })),
    cf: false,
  });
  await mf.ready;
  const d1 = async () => (await mf.getD1Database("DB", names[0])) as unknown as { prepare(s: string): { run(): Promise<unknown>; all(): Promise<{ results: unknown[] }> }; batch(s: unknown[]): Promise<unknown> };
  const db = await d1();
  for (const s of migrationStatements()) await db.prepare(s).run();
  const r2 = async () => (await mf.getR2Bucket("BLOBS", names[0])) as never;
  return {
    mf,
    names,
    d1,
    r2,
    fetch: async (url, init, i = 0) => {
      const worker = (await mf.getWorker(names[i % names.length])) as unknown as { fetch(url: string, init: object): Promise<Response> };
      return worker.fetch(url, { redirect: "manual", credentials: "omit", ...(init as object) });
    },
    async reset() {
      const tables = (await db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name != 'd1_migrations'").all()).results as Array<{ name: string }>;
      await db.batch([...tables.map((t) => db.prepare(`delete from "${t.name}"`)), db.prepare("delete from sqlite_sequence")]);
      const bucket = (await r2()) as { list(o: object): Promise<{ objects: Array<{ key: string }>; truncated: boolean; cursor?: string }>; delete(k: string[]): Promise<void> };
      for (;;) {
        const page = await bucket.list({ limit: 1000 });
        if (page.objects.length > 0) await bucket.delete(page.objects.map((o) => o.key));
        if (!page.truncated) break;
      }
    },
    dispose: () => mf.dispose(),
  };
}

let shared: Promise<Workerd> | undefined;
/** One workerd per test process, reset between harnesses; stopped when the process ends. */
export function sharedWorkerd(): Promise<Workerd> {
  shared ??= startWorkerd();
  return shared;
}

/** Stops the shared workerd (if it runs) and starts another: for a Miniflare proxy that lost its way. */
export async function restartSharedWorkerd(): Promise<Workerd> {
  const old = shared;
  shared = undefined;
  await (await old?.catch(() => undefined))?.dispose().catch(() => {});
  return sharedWorkerd();
}
