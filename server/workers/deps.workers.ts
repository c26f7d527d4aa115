/**
 * The ports of createApp from a Worker's bindings (DESIGN.md § Server): D1 for the one sqlite-core
 * schema, R2 for package blobs, WebCrypto and @noble/hashes — nothing Node-specific. Bindings, vars and
 * secrets (wrangler.toml; docs/OPERATIONS.md § Cloudflare Workers):
 *
 *   DB (D1), BLOBS (R2), ASSETS (static assets: the built pages in dist/web, optional),
 *   RECEIPT_PRIVATE_JWK (secret: the Ed25519 private JWK with kid; `kollen admin receipt-key new
 *   --format wrangler-secret`), RETIRED_RECEIPT_JWKS (optional: JSON array of retired public JWKs),
 *   BOOTSTRAP_TOKEN (optional secret: the first admin, server/accounts/bootstrap.ts), AUTHORITY_NAME,
 *   ISSUER, MAX_PACKAGE_BYTES, BODY_TIMEOUT_MS, FOUR_EYES, MAX_CLOCK_SKEW_MS, ORGANISATION_QUOTA_BYTES,
 *   RETENTION_DAYS.
 *
 * A malformed binding throws a KollenError("INTERNAL") whose message names the binding, never its value.
 */
import { importJWK, type JWK } from "jose";
import { nobleSha256 } from "../../encoding/sha256.noble.ts";
import { KollenError } from "../../schemas/errors.ts";
import { BOOTSTRAP_TOKEN_RULE, isUsableBootstrapToken } from "../accounts/bootstrap.ts";
import { WORKERS_COST } from "../accounts/password.ts";
import type { AppDeps, ServerKeys, WebAssets } from "../ports.ts";
import { DEFAULT_MAX_CLOCK_SKEW_MS, DEFAULT_ORGANISATION_QUOTA_BYTES } from "../submissions/receive.ts";
import { d1Db } from "./d1.workers.ts";
import { r2BlobStore, type R2Like } from "./r2-blob-store.workers.ts";

/** The Workers static-assets binding (`[assets] binding = "ASSETS"`). */
export interface AssetsLike {
  fetch(request: Request | string): Promise<Response>;
}

export interface WorkersEnv {
  DB: unknown;
  BLOBS: R2Like;
  ASSETS?: AssetsLike;
  RECEIPT_PRIVATE_JWK: string;
  RETIRED_RECEIPT_JWKS?: string;
  BOOTSTRAP_TOKEN?: string;
  AUTHORITY_NAME?: string;
  ISSUER?: string;
  MAX_PACKAGE_BYTES?: string;
  BODY_TIMEOUT_MS?: string;
  FOUR_EYES?: string;
  MAX_CLOCK_SKEW_MS?: string;
  ORGANISATION_QUOTA_BYTES?: string;
  RETENTION_DAYS?: string;
}

/**
 * The request-body limit of Cloudflare's Free and Pro plans (Business: 200 MB, Enterprise: 500 MB by
 * default). A package limit at or above it would let the platform cut the request with its own bare
 * 413 before the app can answer; the app's limit must stay below it (docs/OPERATIONS.md).
 */
export const PLATFORM_BODY_LIMIT = 100 * 1000 * 1000;
/** The default package limit on Workers: below PLATFORM_BODY_LIMIT, so the app's 413 answers first. */
export const DEFAULT_MAX_PACKAGE_BYTES = 95 * 1000 * 1000;

function misconfigured(binding: string, what: string): KollenError {
  return new KollenError("INTERNAL", `Workers binding ${binding} ${what}`);
}

function parseJson(binding: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw misconfigured(binding, "is not JSON");
  }
}

function positiveInteger(binding: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw misconfigured(binding, "must be a positive integer");
  return n;
}

async function loadKeys(env: WorkersEnv): Promise<ServerKeys> {
  if (!env.RECEIPT_PRIVATE_JWK) throw misconfigured("RECEIPT_PRIVATE_JWK", "is not set (wrangler secret put RECEIPT_PRIVATE_JWK)");
  const jwk = parseJson("RECEIPT_PRIVATE_JWK", env.RECEIPT_PRIVATE_JWK) as JWK;
  if (jwk?.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.d !== "string" || typeof jwk.x !== "string" || typeof jwk.kid !== "string")
    throw misconfigured("RECEIPT_PRIVATE_JWK", "must be an Ed25519 private JWK with kid");
  let privateKey: CryptoKey;
  try {
    privateKey = (await importJWK({ kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d }, "EdDSA")) as CryptoKey;
  } catch {
    throw misconfigured("RECEIPT_PRIVATE_JWK", "is not a valid Ed25519 key");
  }
  const retired = env.RETIRED_RECEIPT_JWKS ? parseJson("RETIRED_RECEIPT_JWKS", env.RETIRED_RECEIPT_JWKS) : [];
  if (!Array.isArray(retired) || retired.some((k: JWK) => k?.kty !== "OKP" || k.crv !== "Ed25519" || typeof k.x !== "string" || typeof k.kid !== "string" || "d" in k))
    throw misconfigured("RETIRED_RECEIPT_JWKS", "must be a JSON array of Ed25519 public JWKs with kid");
  return {
    receipt: { kid: jwk.kid, privateKey },
    publicJwks: [{ kty: "OKP", crv: "Ed25519", x: jwk.x, kid: jwk.kid }, ...(retired as JWK[]).map((k) => ({ kty: "OKP", crv: "Ed25519", x: k.x!, kid: k.kid! }))],
  };
}

/**
 * The built pages through the static-assets binding, as the WebAssets port (paths below /assets/).
 * No precompressed `.gz` variants: a Worker's response is compressed by the runtime itself (a body
 * sent with `content-encoding: gzip` would be compressed twice).
 */
function assetsPort(assets: AssetsLike): WebAssets {
  return {
    async get(path) {
      if (path.endsWith(".gz")) return undefined;
      const res = await assets.fetch(new Request(`https://assets.invalid/${path}`));
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        return undefined;
      }
      return res.body;
    },
  };
}

/**
 * The ports from the Worker's bindings; throws KollenError("INTERNAL") naming a malformed binding.
 * @example const app = createApp(await workersDeps(env))
 */
export async function workersDeps(env: WorkersEnv): Promise<AppDeps> {
  const maxPackageBytes = positiveInteger("MAX_PACKAGE_BYTES", env.MAX_PACKAGE_BYTES, DEFAULT_MAX_PACKAGE_BYTES);
  if (maxPackageBytes >= PLATFORM_BODY_LIMIT) throw misconfigured("MAX_PACKAGE_BYTES", `must be below the platform's request-body limit (${PLATFORM_BODY_LIMIT} bytes on the Free and Pro plans)`);
  const deps: AppDeps = {
    db: d1Db(env.DB),
    blobs: r2BlobStore(env.BLOBS),
    clock: { now: () => new Date() },
    config: {
      authorityName: env.AUTHORITY_NAME ?? "MSB",
      issuer: env.ISSUER ?? "kollen",
      maxPackageBytes,
      bodyTimeoutMs: positiveInteger("BODY_TIMEOUT_MS", env.BODY_TIMEOUT_MS, 10 * 60 * 1000),
      fourEyes: env.FOUR_EYES === "true",
      maxClockSkewMs: positiveInteger("MAX_CLOCK_SKEW_MS", env.MAX_CLOCK_SKEW_MS, DEFAULT_MAX_CLOCK_SKEW_MS),
      organisationQuotaBytes: positiveInteger("ORGANISATION_QUOTA_BYTES", env.ORGANISATION_QUOTA_BYTES, DEFAULT_ORGANISATION_QUOTA_BYTES),
      ...(env.RETENTION_DAYS ? { retentionDays: positiveInteger("RETENTION_DAYS", env.RETENTION_DAYS, 365) } : {}),
      // native WebCrypto PBKDF2 instead of scrypt in JavaScript: within the Workers CPU limits
      passwordCost: WORKERS_COST,
    },
    keys: await loadKeys(env),
    createHash: nobleSha256,
    // set by Cloudflare's edge, not by the client: the login rate limit's per-address key
    clientAddress: (c) => c.req.header("cf-connecting-ip"),
  };
  if (env.BOOTSTRAP_TOKEN) {
    if (!isUsableBootstrapToken(env.BOOTSTRAP_TOKEN)) throw misconfigured("BOOTSTRAP_TOKEN", BOOTSTRAP_TOKEN_RULE);
    deps.config.bootstrapToken = env.BOOTSTRAP_TOKEN;
  }
  if (env.ASSETS) deps.web = assetsPort(env.ASSETS);
  return deps;
}
