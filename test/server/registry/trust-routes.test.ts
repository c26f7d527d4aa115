/** The registry's browser management over the API: signers and CAs listed, trusted and revoked with a reason; account roles; each audited, wrong roles and bad bodies refused. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registryTrustStore } from "../../../server/registry/trust-store.ts";
import { addOrganisation } from "../../../server/registry/add-organisation.ts";
import { makeSigner, problem, T0, type Harness } from "../helpers.ts";
import { addTestUser, adminHarness, as, login, postJson, type Session } from "../auth-helpers.ts";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIBtestcertificateAAAA\n-----END CERTIFICATE-----\n";

let h: Harness;
let admin: Session;
beforeEach(async () => ({ h, admin } = await adminHarness()));
afterEach(() => h.close());

async function audit(): Promise<{ chain: { ok: boolean }; events: Array<{ action: string; actor: string; subject: string | null; detail: Record<string, unknown> }> }> {
  return (await (await as(h, admin, "/api/v1/admin/audit")).json()) as never;
}

describe("signers in the browser", () => {
  it("lists the keys with their organisation; revokes one from now with a reason; audited", async () => {
    await addOrganisation(h.deps.db, { orgnr: "2120001355", name: "Ny kommun" }, T0);
    const s = await makeSigner();
    expect((await postJson(h, admin, "/api/v1/admin/signers", { orgnr: "2120001355", jwk: s.publicJwk })).status).toBe(201);
    const listed = (await (await as(h, admin, "/api/v1/admin/signers")).json()) as { signers: Array<Record<string, unknown>> };
    expect(listed.signers.find((x) => x.kid === s.kid)).toMatchObject({ orgnr: "2120001355", organisationName: "Ny kommun", source: "admin", revokedFrom: null, revokeReason: null });

    const res = await postJson(h, admin, `/api/v1/admin/signers/${s.kid}/revoke`, { reason: "nyckeln har lämnat organisationen" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kid: s.kid, orgnr: "2120001355" });
    const after = (await (await as(h, admin, "/api/v1/admin/signers")).json()) as { signers: Array<Record<string, unknown>> };
    expect(after.signers.find((x) => x.kid === s.kid)).toMatchObject({ revokeReason: "nyckeln har lämnat organisationen" });
    expect(await registryTrustStore(h.deps.db).findByKid(s.kid)).toMatchObject({ revokedFrom: expect.any(Date) });

    const log = await audit();
    expect(log.chain.ok).toBe(true);
    expect(log.events.find((e) => e.action === "signer.revoked")).toMatchObject({ actor: `user:${admin.userId}`, detail: { kid: s.kid, reason: "nyckeln har lämnat organisationen" } });
  });

  it("refuses a missing or short reason, a bad date, an unknown key and a malformed kid", async () => {
    const kid = "A".repeat(43);
    expect((await problem(await postJson(h, admin, `/api/v1/admin/signers/${kid}/revoke`, {}))).code).toBe("BAD_INPUT");
    expect((await problem(await postJson(h, admin, `/api/v1/admin/signers/${kid}/revoke`, { reason: "x" }))).code).toBe("BAD_INPUT");
    expect((await problem(await postJson(h, admin, `/api/v1/admin/signers/${kid}/revoke`, { reason: "stulen", from: "igår" }))).code).toBe("BAD_INPUT");
    expect((await problem(await postJson(h, admin, `/api/v1/admin/signers/${kid}/revoke`, { reason: "stulen", extra: 1 }))).code).toBe("BAD_INPUT");
    expect((await problem(await postJson(h, admin, `/api/v1/admin/signers/${kid}/revoke`, { reason: "stulen" }))).code).toBe("NOT_FOUND");
    expect((await problem(await postJson(h, admin, "/api/v1/admin/signers/kort/revoke", { reason: "stulen" }))).code).toBe("NOT_FOUND");
    const text = await as(h, admin, `/api/v1/admin/signers/${kid}/revoke`, { method: "POST", headers: { "content-type": "text/plain" }, body: "stulen" });
    expect((await problem(text)).code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});

describe("CAs in the browser", () => {
  it("trusts a CA from PEM, lists it, revokes it with a reason; the trust store leaves it out; audited", async () => {
    const res = await postJson(h, admin, "/api/v1/admin/cas", { pem: PEM, label: "Test-CA" });
    expect(res.status).toBe(201);
    const { ids } = (await res.json()) as { ids: string[] };
    expect(ids).toHaveLength(1);
    expect(await registryTrustStore(h.deps.db).caPems()).toHaveLength(1);
    const listed = (await (await as(h, admin, "/api/v1/admin/cas")).json()) as { cas: Array<Record<string, unknown>> };
    expect(listed.cas).toEqual([expect.objectContaining({ id: ids[0], label: "Test-CA", revokedAt: null })]);

    expect((await postJson(h, admin, `/api/v1/admin/cas/${ids[0]}/revoke`, { reason: "utfärdaren är komprometterad" })).status).toBe(200);
    expect(await registryTrustStore(h.deps.db).caPems()).toEqual([]);
    const after = (await (await as(h, admin, "/api/v1/admin/cas")).json()) as { cas: Array<Record<string, unknown>> };
    expect(after.cas[0]).toMatchObject({ revokeReason: "utfärdaren är komprometterad", revokedAt: expect.any(String) });
    expect((await problem(await postJson(h, admin, `/api/v1/admin/cas/${ids[0]}/revoke`, { reason: "igen" }))).code).toBe("CONFLICT");

    const log = await audit();
    expect(log.chain.ok).toBe(true);
    expect(log.events.map((e) => e.action)).toEqual(expect.arrayContaining(["ca.trusted", "ca.revoked"]));
    expect(log.events.find((e) => e.action === "ca.revoked")).toMatchObject({ actor: `user:${admin.userId}`, detail: { id: ids[0], reason: "utfärdaren är komprometterad" } });
  });

  it("refuses text that is no PEM, a missing label, a short reason and an unknown or malformed id", async () => {
    expect((await problem(await postJson(h, admin, "/api/v1/admin/cas", { pem: "inte ett certifikat", label: "x" }))).code).toBe("KEY_INVALID");
    expect((await problem(await postJson(h, admin, "/api/v1/admin/cas", { pem: PEM }))).code).toBe("BAD_INPUT");
    expect((await problem(await postJson(h, admin, "/api/v1/admin/cas", { pem: PEM, label: "   " }))).code).toBe("BAD_INPUT");
    expect((await problem(await postJson(h, admin, `/api/v1/admin/cas/${"a".repeat(64)}/revoke`, { reason: "ok" }))).code).toBe("BAD_INPUT");
    expect((await problem(await postJson(h, admin, `/api/v1/admin/cas/${"a".repeat(64)}/revoke`, { reason: "okänd" }))).code).toBe("NOT_FOUND");
    expect((await problem(await postJson(h, admin, "/api/v1/admin/cas/xyz/revoke", { reason: "okänd" }))).code).toBe("NOT_FOUND");
  });
});

describe("accounts in the browser", () => {
  it("sets roles, disables and enables an account; each audited; an admin keeps their own admin role and account", async () => {
    const id = await addTestUser(h, "granskare", ["reviewer"]);
    const res = await postJson(h, admin, `/api/v1/admin/users/${id}/roles`, { roles: ["reviewer", "analyst"] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id, roles: ["reviewer", "analyst"] });
    const g = await login(h, "granskare");
    expect((await as(h, g, "/api/v1/auth/me").then((r) => r.json()) as { user: { roles: string[] } }).user.roles).toEqual(["reviewer", "analyst"]);

    expect((await as(h, admin, `/api/v1/admin/users/${id}/disable`, { method: "POST" })).status).toBe(204);
    expect((await as(h, g, "/api/v1/auth/me")).status).toBe(401);
    expect((await as(h, admin, `/api/v1/admin/users/${id}/enable`, { method: "POST" })).status).toBe(204);
    expect((await login(h, "granskare")).userId).toBe(id);

    expect((await problem(await postJson(h, admin, `/api/v1/admin/users/${admin.userId}/roles`, { roles: ["reviewer"] }))).code).toBe("CONFLICT");
    expect((await postJson(h, admin, `/api/v1/admin/users/${admin.userId}/roles`, { roles: ["admin", "reviewer"] })).status).toBe(200);

    const log = await audit();
    expect(log.chain.ok).toBe(true);
    const actions = log.events.filter((e) => e.subject === id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.roles", "user.disable", "user.enable"]));
    expect(log.events.find((e) => e.action === "user.roles" && e.subject === id)).toMatchObject({ detail: { from: ["reviewer"], to: ["reviewer", "analyst"] } });
  });

  it("refuses unknown roles, no roles, an unknown account and a malformed id", async () => {
    const id = await addTestUser(h, "granskare", ["reviewer"]);
    expect((await problem(await postJson(h, admin, `/api/v1/admin/users/${id}/roles`, { roles: ["root"] }))).code).toBe("BAD_INPUT");
    expect((await problem(await postJson(h, admin, `/api/v1/admin/users/${id}/roles`, { roles: [] }))).code).toBe("BAD_INPUT");
    expect((await problem(await postJson(h, admin, `/api/v1/admin/users/${id}/roles`, "reviewer"))).code).toBe("BAD_INPUT");
    expect((await problem(await postJson(h, admin, `/api/v1/admin/users/${crypto.randomUUID()}/roles`, { roles: ["reviewer"] }))).code).toBe("NOT_FOUND");
    expect((await problem(await as(h, admin, `/api/v1/admin/users/${crypto.randomUUID()}/enable`, { method: "POST" }))).code).toBe("NOT_FOUND");
    expect((await problem(await postJson(h, admin, "/api/v1/admin/users/nej/roles", { roles: ["reviewer"] }))).code).toBe("NOT_FOUND");
  });
});

describe("wrong roles", () => {
  it("a reviewer, supervisor or analyst gets FORBIDDEN on every registry change and listing; without a session UNAUTHORIZED; without CSRF CSRF_INVALID", async () => {
    const kid = "A".repeat(43);
    const ca = "a".repeat(64);
    const target = await addTestUser(h, "offret", ["reviewer"]);
    const calls: Array<[string, string, unknown]> = [
      ["GET", "/api/v1/admin/signers", undefined],
      ["GET", "/api/v1/admin/cas", undefined],
      ["POST", `/api/v1/admin/signers/${kid}/revoke`, { reason: "stulen" }],
      ["POST", "/api/v1/admin/cas", { pem: PEM, label: "x" }],
      ["POST", `/api/v1/admin/cas/${ca}/revoke`, { reason: "stulen" }],
      ["POST", `/api/v1/admin/users/${target}/roles`, { roles: ["admin"] }],
      ["POST", `/api/v1/admin/users/${target}/enable`, undefined],
    ];
    for (const role of ["reviewer", "supervisor", "analyst"] as const) {
      await addTestUser(h, `u-${role}`, [role]);
      const s = await login(h, `u-${role}`);
      for (const [method, path, body] of calls) {
        const res = method === "GET" ? await as(h, s, path) : await postJson(h, s, path, body ?? {});
        expect([path, role, (await problem(res)).code]).toEqual([path, role, "FORBIDDEN"]);
      }
    }
    for (const [method, path, body] of calls) {
      const res = method === "GET" ? await as(h, undefined, path) : await postJson(h, undefined, path, body ?? {});
      expect((await problem(res)).code).toBe("UNAUTHORIZED");
    }
    const noCsrf = await h.app.request(`/api/v1/admin/users/${target}/roles`, { method: "POST", headers: { cookie: admin.cookie, "content-type": "application/json" }, body: JSON.stringify({ roles: ["admin"] }) });
    expect((await problem(noCsrf)).code).toBe("CSRF_INVALID");
  });
});
