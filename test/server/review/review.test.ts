import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compactVerify, importJWK } from "jose";
import { eq } from "drizzle-orm";
import { readTar } from "../../../client-kit/lib/tar.ts";
import { reviewDecisions, submissionCoverage, submissions } from "../../../server/db/schema.ts";
import { CAMPAIGN, COURT_A, COURT_B, ORG, UMBRELLA, RUNTIMES, harness, problem, type Harness } from "../helpers.ts";
import { addTestUser, as, login, postJson, type Session } from "../auth-helpers.ts";

async function submit(h: Harness, extra: Parameters<Harness["pack"]>[0] = {}): Promise<string> {
  const res = await h.post(await h.pack(extra));
  expect(res.status).toBe(201);
  return ((await res.json()) as { submissionId: string }).submissionId;
}

describe.each(RUNTIMES)("admin API on %s: queue, detail, download, decisions, coverage, manual, export", (runtime) => {
  let h: Harness;
  let r1: Session;
  let r2: Session;
  let analyst: Session;
  beforeEach(async () => {
    h = await harness({}, runtime);
    await addTestUser(h, "granskare1", ["reviewer"]);
    await addTestUser(h, "granskare2", ["reviewer"]);
    await addTestUser(h, "analytiker", ["analyst"]);
    r1 = await login(h, "granskare1");
    r2 = await login(h, "granskare2");
    analyst = await login(h, "analytiker");
  });
  afterEach(() => h.close());

  it("lists the queue with filters and shows a submission's detail and history", async () => {
    const first = await submit(h);
    const second = await submit(h);
    await submit(h, { organisation: UMBRELLA, covers: [COURT_A, COURT_B] });
    const all = (await (await as(h, r1, "/api/v1/admin/submissions")).json()) as { submissions: Array<{ id: string; status: string }> };
    expect(all.submissions).toHaveLength(3);
    const superseded = (await (await as(h, r1, "/api/v1/admin/submissions?status=superseded")).json()) as { submissions: Array<{ id: string }> };
    expect(superseded.submissions.map((s) => s.id)).toEqual([first]);
    const flagged = (await (await as(h, r1, "/api/v1/admin/submissions?flag=COVERAGE_UNCONFIRMED")).json()) as { submissions: Array<{ organisation: string }> };
    expect(flagged.submissions.map((s) => s.organisation)).toEqual([UMBRELLA]);
    const kommuner = (await (await as(h, r1, `/api/v1/admin/submissions?group=municipality&campaign=${CAMPAIGN}`)).json()) as { submissions: unknown[] };
    expect(kommuner.submissions).toHaveLength(2);
    expect((await problem(await as(h, r1, "/api/v1/admin/submissions?status=nonsense"))).code).toBe("BAD_INPUT");

    const detail = (await (await as(h, r1, `/api/v1/admin/submissions/${second}`)).json()) as { verification: { outcome: string }; history: Array<{ id: string; status: string }>; events: Array<{ action: string }> };
    expect(detail.verification.outcome).toBe("PASSED");
    expect(detail.history.map((x) => [x.id, x.status])).toEqual([
      [first, "superseded"],
      [second, "verified"],
    ]);
    expect(detail.events.map((e) => e.action)).toContain("submission.received");
    expect((await problem(await as(h, r1, "/api/v1/admin/submissions/not-a-uuid"))).code).toBe("NOT_FOUND");
    expect((await problem(await as(h, r1, `/api/v1/admin/submissions/${crypto.randomUUID()}`))).code).toBe("NOT_FOUND");
  });

  it("searches the queue by organisation name or number, sorts, pages and counts per status and actor group", async () => {
    const first = await submit(h);
    const second = await submit(h);
    const umbrella = await submit(h, { organisation: UMBRELLA, covers: [COURT_A] });
    type Q = { submissions: Array<{ id: string; organisation: string; status: string }>; total: number; counts: { status: Record<string, number>; group: Record<string, number> } };
    const q = async (query: string) => (await (await as(h, r1, `/api/v1/admin/submissions?${query}`)).json()) as Q;
    expect((await q("q=domstols")).submissions.map((s) => s.id)).toEqual([umbrella]);
    expect((await q("q=212000-0142")).submissions.map((s) => s.id).sort()).toEqual([second, first].sort());
    expect((await q("q=0000142")).total).toBe(2);
    expect((await q("q=%25")).total).toBe(0); // a wildcard is searched for literally
    expect((await q("q=_")).total).toBe(0);
    expect((await q("q=ingen+s%C3%A5dan")).submissions).toEqual([]);
    expect((await q("sort=organisation")).submissions.map((s) => s.organisation)).toEqual([UMBRELLA, ORG, ORG]); // Domstolsverket before Exempel kommun
    expect((await q("sort=status")).submissions.map((s) => s.status)).toEqual(["superseded", "verified", "verified"]);
    const page1 = await q("limit=2");
    const page2 = await q("limit=2&offset=2");
    expect(page1.submissions).toHaveLength(2);
    expect(page2.submissions).toHaveLength(1);
    expect([...page1.submissions, ...page2.submissions].map((s) => s.id).sort()).toEqual([first, second, umbrella].sort());
    expect(page1.total).toBe(3);
    expect(page1.counts).toEqual({ status: { superseded: 1, verified: 2 }, group: { municipality: 2, state_agency: 1 } });
    // the status counts ignore the status filter itself, so the other statuses stay visible
    expect((await q("status=verified")).counts.status).toEqual({ superseded: 1, verified: 2 });
    expect((await q("status=verified")).total).toBe(2);
    for (const bad of ["sort=name", "offset=-1", "limit=0", `q=${"x".repeat(101)}`]) expect((await problem(await as(h, r1, `/api/v1/admin/submissions?${bad}`))).code, bad).toBe("BAD_INPUT");
  });

  it("refuses a decision on a superseded or rejected submission with CONFLICT and leaves it as it was", async () => {
    const older = await submit(h);
    await submit(h);
    expect((await problem(await postJson(h, r1, `/api/v1/admin/submissions/${older}/decision`, { decision: "approve", reason: "Fel version" }))).code).toBe("CONFLICT");
    expect((await problem(await postJson(h, r1, `/api/v1/admin/submissions/${older}/decision`, { decision: "reject", reason: "Fel version" }))).code).toBe("CONFLICT");
    const rejected = await submit(h, { organisation: UMBRELLA, covers: [COURT_A] });
    await postJson(h, r1, `/api/v1/admin/submissions/${rejected}/decision`, { decision: "reject", reason: "Fel organisation" });
    expect((await problem(await postJson(h, r2, `/api/v1/admin/submissions/${rejected}/decision`, { decision: "approve", reason: "Ändå godkänd" }))).code).toBe("CONFLICT");
    const rows = await h.deps.db.orm.select().from(submissions);
    expect(rows.find((r) => r.id === older)?.status).toBe("superseded");
    expect(rows.find((r) => r.id === rejected)?.status).toBe("rejected");
    const d = (await (await as(h, r1, `/api/v1/admin/submissions/${rejected}`)).json()) as { decisions: Array<{ reviewer: string | null; decision: string }> };
    expect(d.decisions).toEqual([expect.objectContaining({ reviewer: "granskare1", decision: "reject" })]);
  });

  it("downloads the ciphertext exactly as received", async () => {
    const bytes = await h.pack();
    const res = await h.post(bytes);
    const { submissionId } = (await res.json()) as { submissionId: string };
    const dl = await as(h, r1, `/api/v1/admin/submissions/${submissionId}/package`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-type")).toBe("application/vnd.kollen.package");
    expect(new Uint8Array(await dl.arrayBuffer())).toEqual(bytes);
  });

  it("approves with one reviewer when four-eyes is off; decisions are final; bad inputs are refused", async () => {
    const id = await submit(h);
    expect((await problem(await postJson(h, r1, `/api/v1/admin/submissions/${id}/decision`, { decision: "approve" }))).code).toBe("BAD_INPUT");
    expect((await problem(await postJson(h, r1, `/api/v1/admin/submissions/${id}/decision`, { decision: "maybe", reason: "hmm hmm" }))).code).toBe("BAD_INPUT");
    const text = await as(h, r1, `/api/v1/admin/submissions/${id}/decision`, { method: "POST", headers: { "content-type": "text/plain" }, body: "approve" });
    expect((await problem(text)).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const ok = await postJson(h, r1, `/api/v1/admin/submissions/${id}/decision`, { decision: "approve", reason: "Kontrollerad, signaturer PASSED" });
    expect(await ok.json()).toMatchObject({ status: "approved", approvals: 1, needed: 1 });
    expect((await problem(await postJson(h, r2, `/api/v1/admin/submissions/${id}/decision`, { decision: "reject", reason: "för sent" }))).code).toBe("CONFLICT");
  });

  it("four-eyes: the first approval waits, the same reviewer cannot approve twice, a second reviewer makes it approved", async () => {
    h.deps.config.fourEyes = true;
    const id = await submit(h);
    const a = await postJson(h, r1, `/api/v1/admin/submissions/${id}/decision`, { decision: "approve", reason: "Ser bra ut" });
    expect(await a.json()).toMatchObject({ status: "verified", approvals: 1, needed: 2 });
    expect((await problem(await postJson(h, r1, `/api/v1/admin/submissions/${id}/decision`, { decision: "approve", reason: "Igen" }))).code).toBe("CONFLICT");
    const b = await postJson(h, r2, `/api/v1/admin/submissions/${id}/decision`, { decision: "approve", reason: "Håller med" });
    expect(await b.json()).toMatchObject({ status: "approved", approvals: 2 });
  });

  it("approving a newer package over an approved one supersedes the older", async () => {
    const older = await submit(h);
    await postJson(h, r1, `/api/v1/admin/submissions/${older}/decision`, { decision: "approve", reason: "Första versionen" });
    const newer = await submit(h);
    const d = (await (await as(h, r1, `/api/v1/admin/submissions/${newer}`)).json()) as { flags: string[] };
    expect(d.flags).toContain("SUPERSEDES_APPROVED");
    await postJson(h, r2, `/api/v1/admin/submissions/${newer}/decision`, { decision: "approve", reason: "Rättad version" });
    const [o] = await h.deps.db.orm.select().from(submissions).where(eq(submissions.id, older));
    expect(o).toMatchObject({ status: "superseded", supersededBy: newer });
  });

  it("rejects at once with a reason", async () => {
    const id = await submit(h);
    const res = await postJson(h, r1, `/api/v1/admin/submissions/${id}/decision`, { decision: "reject", reason: "Fel organisation" });
    expect(await res.json()).toMatchObject({ status: "rejected" });
  });

  it("confirms or refuses unconfirmed umbrella coverage", async () => {
    const id = await submit(h, { organisation: UMBRELLA, covers: [COURT_A, COURT_B] });
    const before = await h.deps.db.orm.select().from(submissionCoverage).where(eq(submissionCoverage.submissionId, id));
    expect(before.find((c) => c.orgnr === COURT_B)?.state).toBe("unconfirmed");
    expect((await problem(await postJson(h, r1, `/api/v1/admin/submissions/${id}/coverage`, { orgnr: COURT_A, confirm: true }))).code).toBe("CONFLICT");
    expect((await problem(await postJson(h, r1, `/api/v1/admin/submissions/${id}/coverage`, { orgnr: ORG, confirm: true }))).code).toBe("NOT_FOUND");
    expect((await problem(await postJson(h, r1, `/api/v1/admin/submissions/${id}/coverage`, { orgnr: "12", confirm: true }))).code).toBe("BAD_INPUT");
    const ok = await postJson(h, r1, `/api/v1/admin/submissions/${id}/coverage`, { orgnr: COURT_B, confirm: false });
    expect(await ok.json()).toEqual({ state: "refused", flags: [] });
  });

  it("registers a submission received on paper", async () => {
    const res = await postJson(h, r1, "/api/v1/admin/submissions/manual", { organisation: "212000-0142", campaign: CAMPAIGN, channel: "paper", note: "Inkom per post 3 mars" });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const [row] = await h.deps.db.orm.select().from(submissions).where(eq(submissions.id, id));
    expect(row).toMatchObject({ via: "manual", status: "received", organisation: ORG, blobKey: null });
    expect((await problem(await postJson(h, r1, "/api/v1/admin/submissions/manual", { organisation: "212000-0143", campaign: CAMPAIGN, channel: "paper" }))).code).toBe("ORGNR_CHECKSUM");
    expect((await problem(await postJson(h, r1, "/api/v1/admin/submissions/manual", { organisation: "556016-0680", campaign: CAMPAIGN, channel: "paper" }))).code).toBe("ORGANISATION_UNKNOWN");
    expect((await problem(await postJson(h, r1, "/api/v1/admin/submissions/manual", { organisation: ORG, campaign: "nope", channel: "paper" }))).code).toBe("CAMPAIGN_UNKNOWN");
    expect((await problem(await postJson(h, r1, "/api/v1/admin/submissions/manual", { organisation: ORG, campaign: CAMPAIGN, channel: "fax" }))).code).toBe("BAD_INPUT");
  });

  it("exports the approved packages as a tar with a signed index", async () => {
    const bytes = await h.pack();
    const { submissionId: id } = (await (await h.post(bytes)).json()) as { submissionId: string };
    await submit(h, { organisation: UMBRELLA, covers: [COURT_A] });
    await postJson(h, r1, `/api/v1/admin/submissions/${id}/decision`, { decision: "approve", reason: "Godkänd efter kontroll" });
    expect((await problem(await as(h, analyst, "/api/v1/admin/export"))).code).toBe("BAD_INPUT");
    expect((await problem(await as(h, analyst, "/api/v1/admin/export?campaign=nope"))).code).toBe("CAMPAIGN_UNKNOWN");
    const res = await as(h, analyst, `/api/v1/admin/export?campaign=${CAMPAIGN}`);
    expect(res.status).toBe(200);
    const entries = readTar(new Uint8Array(await res.arrayBuffer()), "BAD_INPUT");
    expect(entries.map((e) => e.header.name)).toEqual(["index.json", "index.jws", `packages/${id}.kollen`]);
    expect(entries[2]!.bytes).toEqual(bytes);
    const jws = new TextDecoder().decode(entries[1]!.bytes).trim();
    const key = await importJWK({ ...h.deps.keys.publicJwks[0]!, alg: "EdDSA" }, "EdDSA");
    const { payload, protectedHeader } = await compactVerify(jws, key);
    expect(protectedHeader.typ).toBe("kollen-export+json");
    expect(payload).toEqual(entries[0]!.bytes);
    const index = JSON.parse(new TextDecoder().decode(payload)) as { submissions: Array<{ id: string; decidedBy: number; packageSha256: string }> };
    expect(index.submissions).toHaveLength(1);
    expect(index.submissions[0]).toMatchObject({ id, decidedBy: 1 });
  });

  it("exports a campaign with more approved submissions than one statement may bind (D1: 100 parameters)", async () => {
    // 150 approved registrations on paper, each covering one organisation, approved by two reviewers
    const N = 150;
    const at = new Date("2026-06-01T00:00:00Z");
    const rows = Array.from({ length: N }, (_, i) => ({ id: `paper-${String(i).padStart(3, "0")}`, orgnr: `55${String(i).padStart(8, "0")}`, covered: `66${String(i).padStart(8, "0")}` }));
    const o = h.deps.db.orm;
    await h.deps.db.batch(
      rows.flatMap((r) => [
        o.insert(submissions).values({ id: r.id, packageSha256: `manual:${r.id}`, organisation: r.orgnr, campaign: CAMPAIGN, createdAt: at, receivedAt: at, status: "approved", via: "manual" }),
        o.insert(submissionCoverage).values({ submissionId: r.id, campaign: CAMPAIGN, orgnr: r.covered, role: "covers", state: "confirmed" }),
        o.insert(reviewDecisions).values({ submissionId: r.id, reviewerId: "granskare-a", decision: "approve", reason: "ok", at }),
        o.insert(reviewDecisions).values({ submissionId: r.id, reviewerId: "granskare-b", decision: "approve", reason: "ok", at }),
      ]),
    );
    const res = await as(h, analyst, `/api/v1/admin/export?campaign=${CAMPAIGN}`);
    expect(res.status).toBe(200);
    const entries = readTar(new Uint8Array(await res.arrayBuffer()), "BAD_INPUT");
    const index = JSON.parse(new TextDecoder().decode(entries[0]!.bytes)) as { submissions: Array<{ id: string; organisation: string; covers: Array<{ orgnr: string; state: string }>; decidedBy: number }> };
    expect(index.submissions).toHaveLength(N);
    for (const r of rows) expect(index.submissions.find((s) => s.id === r.id)).toEqual(expect.objectContaining({ organisation: r.orgnr, covers: [{ orgnr: r.covered, state: "confirmed" }], decidedBy: 2 }));
  });
});
