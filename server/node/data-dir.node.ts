/**
 * The embedded server's data folder (`--data DIR`): what `kollen admin init` creates and
 * `kollen serve` opens.
 *
 *   DIR/config.json                 authority name, issuer, limits (edit and restart)
 *   DIR/kollen.sqlite (+ -wal)      the database (migrations applied at open)
 *   DIR/blobs/submissions/*.kollen  stored packages (ciphertext); DIR/blobs/tmp/ during upload
 *   DIR/keys/receipt.private.jwk    the receipt signing key (0600); keys/retired/*.public.jwk stay in the JWKS
 *   DIR/DEV-authority-identity.txt  only for DEV setups: the authority's age identity — never in production
 */
import { chmod, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createPrivateKey, sign } from "node:crypto";
import { join } from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { z } from "zod";
import { KollenError } from "../../schemas/errors.ts";
import type { ServerConfig, ServerKeys } from "../ports.ts";

const DEFAULT_CONFIG: ServerConfig = {
  authorityName: "MSB",
  issuer: "kollen",
  maxPackageBytes: 256 * 1024 * 1024,
  bodyTimeoutMs: 10 * 60 * 1000,
  fourEyes: false,
};

const ConfigFile = z.object({
  authorityName: z.string().min(1).max(200),
  issuer: z.string().min(1).max(500),
  maxPackageBytes: z.int().positive().max(8 * 1024 ** 3),
  bodyTimeoutMs: z.int().positive(),
  fourEyes: z.boolean(),
  dev: z.boolean().optional(),
  /** the server sits behind a reverse proxy that sets X-Forwarded-For: login limits use that address */
  trustProxy: z.boolean().optional(),
  /** how far a manifest's createdAt may be ahead of the clock (FORMAT.md rule U3) */
  maxClockSkewMs: z.int().nonnegative().optional(),
  /** stored package bytes per organisation and campaign */
  organisationQuotaBytes: z.int().positive().optional(),
  /** days after which superseded and rejected packages' blobs are deleted (rows stay) */
  retentionDays: z.int().positive().optional(),
});
export type ConfigFile = z.infer<typeof ConfigFile>;

export const paths = (dir: string) => ({
  config: join(dir, "config.json"),
  db: join(dir, "kollen.sqlite"),
  blobs: join(dir, "blobs"),
  keys: join(dir, "keys"),
  receiptKey: join(dir, "keys", "receipt.private.jwk"),
  retiredKeys: join(dir, "keys", "retired"),
  devIdentity: join(dir, "DEV-authority-identity.txt"),
});

/** True when `dir` holds an initialised data folder. */
export function isInitialised(dir: string): boolean {
  const p = paths(dir);
  return existsSync(p.config) && existsSync(p.receiptKey);
}

/** Creates the folder, config and receipt key (if missing). Returns the config in force. */
export async function createDataDir(dir: string, config: Partial<ConfigFile>): Promise<ConfigFile> {
  const p = paths(dir);
  await mkdir(p.keys, { recursive: true, mode: 0o700 });
  await mkdir(join(p.blobs, "tmp"), { recursive: true });
  let cfg: ConfigFile;
  if (existsSync(p.config)) cfg = await readConfig(dir);
  else {
    cfg = ConfigFile.parse({ ...DEFAULT_CONFIG, ...config });
    await writeFile(p.config, JSON.stringify(cfg, null, 2) + "\n", { flag: "wx" });
  }
  if (!existsSync(p.receiptKey)) {
    const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
    const jwk = await exportJWK(privateKey);
    jwk.kid = await calculateJwkThumbprint({ kty: jwk.kty!, crv: jwk.crv!, x: jwk.x! }, "sha256");
    await writeFile(p.receiptKey, JSON.stringify(jwk) + "\n", { flag: "wx", mode: 0o600 });
    await chmod(p.receiptKey, 0o600);
  }
  return cfg;
}

/**
 * Rotates the receipt key: the current public key moves to keys/retired/ (still published, so old
 * receipts keep verifying) and a new private key takes its place. Restart the server afterwards.
 */
export async function rotateReceiptKey(dir: string): Promise<{ retired: string; current: string }> {
  const p = paths(dir);
  const old = JSON.parse(await readFile(p.receiptKey, "utf8")) as JWK;
  const oldKid = old.kid ?? (await calculateJwkThumbprint({ kty: old.kty!, crv: old.crv!, x: old.x! }, "sha256"));
  await mkdir(p.retiredKeys, { recursive: true });
  await writeFile(join(p.retiredKeys, `${oldKid}.public.jwk`), JSON.stringify({ kty: old.kty, crv: old.crv, x: old.x, kid: oldKid }) + "\n", { flag: "wx" });
  await rm(p.receiptKey);
  await createDataDir(dir, {});
  const now = JSON.parse(await readFile(p.receiptKey, "utf8")) as JWK;
  return { retired: oldKid, current: now.kid! };
}

export async function readConfig(dir: string): Promise<ConfigFile> {
  const parsed = ConfigFile.safeParse(JSON.parse(await readFile(paths(dir).config, "utf8")));
  if (!parsed.success) throw new KollenError("BAD_INPUT", `config.json is not valid: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
  return parsed.data;
}

/** The receipt key and the published JWKS (current first, then retired public keys). */
export async function loadKeys(dir: string): Promise<ServerKeys> {
  const p = paths(dir);
  const jwk = JSON.parse(await readFile(p.receiptKey, "utf8")) as JWK;
  const kid = jwk.kid ?? (await calculateJwkThumbprint({ kty: jwk.kty!, crv: jwk.crv!, x: jwk.x! }, "sha256"));
  const privateKey = (await importJWK({ ...jwk, alg: "EdDSA" }, "EdDSA")) as CryptoKey;
  const keyObject = createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x!, d: jwk.d! }, format: "jwk" });
  const signSync = (data: Uint8Array) => new Uint8Array(sign(null, data, keyObject));
  const publicJwks: JWK[] = [{ kty: "OKP", crv: "Ed25519", x: jwk.x!, kid }];
  if (existsSync(p.retiredKeys))
    for (const name of (await readdir(p.retiredKeys)).filter((n) => n.endsWith(".public.jwk")).sort()) {
      const r = JSON.parse(await readFile(join(p.retiredKeys, name), "utf8")) as JWK;
      if (r.kty === "OKP" && r.crv === "Ed25519" && typeof r.x === "string") publicJwks.push({ kty: "OKP", crv: "Ed25519", x: r.x, kid: r.kid ?? (await calculateJwkThumbprint(r, "sha256")) });
    }
  return { receipt: { kid, privateKey, signSync }, publicJwks };
}
