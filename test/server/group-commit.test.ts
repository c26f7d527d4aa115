/** The Node database port's group commit: batches staged together share one COMMIT; a failing one rolls back alone. */
import { describe, expect, it } from "vitest";
import { openNodeDb } from "../../server/entry.node.ts";
import { organisations } from "../../server/db/schema.ts";

const org = (orgnr: string) => ({ orgnr, name: orgnr, actorGroup: "other", createdAt: new Date(0) });

describe("group commit", () => {
  it("stages batches at once, rolls back a failing one alone, makes the rest durable together", async () => {
    const { db, sqlite, close } = openNodeDb(":memory:");
    const a = db.stage!([db.orm.insert(organisations).values(org("1"))]);
    const b = db.stage!([db.orm.insert(organisations).values(org("2")), db.orm.insert(organisations).values(org("1"))]); // duplicate key
    const c = db.stage!([db.orm.insert(organisations).values(org("3"))]);
    expect(sqlite.inTransaction).toBe(true); // one open transaction for the group
    // applied: visible at once on this connection
    expect((await db.orm.select().from(organisations)).map((r) => r.orgnr).sort()).toEqual(["1", "3"]);
    await expect(b.applied).rejects.toThrow(/UNIQUE/);
    await expect(b.durable).rejects.toThrow(/UNIQUE/);
    await Promise.all([a.applied, a.durable, c.applied, c.durable]);
    expect(sqlite.inTransaction).toBe(false);
    expect((await db.orm.select().from(organisations)).map((r) => r.orgnr).sort()).toEqual(["1", "3"]);
    close();
  });

  it("flushed() waits for the open group; batch() is stage + durable", async () => {
    const { db, sqlite, close } = openNodeDb(":memory:");
    await db.flushed!(); // nothing pending
    db.stage!([db.orm.insert(organisations).values(org("4"))]);
    expect(sqlite.inTransaction).toBe(true);
    await db.flushed!();
    expect(sqlite.inTransaction).toBe(false);
    await db.batch([db.orm.insert(organisations).values(org("5"))]);
    expect(sqlite.inTransaction).toBe(false);
    await expect(db.batch([db.orm.insert(organisations).values(org("5"))])).rejects.toThrow(/UNIQUE/);
    expect((await db.orm.select().from(organisations)).map((r) => r.orgnr).sort()).toEqual(["4", "5"]);
    close();
  });
});
