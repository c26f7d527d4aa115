/**
 * The same app over the Workers ports (server/workers/entry.workers.ts): drizzle's D1 driver with D1-style
 * batches, and R2 blobs (single put and multipart). The shared code must behave exactly as on Node.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify } from "jose";
import { harness, problem, COURT_A, UMBRELLA, type Harness } from "../helpers.ts";

let h: Harness;
beforeEach(async () => {
  h = await harness({ maxPackageBytes: 32 * 1024 * 1024 }, "workers");
});
afterEach(() => h.close());

describe("Workers runtime (D1 + R2)", () => {
  it("stores, answers a receipt that verifies, and repeats it for the same bytes", async () => {
    const pkg = await h.pack();
    const res = await h.post(pkg);
    expect(res.status).toBe(201);
    const a = (await res.json()) as { submissionId: string; receipt: string };
    const jwks = await (await h.app.request("/.well-known/jwks.json")).json();
    await jwtVerify(a.receipt, createLocalJWKSet(jwks as never), { issuer: "https://kollen.test" });
    const again = await h.post(pkg);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { receipt: string }).receipt).toBe(a.receipt);
    const snap = await h.snapshot();
    expect(snap.submissions).toBe(1);
    expect(snap.blobs).toHaveLength(1);
    const stored = await h.deps.blobs.get((snap.blobs as string[])[0]!);
    expect(new Uint8Array(await new Response(stored).arrayBuffer())).toEqual(pkg);
    const status = await h.app.request(`/api/v1/submissions/${a.submissionId}`, { headers: { authorization: `Bearer ${a.receipt}` } });
    expect(((await status.json()) as { status: string }).status).toBe("verified");
  });

  it("supersedes and flags coverage conflicts through D1 batches", async () => {
    const first = (await (await h.post(await h.pack({ organisation: UMBRELLA, covers: [COURT_A] }))).json()) as { submissionId: string; receipt: string };
    const second = (await (await h.post(await h.pack({ organisation: UMBRELLA, covers: [COURT_A] }))).json()) as { status: string };
    expect(second.status).toBe("verified");
    const s1 = await h.app.request(`/api/v1/submissions/${first.submissionId}`, { headers: { authorization: `Bearer ${first.receipt}` } });
    expect(((await s1.json()) as { status: string }).status).toBe("superseded");
    const own = (await (await h.post(await h.pack({ organisation: COURT_A }))).json()) as { status: string };
    expect(own.status).toBe("conflict");
  });

  it("writes a large package to R2 in parts", async () => {
    const piece = crypto.getRandomValues(new Uint8Array(65536));
    const big = new Uint8Array(9 * 1024 * 1024).map((_, i) => piece[i % piece.length]!);
    const pkg = await h.pack({ attachments: [{ name: "bilaga.bin", bytes: big }] });
    expect(pkg.length).toBeGreaterThan(8 * 1024 * 1024);
    expect((await h.post(pkg)).status).toBe(201);
    expect(h.r2!.multipartUploads).toBe(1);
    const [key] = (await h.snapshot()).blobs as string[];
    const stored = new Uint8Array(await new Response(await h.deps.blobs.get(key!)).arrayBuffer());
    expect(Buffer.compare(stored, pkg)).toBe(0); // (toEqual on 9 MiB is needlessly slow)
  });

  it("refuses a bad package and stores nothing", async () => {
    const before = await h.snapshot();
    const pkg = await h.pack();
    const res = await h.post(pkg.slice(0, pkg.length - 1024));
    expect((await problem(res)).code).toBe("PACKAGE_TRUNCATED");
    expect(await h.snapshot()).toEqual(before);
  });

  it("forgets a failed start: a malformed secret answers 500 until it is fixed, then the Worker starts", async () => {
    const { default: worker } = await import("../../../server/workers/entry.workers.ts");
    const { FakeD1, FakeR2 } = await import("../fake-workers.ts");
    const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: "k1" };
    const env = { DB: new FakeD1(), BLOBS: new FakeR2(), RECEIPT_PRIVATE_JWK: "{not json: SECRET-4711" };
    const broken = await worker.fetch(new Request("http://localhost/api/v1/info"), env);
    expect(broken.status).toBe(500);
    expect(await broken.text()).not.toContain("SECRET-4711");
    env.RECEIPT_PRIVATE_JWK = JSON.stringify(jwk);
    const fixed = await worker.fetch(new Request("http://localhost/.well-known/jwks.json"), env);
    expect(fixed.status).toBe(200);
    expect(((await fixed.json()) as { keys: Array<{ kid: string }> }).keys[0]!.kid).toBe(jwk.kid);
    env.DB.db.close();
  });
});
