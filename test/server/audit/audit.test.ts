import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { createDataDir } from "../../../server/node/data-dir.node.ts";
import { openDataDir } from "../../../server/node/deps.node.ts";
import { admin } from "../../../server/cli/admin.node.ts";
import { appendAudit, sealAudit, verifyAuditChain } from "../../../server/audit/log.ts";
import { events } from "../../../server/db/schema.ts";
import { harness, RUNTIMES, type Harness } from "../helpers.ts";
import { PASSWORD, addTestUser, as, login } from "../auth-helpers.ts";

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    out += String(s);
    return true;
  });
  try {
    return { code: await admin(argv), out };
  } finally {
    spy.mockRestore();
  }
}

describe.each(RUNTIMES)("audit chain in the app on %s", (runtime) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({}, runtime);
  });
  afterEach(() => h.close());

  it("chains every event; a submission event is sealed by the next staff action; admins see the log", async () => {
    await addTestUser(h, "chefen", ["admin"]);
    await addTestUser(h, "granskare1", ["reviewer"]);
    expect((await h.post(await h.pack())).status).toBe(201);
    const s = await login(h, "chefen");
    const r = await login(h, "granskare1");
    expect((await as(h, r, "/api/v1/admin/audit")).status).toBe(403);
    const res = await as(h, s, "/api/v1/admin/audit");
    const body = (await res.json()) as { chain: { ok: boolean; unsealed: number }; events: Array<{ action: string; hash: string | null; detail: unknown }> };
    expect(body.chain).toMatchObject({ ok: true, unsealed: 0 });
    expect(body.events.map((e) => e.action)).toEqual(expect.arrayContaining(["user.add", "submission.received", "auth.login"]));
    expect(body.events.every((e) => /^[0-9a-f]{64}$/.test(e.hash ?? ""))).toBe(true);
    expect(JSON.stringify(body.events)).not.toContain(PASSWORD);
  });
});

describe("kollen admin user add / audit verify", () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "kollen-audit-"));
    await createDataDir(dir, {});
  });
  afterEach(() => {
    delete process.env.KOLLEN_PASSWORD;
    rmSync(dir, { recursive: true, force: true });
  });

  it("adds the first admin from KOLLEN_PASSWORD, refuses --password and a weak password", async () => {
    process.env.KOLLEN_PASSWORD = "Ett-långt-lösenord-9";
    const ok = await run(["user", "add", "--data", dir, "--username", "chefen", "--role", "admin,reviewer"]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/added chefen \(admin, reviewer\)/);
    await expect(run(["user", "add", "--data", dir, "--username", "x1x", "--role", "admin", "--password", "Hemligt-lösen-1"])).rejects.toThrow(/command line/);
    process.env.KOLLEN_PASSWORD = "kort";
    await expect(run(["user", "add", "--data", dir, "--username", "anna", "--role", "admin"])).rejects.toMatchObject({ code: "PASSWORD_POLICY" });
    await expect(run(["user", "add", "--data", dir, "--username", "anna", "--role", "boss"])).rejects.toMatchObject({ code: "BAD_INPUT" });
  });

  it("detects an edited, a deleted and a removed-at-the-end event, naming the first broken one", async () => {
    const opened = await openDataDir(dir);
    for (let i = 0; i < 5; i++) await appendAudit(opened.deps, { actor: "cli", action: "campaign.saved", subject: `s${i}`, detail: { i } });
    opened.close();
    expect((await run(["audit", "verify", "--data", dir])).out).toMatch(/OK: 5 events/);

    const db = new Database(join(dir, "kollen.sqlite"));
    db.prepare("update events set data = ? where seq = 3").run(JSON.stringify({ i: 99 }));
    let r = await run(["audit", "verify", "--data", dir]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/BROKEN at event 3 \(hash\)/);
    db.prepare("update events set data = ? where seq = 3").run(JSON.stringify({ i: 2 }));
    expect((await run(["audit", "verify", "--data", dir])).code).toBe(0);

    db.prepare("delete from events where seq = 2").run();
    r = await run(["audit", "verify", "--data", dir]);
    expect(r.out).toMatch(/BROKEN at event 3 \(prev_hash\)/);
    db.close();
  });

  it("seals a long run of unsealed events in pages", async () => {
    const opened = await openDataDir(dir);
    await opened.deps.db.orm.insert(events).values(Array.from({ length: 1201 }, (_, i) => ({ at: new Date(), type: "submission.received" as const, actor: "org:2120000142", subject: `s${i}`, data: "{}" })));
    expect(await verifyAuditChain(opened.deps)).toMatchObject({ ok: true, unsealed: 1201 });
    await sealAudit(opened.deps);
    expect(await verifyAuditChain(opened.deps)).toMatchObject({ ok: true, events: 1201, unsealed: 0 });
    opened.close();
  });

  it("detects events removed from the end", async () => {
    const opened = await openDataDir(dir);
    for (let i = 0; i < 3; i++) await appendAudit(opened.deps, { actor: "cli", action: "campaign.saved", detail: { i } });
    expect(await verifyAuditChain(opened.deps)).toMatchObject({ ok: true });
    opened.close();
    const db = new Database(join(dir, "kollen.sqlite"));
    db.prepare("delete from events where seq = 3").run();
    db.close();
    const r = await run(["audit", "verify", "--data", dir]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/BROKEN at event 3 \(head_missing\)/);
  });
});
