/**
 * GET /api/v1/campaigns and GET /api/v1/campaigns/{id}/model: the open campaigns, and the exact bytes
 * of a campaign's survey model (its SHA-256 is the file's); unknown, closed and not yet open campaigns
 * are the same 404 problem. On Node the files come from schemas/models, on Workers from the static
 * assets binding.
 */
import { readFileSync } from "node:fs";
import { exportJWK, generateKeyPair } from "jose";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { addCampaign } from "../../../server/registry/add-campaign.ts";
import { defaultModelsDir, fileModels } from "../../../server/node/web-assets.node.ts";
import { workersDeps } from "../../../server/workers/deps.workers.ts";
import { modelSha256 } from "../../../schemas/survey-model.ts";
import { CAMPAIGN, harness, T0, type Harness } from "../helpers.ts";

const MODELS = join(import.meta.dirname, "..", "..", "..", "schemas", "models");
const INFOSAK = new Uint8Array(readFileSync(join(MODELS, "infosakkollen-example.json")));

let h: Harness;
afterEach(() => h?.close());

async function withModels(runtime: "node" | "workers" = "node") {
  h = await harness({}, runtime);
  h.deps.surveyModels = fileModels(defaultModelsDir()!);
  await addCampaign(h.deps.db, { id: "itsak-2026", surveyModelId: "itsakkollen-example" }, T0);
  await addCampaign(h.deps.db, { id: "closed-2025", surveyModelId: "infosakkollen-example", closesAt: new Date("2026-01-01T00:00:00Z") }, T0);
  await addCampaign(h.deps.db, { id: "later-2027", surveyModelId: "infosakkollen-example", opensAt: new Date("2027-01-01T00:00:00Z") }, T0);
  await addCampaign(h.deps.db, { id: "pinned-wrong", surveyModelId: "infosakkollen-example", surveyModelSha256: "c".repeat(64) }, T0);
  return createApp(h.deps);
}

describe("GET /api/v1/campaigns", () => {
  it("lists the open campaigns with the model's title and kind, never the closed or not yet open ones", async () => {
    const app = await withModels();
    const res = await app.request("/api/v1/campaigns");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { campaigns: Array<{ id: string; title: { sv: string }; surveyModelId: string; kind: string | null; opensAt: string | null; closesAt: string | null }> };
    expect(body.campaigns.map((c) => c.id)).toEqual([CAMPAIGN, "itsak-2026", "pinned-wrong"]);
    const infosak = body.campaigns[0]!;
    expect(infosak).toMatchObject({ surveyModelId: "infosakkollen-example", kind: "infosakkollen", opensAt: "2026-01-01T00:00:00.000Z", closesAt: "2026-12-31T00:00:00.000Z" });
    expect(infosak.title.sv).toMatch(/Infosäkkollen/);
    expect(body.campaigns[1]).toMatchObject({ kind: "itsakkollen", opensAt: null, closesAt: null });
  });

  it("moves with the clock: after the close the campaign is gone", async () => {
    const app = await withModels();
    h.clock.t = new Date("2026-12-31T00:00:00Z");
    const body = (await (await app.request("/api/v1/campaigns")).json()) as { campaigns: Array<{ id: string }> };
    expect(body.campaigns.map((c) => c.id)).not.toContain(CAMPAIGN);
  });
});

describe("GET /api/v1/campaigns/{id}/model", () => {
  it("answers the exact bytes of the shipped file, so the hash matches", async () => {
    const app = await withModels();
    const res = await app.request(`/api/v1/campaigns/${CAMPAIGN}/model`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes).toEqual(INFOSAK);
    expect(await modelSha256(bytes)).toBe(await modelSha256(INFOSAK));
  });

  it.each([
    ["an unknown campaign", "no-such-campaign"],
    ["a closed campaign", "closed-2025"],
    ["a campaign not yet open", "later-2027"],
    ["a malformed id", "..%2Fetc"],
    ["a campaign pinned to another model hash", "pinned-wrong"],
  ])("%s is a 404 problem", async (_what, id) => {
    const app = await withModels();
    const res = await app.request(`/api/v1/campaigns/${id}/model`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as { code: string }).code).toBe("NOT_FOUND");
  });

  it("is 404 when the server ships no such model file", async () => {
    const app = await withModels();
    await addCampaign(h.deps.db, { id: "unshipped", surveyModelId: "no-such-model" }, T0);
    const res = await app.request("/api/v1/campaigns/unshipped/model");
    expect(res.status).toBe(404);
    const list = (await (await app.request("/api/v1/campaigns")).json()) as { campaigns: Array<{ id: string; kind: string | null; title: { sv: string } }> };
    expect(list.campaigns.find((c) => c.id === "unshipped")).toMatchObject({ kind: null, title: { sv: "unshipped" } });
  });

  it("on Workers, reads the model from the static assets binding", async () => {
    h = await harness({}, "workers");
    const requested: string[] = [];
    const ASSETS = {
      fetch: async (req: Request) => {
        requested.push(new URL(req.url).pathname);
        return new URL(req.url).pathname === "/models/infosakkollen-example.json" ? new Response(INFOSAK) : new Response("nope", { status: 404 });
      },
    };
    const { web, surveyModels } = await workersDeps({ DB: {}, BLOBS: {} as never, RECEIPT_PRIVATE_JWK: JSON.stringify(await exportedKey()), ASSETS });
    // the Worker has no model port of its own: the models come from the assets' models/ folder
    expect(surveyModels).toBeUndefined();
    h.deps.web = web!;
    delete h.deps.surveyModels;
    const app = createApp(h.deps);
    const res = await app.request(`/api/v1/campaigns/${CAMPAIGN}/model`);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(INFOSAK);
    expect(requested).toContain("/models/infosakkollen-example.json");
  });
});

async function exportedKey() {
  const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  return { ...(await exportJWK(privateKey)), kid: "k1" };
}
