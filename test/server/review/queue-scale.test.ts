/**
 * The reviewers' queue at campaign scale: 10 000 submissions, paged, searched, sorted and counted in
 * the database. Every page is answered in bounded time, the pages together hold every submission
 * once, the page queries read the indexes in order (no sort of the whole table), and bad query
 * parameters are refused with BAD_INPUT.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisations, submissions } from "../../../server/db/schema.ts";
import { queuePage } from "../../../server/review/queue.ts";
import { QueueFilter } from "../../../schemas/staff-api.ts";
import { addTestUser, as, login, type Session } from "../auth-helpers.ts";
import { CAMPAIGN, T0, harness, problem, type Harness } from "../helpers.ts";
import { withCheckDigit } from "../../orgnr.ts";

const N = 10_000;
const ORGS = 200;
let h: Harness;
let reviewer: Session;

const orgOf = (i: number) => withCheckDigit(`${i % 2 ? "212000" : "202100"}${500 + i}`); // clear of the harness's organisations

type Queue = { submissions: Array<{ id: string; organisation: string; organisationName: string | null; status: string; receivedAt: string }>; total: number; counts: { status: Record<string, number>; group: Record<string, number> } };
const get = async (query: string) => {
  const res = await as(h, reviewer, `/api/v1/admin/submissions?${query}`);
  expect(res.status, query).toBe(200);
  return (await res.json()) as Queue;
};

beforeAll(async () => {
  h = await harness();
  await addTestUser(h, "granskare", ["reviewer"]);
  reviewer = await login(h, "granskare");
  const now = T0;
  await h.deps.db.orm.insert(organisations).values(
    Array.from({ length: ORGS }, (_, i) => ({ orgnr: orgOf(i), name: `${i % 2 ? "Kommun" : "Myndighet"} ${String(i).padStart(3, "0")}`, actorGroup: i % 2 ? ("municipality" as const) : ("state_agency" as const), createdAt: now })),
  );
  const statuses = ["verified", "verified", "verified", "approved", "rejected"] as const;
  for (let start = 0; start < N; start += 500) {
    await h.deps.db.orm.insert(submissions).values(
      Array.from({ length: 500 }, (_, k) => {
        const i = start + k;
        const at = new Date(T0.getTime() + i * 1000);
        return { id: crypto.randomUUID(), packageSha256: i.toString(16).padStart(64, "0"), organisation: orgOf(i % ORGS), campaign: CAMPAIGN, createdAt: at, receivedAt: at, status: statuses[i % statuses.length]!, via: "upload" as const };
      }),
    );
  }
}, 120_000);

afterAll(() => h.close());

describe("queue of 10 000 submissions (node)", () => {
  it("pages newest first; the pages together hold every submission once (the time of a deep page is printed; the query plan test below shows no sort)", async () => {
    const first = await get("limit=50");
    expect(first.total).toBe(N);
    expect(first.submissions).toHaveLength(50);
    expect(first.submissions[0]!.receivedAt).toBe(new Date(T0.getTime() + (N - 1) * 1000).toISOString());
    const t0 = performance.now();
    const deep = await get("limit=50&offset=9950");
    const deepMs = performance.now() - t0;
    expect(deep.submissions).toHaveLength(50);
    expect(deep.submissions.at(-1)!.receivedAt).toBe(T0.toISOString());
    console.info(`queue: page at offset 9950 of ${N} in ${deepMs.toFixed(1)} ms (API, in-memory SQLite, with total and counts)`);

    const seen = new Set<string>();
    let previous = Infinity;
    for (let offset = 0; offset < N; offset += 500) {
      const page = await get(`limit=500&offset=${offset}`);
      for (const s of page.submissions) {
        seen.add(s.id);
        const t = Date.parse(s.receivedAt);
        expect(t).toBeLessThan(previous);
        previous = t;
      }
    }
    expect(seen.size).toBe(N);
    expect((await get(`limit=50&offset=${N}`)).submissions).toEqual([]);
  });

  it("counts per status and actor group over all 10 000; search and sort in the database", async () => {
    const all = await get("limit=1");
    expect(all.counts.status).toEqual({ verified: 6000, approved: 2000, rejected: 2000 });
    expect(all.counts.group).toEqual({ municipality: 5000, state_agency: 5000 });
    const one = await get(`q=${encodeURIComponent("Kommun 007")}&limit=500`);
    expect(one.total).toBe(N / ORGS);
    expect(new Set(one.submissions.map((s) => s.organisationName))).toEqual(new Set(["Kommun 007"]));
    const byNumber = await get(`q=${orgOf(8).slice(0, 6)}-${orgOf(8).slice(6)}&limit=1`);
    expect(byNumber.total).toBe(N / ORGS);
    const byOrg = await get("sort=organisation&limit=50");
    expect(byOrg.submissions.every((s) => s.organisationName === "Kommun 001")).toBe(true);
    const byStatus = await get("sort=status&limit=10&offset=1995");
    expect(byStatus.submissions.map((s) => s.status)).toEqual([...Array(5).fill("approved"), ...Array(5).fill("rejected")]);
    const filtered = await get("status=approved&group=municipality&limit=1");
    expect(filtered.total).toBe(1000);
    expect(filtered.counts.status).toEqual({ verified: 3000, approved: 1000, rejected: 1000 }); // without its own status filter
  });

  it("the page queries by received time and by status read their index in order (no sort of the table)", async () => {
    for (const sort of ["received", "status"] as const) {
      const query = queuePage(h.deps, QueueFilter.parse({ sort, limit: 50, offset: 9950 })).toSQL();
      const params = query.params.map((p) => (typeof p === "string" ? `'${p.replaceAll("'", "''")}'` : String(p)));
      let i = 0;
      const text = query.sql.replace(/\?/g, () => params[i++]!);
      const plan = (await h.deps.db.orm.all<{ detail: string }>(sql.raw(`explain query plan ${text}`))).map((r) => r.detail).join("\n");
      expect(plan, sort).toMatch(sort === "received" ? /submissions_received/ : /submissions_status_received/);
      expect(plan, sort).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    }
  });

  it("refuses bad query parameters with BAD_INPUT and a message in both languages", async () => {
    for (const bad of ["sort=name", "sort=", "offset=-1", "offset=1.5", "offset=abc", "limit=0", "limit=501", "status=approvedd", "group=kommun", "flag=x", `q=${"x".repeat(101)}`, "campaign=Fel%20id"]) {
      const p = await problem(await as(h, reviewer, `/api/v1/admin/submissions?${bad}`));
      expect(p.code, bad).toBe("BAD_INPUT");
      expect(p.status, bad).toBe(400);
      expect(p.title_sv, bad).toBeTruthy();
    }
  });
});
