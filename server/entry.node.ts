/**
 * The Node runtime for createApp: better-sqlite3 in WAL mode, each commit's WAL frames fdatasync'ed
 * off the event loop before the receipt goes out (walDurability below), package blobs as files (fsync before rename, then the
 * directory), node:crypto SHA-256, @hono/node-server, and the upload body read from the Node
 * request itself (DESIGN.md performance notes: 1.04× plain node:http, against 0.68× through the
 * web-stream body).
 */
import { mkdir, open, readdir, rename, unlink } from "node:fs/promises";
import { createReadStream, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Readable } from "node:stream";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { serve, type HttpBindings } from "@hono/node-server";
import type { Context, Hono } from "hono";
import * as schema from "./db/schema.ts";
import type { BlobStore, Db, DbPort, Statement, TempBlob } from "./ports.ts";

/** server/db/migrations, found from this module whether run from source or from the bundle in dist/. */
export function migrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    for (const candidate of [join(dir, "db", "migrations"), join(dir, "server", "db", "migrations")])
      if (existsSync(join(candidate, "meta", "_journal.json"))) return candidate;
    dir = dirname(dir);
  }
  throw new Error("server/db/migrations not found");
}

/**
 * drizzle's better-sqlite3 driver prepares every query anew (DESIGN.md: unprepared inserts ran at
 * 0.2× raw better-sqlite3). Query shapes repeat with `?` parameters, so statements are cached by
 * their SQL text; a reused reader is reset to object mode, which drizzle switches per call.
 */
function cachePreparedStatements(sqlite: Database.Database): void {
  const cache = new Map<string, Database.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      if (stmt.reader) stmt.raw(false);
      return stmt;
    }
    stmt = prepare(source);
    if (cache.size < 1000) cache.set(source, stmt);
    return stmt;
  }) as typeof sqlite.prepare;
}

/**
 * Syncs that callers can share without waiting: a caller marks its change (a write, a rename, a
 * commit) and asks for a sync; a sync that started after that mark already covers it, otherwise a
 * new one starts at once. Concurrent uploads thus share syncs, yet nobody queues behind a sync that
 * started before its own change.
 */
function sharedSync(doSync: () => Promise<void>) {
  let epoch = 0;
  let latest: { startedAt: number; done: Promise<void> } | undefined;
  const sync = (mark: number): Promise<void> => {
    if (latest && latest.startedAt >= mark) return latest.done;
    const done = doSync();
    done.catch(() => {});
    latest = { startedAt: epoch, done };
    return done;
  };
  return {
    /** Call right after the change; pass the result to `sync`. */
    mark: () => ++epoch,
    sync,
    /** Resolves when every change marked so far is synced. */
    flushed: (): Promise<void> => (epoch === 0 ? Promise.resolve() : sync(epoch)),
  };
}

/**
 * Durable commits without blocking the event loop. SQLite in WAL mode with synchronous=NORMAL
 * writes each commit's frames to the -wal file without an fsync (SQLite itself syncs around
 * checkpoints); we then fdatasync the -wal file in libuv's thread pool before anything is answered.
 * Once those frames are on disk a commit survives power loss as with synchronous=FULL (recovery
 * replays checksummed WAL frames up to the last commit frame), but the sync no longer stalls every
 * other request, and concurrent commits share syncs.
 */
function walDurability(file: string) {
  let fh: Promise<import("node:fs/promises").FileHandle> | undefined;
  const memory = file === ":memory:" || file === "";
  const shared = sharedSync(async () => {
    if (memory) return;
    fh ??= open(`${file}-wal`, "r+");
    await (await fh).datasync();
  });
  return {
    committed: () => shared.sync(shared.mark()),
    flushed: shared.flushed,
    close: async () => {
      if (fh) await (await fh).close().catch(() => {});
    },
  };
}

export interface NodeDb {
  db: DbPort;
  sqlite: Database.Database;
  close(): void;
}

/**
 * Opens (creating if needed) the SQLite database, applies the migrations and returns the port.
 * @example const { db, close } = openNodeDb("./data/kollen.sqlite")
 */
export function openNodeDb(file: string): NodeDb {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL"); // + walDurability: an fdatasync of the WAL per commit, off the event loop
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  cachePreparedStatements(sqlite);
  const orm = drizzle(sqlite, { schema });
  migrate(orm, { migrationsFolder: migrationsFolder() });
  const durability = walDurability(file);
  const stage = (statements: Statement[]): { applied: Promise<void>; durable: Promise<void> } => {
    try {
      sqlite.transaction(() => {
        for (const s of statements) (s as unknown as { run(): unknown }).run();
      })();
    } catch (e) {
      const failed = Promise.reject(e);
      failed.catch(() => {});
      return { applied: failed, durable: failed };
    }
    return { applied: Promise.resolve(), durable: durability.committed() };
  };
  const db: DbPort = {
    orm: orm as unknown as Db,
    stage,
    flushed: durability.flushed,
    async batch(statements: Statement[]) {
      const { applied, durable } = stage(statements);
      await applied;
      await durable;
    },
  };
  return {
    db,
    sqlite,
    close: () => {
      void durability.close();
      sqlite.close();
    },
  };
}

async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

const WRITE_BATCH = 512 * 1024;

/** writev until every byte of `chunks` is written (short writes are resumed). */
async function writeAll(fh: import("node:fs/promises").FileHandle, chunks: Uint8Array[]): Promise<void> {
  let rest = chunks.filter((c) => c.byteLength > 0);
  while (rest.length > 0) {
    let { bytesWritten } = await fh.writev(rest);
    const next: Uint8Array[] = [];
    for (const c of rest) {
      if (bytesWritten >= c.byteLength) bytesWritten -= c.byteLength;
      else {
        next.push(bytesWritten > 0 ? c.subarray(bytesWritten) : c);
        bytesWritten = 0;
      }
    }
    rest = next;
  }
}

const KEY = /^[a-z0-9-]{1,40}\/[A-Za-z0-9._-]{1,120}$/;

/**
 * Blobs as files under `root`: temporary ones in `root/tmp`, final ones at `root/<key>`.
 * `sweep()` removes temporary files left by a crash (call at start, before serving).
 */
export function nodeBlobStore(root: string): BlobStore & { sweep(known?: (key: string) => boolean): Promise<number> } {
  const tmpDir = join(root, "tmp");
  const dirSyncs = new Map<string, ReturnType<typeof sharedSync>>();
  const syncDirOf = (dir: string) => {
    let d = dirSyncs.get(dir);
    if (!d) {
      d = sharedSync(() => fsyncPath(dir));
      dirSyncs.set(dir, d);
    }
    return d.sync(d.mark());
  };
  const made = new Map<string, Promise<unknown>>();
  const ensureDir = (d: string) => {
    let p = made.get(d);
    if (!p) {
      p = mkdir(d, { recursive: true });
      p.catch(() => made.delete(d));
      made.set(d, p);
    }
    return p;
  };
  const pathOf = (key: string) => {
    if (!KEY.test(key) || key.includes("..")) throw new Error("bad blob key");
    return join(root, key);
  };
  const tempPath = (t: TempBlob) => {
    if (!/^[0-9a-f-]{36}\.part$/.test(t.tempKey)) throw new Error("bad temp key");
    return join(tmpDir, t.tempKey);
  };
  return {
    async putTemp(body) {
      await ensureDir(tmpDir);
      const tempKey = `${crypto.randomUUID()}.part`;
      const path = join(tmpDir, tempKey);
      const fh = await open(path, "wx", 0o600);
      let size = 0;
      // Chunks are gathered into ~512 KiB writev calls, and the next batch is read while the last
      // one is written: one thread-pool round trip per 512 KiB instead of per 16–64 KiB chunk.
      let pending: Promise<unknown> = Promise.resolve();
      let batch: Uint8Array[] = [];
      let batchBytes = 0;
      const flush = async () => {
        const chunks = batch;
        batch = [];
        batchBytes = 0;
        await pending;
        pending = writeAll(fh, chunks);
        pending.catch(() => {});
      };
      try {
        const reader = body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          batch.push(value);
          batchBytes += value.byteLength;
          size += value.byteLength;
          if (batchBytes >= WRITE_BATCH) await flush();
        }
        await flush();
        await pending;
        await fh.close(); // synced in commit(), only if every check passed
      } catch (e) {
        await fh.close().catch(() => {});
        await unlink(path).catch(() => {});
        throw e;
      }
      return { tempKey, size };
    },
    async commit(temp, key) {
      const final = pathOf(key);
      await ensureDir(dirname(final));
      await rename(tempPath(temp), final);
      // the data and the name must both be on disk before a row points at them: sync both at once
      await Promise.all([fsyncPath(final), syncDirOf(dirname(final))]);
      return key;
    },
    async discard(temp) {
      await unlink(tempPath(temp)).catch(() => {});
    },
    async delete(key) {
      await unlink(pathOf(key)).catch(() => {});
    },
    async get(key) {
      const path = pathOf(key);
      if (!existsSync(path)) return undefined;
      return Readable.toWeb(createReadStream(path, { highWaterMark: 64 * 1024 })) as ReadableStream<Uint8Array>;
    },
    /** At start, before serving: removes temporary files, and final ones `known` does not claim. */
    async sweep(known) {
      let removed = 0;
      if (existsSync(tmpDir))
        for (const n of (await readdir(tmpDir)).filter((n) => n.endsWith(".part"))) {
          await unlink(join(tmpDir, n)).catch(() => {});
          removed++;
        }
      const finals = join(root, "submissions");
      if (known && existsSync(finals))
        for (const n of await readdir(finals))
          if (!known(`submissions/${n}`)) {
            await unlink(join(finals, n)).catch(() => {});
            removed++;
          }
      return removed;
    },
  };
}

/**
 * The upload port: a byte stream straight from the Node request. On cancel it stops listening and
 * leaves the rest to @hono/node-server's drain, so the problem answer still reaches the client.
 */
export function nodeUploadBody(c: Context): ReadableStream<Uint8Array> | undefined {
  const incoming = (c.env as HttpBindings | undefined)?.incoming as IncomingMessage | undefined;
  if (!incoming || typeof incoming.on !== "function") return undefined;
  let detach = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const onData = (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) incoming.pause();
        };
        const onEnd = () => {
          detach();
          controller.close();
        };
        const onError = (e: unknown) => {
          detach();
          controller.error(e instanceof Error ? e : new Error("upload aborted"));
        };
        const onClose = () => {
          if (!incoming.complete) onError(new Error("upload aborted"));
        };
        incoming.on("data", onData);
        incoming.on("end", onEnd);
        incoming.on("error", onError);
        incoming.on("close", onClose);
        detach = () => {
          incoming.off("data", onData);
          incoming.off("end", onEnd);
          incoming.off("error", onError);
          incoming.off("close", onClose);
        };
      },
      pull() {
        incoming.resume();
      },
      cancel() {
        detach();
      },
    },
    { highWaterMark: 4 },
  );
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `app` on host:port (port 0 = any free port).
 * @example const s = await startNodeServer(app, { port: 8080, host: "127.0.0.1" })
 */
export function startNodeServer(app: Hono, opts: { port: number; host: string; requestTimeoutMs?: number }): Promise<RunningServer> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, (info: AddressInfo) => {
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolvePromise({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((res) => {
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => res());
          }),
      });
    });
    const s = server as unknown as { requestTimeout: number; headersTimeout: number; on(e: string, f: (e: unknown) => void): void };
    // Node's own guards against slow clients, beyond the app's body deadline
    s.headersTimeout = 30_000;
    s.requestTimeout = opts.requestTimeoutMs ?? 0;
    s.on("error", reject);
  });
}

