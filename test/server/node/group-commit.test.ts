/**
 * The Node database port's two-phase batches: applied at once in their own transaction (a failing
 * batch rolls back alone), durable after the WAL is synced — concurrent commits share one sync.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openNodeDb } from "../../../server/node/database.node.ts";
import { organisations } from "../../../server/db/schema.ts";

const org = (orgnr: string) => ({ orgnr, name: orgnr, actorGroup: "other" as const, createdAt: new Date(0) });
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kollen-db-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("two-phase batches on a file database", () => {
  it("applies at once, rolls back a failing batch alone, and is durable after the WAL sync", async () => {
    const file = join(dir, "k.sqlite");
    const { db, sqlite, close } = openNodeDb(file);
    const a = db.stage!([db.orm.insert(organisations).values(org("1"))]);
    const b = db.stage!([db.orm.insert(organisations).values(org("2")), db.orm.insert(organisations).values(org("1"))]); // duplicate key
    const c = db.stage!([db.orm.insert(organisations).values(org("3"))]);
    expect(sqlite.inTransaction).toBe(false);
    expect((await db.orm.select().from(organisations)).map((r) => r.orgnr).sort()).toEqual(["1", "3"]);
    await expect(b.applied).rejects.toThrow(/UNIQUE/);
    await expect(b.durable).rejects.toThrow(/UNIQUE/);
    await Promise.all([a.applied, a.durable, c.applied, c.durable]);
    await db.flushed!();
    close();
    const again = openNodeDb(file);
    expect((await again.db.orm.select().from(organisations)).map((r) => r.orgnr).sort()).toEqual(["1", "3"]);
    again.close();
  });

  it("batch() is stage + durable, and rejects with the statement's error", async () => {
    const { db, close } = openNodeDb(join(dir, "k.sqlite"));
    await db.flushed!(); // nothing pending
    await db.batch([db.orm.insert(organisations).values(org("5"))]);
    await expect(db.batch([db.orm.insert(organisations).values(org("5"))])).rejects.toThrow(/UNIQUE/);
    expect((await db.orm.select().from(organisations)).map((r) => r.orgnr)).toEqual(["5"]);
    close();
  });
});
