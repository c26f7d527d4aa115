/**
 * Stand-ins for the Workers bindings, good enough to run server/workers/deps.workers.ts in Node: a D1
 * over better-sqlite3 (prepare/bind/all/raw/run/first/batch with D1's result shapes; batch is one
 * transaction, as D1's is) with the migrations applied as wrangler would, and an in-memory R2.
 */
import Database from "better-sqlite3";
import { migrationStatements } from "../../server/node/database.node.ts";
import type { R2Like } from "../../server/workers/r2-blob-store.workers.ts";

type Params = unknown[];

class FakeD1Statement {
  constructor(
    private readonly db: Database.Database,
    readonly sql: string,
    readonly params: Params = [],
  ) {}
  bind(...params: Params): FakeD1Statement {
    return new FakeD1Statement(this.db, this.sql, params);
  }
  runSync(): { results: unknown[]; success: true; meta: { changes: number; last_row_id: number } } {
    const s = this.db.prepare(this.sql);
    if (s.reader) return { results: s.all(...this.params) as unknown[], success: true, meta: { changes: 0, last_row_id: 0 } };
    const info = s.run(...this.params);
    return { results: [], success: true, meta: { changes: info.changes, last_row_id: Number(info.lastInsertRowid) } };
  }
  async all() {
    return this.runSync();
  }
  async run() {
    return this.runSync();
  }
  async first() {
    return this.runSync().results[0] ?? null;
  }
  async raw() {
    const s = this.db.prepare(this.sql);
    if (!s.reader) {
      s.run(...this.params);
      return [];
    }
    return s.raw(true).all(...this.params);
  }
}

export class FakeD1 {
  readonly db = new Database(":memory:");
  batches = 0;
  constructor() {
    for (const stmt of migrationStatements()) this.db.exec(stmt);
  }
  prepare(sql: string): FakeD1Statement {
    return new FakeD1Statement(this.db, sql);
  }
  async batch(statements: FakeD1Statement[]) {
    this.batches++;
    return this.db.transaction(() => statements.map((s) => s.runSync()))();
  }
  async exec(sql: string) {
    this.db.exec(sql);
    return { count: 1, duration: 0 };
  }
}

export class FakeR2 implements R2Like {
  readonly objects = new Map<string, Uint8Array>();
  multipartUploads = 0;
  async put(key: string, value: Uint8Array | ArrayBuffer) {
    this.objects.set(key, new Uint8Array(value instanceof ArrayBuffer ? value : value.slice()));
    return {};
  }
  async get(key: string) {
    const v = this.objects.get(key);
    return v ? { body: new Blob([v as Uint8Array<ArrayBuffer>]).stream() } : null;
  }
  async delete(key: string | string[]) {
    for (const k of Array.isArray(key) ? key : [key]) this.objects.delete(k);
  }
  async createMultipartUpload(key: string) {
    this.multipartUploads++;
    const parts = new Map<number, Uint8Array>();
    return {
      uploadPart: async (n: number, value: Uint8Array) => {
        parts.set(n, value.slice());
        return { partNumber: n, etag: `etag-${n}` };
      },
      complete: async (done: Array<{ partNumber: number }>) => {
        const pieces = done.map((p) => parts.get(p.partNumber)!);
        const out = new Uint8Array(pieces.reduce((a, p) => a + p.length, 0));
        let at = 0;
        for (const p of pieces) {
          out.set(p, at);
          at += p.length;
        }
        this.objects.set(key, out);
        return {};
      },
      abort: async () => {
        parts.clear();
      },
    };
  }
}
