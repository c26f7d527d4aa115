/** DESIGN.md § Deduplication and coverage, through the API (in-process). */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { submissions } from "../../../server/db/schema.ts";
import { harness, TARGET, COURT_A, COURT_B, ORG, OTHER, UMBRELLA, T0, makeSigner, problem, type Harness } from "../helpers.ts";
import { readTar } from "../../../client-kit/lib/tar.ts";
import { outerTar } from "../../client-kit/package/fixtures.ts";
import { addSigner } from "../../../server/registry/add-signer.ts";
import { withCheckDigit } from "../../orgnr.ts";

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

  it("the package received last is current, whatever createdAt it claims (rule U4)", async () => {
    const first = await submit(await h.pack({ now: new Date("2026-02-02T00:00:00Z") }));
    const second = await submit(await h.pack({ now: new Date("2026-02-01T00:00:00Z") }));
    expect(second.status).toBe("verified");
    expect((await receiptClaims(second)).status).toBe("verified");
    expect(await statusOf(first)).toMatchObject({ status: "superseded", supersededBy: second.submissionId });
    expect((await statusOf(second)).status).toBe("verified");
  });

  it("a createdAt far ahead of the clock cannot pin a submission: refused beyond the skew (rule U3)", async () => {
    const before = await h.snapshot();
    const res = await h.post(await h.pack({ now: new Date("2026-12-30T23:59:59.000Z") }));
    expect(res.status).toBe(422);
    expect((await problem(res)).code).toBe("CREATED_IN_FUTURE");
    expect(await h.snapshot()).toEqual(before);
    // within the 5 minutes of skew: accepted, and the next genuine package supersedes it
    const early = await submit(await h.pack({ now: new Date(T0.getTime() + 4 * 60_000) }));
    const genuine = await submit(await h.pack({ now: T0 }));
    expect(genuine.status).toBe("verified");
    expect((await statusOf(early)).status).toBe("superseded");
  });

  it("the allowed skew is configurable (rule U3)", async () => {
    h.deps.config = { ...h.deps.config, maxClockSkewMs: 0 };
    const res = await h.post(await h.pack({ now: new Date(T0.getTime() + 1000) }));
    expect((await problem(res)).code).toBe("CREATED_IN_FUTURE");
    await submit(await h.pack({ now: T0 }));
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

describe("identity by the signed manifest", () => {
  const enc = new TextEncoder();
  const membersOf = (bytes: Uint8Array) => readTar(bytes, "PACKAGE_NOT_TAR").map((e) => ({ name: e.header.name, bytes: e.bytes.slice() }));
  type Jws = { signatures: Array<{ signature: string; protected: string }> };
  const jwsOf = (m: { bytes: Uint8Array }) => JSON.parse(new TextDecoder().decode(m.bytes)) as Jws;

  it("the same signed manifest under a subset of its signatures is the original receipt, nothing new (rule U1)", async () => {
    const management = await makeSigner();
    await addSigner(h.deps.db, { orgnr: ORG, jwk: management.publicJwk }, T0);
    const pkg = await h.pack({ signer: [h.signers[ORG]!, management] });
    const original = await submit(pkg);
    const before = await h.snapshot();
    const [a, b, c] = membersOf(pkg);
    for (const keep of [[0], [1], [1, 0]]) {
      const jws = jwsOf(b!);
      const reframed = outerTar([a!, { name: b!.name, bytes: enc.encode(`${JSON.stringify({ signatures: keep.map((i) => jws.signatures[i]!) })}\n`) }, c!]);
      expect(reframed).not.toEqual(pkg);
      const again = await submit(reframed, 200);
      expect(again).toEqual(original);
    }
    expect(await h.snapshot()).toEqual(before);
  });

  it("a rejected package re-framed does not come back verified: other framings are refused (rule U1, FORMAT.md O8, S11)", async () => {
    const pkg = await h.pack();
    const original = await submit(pkg);
    await h.deps.db.orm.update(submissions).set({ status: "rejected" }).where(eq(submissions.id, original.submissionId));
    const before = await h.snapshot();
    const [a, b, c] = membersOf(pkg);
    const mtime = Math.floor(Date.parse((JSON.parse(new TextDecoder().decode(a!.bytes)) as { createdAt: string }).createdAt) / 1000);
    const { writeTar } = await import("../../../client-kit/lib/tar.ts");
    const variants = [
      writeTar([a!, b!, c!], mtime + 1),
      writeTar([a!, b!, c!], 0),
      outerTar([a!, { name: b!.name, bytes: enc.encode(`${JSON.stringify(jwsOf(b!), null, 2)}\n`) }, c!]),
      outerTar([a!, { name: b!.name, bytes: enc.encode(` ${new TextDecoder().decode(b!.bytes)}`) }, c!]),
      outerTar([a!, { name: b!.name, bytes: enc.encode(`${JSON.stringify({ signatures: jwsOf(b!).signatures.map((s) => ({ protected: s.protected, signature: s.signature })) })}\n`) }, c!]),
    ];
    for (const v of variants) {
      const res = await h.post(v);
      expect(res.status).toBe(400);
      expect((await problem(res)).code).toBe("PACKAGE_NOT_CANONICAL");
    }
    expect(await h.snapshot()).toEqual(before);
    expect((await statusOf(original)).status).toBe("rejected");
    // the identical bytes are still the original receipt, and say what became of it
    expect(await submit(pkg, 200)).toEqual({ ...original, status: "rejected" });
  });

  it("the same packageId under another manifest is refused (rule U2)", async () => {
    const packageId = crypto.randomUUID();
    const first = await submit(await h.pack({ packageId }));
    const before = await h.snapshot();
    const res = await h.post(await h.pack({ packageId }));
    expect(res.status).toBe(409);
    expect((await problem(res)).code).toBe("PACKAGE_ID_REUSED");
    // even by another organisation's trusted key
    expect((await problem(await h.post(await h.pack({ packageId, organisation: OTHER })))).code).toBe("PACKAGE_ID_REUSED");
    expect(await h.snapshot()).toEqual(before);
    expect((await statusOf(first)).status).toBe("verified");
  });

  it("a row stored before the manifest digest was kept still holds its packageId (rule U2)", async () => {
    const packageId = crypto.randomUUID();
    const first = await submit(await h.pack({ packageId }));
    await h.deps.db.orm.update(submissions).set({ manifestSha256: null }).where(eq(submissions.id, first.submissionId));
    const res = await h.post(await h.pack({ packageId }));
    expect(res.status).toBe(409);
    expect((await problem(res)).code).toBe("PACKAGE_ID_REUSED");
  });
});

describe("umbrella coverage", () => {
  it("an umbrella covering many organisations is stored with each of them (D1 binds at most 100 parameters per statement)", async () => {
    const many = Array.from({ length: 40 }, (_, i) => withCheckDigit(`202100${String(600 + i)}`)).sort();
    const u = await submit(await h.pack({ organisation: UMBRELLA, covers: many }));
    expect(u.status).toBe("verified");
    const s = await statusOf(u);
    expect(s.covers.map((c) => c.orgnr).sort()).toEqual(many);
    expect(s.covers.every((c) => c.state === "unconfirmed")).toBe(true);
  });

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
