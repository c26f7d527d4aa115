/** /.well-known/jwks.json: the receipt keys (RFC 7517 JWK Set), current and retired. */
import { createRoute } from "@hono/zod-openapi";
import { JwksSchema } from "../../schemas/api.ts";
import { apiApp, json } from "../lib/openapi.ts";
import type { AppDeps } from "../ports.ts";

const route = createRoute({ method: "get", path: "/jwks.json", summary: "Receipt verification keys", responses: { 200: json(JwksSchema, "JWK Set") } });

/** The well-known sub-app. */
export function wellKnownRoutes(deps: AppDeps) {
  // the receipt keys are Ed25519 public JWKs with their thumbprint as kid (receipts/sign.ts)
  const jwks = { keys: deps.keys.publicJwks.map((k) => ({ kty: "OKP" as const, crv: "Ed25519" as const, x: k.x as string, kid: k.kid as string, alg: "EdDSA" as const, use: "sig" as const })) };
  return apiApp().openapi(route, (c) => {
    c.header("cache-control", "public, max-age=3600");
    return c.json(jwks, 200);
  });
}
