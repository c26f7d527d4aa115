/** Invitation links, in-process: create/list/accept/upload, read-only GETs, expiry, uses, forgery, storage. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SignJWT, base64url, exportJWK, generateKeyPair } from "jose";
import { sql } from "drizzle-orm";
import { sha256Hex } from "../../../encoding/sha256.ts";
import { organisations, sessions, users } from "../../../server/db/schema.ts";
import { inviteOrganisations } from "../../../server/invites/invite-organisations.ts";
import { withCheckDigit } from "../../orgnr.ts";
import { harness, TARGET, makeSigner, problem, CAMPAIGN, ORG, T0, type Harness, type TestSigner } from "../helpers.ts";
import { addCampaign } from "../../../server/registry/add-campaign.ts";
import { addOrganisation } from "../../../server/registry/add-organisation.ts";
import { createInvite } from "../../../server/invites/create.ts";
import { createApp } from "../../../server/app.ts";

const COMPANY = "5560000001"; // an aktiebolag, not registered in the harness
const COMPANY_B = "5560000019";
const KEYLESS = "2120000035"; // a kommun the registry holds without a key
const DAY = 24 * 3600 * 1000;

let h: Harness;
beforeEach(async () => {
  h = await harness({}, TARGET);
});
afterEach(() => h.close());

interface Staff {
  id: string;
  cookie: string;
  csrf: string;
}

/** A logged-in account: a users row and a session row, as login would make them. */
async function staff(id: string, roles: string[]): Promise<Staff> {
  const token = base64url.encode(crypto.getRandomValues(new Uint8Array(32)));
  const csrf = base64url.encode(crypto.getRandomValues(new Uint8Array(32)));
  await h.deps.db.orm.insert(users).values({ id, username: id, passwordHash: "scrypt$x", roles: JSON.stringify(roles), createdAt: T0 });
  await h.deps.db.orm.insert(sessions).values({ tokenHash: await sha256Hex(new TextEncoder().encode(token)), userId: id, csrf, createdAt: h.clock.t, lastSeenAt: h.clock.t, expiresAt: new Date(h.clock.t.getTime() + 12 * 3600 * 1000) });
  // the harness's issuer is https, so the session cookie is the Secure __Host- one (server/accounts/session.ts)
  return { id, cookie: `__Host-kollen_session=${token}`, csrf };
}

async function create(who: Staff, body: Record<string, unknown> = {}): Promise<Response> {
  return h.app.request("/api/v1/invites", {
    method: "POST",
    headers: { "content-type": "application/json", cookie: who.cookie, "x-csrf-token": who.csrf },
    body: JSON.stringify({ campaign: CAMPAIGN, ...body }),
  });
}

interface Created {
  id: string;
  token: string;
  url: string;
  expiresAt: string;
  maxUses: number;
}

async function createOk(who: Staff, body: Record<string, unknown> = {}): Promise<Created> {
  const res = await create(who, body);
  expect(res.status).toBe(201);
  return (await res.json()) as Created;
}

async function accept(token: string, org = COMPANY, signer?: TestSigner, name = "Kraftbolaget AB"): Promise<Response> {
  const s = signer ?? (await makeSigner());
  return h.app.request(`/api/v1/invites/${token}/accept`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ organisationsnummer: org, name, publicJwk: s.publicJwk }),
  });
}

async function list(who: Staff): Promise<Array<{ id: string; uses: Array<Record<string, unknown>> }>> {
  const res = await h.app.request("/api/v1/invites", { headers: { cookie: who.cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { invites: Array<{ id: string; uses: Array<Record<string, unknown>> }> }).invites;
}

describe("invitation links", () => {
  it("a supervisor creates a link; the company accepts it and uploads with it as the bearer", async () => {
    const sup = await staff("sup1", ["supervisor"]);
    const inv = await createOk(sup, { sector: "energi", maxUses: 1 });
    expect(inv.url).toBe(`https://kollen.test/invite/${inv.token}`);
    expect(inv.maxUses).toBe(1);

    const signer = await makeSigner();
    const res = await accept(inv.token, "556000-0001", signer);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ organisation: COMPANY, campaign: CAMPAIGN, kid: signer.kid, newUse: true, newKey: true });

    const pkg = await h.pack({ organisation: COMPANY, signer });
    const up = await h.post(pkg, { authorization: `Bearer ${inv.token}` });
    expect(up.status).toBe(201);
    expect(((await up.json()) as { status: string }).status).toBe("verified");

    const [org] = await h.deps.db.orm.all<{ actor_group: string; name: string }>(sql`select actor_group, name from organisations where orgnr = ${COMPANY}`);
    expect(org).toEqual({ actor_group: "other", name: "Kraftbolaget AB" });
    const [key] = await h.deps.db.orm.all<{ source: string }>(sql`select source from signers where kid = ${signer.kid}`);
    expect(key!.source).toBe("invite");

    const mine = await list(sup);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: inv.id, campaign: CAMPAIGN, sector: "energi", maxUses: 1 });
    expect(mine[0]!.uses).toEqual([{ orgnr: COMPANY, name: "Kraftbolaget AB", usedAt: T0.toISOString(), submission: { status: "verified", receivedAt: T0.toISOString() } }]);
  });

  it("GET of the link never consumes it: five GETs, then accept still works and the use count is 1", async () => {
    const sup = await staff("sup1", ["supervisor"]);
    const inv = await createOk(sup);
    // the page of the link (as a mail scanner or the person sees it), and the read the page makes
    const withPages = createApp({ ...h.deps, web: { get: async () => undefined } });
    const before = await h.snapshot();
    for (let i = 0; i < 5; i++) {
      const page = await withPages.request(`/invite/${inv.token}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`data-token="${inv.token}"`);
      const res = await withPages.request(`/api/v1/invites/${inv.token}`);
      expect(res.status).toBe(200);
      const info = (await res.json()) as Record<string, unknown>;
      expect(info).toMatchObject({ campaign: CAMPAIGN, maxUses: 1, usesLeft: 1 });
      expect(info).not.toHaveProperty("sector"); // the supervisor's own label, not the company's
    }
    expect(await h.snapshot()).toEqual(before);
    expect((await accept(inv.token)).status).toBe(201);
    const mine = await list(sup);
    expect(mine[0]!.uses).toHaveLength(1);
    expect(await (await h.app.request(`/api/v1/invites/${inv.token}`)).json()).toMatchObject({ usesLeft: 0 });
  });

  it("an expired link is INVITE_EXPIRED for GET, accept and upload", async () => {
    const sup = await staff("sup1", ["supervisor"]);
    const inv = await createOk(sup, { expiresInDays: 2 });
    const signer = await makeSigner();
    expect((await accept(inv.token, COMPANY, signer)).status).toBe(201);
    h.clock.t = new Date(T0.getTime() + 2 * DAY + 1000);
    expect((await problem(await h.app.request(`/api/v1/invites/${inv.token}`))).code).toBe("INVITE_EXPIRED");
    const p = await problem(await accept(inv.token, COMPANY_B));
    expect(p.code).toBe("INVITE_EXPIRED");
    expect(p.title_sv).toBe("Inbjudningslänken har gått ut. Be myndigheten som skickade den om en ny.");
    const up = await h.post(await h.pack({ organisation: COMPANY, signer }), { authorization: `Bearer ${inv.token}` });
    expect((await problem(up)).code).toBe("INVITE_EXPIRED");
  });

  it("a single-use link used by a second organisation is INVITE_USED; the first may accept again", async () => {
    const sup = await staff("sup1", ["supervisor"]);
    const inv = await createOk(sup);
    const signer = await makeSigner();
    expect((await accept(inv.token, COMPANY, signer)).status).toBe(201);
    const second = await accept(inv.token, COMPANY_B);
    expect(second.status).toBe(403);
    expect((await problem(second)).code).toBe("INVITE_USED");
    const again = await accept(inv.token, COMPANY, signer);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ newUse: false, newKey: false });
    expect((await list(sup))[0]!.uses).toHaveLength(1);
  });

  it("two organisations racing for the last use: exactly one wins, the other gets INVITE_USED", async () => {
    const sup = await staff("sup1", ["supervisor"]);
    const inv = await createOk(sup);
    const answers = await Promise.all([accept(inv.token, COMPANY), accept(inv.token, COMPANY_B), accept(inv.token, "5560000027")]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 403, 403]);
    for (const r of answers.filter((x) => x.status === 403)) expect((await problem(r)).code).toBe("INVITE_USED");
    expect((await list(sup))[0]!.uses).toHaveLength(1);
    const [n] = await h.deps.db.orm.all<{ n: number }>(sql`select count(*) as n from signers where source = 'invite'`);
    expect(n!.n).toBe(1);
  });

  it("a multi-use link counts one use per organisation up to its maximum", async () => {
    const sup = await staff("sup1", ["supervisor"]);
    const inv = await createOk(sup, { maxUses: 2 });
    expect((await accept(inv.token, COMPANY)).status).toBe(201);
    expect((await accept(inv.token, COMPANY_B)).status).toBe(201);
    expect((await problem(await accept(inv.token, "5560000027"))).code).toBe("INVITE_USED");
    expect((await list(sup))[0]!.uses.map((u) => u.orgnr)).toEqual([COMPANY, COMPANY_B]);
  });

  it("garbage, forged, tampered and receipt tokens are INVITE_INVALID", async () => {
    const sup = await staff("sup1", ["supervisor"]);
    const inv = await createOk(sup);
    const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const forged = await new SignJWT({ campaign: CAMPAIGN })
      .setProtectedHeader({ alg: "EdDSA", kid: h.deps.keys.receipt.kid, typ: "kollen-invite+jwt" })
      .setIssuer("https://kollen.test")
      .setAudience("kollen-invite")
      .setJti(inv.id)
      .setExpirationTime("2d")
      .sign(privateKey);
    const [head, payload, sig] = inv.token.split(".") as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>;
    const tampered = `${head}.${base64url.encode(JSON.stringify({ ...claims, campaign: "other-2026" }))}.${sig}`;
    // a receipt is signed by the same key but is not an invitation
    const up = await h.post(await h.pack());
    const receipt = ((await up.json()) as { receipt: string }).receipt;
    for (const token of ["garbage", "a.b.c", forged, tampered, receipt, `${inv.token}x`]) {
      expect((await problem(await h.app.request(`/api/v1/invites/${token}`))).code).toBe("INVITE_INVALID");
      expect((await problem(await accept(token))).code).toBe("INVITE_INVALID");
      const res = await h.post(await h.pack(), { authorization: `Bearer ${token}` });
      expect((await problem(res)).code).toBe("INVITE_INVALID");
    }
    expect((await problem(await h.post(await h.pack(), { authorization: "Basic abc" }))).code).toBe("INVITE_INVALID");
  });

  it("a genuine token whose row is gone is INVITE_INVALID (revoked by deleting it)", async () => {
    const sup = await staff("sup1", ["supervisor"]);
    const inv = await createOk(sup);
    await h.deps.db.orm.run(sql`delete from invites`);
    expect((await problem(await accept(inv.token))).code).toBe("INVITE_INVALID");
  });

  it("an upload with a link for another campaign, or not accepted by the package's organisation, is INVITE_INVALID", async () => {
    await addCampaign(h.deps.db, { id: "other-2026", surveyModelId: "infosakkollen-example" }, T0);
    const sup = await staff("sup1", ["supervisor"]);
    const other = await createOk(sup, { campaign: "other-2026" });
    const signer = await makeSigner();
    expect((await accept(other.token, COMPANY, signer)).status).toBe(201);
    const before = await h.snapshot();
    const res = await h.post(await h.pack({ organisation: COMPANY, signer }), { authorization: `Bearer ${other.token}` });
    expect((await problem(res)).code).toBe("INVITE_INVALID");
    // ORG is registered with its own key but never accepted this link
    const mine = await createOk(sup);
    const res2 = await h.post(await h.pack(), { authorization: `Bearer ${mine.token}` });
    expect((await problem(res2)).code).toBe("INVITE_INVALID");
    const after = await h.snapshot();
    expect(after.submissions).toBe(before.submissions);
    expect(after.blobs).toEqual(before.blobs);
  });

  it("a supervisor's link never binds a key to an organisation the registry holds", async () => {
    const sup = await staff("sup1", ["supervisor"]);
    const inv = await createOk(sup, { maxUses: 5 });
    const res = await accept(inv.token, ORG);
    expect(res.status).toBe(409);
    expect((await problem(res)).code).toBe("INVITE_ORGANISATION_REGISTERED");
    // not even with the organisation's own registered key
    expect((await problem(await accept(inv.token, ORG, h.signers[ORG]))).code).toBe("INVITE_ORGANISATION_REGISTERED");
    // nor for a registered organisation without a key: that would squat its name and coverage
    await addOrganisation(h.deps.db, { orgnr: KEYLESS, name: "Nyckellös kommun" }, T0);
    expect((await problem(await accept(inv.token, KEYLESS))).code).toBe("INVITE_ORGANISATION_REGISTERED");
    // a key registered for another organisation cannot be claimed
    expect((await problem(await accept(inv.token, COMPANY, h.signers[ORG]))).code).toBe("CONFLICT");
    expect((await list(sup))[0]!.uses).toEqual([]);
  });

  it("the authority's link for one organisation is accepted only with that organisationsnummer, once", async () => {
    await addOrganisation(h.deps.db, { orgnr: KEYLESS, name: "Nyckellös kommun" }, T0);
    const link = await createInvite(h.deps, { campaign: CAMPAIGN, organisation: "212000-0035" }, "cli");
    expect(link.organisation).toBe(KEYLESS);
    expect((await problem(await accept(link.token, COMPANY))).code).toBe("INVITE_WRONG_ORGANISATION");
    const signer = await makeSigner();
    expect((await accept(link.token, KEYLESS, signer)).status).toBe(201);
    expect((await accept(link.token, KEYLESS, signer)).status).toBe(200); // the same organisation again: no new use
    expect((await problem(await accept(link.token, KEYLESS))).code).toBe("CONFLICT"); // now it has a key
    // the organisation's key uploads like any registered signer's
    expect((await h.post(await h.pack({ organisation: KEYLESS, signer }))).status).toBe(201);
    // an organisation that has a key already: the link cannot add another
    const forOrg = await createInvite(h.deps, { campaign: CAMPAIGN, organisation: ORG }, "cli");
    expect((await problem(await accept(forOrg.token, ORG))).code).toBe("CONFLICT");
  });

  it("refuses an authority link for an unregistered organisation or with several uses", async () => {
    await expect(createInvite(h.deps, { campaign: CAMPAIGN, organisation: COMPANY }, "cli")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createInvite(h.deps, { campaign: CAMPAIGN, organisation: ORG, maxUses: 2 }, "cli")).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(createInvite(h.deps, { campaign: CAMPAIGN, organisation: "2120000143" }, "cli")).rejects.toMatchObject({ code: "ORGNR_CHECKSUM" });
  });

  it("refuses bad accept bodies with stable codes and counts nothing", async () => {
    const sup = await staff("sup1", ["supervisor"]);
    const inv = await createOk(sup);
    const signer = await makeSigner();
    const post = (body: unknown, type = "application/json") =>
      h.app.request(`/api/v1/invites/${inv.token}/accept`, { method: "POST", headers: { "content-type": type }, body: typeof body === "string" ? body : JSON.stringify(body) });
    expect((await problem(await post({ organisationsnummer: "5560000002", name: "X", publicJwk: signer.publicJwk }))).code).toBe("ORGNR_CHECKSUM");
    expect((await problem(await post({ organisationsnummer: "12", name: "X", publicJwk: signer.publicJwk }))).code).toBe("ORGNR_INVALID");
    expect((await problem(await post({ organisationsnummer: COMPANY, name: "", publicJwk: signer.publicJwk }))).code).toBe("BAD_INPUT");
    expect((await problem(await post({ organisationsnummer: COMPANY, name: "X", publicJwk: signer.privateJwk }))).code).toBe("KEY_INVALID");
    const rsa = await exportJWK((await generateKeyPair("RS256", { extractable: true })).publicKey);
    expect((await problem(await post({ organisationsnummer: COMPANY, name: "X", publicJwk: rsa }))).code).toMatch(/^KEY_(INVALID|UNSUPPORTED)$/);
    expect((await problem(await post({ organisationsnummer: COMPANY, name: "X", publicJwk: { ...signer.publicJwk, kollen_org: COMPANY_B } }))).code).toBe("SIGNER_WRONG_ORGANISATION");
    expect((await post({ organisationsnummer: COMPANY, name: "X", publicJwk: { ...signer.publicJwk, kollen_org: COMPANY, comment: "kraft" } })).status).toBe(201);
    // undo that accept, so the refusals below are checked against an unused link
    await h.deps.db.orm.run(sql`delete from invite_uses`);
    await h.deps.db.orm.run(sql`delete from signers where orgnr = ${COMPANY}`);
    expect((await problem(await post("{nope"))).code).toBe("BAD_INPUT");
    expect((await problem(await post("organisationsnummer=1", "application/x-www-form-urlencoded"))).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect((await problem(await post({ organisationsnummer: COMPANY, name: "X".repeat(20_000), publicJwk: signer.publicJwk }))).code).toBe("BAD_INPUT");
    expect((await list(sup))[0]!.uses).toEqual([]);
  });

  it("stores only the SHA-256 of a token, never the token or a part of its signature", async () => {
    const sup = await staff("sup1", ["supervisor"]);
    const inv = await createOk(sup, { maxUses: 3 });
    await accept(inv.token);
    await h.app.request(`/api/v1/invites/${inv.token}`);
    const sig = inv.token.split(".")[2]!;
    // every table but D1's own (_cf_*: not readable, and nothing of ours is in it)
    const tables = await h.deps.db.orm.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and substr(name, 1, 4) != '_cf_'`);
    let scanned = 0;
    for (const { name } of tables) {
      const rows = await h.deps.db.orm.all<Record<string, unknown>>(sql.raw(`select * from "${name}"`));
      for (const row of rows) {
        const text = JSON.stringify(row);
        scanned++;
        expect(text).not.toContain(inv.token);
        expect(text).not.toContain(sig);
        expect(text).not.toContain(inv.token.split(".")[1]!);
      }
    }
    expect(scanned).toBeGreaterThan(10);
    const [row] = await h.deps.db.orm.all<{ token_sha256: string }>(sql`select token_sha256 from invites`);
    expect(row!.token_sha256).toBe(await sha256Hex(new TextEncoder().encode(inv.token)));
  });

  it("supervisors see usage and whether the submission arrived with its status, never its content; only their own links and notes", async () => {
    const a = await staff("sup-a", ["supervisor"]);
    const b = await staff("sup-b", ["supervisor"]);
    const invA = await createOk(a, { note: "skickad till it-chefen@kraftbolaget.se" });
    await createOk(b, { sector: "vatten" });
    const signer = await makeSigner();
    await accept(invA.token, COMPANY, signer);
    const before = await list(a);
    expect(before[0]!.uses[0]!.submission).toBeNull();
    await h.post(await h.pack({ organisation: COMPANY, signer }), { authorization: `Bearer ${invA.token}` });
    const listA = await list(a);
    const listB = await list(b);
    expect(listA.map((x) => x.id)).toEqual([invA.id]);
    expect(listA[0]).toMatchObject({ note: "skickad till it-chefen@kraftbolaget.se" });
    expect(listB).toHaveLength(1);
    expect(listB[0]!.id).not.toBe(invA.id);
    expect(listB[0]!.uses).toEqual([]);
    expect(JSON.stringify(listB)).not.toContain("kraftbolaget.se");
    const text = JSON.stringify(listA);
    for (const word of ["receipt", "KANARIEFÅGEL", "token", "sha256", "signer", "verification", "reasons", "flags"]) expect(text).not.toContain(word);
    expect(Object.keys(listA[0]!.uses[0]!).sort()).toEqual(["name", "orgnr", "submission", "usedAt"]);
    const sub = listA[0]!.uses[0]!.submission as Record<string, unknown>;
    expect(Object.keys(sub).sort()).toEqual(["receivedAt", "status"]);
    expect(sub.status).toBe("verified");
  });

  it("the note stays out of the audit log and is refused when too long or not plain text", async () => {
    const a = await staff("sup-n", ["supervisor"]);
    await createOk(a, { note: "skickad till registrator@exempel.se" });
    const rows = await h.deps.db.orm.all<{ data: string }>(sql`select data from events`);
    expect(JSON.stringify(rows)).not.toContain("exempel.se");
    expect((await problem(await create(a, { note: "x".repeat(201) }))).code).toBe("BAD_INPUT");
    expect((await problem(await create(a, { note: "<script>" }))).code).toBe("BAD_INPUT");
  });

  it("only supervisors may create and list; CSRF is required to create", async () => {
    const reviewer = await staff("rev1", ["reviewer"]);
    const sup = await staff("sup1", ["supervisor"]);
    expect((await problem(await h.app.request("/api/v1/invites"))).code).toBe("UNAUTHORIZED");
    expect((await problem(await h.app.request("/api/v1/invites", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }))).code).toBe("UNAUTHORIZED");
    expect((await problem(await h.app.request("/api/v1/invites", { headers: { cookie: reviewer.cookie } }))).code).toBe("FORBIDDEN");
    expect((await problem(await create(reviewer))).code).toBe("FORBIDDEN");
    const noCsrf = await h.app.request("/api/v1/invites", { method: "POST", headers: { "content-type": "application/json", cookie: sup.cookie }, body: JSON.stringify({ campaign: CAMPAIGN }) });
    expect(noCsrf.status).toBe(403);
    expect(await list(sup)).toEqual([]);
  });

  it("refuses bad create bodies: unknown campaign, past or too distant expiry, zero uses", async () => {
    const sup = await staff("sup1", ["supervisor"]);
    expect((await problem(await create(sup, { campaign: "nope-2026" }))).code).toBe("CAMPAIGN_UNKNOWN");
    expect((await problem(await create(sup, { expiresAt: "2020-01-01T00:00:00Z" }))).code).toBe("BAD_INPUT");
    expect((await problem(await create(sup, { expiresAt: "2028-01-01T00:00:00Z" }))).code).toBe("BAD_INPUT");
    expect((await problem(await create(sup, { maxUses: 0 }))).code).toBe("BAD_INPUT");
    expect((await problem(await create(sup, { sector: "<script>" }))).code).toBe("BAD_INPUT");
    expect((await problem(await create(sup, { extra: 1 }))).code).toBe("BAD_INPUT");
    expect(await list(sup)).toEqual([]);
  });
});

describe("keys from links: bound to the link's campaign and visible to reviewers until confirmed", () => {
  interface Detail {
    flags: string[];
    coverage: Array<{ orgnr: string; state: string }>;
    signerOrigins: Array<Record<string, unknown>>;
  }
  const detail = async (who: Staff, id: string) => (await (await h.app.request(`/api/v1/admin/submissions/${id}`, { headers: { cookie: who.cookie } })).json()) as Detail;
  const queueItem = async (who: Staff, id: string) =>
    ((await (await h.app.request("/api/v1/admin/submissions", { headers: { cookie: who.cookie } })).json()) as { submissions: Array<{ id: string; keyFromLink: boolean; flags: string[] }> }).submissions.find((s) => s.id === id)!;
  const confirm = (who: Staff, id: string, kid: string) =>
    h.app.request(`/api/v1/admin/submissions/${id}/signer-confirmation`, { method: "POST", headers: { "content-type": "application/json", cookie: who.cookie, "x-csrf-token": who.csrf }, body: JSON.stringify({ kid }) });

  it("signs for another campaign only after a reviewer confirms it; its first submission is flagged and shows where the key came from", async () => {
    await addCampaign(h.deps.db, { id: "other-2026", surveyModelId: "infosakkollen-example" }, T0);
    const sup = await staff("sup1", ["supervisor"]);
    const rev = await staff("rev1", ["reviewer"]);
    const inv = await createOk(sup, { maxUses: 1 });
    const signer = await makeSigner();
    expect((await accept(inv.token, COMPANY, signer)).status).toBe(201);

    // another campaign, with or without the link: refused, nothing stored
    const before = await h.snapshot();
    const res = await h.post(await h.pack({ organisation: COMPANY, signer, campaign: "other-2026" }));
    expect(res.status).toBe(422);
    expect((await problem(res)).code).toBe("SIGNER_CAMPAIGN_LIMITED");
    const withLink = await h.post(await h.pack({ organisation: COMPANY, signer, campaign: "other-2026" }), { authorization: `Bearer ${inv.token}` });
    expect((await problem(withLink)).code).toBe("INVITE_INVALID");
    expect(await h.snapshot()).toEqual(before);

    // the link's campaign: accepted, the first submission flagged for a reviewer
    const first = (await (await h.post(await h.pack({ organisation: COMPANY, signer }))).json()) as { submissionId: string };
    expect(await queueItem(rev, first.submissionId)).toMatchObject({ keyFromLink: true, flags: ["NEW_KEY_FROM_LINK"] });
    const d = await detail(rev, first.submissionId);
    expect(d.flags).toEqual(["NEW_KEY_FROM_LINK"]);
    expect(d.signerOrigins).toEqual([{ kid: signer.kid, source: "invite", inviteId: inv.id, campaign: CAMPAIGN, madeBy: "sup1", confirmed: false, confirmedBy: null }]);
    const second = (await (await h.post(await h.pack({ organisation: COMPANY, signer }))).json()) as { submissionId: string };
    expect((await detail(rev, second.submissionId)).flags).toEqual([]);

    // a reviewer confirms the key (CSRF-checked, audited): the flag goes, other campaigns open
    expect((await problem(await confirm({ ...rev, csrf: "wrong" }, first.submissionId, signer.kid))).code).toBe("CSRF_INVALID");
    expect((await problem(await confirm(rev, first.submissionId, h.signers[ORG]!.kid))).code).toBe("NOT_FOUND");
    const ok = await confirm(rev, first.submissionId, signer.kid);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ kid: signer.kid, confirmed: true, flags: [] });
    expect((await problem(await confirm(rev, first.submissionId, signer.kid))).code).toBe("CONFLICT");
    expect((await detail(rev, first.submissionId)).signerOrigins).toEqual([{ kid: signer.kid, source: "invite", inviteId: inv.id, campaign: CAMPAIGN, madeBy: "sup1", confirmed: true, confirmedBy: "rev1" }]);
    expect((await queueItem(rev, first.submissionId)).keyFromLink).toBe(false);
    expect((await h.post(await h.pack({ organisation: COMPANY, signer, campaign: "other-2026" }))).status).toBe(201);
    const [event] = await h.deps.db.orm.all<{ actor: string }>(sql`select actor from events where type = 'signer.confirmed'`);
    expect(event!.actor).toBe("user:rev1");
  });

  it("coverage claimed by a key from a link is unconfirmed even where the registry confirms it; an admin's key shows as such", async () => {
    const rev = await staff("rev1", ["reviewer"]);
    // a registered, keyless umbrella that the registry says covers COURT: the authority's link binds its key
    const UMBRELLA_KEYLESS = "2021000076";
    const COURT = "2021000084";
    await addOrganisation(h.deps.db, { orgnr: COURT, name: "Domstol" }, T0);
    await addOrganisation(h.deps.db, { orgnr: UMBRELLA_KEYLESS, name: "Paraply", covers: [COURT] }, T0);
    const link = await createInvite(h.deps, { campaign: CAMPAIGN, organisation: UMBRELLA_KEYLESS }, "cli");
    const signer = await makeSigner();
    expect((await accept(link.token, UMBRELLA_KEYLESS, signer)).status).toBe(201);
    const up = (await (await h.post(await h.pack({ organisation: UMBRELLA_KEYLESS, covers: [COURT], signer }))).json()) as { submissionId: string; status: string };
    expect(up.status).toBe("verified");
    const d = await detail(rev, up.submissionId);
    expect(d.flags.sort()).toEqual(["COVERAGE_UNCONFIRMED", "NEW_KEY_FROM_LINK"]);
    expect(d.coverage).toEqual(expect.arrayContaining([{ orgnr: COURT, role: "covers", state: "unconfirmed" }]));
    expect(d.signerOrigins).toEqual([expect.objectContaining({ source: "invite", inviteId: link.id, madeBy: "cli", confirmed: false })]);
    // a key an admin registered
    const own = (await (await h.post(await h.pack())).json()) as { submissionId: string };
    expect((await detail(rev, own.submissionId)).signerOrigins).toEqual([{ kid: h.signers[ORG]!.kid, source: "admin" }]);
  });
});

describe("invitation audit events", () => {
  it("creating and accepting a link are sealed into the audit chain, with no token in them", async () => {
    const { verifyAuditChain } = await import("../../../server/audit/log.ts");
    const sup = await staff("sup1", ["supervisor"]);
    const inv = await createOk(sup);
    expect((await accept(inv.token)).status).toBe(201);
    const rows = await h.deps.db.orm.all<{ type: string; actor: string; hash: string | null; data: string }>(sql`select type, actor, hash, data from events where type like 'invite.%' order by seq`);
    expect(rows.map((r) => [r.type, r.actor])).toEqual([
      ["invite.created", "user:sup1"],
      ["invite.accepted", `org:${COMPANY}`],
    ]);
    for (const r of rows) {
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.data).not.toContain(inv.token.split(".")[2]!);
    }
    expect((await verifyAuditChain(h.deps)).ok).toBe(true);
  });
});

describe("withdrawing a link", () => {
  it("the maker expires it now: the token is INVITE_EXPIRED, the usage stays; others get NOT_FOUND", async () => {
    const a = await staff("sup-a", ["supervisor"]);
    const b = await staff("sup-b", ["supervisor"]);
    const inv = await createOk(a, { maxUses: 3 });
    expect((await accept(inv.token, COMPANY)).status).toBe(201);
    const expire = (who: Staff, id = inv.id) => h.app.request(`/api/v1/invites/${id}/expire`, { method: "POST", headers: { cookie: who.cookie, "x-csrf-token": who.csrf } });
    expect((await problem(await expire(b))).code).toBe("NOT_FOUND");
    expect((await problem(await expire(a, "not-an-id"))).code).toBe("NOT_FOUND");
    expect((await problem(await h.app.request(`/api/v1/invites/${inv.id}/expire`, { method: "POST", headers: { cookie: a.cookie } }))).status).toBe(403);
    expect((await accept(inv.token, COMPANY_B)).status).toBe(201);
    const res = await expire(a);
    expect(res.status).toBe(200);
    expect((await problem(await accept(inv.token, "5560000027"))).code).toBe("INVITE_EXPIRED");
    const mine = await list(a);
    expect(mine[0]!.uses).toHaveLength(2);
    expect(Date.parse((mine[0] as unknown as { expiresAt: string }).expiresAt)).toBe(h.clock.t.getTime());
  });
});

describe("the authority's links for many organisations", () => {
  it("chosen by number, more than one statement may bind (D1: 100 parameters): one link each", async () => {
    const orgs = Array.from({ length: 150 }, (_, i) => withCheckDigit(`212100${String(i).padStart(3, "0")}`));
    await h.deps.db.batch(orgs.map((orgnr) => h.deps.db.orm.insert(organisations).values({ orgnr, name: `Kommun ${orgnr}`, actorGroup: "municipality", createdAt: T0 })));
    const links = await inviteOrganisations(h.deps, { campaign: CAMPAIGN, select: { orgs } }, "cli");
    expect(links.map((l) => l.organisation)).toEqual([...orgs].sort());
    await expect(inviteOrganisations(h.deps, { campaign: CAMPAIGN, select: { orgs: [...orgs, withCheckDigit("212199999")] } }, "cli")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("OpenAPI", () => {
  it("documents the invitation routes and their request bodies", async () => {
    const doc = (await (await h.app.request("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    expect(Object.keys(doc.paths["/api/v1/invites"]!).sort()).toEqual(["get", "post"]);
    expect(doc.paths["/api/v1/invites/{token}"]).toHaveProperty("get");
    expect(doc.paths["/api/v1/invites/{token}/accept"]).toHaveProperty("post");
    expect(doc.paths["/api/v1/invites/{id}/expire"]).toHaveProperty("post");
    expect(Object.keys(doc.components.schemas.AcceptInvite!.properties!).sort()).toEqual(["name", "organisationsnummer", "publicJwk"]);
    expect(doc.components.schemas.CreateInvite!.properties).toHaveProperty("maxUses");
  });
});

describe("on the Workers ports (D1 and R2 stand-ins)", () => {
  beforeEach(async () => {
    h.close();
    h = await harness({}, "workers");
  });

  it("create, accept, upload with the bearer, single use, list", async () => {
    const sup = await staff("sup1", ["supervisor"]);
    const inv = await createOk(sup);
    const signer = await makeSigner();
    expect((await accept(inv.token, COMPANY, signer)).status).toBe(201);
    expect((await problem(await accept(inv.token, COMPANY_B))).code).toBe("INVITE_USED");
    const up = await h.post(await h.pack({ organisation: COMPANY, signer }), { authorization: `Bearer ${inv.token}` });
    expect(up.status).toBe(201);
    expect((await list(sup))[0]!.uses.map((u) => u.orgnr)).toEqual([COMPANY]);
  });
});
