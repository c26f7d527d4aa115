/** POST /api/v1/submissions, status by receipt, JWKS, recipients, OpenAPI — in-process with app.request. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalJWKSet, jwtVerify } from "jose";
import { harness, TARGET, problem, ORG, CAMPAIGN, type Harness } from "../helpers.ts";

let h: Harness;
beforeEach(async () => {
  h = await harness({}, TARGET);
});
afterEach(() => h.close());

describe("POST /api/v1/submissions", () => {
  it("stores a valid package and answers 201 with a receipt that verifies against the JWKS", async () => {
    const pkg = await h.pack();
    const res = await h.post(pkg);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { submissionId: string; status: string; receipt: string };
    expect(body.status).toBe("verified");
    expect(res.headers.get("location")).toBe(`/api/v1/submissions/${body.submissionId}`);

    const jwks = (await (await h.app.request("/.well-known/jwks.json")).json()) as { keys: never[] };
    const { payload, protectedHeader } = await jwtVerify(body.receipt, createLocalJWKSet(jwks), { issuer: "https://kollen.test" });
    expect(protectedHeader).toMatchObject({ alg: "EdDSA", typ: "kollen-receipt+jwt" });
    expect(payload).toMatchObject({ sub: body.submissionId, submissionId: body.submissionId, organisation: ORG, campaign: CAMPAIGN, status: "verified", reasons: [], authority: "MSB" });
    const digest = Buffer.from(await crypto.subtle.digest("SHA-256", pkg as Uint8Array<ArrayBuffer>)).toString("hex");
    expect(payload.packageSha256).toBe(digest);

    const snap = await h.snapshot();
    expect(snap.submissions).toBe(1);
    const key = await h.blobKey(body.submissionId); // named as the runtime names it, or it throws
    expect(snap.blobs).toEqual([key]);
    const stored = await h.deps.blobs.get(key);
    expect(new Uint8Array(await new Response(stored).arrayBuffer())).toEqual(pkg);
  });

  it("accepts application/octet-stream and application/x-tar", async () => {
    for (const ct of ["application/octet-stream", "application/x-tar"]) {
      const res = await h.post(await h.pack(), { "content-type": ct });
      expect(res.status).toBe(201);
    }
  });

  it("the identical bytes again answer 200 with the same id and receipt, and store nothing new", async () => {
    const pkg = await h.pack();
    const first = (await (await h.post(pkg)).json()) as { submissionId: string; receipt: string };
    const before = await h.snapshot();
    const again = await h.post(pkg);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ submissionId: first.submissionId, status: "verified", receipt: first.receipt });
    expect(await h.snapshot()).toEqual(before);
  });

  it("streams a body that arrives in small pieces", async () => {
    const pkg = await h.pack();
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (at >= pkg.length) return c.close();
        c.enqueue(pkg.slice(at, at + 333));
        at += 333;
      },
    });
    expect((await h.post(stream)).status).toBe(201);
  });
});

describe("GET /api/v1/submissions/{id}", () => {
  it("answers the status to the receipt's bearer", async () => {
    const { submissionId, receipt } = (await (await h.post(await h.pack())).json()) as { submissionId: string; receipt: string };
    const res = await h.app.request(`/api/v1/submissions/${submissionId}`, { headers: { authorization: `Bearer ${receipt}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ submissionId, status: "verified", organisation: ORG, campaign: CAMPAIGN, flags: [], supersededBy: null, covers: [] });
  });

  it("gives the same 404 for no such id, another submission's receipt, a forged or missing receipt", async () => {
    const a = (await (await h.post(await h.pack())).json()) as { submissionId: string; receipt: string };
    const b = (await (await h.post(await h.pack({ organisation: "2120000027" }))).json()) as { submissionId: string; receipt: string };
    const forged = a.receipt.slice(0, -4) + (a.receipt.endsWith("AAAA") ? "BBBB" : "AAAA");
    const cases: Array<[string, string | undefined]> = [
      [crypto.randomUUID(), a.receipt],
      [b.submissionId, a.receipt],
      [a.submissionId, forged],
      [a.submissionId, undefined],
      [a.submissionId, "not-a-jws"],
    ];
    const bodies = new Set<string>();
    for (const [id, token] of cases) {
      const res = await h.app.request(`/api/v1/submissions/${id}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
      expect(res.status).toBe(404);
      const p = await problem(res);
      expect(p.code).toBe("NOT_FOUND");
      bodies.add(JSON.stringify(p));
    }
    expect(bodies.size).toBe(1);
  });
});

describe("published documents", () => {
  it("serves the signed keyring the kit encrypts to", async () => {
    const res = await h.app.request("/api/v1/recipients");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/jose");
    const { verifyKeyring } = await import("../../../keys/keyring.ts");
    const { PINNED_KEYRING_KEYS } = await import("../../../keys/published/index.ts");
    const k = await verifyKeyring(await res.text(), PINNED_KEYRING_KEYS);
    expect(k.recipients.map((r) => r.recipient)).toContain(h.current.recipient);
  });

  it("publishes the receipt key as a JWK Set without private members", async () => {
    const jwks = (await (await h.app.request("/.well-known/jwks.json")).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig", kid: h.deps.keys.receipt.kid });
    expect(jwks.keys[0]!.d).toBeUndefined();
  });

  it("serves an OpenAPI 3.1 document with schemas generated from zod", async () => {
    const doc = (await (await h.app.request("/api/v1/openapi.json")).json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/submissions", "/api/v1/submissions/{id}", "/api/v1/recipients", "/.well-known/jwks.json"]));
    expect(Object.keys(doc.components.schemas.SubmissionAccepted!.properties!)).toEqual(["submissionId", "status", "receipt"]);
    expect(doc.components.schemas.Problem!.properties!.code).toBeDefined();
  });

  it("tells clients the limit and media types before they upload", async () => {
    const info = await (await h.app.request("/api/v1/info")).json();
    expect(info).toEqual({ authority: "MSB", maxPackageBytes: 4 * 1024 * 1024, mediaTypes: ["application/vnd.kollen.package", "application/octet-stream", "application/x-tar"], formats: ["kollen-package/1"] });
  });

  it("answers unknown paths with problem+json NOT_FOUND", async () => {
    const res = await h.app.request("/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect((await problem(res)).code).toBe("NOT_FOUND");
  });
});
