/**
 * The Workers side of the operator commands (docs/OPERATIONS.md § Cloudflare Workers): a Worker has no
 * data folder, so these print what `wrangler secret put` and `wrangler d1 execute` take.
 *
 *   kollen admin receipt-key new --format wrangler-secret        → RECEIPT_PRIVATE_JWK (stdout)
 *   kollen admin receipt-key retire --format wrangler-secret --jwks FILE
 *                                                                  → RETIRED_RECEIPT_JWKS (stdout)
 *   kollen admin user add --print-sql …                           → SQL for the first admin
 *
 * Only the secret goes to stdout, so it can be piped straight into wrangler; notes go to stderr.
 */
import { readFile } from "node:fs/promises";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import { eq } from "drizzle-orm";
import { openNodeDb } from "../node/database.node.ts";
import { addUser } from "../accounts/add-user.ts";
import { WORKERS_COST } from "../accounts/password.ts";
import type { Role } from "../accounts/session-user.ts";
import { events, users } from "../db/schema.ts";

/** A new Ed25519 receipt key as the one-line private JWK (with kid) that RECEIPT_PRIVATE_JWK holds. */
export async function newReceiptSecret(): Promise<{ secret: string; kid: string }> {
  const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: jwk.x! }, "sha256");
  return { secret: JSON.stringify({ kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d, kid }), kid };
}

/**
 * RETIRED_RECEIPT_JWKS for the next key: every Ed25519 key the Worker publishes now (its
 * /.well-known/jwks.json, saved to `jwksFile`), public members only, so receipts signed by the key
 * being replaced keep verifying.
 */
export async function retiredReceiptSecret(jwksFile: string): Promise<{ secret: string; kids: string[] }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(jwksFile, "utf8"));
  } catch {
    throw new Error(`${jwksFile} is not a JWK Set (save /.well-known/jwks.json of the running Worker)`);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${jwksFile} has no keys`);
  const out: JWK[] = [];
  for (const k of keys as JWK[]) {
    if (k?.kty !== "OKP" || k.crv !== "Ed25519" || typeof k.x !== "string" || "d" in k) throw new Error(`${jwksFile}: only Ed25519 public keys are expected`);
    const kid = typeof k.kid === "string" ? k.kid : await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: k.x }, "sha256");
    if (!out.some((o) => o.kid === kid)) out.push({ kty: "OKP", crv: "Ed25519", x: k.x, kid });
  }
  return { secret: JSON.stringify(out), kids: out.map((k) => k.kid!) };
}

const literal = (v: string | number | null): string => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replaceAll("'", "''")}'`);

/**
 * The SQL that adds a staff account (and its audit event, sealed into the chain at the next staff
 * action) to a Worker's D1: `wrangler d1 execute kollen --remote --file admin.sql`. The account is made
 * by the same code as on Node, in a throwaway in-memory database, and read back as INSERTs.
 */
export async function userInsertSql(input: { username: string; password: string; roles: Role[] }): Promise<string> {
  const mem = openNodeDb(":memory:");
  try {
    const deps = { db: mem.db, clock: { now: () => new Date() } };
    // hashed as the Worker hashes new passwords (PBKDF2 through WebCrypto: server/accounts/password.ts)
    const { id } = await addUser(deps, input, "cli", WORKERS_COST);
    const [u] = await mem.db.orm.select().from(users).where(eq(users.id, id));
    const [e] = await mem.db.orm.select().from(events).where(eq(events.subject, id));
    return [
      `INSERT INTO users (id, username, password_hash, roles, disabled, created_at) VALUES (${[u!.id, u!.username, u!.passwordHash, u!.roles, u!.disabled ? 1 : 0, u!.createdAt.getTime()].map(literal).join(", ")});`,
      `INSERT INTO events (at, type, actor, subject, data) VALUES (${[e!.at.getTime(), e!.type, e!.actor, e!.subject, e!.data].map(literal).join(", ")});`,
      "",
    ].join("\n");
  } finally {
    mem.close();
  }
}
