import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { JWK } from "jose";
import { createKeyring } from "../../../keys/keyring.ts";
import { DEV_KEYRING_PRIVATE_JWK } from "../../../keys/dev/index.ts";
import { generateX25519Identity, recipientKeyId } from "../../../client-kit/age/index.ts";
import { campaigns, signers } from "../../../server/db/schema.ts";
import { makeSigner, harness, problem, TARGET, type Harness } from "../helpers.ts";
import { withCheckDigit } from "../../orgnr.ts";
import { addTestUser, as, login, postJson, type Session } from "../auth-helpers.ts";

describe(`admin registry API on ${TARGET}`, () => {
  let h: Harness;
  let admin: Session;
  beforeEach(async () => {
    h = await harness({}, TARGET);
    await addTestUser(h, "chefen", ["admin"]);
    admin = await login(h, "chefen");
  });
  afterEach(() => h.close());

  it("registers an umbrella covering more organisations than one statement may bind (D1: 100 parameters)", async () => {
    const covers = Array.from({ length: 60 }, (_, i) => withCheckDigit(`202100${700 + i}`));
    const res = await postJson(h, admin, "/api/v1/admin/organisations", { orgnr: "202100-5489", name: "Paraplymyndigheten", covers });
    expect(res.status).toBe(201);
    const list = (await (await as(h, admin, "/api/v1/admin/organisations")).json()) as { organisations: Array<{ orgnr: string; covers: string[] }> };
    expect(list.organisations.find((o) => o.orgnr === "2021005489")?.covers.sort()).toEqual([...covers].sort());
  });

  it("registers organisations, campaigns, signers and a keyring, each audited", async () => {
    const org = await postJson(h, admin, "/api/v1/admin/organisations", { orgnr: "212000-1355", name: "Ny kommun" });
    expect(org.status).toBe(201);
    expect(await org.json()).toMatchObject({ orgnr: "2120001355", actorGroup: "municipality" });
    const list = (await (await as(h, admin, "/api/v1/admin/organisations")).json()) as { organisations: Array<{ orgnr: string }> };
    expect(list.organisations.map((o) => o.orgnr)).toContain("2120001355");

    expect((await postJson(h, admin, "/api/v1/admin/campaigns", { id: "itsak-2027", surveyModelId: "itsakkollen-example", opensAt: "2027-01-01T00:00:00Z" })).status).toBe(201);
    const [c] = await h.deps.db.orm.select().from(campaigns).where(eq(campaigns.id, "itsak-2027"));
    expect(c?.opensAt?.toISOString()).toBe("2027-01-01T00:00:00.000Z");

    const s = await makeSigner();
    const signer = await postJson(h, admin, "/api/v1/admin/signers", { orgnr: "2120001355", jwk: s.publicJwk });
    expect(await signer.json()).toMatchObject({ kid: s.kid });
    expect(await h.deps.db.orm.select().from(signers).where(eq(signers.kid, s.kid))).toHaveLength(1);

    const id = await generateX25519Identity();
    const jws = await createKeyring({ format: "kollen-keyring/1", authority: { name: "MSB", id: "msb" }, issuedAt: "2026-02-01T00:00:00Z", recipients: [{ id: await recipientKeyId(id.recipient), recipient: id.recipient, status: "current" }] }, DEV_KEYRING_PRIVATE_JWK as JWK);
    expect((await postJson(h, admin, "/api/v1/admin/keyring", { jws })).status).toBe(201);
    expect(await (await h.app.request("/api/v1/recipients")).text()).toBe(jws);

    const audit = (await (await as(h, admin, "/api/v1/admin/audit")).json()) as { chain: { ok: boolean }; events: Array<{ actor: string }> };
    expect(audit.chain.ok).toBe(true);
    expect(audit.events.filter((e) => e.actor === `user:${admin.userId}`).length).toBeGreaterThanOrEqual(4);
  });

  it("refuses bad input with stable codes", async () => {
    expect((await problem(await postJson(h, admin, "/api/v1/admin/organisations", { orgnr: "212000-1356", name: "Fel" }))).code).toBe("ORGNR_CHECKSUM");
    expect((await problem(await postJson(h, admin, "/api/v1/admin/organisations", { orgnr: "212000-1355" }))).code).toBe("BAD_INPUT");
    expect((await problem(await postJson(h, admin, "/api/v1/admin/campaigns", { id: "Ogiltig id!", surveyModelId: "x" }))).code).toBe("BAD_INPUT");
    expect((await problem(await postJson(h, admin, "/api/v1/admin/signers", { orgnr: "2120001355", jwk: { kty: "RSA" } }))).code).toMatch(/^KEY_/);
    expect((await problem(await postJson(h, admin, "/api/v1/admin/keyring", { jws: "a.b.c" }))).code).toMatch(/^KEYRING_/);
  });
});
