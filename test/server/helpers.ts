/** A real server in-process: SQLite in memory, blobs in a temp folder, real keys and real packages. */
import { mkdtempSync, readdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import { eq, sql } from "drizzle-orm";
import { submissions } from "../../server/db/schema.ts";
import { generateX25519Identity, recipientKeyId } from "../../client-kit/age/index.ts";
import { buildPackage, type BuildInput } from "../../client-kit/package/build.ts";
import { nodeSha256 } from "../../encoding/sha256.node.ts";
import { createKeyring, type KeyringPayload } from "../../keys/keyring.ts";
import { DEV_KEYRING_PRIVATE_JWK } from "../../keys/dev/index.ts";
import { PINNED_KEYRING_KEYS } from "../../keys/published/index.ts";
import { createApp } from "../../server/app.ts";
import { nodeBlobStore } from "../../server/node/blob-store.node.ts";
import { openNodeDb } from "../../server/node/database.node.ts";
import type { AppDeps, ServerConfig } from "../../server/ports.ts";
import { workersDeps } from "../../server/workers/deps.workers.ts";
import { d1Db } from "../../server/workers/d1.workers.ts";
import { r2BlobStore } from "../../server/workers/r2-blob-store.workers.ts";
import { FakeD1, FakeR2 } from "./fake-workers.ts";
import { restartSharedWorkerd, sharedWorkerd, type Workerd } from "../workers/workerd.ts";
import { addOrganisation } from "../../server/registry/add-organisation.ts";
import { addSigner } from "../../server/registry/add-signer.ts";
import { addCampaign } from "../../server/registry/add-campaign.ts";
import { installKeyring } from "../../server/registry/install-keyring.ts";

export const ORG = "2120000142"; // a kommun
export const OTHER = "2120000027"; // another kommun
export const UMBRELLA = "2021000019"; // a myndighet covering courts
export const COURT_A = "2021000027";
export const COURT_B = "2021000035";
export const CAMPAIGN = "infosak-2026";
export const MODEL = { id: "infosakkollen-example", sha256: "b".repeat(64) };
export const RESULT = new TextEncoder().encode(JSON.stringify({ canary: "KANARIEFÅGEL-4711", answers: [1, 2, 3] }));
export const T0 = new Date("2026-03-01T10:00:00Z");

// One signer fixture for the package and server suites.
import { makeSigner, type TestSigner } from "../client-kit/package/fixtures.ts";
export { makeSigner, type TestSigner };

/**
 * Where the HTTP suites run. `npm test`: "node" (better-sqlite3 + files) and "workers" (the Workers
 * ports over the stand-ins of fake-workers.ts); `npm run test:workers` (KOLLEN_TEST_TARGET=workerd):
 * "workerd", the bundled Worker on workerd through Miniflare with D1 and R2.
 */
export type Runtime = "node" | "workers" | "workerd";
export const RUNTIMES: readonly Runtime[] = process.env.KOLLEN_TEST_TARGET === "workerd" ? ["workerd"] : ["node", "workers"];
/** The one target of a suite that runs on Node under `npm test` and on workerd under `npm run test:workers`. */
export const TARGET: Runtime = process.env.KOLLEN_TEST_TARGET === "workerd" ? "workerd" : "node";

/** What the suites use of the app: in-process (`app.request`) or over Miniflare's dispatch. */
export interface AppClient {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

export interface Harness {
  runtime: Runtime;
  app: AppClient;
  deps: AppDeps;
  dir: string;
  /** the clock; set `clock.t` to move time */
  clock: { t: Date };
  current: { identity: string; recipient: string };
  retired: { identity: string; recipient: string };
  signers: Record<string, TestSigner>;
  /** build a package signed by `signer` (default: ORG's) for `org` (default ORG) */
  pack(extra?: Partial<BuildInput> & { signer?: TestSigner | TestSigner[] }): Promise<Uint8Array>;
  post(body: Uint8Array | ReadableStream<Uint8Array> | string, headers?: Record<string, string>): Promise<Response>;
  /** the R2 stand-in (workers runtime only) */
  r2?: FakeR2;
  /** workerd only: the same Worker in isolate `i` of a multi-isolate workerd (test/workers/placement.test.ts) */
  isolate?(i: number): AppClient;
  /** the blob a submission's row points at: `submissions/<id>.kollen` on Node, `uploads/<uuid>.kollen` in R2 */
  blobKey(submissionId: string): Promise<string>;
  /** row counts of every table and the blob files: equal before and after a refused upload */
  snapshot(): Promise<Record<string, number | string[]>>;
  close(): void;
}

/**
 * `runtime: "node"` (default): better-sqlite3 in memory, blobs as files in a temp folder.
 * `runtime: "workers"`: server/workers/deps.workers.ts's ports over a D1 and an R2 stand-in.
 * `runtime: "workerd"`: the bundled Worker on workerd (test/workers/workerd.ts), emptied first; `deps`
 * are the same ports over Miniflare's D1 and R2 as seen from Node, and every request carries the
 * harness's clock, config and receipt key (test/workers/entry.test.workers.ts).
 */
export async function harness(config: Partial<ServerConfig> = {}, runtime: Runtime = "node", on?: Workerd): Promise<Harness> {
  if (runtime !== "workerd" || on) return buildHarness(config, runtime, on);
  try {
    return await buildHarness(config, runtime);
  } catch (e) {
    if (!lostProxyReply(e)) throw e;
    // Miniflare's synchronous proxy (the D1 binding as seen from Node) lost a reply, and every call
    // through it fails from then on: the rig starts workerd afresh and builds the harness once more
    process.stderr.write("test rig: Miniflare's synchronous D1 proxy lost a reply while the harness was built; workerd restarted\n");
    await restartSharedWorkerd();
    return buildHarness(config, runtime);
  }
}

/** Miniflare's SynchronousFetcher asserting that the reply it read is the one it waited for. */
function lostProxyReply(e: unknown): boolean {
  return e instanceof Error && (e as { code?: string }).code === "ERR_ASSERTION" && /SynchronousFetcher|fetch-sync/.test(e.stack ?? "");
}

async function buildHarness(config: Partial<ServerConfig>, runtime: Runtime, on?: Workerd): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "kollen-server-"));
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const pub = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(pub, "sha256");
  const clock = { t: T0 };
  let deps: AppDeps;
  let close = () => {};
  let r2: FakeR2 | undefined;
  let workerd: Workerd | undefined;
  if (runtime === "workerd") {
    workerd = on ?? (await sharedWorkerd());
    await workerd.reset();
    deps = await workersDeps({ DB: await workerd.d1(), BLOBS: await workerd.r2(), RECEIPT_PRIVATE_JWK: JSON.stringify({ ...(await exportJWK(privateKey)), kid }), AUTHORITY_NAME: "MSB", ISSUER: "https://kollen.test" });
    deps.db = d1Db(await workerd.d1());
    deps.blobs = r2BlobStore(await workerd.r2());
    deps.clock = { now: () => clock.t };
  } else if (runtime === "node") {
    const opened = openNodeDb(":memory:");
    const blobs = nodeBlobStore(join(dir, "blobs"));
    close = () => {
      opened.close();
      void blobs.close();
    };
    deps = {
      db: opened.db,
      blobs,
      clock: { now: () => clock.t },
      config: { authorityName: "MSB", issuer: "https://kollen.test", maxPackageBytes: 4 * 1024 * 1024, bodyTimeoutMs: 5_000, fourEyes: false },
      keys: { receipt: { kid, privateKey }, publicJwks: [{ ...pub, kid }] },
      createHash: nodeSha256,
    };
  } else {
    const d1 = new FakeD1();
    r2 = new FakeR2();
    close = () => d1.db.close();
    deps = await workersDeps({ DB: d1, BLOBS: r2, RECEIPT_PRIVATE_JWK: JSON.stringify({ ...(await exportJWK(privateKey)), kid }), AUTHORITY_NAME: "MSB", ISSUER: "https://kollen.test" });
    deps.clock = { now: () => clock.t };
  }
  deps.config = { ...deps.config, maxPackageBytes: 4 * 1024 * 1024, bodyTimeoutMs: 5_000, ...config };
  const db = deps.db;
  const receiptJwk = JSON.stringify({ ...(await exportJWK(privateKey)), kid });
  const app: AppClient = workerd ? workerdClient(workerd, deps, clock, receiptJwk) : createApp(deps);

  const current = await generateX25519Identity();
  const retired = await generateX25519Identity();
  const payload: KeyringPayload = {
    format: "kollen-keyring/1",
    authority: { name: "MSB", id: "msb" },
    issuedAt: "2026-01-01T00:00:00Z",
    recipients: [
      { id: await recipientKeyId(current.recipient), recipient: current.recipient, status: "current" },
      { id: await recipientKeyId(retired.recipient), recipient: retired.recipient, status: "retired" },
    ],
  };
  await installKeyring(db, await createKeyring(payload, DEV_KEYRING_PRIVATE_JWK as JWK), PINNED_KEYRING_KEYS as JWK[], T0);

  const signers: Record<string, TestSigner> = {};
  await addOrganisation(db, { orgnr: UMBRELLA, name: "Domstolsverket", covers: [COURT_A] }, T0);
  for (const [orgnr, name] of [[ORG, "Exempel kommun"], [OTHER, "Annan kommun"], [COURT_A, "Tingsrätt A"], [COURT_B, "Tingsrätt B"]] as const)
    await addOrganisation(db, { orgnr, name }, T0);
  for (const orgnr of [ORG, OTHER, UMBRELLA, COURT_A, COURT_B]) {
    signers[orgnr] = await makeSigner();
    await addSigner(db, { orgnr, jwk: signers[orgnr].publicJwk }, T0);
  }
  await addCampaign(db, { id: CAMPAIGN, surveyModelId: MODEL.id, opensAt: new Date("2026-01-01T00:00:00Z"), closesAt: new Date("2026-12-31T00:00:00Z") }, T0);

  let n = 0;
  return {
    ...(r2 ? { r2 } : {}),
    runtime,
    app,
    ...(workerd ? { isolate: (i: number) => workerdClient(workerd, deps, clock, receiptJwk, i) } : {}),
    deps,
    dir,
    clock,
    current,
    retired,
    signers,
    pack(extra = {}) {
      const { signer, ...rest } = extra;
      const org = rest.organisation ?? ORG;
      const list = signer === undefined ? [signers[org]!] : Array.isArray(signer) ? signer : [signer];
      // distinct createdAt per package unless given, so "newer" is well defined
      const now = rest.now ?? new Date(T0.getTime() - 3_600_000 + ++n * 1000);
      return buildPackage({
        result: RESULT,
        organisation: org,
        campaign: CAMPAIGN,
        surveyModel: MODEL,
        signers: list.map((s) => ({ kind: "jwk" as const, privateJwk: s.privateJwk })),
        recipients: [current.recipient],
        ...rest,
        now,
      });
    },
    post(body, headers = {}) {
      const init: RequestInit & { duplex?: "half" } = { method: "POST", body: body as BodyInit, headers: { "content-type": "application/vnd.kollen.package", ...headers } };
      if (body instanceof ReadableStream) init.duplex = "half";
      return Promise.resolve(app.request("/api/v1/submissions", init));
    },
    async blobKey(submissionId) {
      const [row] = await db.orm.select({ key: submissions.blobKey }).from(submissions).where(eq(submissions.id, submissionId));
      const key = row?.key ?? "";
      const naming = runtime === "node" ? new RegExp(`^submissions/${submissionId}\\.kollen$`) : /^uploads\/[0-9a-f-]{36}\.kollen$/;
      if (!naming.test(key)) throw new Error(`blob key ${key} of ${submissionId} is not named as on ${runtime}`);
      return key;
    },
    async snapshot() {
      const out: Record<string, number | string[]> = {};
      for (const t of ["organisations", "organisation_covers", "campaigns", "signers", "cas", "keyring", "submissions", "submission_coverage", "events"]) {
        const [row] = await db.orm.all<{ n: number }>(sql.raw(`select count(*) as n from ${t}`));
        out[t] = row!.n;
      }
      if (r2) {
        out.blobs = [...r2.objects.keys()].sort();
        return out;
      }
      if (workerd) {
        out.blobs = (await (await workerd.r2()).list({ limit: 1000 })).objects.map((o) => o.key).sort();
        return out;
      }
      const listing: string[] = [];
      const walk = (d: string, prefix: string) => {
        if (!existsSync(d)) return;
        for (const e of readdirSync(d, { withFileTypes: true })) {
          if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
          else listing.push(prefix + e.name);
        }
      };
      walk(join(dir, "blobs"), "");
      out.blobs = listing.sort();
      return out;
    },
    close() {
      close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Requests to the Worker on workerd, each carrying the harness's clock, live config and receipt key. */
function workerdClient(workerd: Workerd, deps: AppDeps, clock: { t: Date }, receiptJwk: string, isolate = 0): AppClient {
  const id = crypto.randomUUID();
  const control = (): [string, string] => ["x-dangerous-test-only-harness", JSON.stringify({ id, now: clock.t.toISOString(), config: deps.config, receiptJwk })];
  return {
    request(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set(...control());
      const body = init.body;
      const more = body instanceof ReadableStream ? { duplex: "half" } : {};
      return workerd.fetch(new URL(path, "http://localhost").href, { ...init, ...more, headers }, isolate);
    },
  };
}

/** A problem answer's body, asserting its media type. */
export async function problem(res: Response): Promise<{ code: string; status: number; title: string; title_sv?: string; detail?: string; reasons?: string[] }> {
  if (!res.headers.get("content-type")?.startsWith("application/problem+json")) throw new Error(`not a problem answer: ${res.status} ${res.headers.get("content-type")}`);
  return res.json() as Promise<{ code: string; status: number; title: string; title_sv?: string; detail?: string; reasons?: string[] }>;
}
