/**
 * The public campaign routes the questionnaire and the portal read before anyone has an account:
 *
 *   GET /api/v1/campaigns             the campaigns open now (opened, not yet closed)
 *   GET /api/v1/campaigns/{id}/model  the exact bytes of the campaign's survey model file
 *
 * The model is served byte for byte (never re-serialised), so the SHA-256 the browser puts in the
 * manifest is the one the campaign expects. An unknown, closed or not yet open campaign is one and
 * the same 404 problem: the answer says nothing about which it was.
 */
import { createRoute } from "@hono/zod-openapi";
import { asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { CampaignParam, OpenCampaigns } from "../../schemas/api.ts";
import { KollenError } from "../../schemas/errors.ts";
import { ModelId } from "../../schemas/ids.ts";
import { loadSurveyModel, modelSha256, type SurveyModel } from "../../schemas/survey-model.ts";
import { campaigns } from "../db/schema.ts";
import { apiApp, json, problems } from "../lib/openapi.ts";
import type { AppDeps, SurveyModelFiles } from "../ports.ts";

/** The media type of a model file. */
export const MODEL_MEDIA_TYPE = "application/json";

const NO_CAMPAIGN = "no open campaign with that id";

const listRoute = createRoute({
  method: "get",
  path: "/",
  summary: "The campaigns open for answers now",
  responses: { 200: json(OpenCampaigns, "open campaigns, by id") },
});

const modelRoute = createRoute({
  method: "get",
  path: "/{id}/model",
  summary: "The survey model of an open campaign, as the exact bytes of the shipped file",
  description: "SHA-256 of the body = the surveyModel.sha256 a package for this campaign carries (kollen-survey-model/1).",
  request: { params: CampaignParam },
  responses: { 200: { description: "the model file, byte for byte (application/json, kollen-survey-model/1)" }, ...problems({ 404: "NOT_FOUND: unknown, closed or not yet open campaign" }) },
});

type CampaignRow = typeof campaigns.$inferSelect;

/** Open at `now`: opened (or no opening date) and not yet closed. */
const isOpen = (c: CampaignRow, now: Date) => (!c.opensAt || c.opensAt.getTime() <= now.getTime()) && (!c.closesAt || now.getTime() < c.closesAt.getTime());

/** The model files of this installation: the port, else the web assets' models/ folder. */
export function surveyModelFiles(deps: Pick<AppDeps, "surveyModels" | "web">): SurveyModelFiles {
  if (deps.surveyModels) return deps.surveyModels;
  const web = deps.web;
  return {
    async get(id) {
      if (!web || !ModelId.safeParse(id).success) return undefined;
      const body = await web.get(`models/${id}.json`);
      return body instanceof ReadableStream ? new Uint8Array(await new Response(body).arrayBuffer()) : body;
    },
  };
}

/** The campaigns sub-app, mounted at /api/v1/campaigns. */
export function campaignsRoutes(deps: AppDeps) {
  const files = surveyModelFiles(deps);
  // the shipped model files do not change while the server runs: each is read, checked and hashed once
  const shipped = new Map<string, Promise<{ bytes: Uint8Array; model?: SurveyModel; sha256: string } | undefined>>();
  const shippedModel = (id: string) => {
    let got = shipped.get(id);
    if (!got) {
      got = files.get(id).then(async (bytes) => {
        if (!bytes) return undefined;
        const model = await loadSurveyModel(bytes).then((l) => l.model, () => undefined);
        return { bytes, model, sha256: await modelSha256(bytes) };
      });
      got.catch(() => shipped.delete(id)); // a failed read is tried again next time
      shipped.set(id, got);
    }
    return got;
  };
  return apiApp()
    .openapi(listRoute, async (c) => {
      const now = deps.clock.now();
      const rows = (await deps.db.orm.select().from(campaigns).orderBy(asc(campaigns.id))).filter((r) => isOpen(r, now));
      const out: z.infer<typeof OpenCampaigns>["campaigns"] = [];
      for (const r of rows) {
        const model = (await shippedModel(r.surveyModelId))?.model;
        out.push({
          id: r.id,
          title: model ? { sv: model.title.sv, en: model.title.en } : { sv: r.id, en: r.id },
          surveyModelId: r.surveyModelId,
          kind: model?.kind ?? null,
          opensAt: r.opensAt?.toISOString() ?? null,
          closesAt: r.closesAt?.toISOString() ?? null,
        });
      }
      c.header("cache-control", "no-cache");
      return c.json({ campaigns: out }, 200);
    })
    .openapi(modelRoute, async (c) => {
      const { id } = c.req.valid("param");
      const [row] = await deps.db.orm.select().from(campaigns).where(eq(campaigns.id, id)).limit(1);
      if (!row || !isOpen(row, deps.clock.now())) throw new KollenError("NOT_FOUND", NO_CAMPAIGN);
      const file = await shippedModel(row.surveyModelId);
      if (!file) throw new KollenError("NOT_FOUND", "the campaign's survey model is not shipped with this server");
      const { bytes } = file;
      // a campaign pinned to a hash gets that file or nothing: packages made from another would be refused
      if (row.surveyModelSha256 && file.sha256 !== row.surveyModelSha256) throw new KollenError("NOT_FOUND", "the shipped survey model is not the one the campaign names");
      c.header("cache-control", "no-cache");
      c.header("content-type", MODEL_MEDIA_TYPE);
      return c.body(bytes as Uint8Array<ArrayBuffer>);
    });
}
