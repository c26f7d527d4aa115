import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_PER_ADDRESS } from "../../../server/accounts/login.ts";
import { loginFailures } from "../../../server/db/schema.ts";
import { harness, problem, type Harness } from "../helpers.ts";
import { PASSWORD, addTestUser, as, login, postJson, type Session } from "../auth-helpers.ts";

describe("accounts through the API", () => {
  let h: Harness;
  let admin: Session;
  beforeEach(async () => {
    h = await harness();
    await addTestUser(h, "chefen", ["admin"]);
    admin = await login(h, "chefen");
  });
  afterEach(() => h.close());

  it("adds an account that can log in; refuses a weak password, a taken name and unknown roles", async () => {
    const res = await postJson(h, admin, "/api/v1/admin/users", { username: "granskare9", password: "Ett-eget-lösen-77", roles: ["reviewer"] });
    expect(res.status).toBe(201);
    await expect(login(h, "granskare9", "Ett-eget-lösen-77")).resolves.toBeTruthy();
    expect((await problem(await postJson(h, admin, "/api/v1/admin/users", { username: "anna", password: "kort", roles: ["reviewer"] }))).code).toBe("PASSWORD_POLICY");
    expect((await problem(await postJson(h, admin, "/api/v1/admin/users", { username: "granskare9", password: PASSWORD, roles: ["reviewer"] }))).code).toBe("CONFLICT");
    expect((await problem(await postJson(h, admin, "/api/v1/admin/users", { username: "bertil", password: PASSWORD, roles: ["root"] }))).code).toBe("BAD_INPUT");
    expect((await problem(await postJson(h, admin, "/api/v1/admin/users", { username: "Bertil Ö", password: PASSWORD, roles: ["analyst"] }))).code).toBe("BAD_INPUT");
    const list = (await (await as(h, admin, "/api/v1/admin/users")).json()) as { users: Array<Record<string, unknown>> };
    expect(list.users.map((u) => u.username)).toEqual(["chefen", "granskare9"]);
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password/i);
  });

  it("disabling an account ends its sessions and its logins; an admin cannot disable itself", async () => {
    const id = await addTestUser(h, "granskare1", ["reviewer"]);
    const s = await login(h, "granskare1");
    expect((await postJson(h, admin, `/api/v1/admin/users/${id}/disable`, {})).status).toBe(204);
    expect((await as(h, s, "/api/v1/auth/me")).status).toBe(401);
    await expect(login(h, "granskare1")).rejects.toThrow(/401/);
    expect((await problem(await postJson(h, admin, `/api/v1/admin/users/${admin.userId}/disable`, {}))).code).toBe("CONFLICT");
    expect((await problem(await postJson(h, admin, `/api/v1/admin/users/${crypto.randomUUID()}/disable`, {}))).code).toBe("NOT_FOUND");
  });

  it("rate-limits failed logins per client address, across usernames; the table stays bounded", async () => {
    h.deps.clientAddress = () => "192.0.2.7";
    // known usernames (an unknown one costs a full-strength dummy scrypt), each below its own limit
    for (let i = 0; i < 7; i++) await addTestUser(h, `konto${i}`, ["analyst"]);
    for (let i = 0; i < MAX_PER_ADDRESS; i++) await expect(login(h, `konto${i % 7}`, "fel")).rejects.toThrow(/401/);
    await expect(login(h, "chefen")).rejects.toThrow(/429/);
    h.deps.clientAddress = () => "192.0.2.8";
    await expect(login(h, "chefen")).resolves.toBeTruthy();
    h.clock.t = new Date(h.clock.t.getTime() + 16 * 60 * 1000);
    await expect(login(h, "konto1", "fel")).rejects.toThrow(/401/);
    // rows of the old window were removed as the new failure arrived
    expect((await h.deps.db.orm.select().from(loginFailures)).map((r) => r.key).sort()).toEqual(["ip:192.0.2.8", "u:konto1"]);
  });

  it("behind a trusted proxy, the forwarded address is limited, not every colleague behind the proxy", async () => {
    const { forwardedClientAddress } = await import("../../../server/node/client-address.node.ts");
    let forwarded = "198.51.100.1";
    h.deps.clientAddress = (c) => forwardedClientAddress({ env: {}, req: { raw: c.req.raw, header: (n: string) => (n === "x-forwarded-for" ? `203.0.113.9, ${forwarded}` : c.req.header(n)) } });
    for (let i = 0; i < 7; i++) await addTestUser(h, `konto${i}`, ["analyst"]);
    for (let i = 0; i < MAX_PER_ADDRESS; i++) await expect(login(h, `konto${i % 7}`, "fel")).rejects.toThrow(/401/);
    await expect(login(h, "chefen")).rejects.toThrow(/429/);
    forwarded = "198.51.100.2"; // a colleague behind the same proxy
    await expect(login(h, "chefen")).resolves.toBeTruthy();
    // a client cannot pick its address: only the entry the proxy appended counts
    expect(forwardedClientAddress({ env: {}, req: { raw: new Request("http://x/"), header: () => "1.2.3.4, <script>" } })).toBeUndefined();
  });
});
