/**
 * POST /api/v1/admin/invites: the authority's own links over the API, as `kollen admin invite` makes
 * them (the same function and CSV writer): one single-use link per chosen organisation, bound to its
 * organisationsnummer; role admin only; every bad input refused with its code and nothing stored.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { invites } from "../../../server/db/schema.ts";
import { addCampaign } from "../../../server/registry/add-campaign.ts";
import { addOrganisation } from "../../../server/registry/add-organisation.ts";
import { LINK_COUNT_HEADER } from "../../../schemas/staff-api.ts";
import { harness, makeSigner, problem, CAMPAIGN, ORG, T0, TARGET, type Harness } from "../helpers.ts";
import { addTestUser, login, postJson, type Session } from "../auth-helpers.ts";

const KEYLESS_A = "2120000035"; // kommuner the registry holds without a key
const KEYLESS_B = "2120000050";
const REGION = "2321000016";

let h: Harness;
let admin: Session;
beforeEach(async () => {
  h = await harness({}, TARGET);
  await addOrganisation(h.deps.db, { orgnr: KEYLESS_A, name: "Nyckellösa kommun" }, T0);
  await addOrganisation(h.deps.db, { orgnr: KEYLESS_B, name: '=HYPERLINK("x") kommun' }, T0);
  await addOrganisation(h.deps.db, { orgnr: REGION, name: "Region Exempel", actorGroup: "region" }, T0);
  await addTestUser(h, "registrator", ["admin"]);
  admin = await login(h, "registrator");
});
afterEach(() => h.close());

const makeAs = (who: Session | undefined, body: unknown) => postJson(h, who, "/api/v1/admin/invites", body);
const make = (body: unknown) => makeAs(admin, body);

/** The CSV's rows after the header, split into cells. */
function rows(csv: string): string[][] {
  return csv
    .trimEnd()
    .split("\r\n")
    .slice(1)
    .map((line) => line.slice(1, -1).split('","'));
}

async function accept(url: string, org: string): Promise<Response> {
  const token = url.slice(url.lastIndexOf("/") + 1);
  const s = await makeSigner();
  return h.app.request(`/api/v1/invites/${token}/accept`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ organisationsnummer: org, name: "Namn", publicJwk: s.publicJwk }) });
}

const stored = async () => (await h.deps.db.orm.select().from(invites)).length;

describe("POST /api/v1/admin/invites", () => {
  it("makes one link per organisation without a key, as CSV; each link works once, for its organisation only", async () => {
    const res = await make({ campaign: CAMPAIGN, select: { allUnkeyed: true }, expiresInDays: 14 });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="inbjudningar-${CAMPAIGN}.csv"`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const csv = await res.text();
    expect(csv.split("\r\n")[0]).toBe("organisationsnummer,namn,länk,giltig_till");
    const r = rows(csv);
    expect(res.headers.get(LINK_COUNT_HEADER)).toBe(String(r.length));
    expect(r.map((x) => x[0])).toEqual(["212000-0035", "212000-0050", "232100-0016"]);
    expect(r[1]![1]).toBe(`'=HYPERLINK(""x"") kommun`); // a formula-like name is defused
    expect(new Date(r[0]![3]!).getTime()).toBe(h.clock.t.getTime() + 14 * 86_400_000);
    expect(await stored()).toBe(3);

    expect((await problem(await accept(r[0]![2]!, KEYLESS_B))).code).toBe("INVITE_WRONG_ORGANISATION");
    expect((await accept(r[0]![2]!, KEYLESS_A)).status).toBe(201);
    // used: the same organisation cannot bind a second key with it
    expect((await problem(await accept(r[0]![2]!, KEYLESS_A))).code).toBe("CONFLICT");
  });

  it("chooses by organisationsnummer or by actor group; the audit log names the admin", async () => {
    const one = await make({ campaign: CAMPAIGN, select: { orgs: ["212000-0035"] } });
    expect(rows(await one.text()).map((x) => x[0])).toEqual(["212000-0035"]);
    const group = await make({ campaign: CAMPAIGN, select: { group: "region" } });
    expect(rows(await group.text()).map((x) => x[0])).toEqual(["232100-0016"]);
    const audit = await (await h.app.request("/api/v1/admin/audit", { headers: { cookie: admin.cookie } })).json() as { events: Array<{ action: string; actor: string }> };
    const made = audit.events.filter((e) => e.action === "invite.created");
    expect(made).toHaveLength(2);
    expect(made.every((e) => e.actor === `user:${admin.userId}`)).toBe(true);
  });

  it("an empty choice makes no link and says so in the count", async () => {
    const res = await make({ campaign: CAMPAIGN, select: { group: "other" } });
    expect(res.status).toBe(201);
    expect(res.headers.get(LINK_COUNT_HEADER)).toBe("0");
    expect(rows(await res.text())).toEqual([]);
  });

  it("refuses bad input with a stable code and stores nothing", async () => {
    await addCampaign(h.deps.db, { id: "stangd-2025", surveyModelId: "infosakkollen-example", closesAt: new Date(T0.getTime() - 1000) }, T0);
    const cases: Array<[unknown, number, string]> = [
      [{ campaign: "okand-2026", select: { allUnkeyed: true } }, 422, "CAMPAIGN_UNKNOWN"],
      [{ campaign: "okand-2026", select: { group: "state_agency" } }, 422, "CAMPAIGN_UNKNOWN"], // even when nobody would get a link
      [{ campaign: "stangd-2025", select: { allUnkeyed: true } }, 422, "CAMPAIGN_CLOSED"],
      [{ campaign: CAMPAIGN, select: { orgs: [KEYLESS_A, "5560000001"] } }, 404, "NOT_FOUND"],
      [{ campaign: CAMPAIGN, select: { orgs: [KEYLESS_A, "212000-0036"] } }, 400, "ORGNR_CHECKSUM"],
      [{ campaign: CAMPAIGN, select: { orgs: [] } }, 400, "BAD_INPUT"],
      [{ campaign: CAMPAIGN, select: { group: "kommun" } }, 400, "BAD_INPUT"],
      [{ campaign: CAMPAIGN, select: { allUnkeyed: true, group: "region" } }, 400, "BAD_INPUT"],
      [{ campaign: CAMPAIGN, select: { allUnkeyed: true }, expiresInDays: 0 }, 400, "BAD_INPUT"],
      [{ campaign: CAMPAIGN, select: { allUnkeyed: true }, expiresInDays: 366 }, 400, "BAD_INPUT"],
      [{ campaign: CAMPAIGN }, 400, "BAD_INPUT"],
    ];
    for (const [body, status, code] of cases) {
      const res = await make(body);
      const p = await problem(res);
      expect([res.status, p.code], JSON.stringify(body)).toEqual([status, code]);
      expect(p.title_sv, code).toBeTruthy();
    }
    const big = await h.app.request("/api/v1/admin/invites", { method: "POST", headers: { "content-type": "application/json", cookie: admin.cookie, "x-csrf-token": admin.csrf }, body: JSON.stringify({ campaign: CAMPAIGN, select: { orgs: Array(30_000).fill(ORG) } }) });
    expect((await problem(big)).code).toBe("BAD_INPUT");
    const form = await h.app.request("/api/v1/admin/invites", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", cookie: admin.cookie, "x-csrf-token": admin.csrf }, body: "campaign=x" });
    expect((await problem(form)).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(await stored()).toBe(0);
  });

  it("is for admins only, with the CSRF token", async () => {
    await addTestUser(h, "granskare", ["reviewer", "supervisor"]);
    const other = await login(h, "granskare");
    expect((await problem(await makeAs(other, { campaign: CAMPAIGN, select: { allUnkeyed: true } }))).code).toBe("FORBIDDEN");
    expect((await problem(await makeAs(undefined, { campaign: CAMPAIGN, select: { allUnkeyed: true } }))).code).toBe("UNAUTHORIZED");
    const noCsrf = await h.app.request("/api/v1/admin/invites", { method: "POST", headers: { "content-type": "application/json", cookie: admin.cookie }, body: JSON.stringify({ campaign: CAMPAIGN, select: { allUnkeyed: true } }) });
    expect((await problem(noCsrf)).code).toBe("CSRF_INVALID");
    expect(await stored()).toBe(0);
  });
});
