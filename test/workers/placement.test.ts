/**
 * Placement across isolates (DESIGN.md § Deduplication and coverage): on Workers several isolates
 * decide at once, with no lock in common. Concurrent uploads for one organisation and campaign, spread
 * over separate Workers that share one D1 database, must leave exactly one submission current and the
 * others superseded exactly as if they had arrived one by one in the order they were committed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, like } from "drizzle-orm";
import { events, submissions } from "../../server/db/schema.ts";
import { harness, COURT_A, ORG, UMBRELLA, type AppClient, type Harness } from "../server/helpers.ts";
import { startWorkerd, type Workerd } from "./workerd.ts";

const ISOLATES = 4;
let w: Workerd;
let h: Harness;
let isolates: AppClient[];
beforeAll(async () => {
  w = await startWorkerd({ isolates: ISOLATES });
});
afterAll(async () => {
  await w.dispose();
});

async function setUp() {
  h = await harness({}, "workerd", w);
  isolates = Array.from({ length: ISOLATES }, (_, i) => h.isolate!(i));
}

function upload(i: number, pkg: Uint8Array): Promise<Response> {
  return Promise.resolve(isolates[i % ISOLATES]!.request("/api/v1/submissions", { method: "POST", body: pkg as Uint8Array<ArrayBuffer>, headers: { "content-type": "application/vnd.kollen.package" } }));
}

/** The stored outcome, and the same rules replayed over the commits in their order (the events' order). */
async function storedAndReplayed(org: string) {
  const rows = await h.deps.db.orm.select().from(submissions).where(eq(submissions.organisation, org));
  const order = (await h.deps.db.orm.select({ subject: events.subject }).from(events).where(like(events.type, "submission.received")).orderBy(asc(events.seq))).map((e) => e.subject);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const replay = new Map<string, { status: string; supersededBy: string | null }>();
  let current: string | undefined;
  for (const id of order.filter((s) => byId.has(s!))) {
    const row = byId.get(id!)!;
    // the one committed last is current, whatever createdAt it claims (FORMAT.md rule U4)
    if (current) replay.set(current, { status: "superseded", supersededBy: row.id });
    replay.set(row.id, { status: "verified", supersededBy: null });
    current = row.id;
  }
  return { rows, replay, order };
}

describe("placement across isolates on workerd", () => {
  it("concurrent uploads of one organisation and campaign: exactly one current, the rest superseded in commit order", async () => {
    await setUp();
    // the same createdAt for all: the last committed wins, so the commit order decides everything
    const createdAt = new Date(h.clock.t.getTime() - 60_000);
    const pkgs = await Promise.all(Array.from({ length: 8 }, () => h.pack({ now: createdAt })));
    const answers = await Promise.all(pkgs.map((p, i) => upload(i, p)));
    expect(answers.map((a) => a.status)).toEqual(pkgs.map(() => 201));

    const { rows, replay, order } = await storedAndReplayed(ORG);
    expect(rows).toHaveLength(8);
    expect(order).toHaveLength(8);
    expect(rows.filter((r) => r.status !== "superseded")).toHaveLength(1);
    for (const r of rows) expect({ id: r.id, status: r.status, supersededBy: r.supersededBy }).toEqual({ id: r.id, ...replay.get(r.id) });
    expect(rows.find((r) => r.status === "verified")!.id).toBe(order.at(-1));
  });

  it("concurrent uploads with different createdAt: the one committed last is current whatever createdAt claims", async () => {
    await setUp();
    const base = h.clock.t.getTime() - 3_600_000;
    const pkgs = await Promise.all(Array.from({ length: 8 }, (_, i) => h.pack({ now: new Date(base + ((i * 5) % 8) * 1000) })));
    const answers = await Promise.all(pkgs.map((p, i) => upload(i, p)));
    expect(answers.map((a) => a.status)).toEqual(pkgs.map(() => 201));
    const { rows, replay, order } = await storedAndReplayed(ORG);
    const active = rows.filter((r) => r.status !== "superseded");
    expect(active).toHaveLength(1);
    expect(active[0]!.id).toBe(order.filter((id) => rows.some((r) => r.id === id)).at(-1));
    for (const r of rows) expect({ id: r.id, status: r.status, supersededBy: r.supersededBy }).toEqual({ id: r.id, ...replay.get(r.id) });
  });

  it("an umbrella and the organisation it covers at once: one of them is a coverage conflict, never neither", async () => {
    await setUp();
    for (let round = 0; round < 3; round++) {
      const [umbrella, own] = await Promise.all([h.pack({ organisation: UMBRELLA, covers: [COURT_A] }), h.pack({ organisation: COURT_A })]);
      const answers = await Promise.all([upload(2 * round, umbrella), upload(2 * round + 1, own)]);
      expect(answers.map((a) => a.status)).toEqual([201, 201]);
    }
    const rows = await h.deps.db.orm.select().from(submissions);
    // every umbrella and every own package after the first of either kind meets the other: never two "verified" for COURT_A
    const courtReported = rows.filter((r) => r.status !== "superseded" && (r.organisation === COURT_A || r.organisation === UMBRELLA));
    expect(courtReported.filter((r) => r.status === "verified").length).toBeLessThanOrEqual(1);
    expect(courtReported.filter((r) => r.status === "conflict").length).toBeGreaterThanOrEqual(1);
  });
});
