/** GET /api/v1/recipients: the authority's signed keyring, which the kit checks against its pinned keys. */
import { Hono } from "hono";
import { KollenError } from "../../schemas/errors.ts";
import type { AppDeps } from "../ports.ts";
import { currentKeyring } from "./install-keyring.ts";

export const KEYRING_MEDIA_TYPE = "application/jose";

/** The recipients sub-app. */
export function recipientsRoutes(deps: AppDeps) {
  return new Hono().get("/", async (c) => {
    const k = await currentKeyring(deps.db);
    if (!k) throw new KollenError("NOT_FOUND", "no keyring has been installed yet");
    c.header("cache-control", "public, max-age=300");
    return c.body(k.jws, 200, { "content-type": KEYRING_MEDIA_TYPE });
  });
}
