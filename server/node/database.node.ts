/**
 * The database port on Node: better-sqlite3 in WAL mode, migrations applied at open, statements
 * cached by their SQL, and group commit — each commit's WAL frames fdatasync'ed off the event loop
 * before any answer goes out (walDurability below).
 */
import { open } from "node:fs/promises";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "../db/schema.ts";
import type { Db, DbPort, Statement } from "../ports.ts";
import { sharedSync } from "./shared-sync.node.ts";

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

/** Every statement of the migrations, in order (drizzle-kit's SQL files split at their breakpoints): for D1 stand-ins that take one statement at a time. */
export function migrationStatements(): string[] {
  const dir = migrationsFolder();
  return readdirSync(dir)
    .filter((n) => n.endsWith(".sql"))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), "utf8").split("--> statement-breakpoint"))
    .map((s) => s.trim())
    .filter(Boolean);
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
