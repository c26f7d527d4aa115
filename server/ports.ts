/**
 * The ports createApp(deps) runs over (DESIGN.md § Server): one runtime-agnostic app, with the
 * runtime at the edge. The Node adapters (node/) serve them with better-sqlite3 and files on
 * disk; the Workers entry (workers/entry.workers.ts) with D1 and R2. Nothing here imports `node:*`.
 */
import type { JWK } from "jose";
import type { BatchItem } from "drizzle-orm/batch";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type { HashFactory } from "../encoding/sha256.ts";
import type * as schema from "./db/schema.ts";

/** The drizzle database over the one sqlite-core schema (sync for better-sqlite3, async for D1). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = BaseSQLiteDatabase<"sync" | "async", any, typeof schema>;

/**
 * A prepared statement bound to its values (server/submissions/queries.ts): its SQL was built once,
 * not again on every call as a builder's is.
 */
export interface BoundStatement {
  /** Runs it now (a synchronous driver, inside the port's transaction: better-sqlite3). */
  run(): unknown;
  /** Its SQL and driver values, for a port that sends the batch itself (D1). */
  toSQL(): { sql: string; params: unknown[] };
}

/** A statement for {@link DbPort.batch}: an insert, update or delete builder not yet run, or a bound prepared one. */
export type Statement = (BatchItem<"sqlite"> & Pick<BoundStatement, "toSQL">) | BoundStatement;

/**
 * The database. Shared code awaits single statements and uses `batch` for atomic units: a fixed
 * list of statements run all-or-nothing (a D1 batch; a better-sqlite3 transaction). There are no
 * interactive transactions, so D1 works too (CONVENTIONS.md habit 8).
 */
export interface DbPort {
  orm: Db;
  batch(statements: Statement[]): Promise<void>;
  /**
   * Optional two-phase batch (group commit, better-sqlite3): `applied` settles once the statements
   * ran — later reads on this port see them — and `durable` once their transaction is on disk,
   * shared with other batches staged meanwhile. A caller may release its lock after `applied` but
   * must not answer before `durable`. Without it, callers use `batch` for both.
   */
  stage?(statements: Statement[]): { applied: Promise<void>; durable: Promise<void> };
  /** Resolves when everything staged so far is durable (immediately when nothing is pending). */
  flushed?(): Promise<void>;
}

/** A blob written under a temporary name, not yet visible as a submission. */
export interface TempBlob {
  readonly tempKey: string;
  readonly size: number;
}

/**
 * Blob storage for package ciphertext. `putTemp` consumes the stream into a new temporary object;
 * if the stream errors it removes what it wrote and rejects with the stream's error. `commit` makes
 * a temporary object final and durable (data and name on disk, e.g. fsync + rename + directory
 * sync) before it resolves, atomically, and answers
 * the key it now has: `key` where the store can rename (files), or the temporary key where it cannot
 * (R2 has no rename; an object no row points at is swept as a leftover).
 */
export interface BlobStore {
  putTemp(body: ReadableStream<Uint8Array>): Promise<TempBlob>;
  commit(temp: TempBlob, key: string): Promise<string>;
  discard(temp: TempBlob): Promise<void>;
  delete(key: string): Promise<void>;
  get(key: string): Promise<ReadableStream<Uint8Array> | undefined>;
}

export interface Clock {
  now(): Date;
}

export interface ServerConfig {
  /** the receiving authority as shown to users (MSB, MCF, …): configuration, never code */
  authorityName: string;
  /** the `iss` of receipts, e.g. the public base URL */
  issuer: string;
  /** largest accepted package in bytes (checked from Content-Length and while streaming) */
  maxPackageBytes: number;
  /** the whole request body must arrive within this many milliseconds (slow-loris guard) */
  bodyTimeoutMs: number;
  /** review decisions need two reviewers ("four eyes": one reviewer alone cannot approve) */
  fourEyes: boolean;
  /** a development setup (DEV keys): the pages show a banner */
  dev?: boolean;
  /** the cost of new password hashes (server/accounts/password.ts); scrypt's default when unset */
  passwordCost?: import("./accounts/password.ts").PasswordCost;
  /** how far a manifest's createdAt may lie ahead of the server's clock (FORMAT.md rule U3); 5 minutes when unset */
  maxClockSkewMs?: number;
  /** stored package bytes one organisation may hold per campaign, superseded ones included; 256 MiB when unset */
  organisationQuotaBytes?: number;
  /** days after which the blob of a superseded or rejected package is deleted (its row stays); kept for ever when unset */
  retentionDays?: number;
  /**
   * A secret: the one-time bootstrap secret that makes the first admin (server/accounts/bootstrap.ts;
   * Workers `BOOTSTRAP_TOKEN`, `kollen serve` `KOLLEN_BOOTSTRAP_TOKEN`). Never logged or answered.
   */
  bootstrapToken?: string;
}

/** The server's own keys. The server never holds an age identity or the keyring key. */
export interface ServerKeys {
  /**
   * The current receipt signing key (Ed25519) and its kid (RFC 7638 thumbprint). `signSync`, when
   * the runtime has one (node:crypto), signs without a thread-pool round trip; same signatures.
   */
  receipt: { kid: string; privateKey: CryptoKey; signSync?: (data: Uint8Array) => Uint8Array };
  /** public JWKs published at /.well-known/jwks.json: the current receipt key and any retired ones */
  publicJwks: JWK[];
}

/** What a runtime port sees of a request: the raw Request and the runtime's bindings (Hono's `c.env`). */
export interface RequestContext {
  env: unknown;
  req: { raw: Request; header(name: string): string | undefined };
}

/** The static files of the web pages (the built bundles in dist/web), by path below /assets/. */
export interface WebAssets {
  get(path: string): Promise<Uint8Array | ReadableStream<Uint8Array> | undefined>;
}

/**
 * The survey model files shipped with this installation (schemas/models/*.json), by model id: the
 * exact bytes, so their SHA-256 is the one manifests carry. Node: files; Workers: the static assets.
 */
export interface SurveyModelFiles {
  get(id: string): Promise<Uint8Array | undefined>;
}

/** Everything createApp needs. */
export interface AppDeps {
  db: DbPort;
  blobs: BlobStore;
  clock: Clock;
  config: ServerConfig;
  keys: ServerKeys;
  /** incremental SHA-256; node:crypto on Node, @noble/hashes elsewhere */
  createHash: HashFactory;
  /**
   * The raw upload body, where the runtime can serve it faster than the web-stream body (the Node
   * entry reads the IncomingMessage itself: DESIGN.md performance notes). Undefined → c.req.raw.body.
   */
  uploadBody?: (c: RequestContext) => ReadableStream<Uint8Array> | null | undefined;
  /** the client's network address, for login rate limiting (Node: the socket; Workers: cf-connecting-ip) */
  clientAddress?: (c: RequestContext) => string | undefined;
  /** static files of the web pages (dist/web); without it the pages are not mounted */
  web?: WebAssets;
  /** the shipped survey model files; without it, those under `web` (models/<id>.json), if any */
  surveyModels?: SurveyModelFiles;
  /** log-safe structured log line (no payload bytes, tokens or raw database errors) */
  log?: (event: string, fields: Record<string, unknown>) => void;
}
