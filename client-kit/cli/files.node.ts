/**
 * File helpers of the CLI: reading inputs with clear errors, writing secrets with mode 0600,
 * finding the shipped data (example models, pinned keys) from source or from dist/.
 */
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { JWK } from "jose";
import { KollenError } from "../../schemas/errors.ts";
import { loadSurveyModel, type LoadedSurveyModel } from "../../schemas/survey-model.ts";
import { staticTrustStore, type TrustStore, type TrustedSigner } from "../package/trust.ts";
import { calculateJwkThumbprint } from "jose";
import { CreatedAt } from "../../schemas/manifest.ts";
import { CanonicalOrgnr } from "../../schemas/orgnr.ts";

/** The project root: the nearest folder upwards that holds schemas/models (works from source and dist/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "schemas", "models"))) return dir;
    dir = dirname(dir);
  }
  throw new KollenError("INTERNAL", "cannot find the kollen installation folder");
}

export async function readInput(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path));
}

/** The survey model: `--model FILE`, or the shipped model named by id. */
export async function resolveModel(id: string, modelPath?: string): Promise<LoadedSurveyModel> {
  if (modelPath) return loadSurveyModel(await readInput(modelPath));
  const dir = join(projectRoot(), "schemas", "models");
  for (const f of await readdir(dir)) {
    if (!f.endsWith(".json")) continue;
    const loaded = await loadSurveyModel(await readInput(join(dir, f)));
    if (loaded.model.id === id) return loaded;
  }
  throw new KollenError("RESULT_MODEL_MISMATCH", `survey model ${id} is not shipped with this kit; pass it with --model FILE`);
}

/**
 * `--trust` files (FORMAT.md §Trust): public Ed25519 JWKs registered for the organisation in their
 * `kollen_org` member — a key without it is registered for no organisation, so its signatures FAIL
 * with SIGNER_WRONG_ORGANISATION — optionally revoked from the instant in `kollen_revoked`; and CA
 * certificates in PEM.
 */
export async function trustFromFiles(paths: string[]): Promise<TrustStore> {
  const signers: Array<TrustedSigner & { kid: string }> = [];
  const cas: string[] = [];
  for (const p of paths) {
    const text = new TextDecoder().decode(await readInput(p));
    if (text.includes("-----BEGIN CERTIFICATE-----")) {
      cas.push(text);
      continue;
    }
    let jwk: JWK & { kollen_org?: string };
    try {
      jwk = JSON.parse(text) as JWK & { kollen_org?: string };
    } catch {
      throw new KollenError("KEY_INVALID", `--trust ${p}: neither a public JWK nor a PEM certificate`);
    }
    if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") throw new KollenError("KEY_UNSUPPORTED", `--trust ${p}: not an Ed25519 public JWK`);
    if (jwk.d !== undefined) throw new KollenError("KEY_INVALID", `--trust ${p}: this is a PRIVATE key; pass the public one (.pub)`);
    const publicJwk: JWK = { kty: "OKP", crv: "Ed25519", x: jwk.x };
    const bound = jwk as { kollen_org?: unknown; kollen_revoked?: unknown };
    if (bound.kollen_org !== undefined && (typeof bound.kollen_org !== "string" || !CanonicalOrgnr.safeParse(bound.kollen_org).success))
      throw new KollenError("KEY_INVALID", `--trust ${p}: kollen_org must be a canonical organisationsnummer (10 digits)`);
    if (bound.kollen_revoked !== undefined && (typeof bound.kollen_revoked !== "string" || !CreatedAt.safeParse(bound.kollen_revoked).success))
      throw new KollenError("KEY_INVALID", `--trust ${p}: kollen_revoked must be a UTC time YYYY-MM-DDTHH:MM:SS.sssZ`);
    if (bound.kollen_org === undefined) process.stderr.write(`kollen: note: --trust ${p} names no organisation (kollen_org): it is trusted for none\n`);
    signers.push({
      kid: await calculateJwkThumbprint(publicJwk, "sha256"),
      publicJwk,
      organisations: typeof bound.kollen_org === "string" ? [bound.kollen_org] : [],
      ...(typeof bound.kollen_revoked === "string" ? { revokedFrom: new Date(bound.kollen_revoked) } : {}),
    });
  }
  return staticTrustStore(signers, cas);
}
