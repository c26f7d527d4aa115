/** /.well-known/jwks.json: the receipt keys (RFC 7517 JWK Set), current and retired. */
import { Hono } from "hono";
import type { AppDeps } from "../ports.ts";

/** The well-known sub-app. */
export function wellKnownRoutes(deps: AppDeps) {
  const jwks = { keys: deps.keys.publicJwks.map((k) => ({ kty: k.kty, crv: k.crv, x: k.x, kid: k.kid, alg: "EdDSA", use: "sig" })) };
  return new Hono().get("/jwks.json", (c) => {
    c.header("cache-control", "public, max-age=3600");
    return c.json(jwks);
  });
}
