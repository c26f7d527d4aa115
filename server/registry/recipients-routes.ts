/** GET /api/v1/recipients: the authority's signed keyring, which the kit checks against its pinned keys. */
import { createRoute } from "@hono/zod-openapi";
import { KollenError } from "../../schemas/errors.ts";
import { apiApp, problems } from "../lib/openapi.ts";
import type { AppDeps } from "../ports.ts";
import { currentKeyring } from "./install-keyring.ts";

export const KEYRING_MEDIA_TYPE = "application/jose";

const route = createRoute({
  method: "get",
  path: "/",
  summary: "The authority's signed recipient keyring",
  description: "A JWS signed by the authority's keyring key; the kit verifies it against its pinned keys before encrypting.",
  responses: { 200: { description: "keyring JWS", content: { [KEYRING_MEDIA_TYPE]: { schema: { type: "string" } } } }, ...problems({ 404: "no keyring installed" }) },
});

/** The recipients sub-app. */
export function recipientsRoutes(deps: AppDeps) {
  return apiApp().openapi(route, async (c) => {
    const k = await currentKeyring(deps.db);
    if (!k) throw new KollenError("NOT_FOUND", "no keyring has been installed yet");
    c.header("cache-control", "public, max-age=300");
    return c.body(k.jws, 200, { "content-type": KEYRING_MEDIA_TYPE });
  });
}
