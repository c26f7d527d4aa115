/** The retention rule and the quota: what a key can make the server hold is bounded (issue 10 item 6). */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { events, submissions } from "../../../server/db/schema.ts";
import { applyRetention } from "../../../server/submissions/retention.ts";
import { harness, TARGET, OTHER, problem, type Harness } from "../helpers.ts";

let h: Harness;
beforeEach(async () => {
  h = await harness({}, TARGET);
});
afterEach(() => h.close());

const DAY = 86_400_000;
async function submit(): Promise<{ submissionId: string; receipt: string }> {
  const res = await h.post(await h.pack());
  expect(res.status).toBe(201);
  return (await res.json()) as { submissionId: string; receipt: string };
}

describe("the quota", () => {
  it("an organisation's packages beyond its quota are QUOTA_EXCEEDED; what is stored stays; another organisation has its own", async () => {
    h.deps.config = { ...h.deps.config, organisationQuotaBytes: (await h.pack()).length * 2 + 100 };
    for (let i = 0; i < 2; i++) await submit();
    const kept = await h.snapshot();
    const res = await h.post(await h.pack());
    expect(res.status).toBe(422);
    expect((await problem(res)).code).toBe("QUOTA_EXCEEDED");
    expect(await h.snapshot()).toEqual(kept);
    expect((await h.post(await h.pack({ organisation: OTHER }))).status).toBe(201);
  });
});

describe("retention of superseded and rejected packages", () => {
  it("deletes nothing unless configured", async () => {
    await submit();
    await submit();
    h.clock.t = new Date(h.clock.t.getTime() + 1000 * DAY);
    const before = await h.snapshot();
    expect(await applyRetention(h.deps)).toBe(0);
    expect(await h.snapshot()).toEqual(before);
  });

  it("after the period, deletes the blobs of superseded and rejected packages, keeps their rows, receipts and the current package", async () => {
    const superseded = await submit();
    const rejected = await submit();
    await h.deps.db.orm.update(submissions).set({ status: "rejected" }).where(eq(submissions.id, rejected.submissionId));
    const current = await submit();
    const currentBlob = await h.blobKey(current.submissionId);
    const t0 = h.clock.t;
    h.deps.config = { ...h.deps.config, retentionDays: 30 };
    h.clock.t = new Date(t0.getTime() + 29 * DAY);
    expect(await applyRetention(h.deps)).toBe(0);
    h.clock.t = new Date(t0.getTime() + 31 * DAY);
    const before = await h.snapshot();
    expect(await applyRetention(h.deps)).toBe(2);
    const after = await h.snapshot();
    expect(after.submissions).toBe(before.submissions);
    expect(after.blobs).toEqual([currentBlob]);
    expect(await applyRetention(h.deps)).toBe(0);
    // the receipt still answers the status
    const res = await h.app.request(`/api/v1/submissions/${superseded.submissionId}`, { headers: { authorization: `Bearer ${superseded.receipt}` } });
    expect(((await res.json()) as { status: string }).status).toBe("superseded");
    const logged = await h.deps.db.orm.select().from(events).where(eq(events.type, "submission.blob_deleted"));
    expect(logged.map((e) => e.subject).sort()).toEqual([superseded.submissionId, rejected.submissionId].sort());
  });

  it("space freed by retention counts again for the quota", async () => {
    const one = (await h.pack()).length;
    h.deps.config = { ...h.deps.config, organisationQuotaBytes: one * 2 + 100, retentionDays: 1 };
    await submit();
    await submit();
    expect((await h.post(await h.pack())).status).toBe(422);
    h.clock.t = new Date(h.clock.t.getTime() + 2 * DAY);
    expect(await applyRetention(h.deps)).toBe(1);
    h.clock.t = new Date(h.clock.t.getTime() - 2 * DAY);
    expect((await h.post(await h.pack())).status).toBe(201);
  });
});
