/**
 * The first admin through the one-time bootstrap secret (server/accounts/bootstrap.ts), on Node under
 * `npm test` and on workerd under `npm run test:workers`: the first use makes the admin and logs it in,
 * every later use is BOOTSTRAP_USED, a wrong or missing secret is BOOTSTRAP_INVALID, a refused password
 * spends nothing, and of concurrent uses (on workerd: over several isolates) exactly one wins.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { events, settings, users } from "../../../server/db/schema.ts";
import { BOOTSTRAP_MARKER } from "../../../server/accounts/bootstrap.ts";
import { harness, problem, TARGET, type AppClient, type Harness } from "../helpers.ts";
import { addTestUser, as, CHEAP, cookiesOf, login, PASSWORD } from "../auth-helpers.ts";
import { startWorkerd, type Workerd } from "../../workers/workerd.ts";

const TOKEN = "tK3v9mQ2xZ7pL4wR8nB6cF1hJ5sD0gYaE2uI9oP7qW3=";
const ISOLATES = 3;

let h: Harness;
let w: Workerd | undefined;
beforeAll(async () => {
  // several isolates over one D1 on workerd: the concurrent uses below really race
  if (TARGET === "workerd") w = await startWorkerd({ isolates: ISOLATES });
});
afterAll(async () => {
  await w?.dispose();
});
afterEach(() => h.close());

const setUp = async (config: { bootstrapToken?: string } = { bootstrapToken: TOKEN }) => {
  h = await harness({ ...config, passwordCost: CHEAP }, TARGET, w);
};
const bootstrap = (body: unknown, client: AppClient = h.app) =>
  Promise.resolve(client.request("/api/v1/auth/bootstrap", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));

describe(`bootstrap secret on ${TARGET}`, () => {
  it("the first use makes the admin and logs it in; the secret then opens nothing", async () => {
    await setUp();
    const res = await bootstrap({ token: TOKEN, username: "chefen", password: PASSWORD });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { user: { id: string; username: string; roles: string[] }; csrf: string };
    expect(body.user).toMatchObject({ username: "chefen", roles: ["admin"] });
    // logged in: the session works for an admin route
    const session = { cookie: cookiesOf(res), csrf: body.csrf, userId: body.user.id };
    expect((await as(h, session, "/api/v1/admin/users")).status).toBe(200);
    // and the account logs in as any other
    await expect(login(h, "chefen")).resolves.toMatchObject({ userId: body.user.id });

    const again = await problem(await bootstrap({ token: TOKEN, username: "andra", password: PASSWORD }));
    expect([again.status, again.code]).toEqual([409, "BOOTSTRAP_USED"]);
    expect(again.title_sv).toMatch(/redan använd/);
    const wrong = await problem(await bootstrap({ token: TOKEN.replace("t", "T"), username: "andra", password: PASSWORD }));
    expect([wrong.status, wrong.code]).toEqual([401, "BOOTSTRAP_INVALID"]);
    expect((await h.deps.db.orm.select().from(users)).map((u) => u.username)).toEqual(["chefen"]);

    // the audit log says who made the account, and holds neither the secret nor the password
    const log = JSON.stringify(await h.deps.db.orm.select().from(events));
    expect(log).toContain('"bootstrap"');
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain(PASSWORD);
  });

  it("a refused password or username spends nothing; the password policy applies", async () => {
    await setUp();
    expect((await problem(await bootstrap({ token: TOKEN, username: "chefen", password: "Sommar2026!!" }))).code).toBe("PASSWORD_POLICY");
    expect((await problem(await bootstrap({ token: TOKEN, username: "Chef Ö", password: PASSWORD }))).code).toBe("BAD_INPUT");
    expect((await problem(await bootstrap({ token: TOKEN, username: "chefen" }))).code).toBe("BAD_INPUT");
    expect((await problem(await h.app.request("/api/v1/auth/bootstrap", { method: "POST", headers: { "content-type": "text/plain" }, body: TOKEN }))).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(await h.deps.db.orm.select().from(settings).where(eq(settings.key, BOOTSTRAP_MARKER))).toEqual([]);
    expect((await bootstrap({ token: TOKEN, username: "chefen", password: PASSWORD })).status).toBe(201);
  });

  it("without a configured secret every use is BOOTSTRAP_INVALID", async () => {
    await setUp({});
    const before = await h.snapshot();
    const res = await problem(await bootstrap({ token: TOKEN, username: "chefen", password: PASSWORD }));
    expect([res.status, res.code]).toEqual([401, "BOOTSTRAP_INVALID"]);
    expect(await h.deps.db.orm.select().from(users)).toEqual([]);
    // and nothing is written for it
    expect(await h.snapshot()).toEqual(before);
  });

  it("once an account exists (made another way) the secret is BOOTSTRAP_USED", async () => {
    await setUp();
    await addTestUser(h, "granskare1", ["reviewer"]);
    expect((await problem(await bootstrap({ token: TOKEN, username: "chefen", password: PASSWORD }))).code).toBe("BOOTSTRAP_USED");
    expect((await h.deps.db.orm.select().from(users)).map((u) => u.username)).toEqual(["granskare1"]);
  });

  it("of concurrent uses exactly one makes an admin; the others get BOOTSTRAP_USED", async () => {
    await setUp();
    const clients = Array.from({ length: 6 }, (_, i) => (h.isolate ? h.isolate(i % ISOLATES) : h.app));
    const answers = await Promise.all(clients.map((client, i) => bootstrap({ token: TOKEN, username: `chef${i}`, password: PASSWORD }, client)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of answers.filter((a) => a.status === 409)) expect((await problem(r)).code).toBe("BOOTSTRAP_USED");
    const winner = (await answers.find((a) => a.status === 201)!.json()) as { user: { id: string; username: string } };
    const rows = await h.deps.db.orm.select().from(users);
    expect(rows.map((u) => [u.id, u.username, u.roles])).toEqual([[winner.user.id, winner.user.username, '["admin"]']]);
    const [marker] = await h.deps.db.orm.select().from(settings).where(eq(settings.key, BOOTSTRAP_MARKER));
    expect(JSON.parse(marker!.value)).toMatchObject({ userId: winner.user.id });
  });
});
