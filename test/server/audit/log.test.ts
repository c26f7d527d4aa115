/**
 * The audit chain (server/audit/log.ts) on a database of its own: the hash formula recomputed
 * independently (so every field, the subject included, is shown to be covered), and each way the
 * chain breaks — an edited field, an edited predecessor link, a deleted event, an unsealed event in
 * the middle, a rewritten-and-rehashed last event, a removed tail, a head that does not parse — with
 * the seq and reason the report names. These are the tests `npm run test:mutation` runs against log.ts.
 */
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { appendAudit, listAudit, sealAudit, verifyAuditChain } from "../../../server/audit/log.ts";
import { events, settings } from "../../../server/db/schema.ts";
import { openNodeDb } from "../../../server/node/database.node.ts";
import type { DbPort } from "../../../server/ports.ts";

const GENESIS = "0".repeat(64);
let db: DbPort;
let close: () => void;
let t: number;
const deps = () => ({ db, clock: { now: () => new Date(t) } });

beforeEach(() => {
  const opened = openNodeDb(":memory:");
  db = opened.db;
  close = opened.close;
  t = Date.parse("2026-11-29T10:00:00.000Z");
});
afterEach(() => close());

/** Three events: a login, a decision about a submission, a logout. */
async function three(): Promise<void> {
  await appendAudit(deps(), { actor: "user:a", action: "auth.login" });
  t += 1000;
  await appendAudit(deps(), { actor: "user:a", action: "review.decision", subject: "sub-1", detail: { decision: "approve", n: 2 } });
  t += 1000;
  await appendAudit(deps(), { actor: "user:a", action: "auth.logout" });
}
const rows = () => db.orm.select().from(events).orderBy(asc(events.seq));
const set = (seq: number, values: Partial<typeof events.$inferInsert>) => db.orm.update(events).set(values).where(eq(events.seq, seq));

/** The hash as docs/ARCHITECTURE.md and log.ts describe it, written out here by hand (RFC 8785 key order). */
function expectedHash(r: { seq: number; at: Date; type: string; actor: string; subject: string | null; data: string }, prevHash: string): string {
  const text = `{"actor":${JSON.stringify(r.actor)},"at":${r.at.getTime()},"data":${JSON.stringify(JSON.parse(r.data))},"prevHash":"${prevHash}","seq":${r.seq},"subject":${JSON.stringify(r.subject)},"type":${JSON.stringify(r.type)}}`;
  return createHash("sha256").update(text).digest("hex");
}

describe("a sealed chain", () => {
  it("an empty log verifies", async () => {
    expect(await verifyAuditChain(deps())).toEqual({ ok: true, events: 0, unsealed: 0 });
  });

  it("each event holds its predecessor's hash (the first: 64 zeros) and the hash of every field, the subject included", async () => {
    await three();
    const all = await rows();
    expect(all).toHaveLength(3);
    let prev = GENESIS;
    for (const r of all) {
      expect(r.prevHash).toBe(prev);
      expect(r.hash).toBe(expectedHash(r, prev));
      prev = r.hash!;
    }
    expect(all[1]!.subject).toBe("sub-1");
    expect(all[1]!.data).toBe('{"decision":"approve","n":2}');
    const [head] = await db.orm.select().from(settings).where(eq(settings.key, "audit.head"));
    expect(JSON.parse(head!.value)).toEqual({ seq: 3, hash: prev });
    expect(await verifyAuditChain(deps())).toEqual({ ok: true, events: 3, unsealed: 0 });
  });

  it("lists the newest first, with a limit and a cursor", async () => {
    await three();
    const all = await listAudit(deps(), { limit: 10 });
    expect(all.map((e) => [e.seq, e.action, e.subject])).toEqual([[3, "auth.logout", null], [2, "review.decision", "sub-1"], [1, "auth.login", null]]);
    expect(all[1]).toMatchObject({ actor: "user:a", at: "2026-11-29T10:00:01.000Z", detail: { decision: "approve", n: 2 } });
    expect(all[1]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await listAudit(deps(), { limit: 1 })).map((e) => e.seq)).toEqual([3]);
    expect((await listAudit(deps(), { limit: 10, before: 3 })).map((e) => e.seq)).toEqual([2, 1]);
    await set(2, { data: "{not json" });
    expect((await listAudit(deps(), { limit: 10 }))[1]!.detail).toBeNull();
  });
});

describe("every break is found, at the event where it happens", () => {
  beforeEach(three);
  const broken = async () => (await verifyAuditChain(deps())).broken;

  it.each([
    ["subject", { subject: "sub-2" }],
    ["subject removed", { subject: null }],
    ["actor", { actor: "user:b" }],
    ["type", { type: "review.reopen" as never }],
    ["time", { at: new Date("2026-11-29T10:00:01.001Z") }],
    ["data", { data: '{"decision":"reject","n":2}' }],
  ])("an edited %s", async (_, change) => {
    await set(2, change);
    expect(await verifyAuditChain(deps())).toEqual({ ok: false, events: 3, unsealed: 0, broken: { seq: 2, reason: "hash" } });
  });

  it("data that no longer parses, or that the canonical form refuses", async () => {
    await set(2, { data: "{oops" });
    expect(await verifyAuditChain(deps())).toEqual({ ok: false, events: 3, unsealed: 0, broken: { seq: 2, reason: "data" } });
    await set(2, { data: '{"n":1.5}' });
    expect(await broken()).toEqual({ seq: 2, reason: "data" });
  });

  it("an edited link to the predecessor", async () => {
    await set(2, { prevHash: GENESIS });
    expect(await verifyAuditChain(deps())).toEqual({ ok: false, events: 3, unsealed: 0, broken: { seq: 2, reason: "prev_hash" } });
  });

  it("a deleted event in the middle breaks the link of the next one", async () => {
    await db.orm.delete(events).where(eq(events.seq, 2));
    expect(await verifyAuditChain(deps())).toEqual({ ok: false, events: 2, unsealed: 0, broken: { seq: 3, reason: "prev_hash" } });
  });

  it("an edited event rehashed in place still breaks the next one's link", async () => {
    const [, second] = await rows();
    const data = '{"decision":"reject","n":2}';
    await set(2, { data, hash: expectedHash({ ...second!, data }, second!.prevHash!) });
    expect(await broken()).toEqual({ seq: 3, reason: "prev_hash" });
  });

  it("the last event rewritten and rehashed: only the head notices", async () => {
    const [, , last] = await rows();
    const actor = "user:someone-else";
    await set(3, { actor, hash: expectedHash({ ...last!, actor }, last!.prevHash!) });
    expect(await verifyAuditChain(deps())).toEqual({ ok: false, events: 3, unsealed: 0, broken: { seq: 3, reason: "head_missing" } });
  });

  it("the last event removed: the head names it", async () => {
    await db.orm.delete(events).where(eq(events.seq, 3));
    expect(await verifyAuditChain(deps())).toEqual({ ok: false, events: 2, unsealed: 0, broken: { seq: 3, reason: "head_missing" } });
  });

  it("a head that does not parse is a break just after the last sealed event", async () => {
    await db.orm.update(settings).set({ value: "{" }).where(eq(settings.key, "audit.head"));
    expect(await broken()).toEqual({ seq: 4, reason: "head_missing" });
    await db.orm.update(settings).set({ value: "null" }).where(eq(settings.key, "audit.head"));
    expect(await broken()).toEqual({ seq: 4, reason: "head_missing" });
  });

  it("an unsealed event in the middle", async () => {
    await set(2, { hash: null, prevHash: null });
    expect(await verifyAuditChain(deps())).toEqual({ ok: false, events: 3, unsealed: 0, broken: { seq: 2, reason: "unsealed_inside" } });
  });

  it("an unsealed event as the very first, before sealed ones", async () => {
    await set(1, { hash: null });
    expect(await broken()).toEqual({ seq: 1, reason: "unsealed_inside" });
  });
});

describe("sealing", () => {
  const insert = (n: number) => db.orm.insert(events).values(Array.from({ length: n }, (_, i) => ({ at: new Date(t + i), type: "submission.received" as const, actor: "org:2120000142", subject: `s${i}`, data: "{}" })));

  it("events written by a batch are unsealed at the end until sealed; the chain is fine meanwhile", async () => {
    await three();
    await insert(2);
    expect(await verifyAuditChain(deps())).toEqual({ ok: true, events: 5, unsealed: 2 });
    await sealAudit(deps());
    expect(await verifyAuditChain(deps())).toEqual({ ok: true, events: 5, unsealed: 0 });
    const all = await rows();
    expect(all[3]!.prevHash).toBe(all[2]!.hash);
  });

  it("seals long runs in pages (100 a batch), every one of them, in order", async () => {
    for (const n of [100, 250]) {
      await insert(n);
      await sealAudit(deps());
      const all = await rows();
      expect(all.filter((r) => r.hash === null)).toEqual([]);
      let prev = GENESIS;
      for (const r of all) {
        expect(r.hash).toBe(expectedHash(r, prev));
        prev = r.hash!;
      }
      const [head] = await db.orm.select().from(settings).where(eq(settings.key, "audit.head"));
      expect(JSON.parse(head!.value)).toEqual({ seq: all.length, hash: prev });
    }
  });

  it("sealing twice changes nothing; sealing only touches rows still unsealed", async () => {
    await three();
    const before = await rows();
    await sealAudit(deps());
    expect(await rows()).toEqual(before);
    // an unsealed row behind a sealed one is not sealed over it (verification reports it instead)
    await set(2, { hash: null, prevHash: null });
    await sealAudit(deps());
    expect((await rows())[1]!.hash).toBeNull();
    expect(await db.orm.all(sql`select count(*) as n from events where hash is null`)).toEqual([{ n: 1 }]);
  });
});
