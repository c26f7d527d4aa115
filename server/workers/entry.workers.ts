/**
 * The Cloudflare Workers runtime for createApp (DESIGN.md § Server): D1 for the one sqlite-core
 * schema (migrations from server/db/migrations via wrangler.toml `migrations_dir`), R2 for package
 * blobs, WebCrypto and @noble/hashes — nothing Node-specific. Bindings and secrets:
 *
 *   DB (D1), BLOBS (R2), RECEIPT_PRIVATE_JWK (secret: the Ed25519 private JWK with kid),
 *   RETIRED_RECEIPT_JWKS (optional: JSON array of retired public JWKs), AUTHORITY_NAME, ISSUER,
 *   MAX_PACKAGE_BYTES, BODY_TIMEOUT_MS, FOUR_EYES; ASSETS (static assets: dist/web, for the survey models).
 *
 * The registry (organisations, signers, campaigns, keyring) is kept through the admin API by a staff
 * account; CAs and the first admin account are written with `wrangler d1 execute`
 * (docs/OPERATIONS.md § Cloudflare Workers).
 */
import { drizzle } from "drizzle-orm/d1";
import { importJWK, type JWK } from "jose";
import { nobleSha256 } from "../../client-kit/lib/hash.ts";
import { createApp } from "../app.ts";
import * as schema from "../db/schema.ts";
import type { AppDeps, BlobStore, Db, DbPort, ServerKeys, Statement, SurveyModelFiles } from "../ports.ts";

/** The slice of the R2 binding used here (see @cloudflare/workers-types R2Bucket). */
export interface R2Like {
  put(key: string, value: Uint8Array | ArrayBuffer): Promise<unknown>;
  get(key: string): Promise<{ body: ReadableStream<Uint8Array> } | null>;
  delete(key: string): Promise<void>;
  createMultipartUpload(key: string): Promise<{
    uploadPart(n: number, value: Uint8Array): Promise<{ partNumber: number; etag: string }>;
    complete(parts: Array<{ partNumber: number; etag: string }>): Promise<unknown>;
    abort(): Promise<void>;
  }>;
}

export interface WorkersEnv {
  DB: unknown;
  BLOBS: R2Like;
  RECEIPT_PRIVATE_JWK: string;
  RETIRED_RECEIPT_JWKS?: string;
  AUTHORITY_NAME?: string;
  ISSUER?: string;
  MAX_PACKAGE_BYTES?: string;
  BODY_TIMEOUT_MS?: string;
  FOUR_EYES?: string;
  /** the static assets binding (wrangler.toml [assets], dist/web): the shipped survey models */
  ASSETS?: { fetch(request: Request): Promise<Response> };
}

/** R2 part size: parts but the last must be ≥ 5 MiB; memory stays at one part per upload. */
const PART = 8 * 1024 * 1024;

/**
 * Blobs in R2. Objects are written once under `uploads/<uuid>`; R2 has no rename, so `commit`
 * keeps that key (the row records it) and an object no row points at is a leftover to sweep.
 */
function r2BlobStore(bucket: R2Like): BlobStore {
  return {
    async putTemp(body) {
      const key = `uploads/${crypto.randomUUID()}.kollen`;
      const reader = body.getReader();
      let buf = new Uint8Array(PART);
      let fill = 0;
      let size = 0;
      let upload: Awaited<ReturnType<R2Like["createMultipartUpload"]>> | undefined;
      const parts: Array<{ partNumber: number; etag: string }> = [];
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.byteLength;
          let at = 0;
          while (at < value.byteLength) {
            const take = Math.min(PART - fill, value.byteLength - at);
            buf.set(value.subarray(at, at + take), fill);
            fill += take;
            at += take;
            if (fill === PART) {
              upload ??= await bucket.createMultipartUpload(key);
              parts.push(await upload.uploadPart(parts.length + 1, buf));
              buf = new Uint8Array(PART);
              fill = 0;
            }
          }
        }
        if (!upload) await bucket.put(key, buf.slice(0, fill));
        else {
          if (fill > 0) parts.push(await upload.uploadPart(parts.length + 1, buf.slice(0, fill)));
          await upload.complete(parts);
        }
      } catch (e) {
        await upload?.abort().catch(() => {});
        await bucket.delete(key).catch(() => {});
        throw e;
      }
      return { tempKey: key, size };
    },
    async commit(temp) {
      return temp.tempKey;
    },
    async discard(temp) {
      await bucket.delete(temp.tempKey);
    },
    async delete(key) {
      await bucket.delete(key);
    },
    async get(key) {
      const o = await bucket.get(key);
      return o ? o.body : undefined;
    },
  };
}

/** D1 through drizzle: `batch` is D1's atomic batch. */
function d1Db(d1: unknown): DbPort {
  const orm = drizzle(d1 as never, { schema });
  return {
    orm: orm as unknown as Db,
    async batch(statements: Statement[]) {
      if (statements.length === 0) return;
      await orm.batch(statements as [Statement, ...Statement[]]);
    },
  };
}

async function loadKeys(env: WorkersEnv): Promise<ServerKeys> {
  const jwk = JSON.parse(env.RECEIPT_PRIVATE_JWK) as JWK;
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || !jwk.d || !jwk.kid) throw new Error("RECEIPT_PRIVATE_JWK must be an Ed25519 private JWK with kid");
  const privateKey = (await importJWK({ kty: "OKP", crv: "Ed25519", x: jwk.x!, d: jwk.d }, "EdDSA")) as CryptoKey;
  const retired = env.RETIRED_RECEIPT_JWKS ? (JSON.parse(env.RETIRED_RECEIPT_JWKS) as JWK[]) : [];
  return { receipt: { kid: jwk.kid, privateKey }, publicJwks: [{ kty: "OKP", crv: "Ed25519", x: jwk.x!, kid: jwk.kid }, ...retired.map((k) => ({ kty: "OKP", crv: "Ed25519", x: k.x!, kid: k.kid! }))] };
}

/** The ports from the Worker's bindings. */
export async function workersDeps(env: WorkersEnv): Promise<AppDeps> {
  return {
    db: d1Db(env.DB),
    blobs: r2BlobStore(env.BLOBS),
    clock: { now: () => new Date() },
    config: {
      authorityName: env.AUTHORITY_NAME ?? "MSB",
      issuer: env.ISSUER ?? "kollen",
      maxPackageBytes: Number(env.MAX_PACKAGE_BYTES ?? 100 * 1024 * 1024),
      bodyTimeoutMs: Number(env.BODY_TIMEOUT_MS ?? 10 * 60 * 1000),
      fourEyes: env.FOUR_EYES === "true",
    },
    keys: await loadKeys(env),
    createHash: nobleSha256,
    // set by Cloudflare's edge, not by the client: the login rate limit's per-address key
    clientAddress: (c) => c.req.header("cf-connecting-ip"),
    ...(env.ASSETS ? { surveyModels: assetModels(env.ASSETS) } : {}),
  };
}

/** The survey model files from the static assets (scripts/build-web.mjs copies them to dist/web/models). */
function assetModels(assets: NonNullable<WorkersEnv["ASSETS"]>): SurveyModelFiles {
  return {
    async get(id) {
      if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(id)) return undefined;
      const res = await assets.fetch(new Request(`https://assets.invalid/models/${id}.json`));
      return res.ok ? new Uint8Array(await res.arrayBuffer()) : undefined;
    },
  };
}

let app: Promise<ReturnType<typeof createApp>> | undefined;

export default {
  async fetch(request: Request, env: WorkersEnv): Promise<Response> {
    app ??= workersDeps(env).then(createApp);
    return (await app).fetch(request, env);
  },
};
