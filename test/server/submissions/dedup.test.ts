/** DESIGN.md § Deduplication and coverage, through the API (in-process). */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { submissions } from "../../../server/db/schema.ts";
import { harness, TARGET, COURT_A, COURT_B, ORG, OTHER, UMBRELLA, type Harness } from "../helpers.ts";

let h: Harness;
beforeEach(async () => {
  h = await harness({}, TARGET);
});
afterEach(() => h.close());

interface Accepted {
  submissionId: string;
  status: string;
  receipt: string;
}
async function submit(pkg: Uint8Array, expected = 201): Promise<Accepted> {
  const res = await h.post(pkg);
  expect(res.status).toBe(expected);
  return (await res.json()) as Accepted;
}
async function statusOf(a: Accepted) {
  const res = await h.app.request(`/api/v1/submissions/${a.submissionId}`, { headers: { authorization: `Bearer ${a.receipt}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string; flags: string[]; supersededBy: string | null; covers: Array<{ orgnr: string; state: string }> };
}
async function receiptClaims(a: Accepted) {
  return JSON.parse(Buffer.from(a.receipt.split(".")[1]!, "base64url").toString()) as { status: string; reasons: string[] };
}

describe("same organisation, same campaign", () => {
  it("a newer package supersedes the older one, which stays visible", async () => {
    const older = await submit(await h.pack({ now: new Date("2026-02-01T00:00:00Z") }));
    const newer = await submit(await h.pack({ now: new Date("2026-02-02T00:00:00Z") }));
    expect(newer.status).toBe("verified");
    expect(await statusOf(older)).toMatchObject({ status: "superseded", supersededBy: newer.submissionId });
    expect(await statusOf(newer)).toMatchObject({ status: "verified", supersededBy: null, flags: [] });
  });

  it("an older package arriving after a newer one is stored already superseded", async () => {
    const newer = await submit(await h.pack({ now: new Date("2026-02-02T00:00:00Z") }));
    const older = await submit(await h.pack({ now: new Date("2026-02-01T00:00:00Z") }));
    expect(older.status).toBe("superseded");
    expect((await receiptClaims(older)).status).toBe("superseded");
    expect(await statusOf(older)).toMatchObject({ status: "superseded", supersededBy: newer.submissionId });
    expect((await statusOf(newer)).status).toBe("verified");
  });

  it("if the older one was approved, the newer is flagged for a reviewer and the approval stands", async () => {
    const older = await submit(await h.pack({ now: new Date("2026-02-01T00:00:00Z") }));
    await h.deps.db.orm.update(submissions).set({ status: "approved" }).where(eq(submissions.id, older.submissionId));
    const newer = await submit(await h.pack({ now: new Date("2026-02-02T00:00:00Z") }));
    expect(newer.status).toBe("verified");
    expect((await receiptClaims(newer)).reasons).toEqual(["SUPERSEDES_APPROVED"]);
    expect(await statusOf(newer)).toMatchObject({ flags: ["SUPERSEDES_APPROVED"] });
    expect(await statusOf(older)).toMatchObject({ status: "approved", supersededBy: null });
  });

  it("another organisation's package supersedes nothing", async () => {
    const a = await submit(await h.pack());
    await submit(await h.pack({ organisation: OTHER }));
    expect((await statusOf(a)).status).toBe("verified");
  });
});

describe("umbrella coverage", () => {
  it("coverage the registry confirms counts each covered organisation", async () => {
    const u = await submit(await h.pack({ organisation: UMBRELLA, covers: [COURT_A] }));
    expect(u.status).toBe("verified");
    expect(await statusOf(u)).toMatchObject({ flags: [], covers: [{ orgnr: COURT_A, state: "confirmed" }] });
  });

  it("coverage the registry does not confirm is unconfirmed until a reviewer confirms it", async () => {
    const u = await submit(await h.pack({ organisation: UMBRELLA, covers: [COURT_A, COURT_B] }));
    expect(u.status).toBe("verified");
    const s = await statusOf(u);
    expect(s.flags).toEqual(["COVERAGE_UNCONFIRMED"]);
    expect(s.covers).toEqual(expect.arrayContaining([{ orgnr: COURT_A, state: "confirmed" }, { orgnr: COURT_B, state: "unconfirmed" }]));
  });

  it("a covered organisation's own submission is a coverage conflict", async () => {
    const u = await submit(await h.pack({ organisation: UMBRELLA, covers: [COURT_A] }));
    const own = await submit(await h.pack({ organisation: COURT_A }));
    expect(own.status).toBe("conflict");
    expect((await receiptClaims(own)).reasons).toEqual(["COVERAGE_CONFLICT"]);
    expect((await statusOf(u)).status).toBe("verified");
  });

  it("an umbrella covering an organisation that already reported is a coverage conflict", async () => {
    await submit(await h.pack({ organisation: COURT_A }));
    const u = await submit(await h.pack({ organisation: UMBRELLA, covers: [COURT_A] }));
    expect(u.status).toBe("conflict");
  });

  it("a second umbrella covering the same organisation is a conflict (and unconfirmed)", async () => {
    await submit(await h.pack({ organisation: UMBRELLA, covers: [COURT_A] }));
    const second = await submit(await h.pack({ organisation: OTHER, covers: [COURT_A] }));
    expect(second.status).toBe("conflict");
    expect((await statusOf(second)).flags.sort()).toEqual(["COVERAGE_CONFLICT", "COVERAGE_UNCONFIRMED"]);
  });

  it("an umbrella's newer package replaces its older one without conflicting with itself", async () => {
    const first = await submit(await h.pack({ organisation: UMBRELLA, covers: [COURT_A] }));
    const second = await submit(await h.pack({ organisation: UMBRELLA, covers: [COURT_A] }));
    expect(second.status).toBe("verified");
    expect((await statusOf(first)).status).toBe("superseded");
  });

  it("a superseded submission's coverage no longer counts", async () => {
    await submit(await h.pack({ organisation: UMBRELLA, covers: [COURT_A] }));
    await submit(await h.pack({ organisation: UMBRELLA, covers: [] }));
    const own = await submit(await h.pack({ organisation: COURT_A }));
    expect(own.status).toBe("verified");
  });
});

describe("concurrency", () => {
  it("the same bytes uploaded at once give one row and the same receipt", async () => {
    const pkg = await h.pack();
    const [a, b] = await Promise.all([h.post(pkg), h.post(pkg)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const [ja, jb] = (await Promise.all([a.json(), b.json()])) as Accepted[];
    expect(ja).toEqual(jb);
    expect((await h.snapshot()).submissions).toBe(1);
  });

  it("two packages of one organisation at once: exactly one stays active", async () => {
    const [p1, p2] = [await h.pack(), await h.pack()];
    const answers = (await Promise.all([h.post(p1), h.post(p2)].map(async (r) => (await r).json()))) as Accepted[];
    const statuses = await Promise.all(answers.map(statusOf));
    expect(statuses.map((s) => s.status).sort()).toEqual(["superseded", "verified"]);
    const rows = await h.deps.db.orm.select().from(submissions).where(eq(submissions.organisation, ORG));
    expect(rows.filter((r) => r.status === "verified")).toHaveLength(1);
  });
});
