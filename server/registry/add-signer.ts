/**
 * Registers an organisation's Ed25519 signer key (DESIGN.md § Keys: "by a reviewer after an
 * out-of-band fingerprint check"), keyed by its RFC 7638 thumbprint, and revokes one from a date.
 */
import { eq } from "drizzle-orm";
import { calculateJwkThumbprint, type JWK } from "jose";
import { KollenError } from "../../schemas/errors.ts";
import { checkSignerJwk } from "../../keys/signer.ts";
import { events, organisations, signers } from "../db/schema.ts";
import type { DbPort } from "../ports.ts";
import { requireOrgnr } from "../../schemas/orgnr.ts";
import type { SignerSource } from "../../schemas/registry-api.ts";

/** The public half of an Ed25519 signer JWK; a private key is refused (register FILE.pub, never the secret). */
export function publicEd25519Jwk(jwk: unknown): JWK {
  const checked = checkSignerJwk(jwk);
  if (checked.d !== undefined) throw new KollenError("KEY_INVALID", "this is a private key: register the public half (the .pub file) instead");
  return { kty: "OKP", crv: "Ed25519", x: checked.x };
}

/**
 * Trusts `jwk` to sign for `orgnr` (the organisation must be registered). Returns the kid.
 * @example const kid = await addSigner(db, { orgnr: "2120000142", jwk }, now)
 */
export async function addSigner(db: DbPort, input: { orgnr: string; jwk: unknown; source?: SignerSource }, now: Date, actor = "admin"): Promise<{ kid: string; orgnr: string }> {
  const orgnr = requireOrgnr(input.orgnr);
  const publicJwk = publicEd25519Jwk(input.jwk);
  const kid = await calculateJwkThumbprint(publicJwk, "sha256");
  const [org] = await db.orm.select({ orgnr: organisations.orgnr }).from(organisations).where(eq(organisations.orgnr, orgnr));
  if (!org) throw new KollenError("ORGANISATION_UNKNOWN", "register the organisation first (kollen admin org add)");
  const [existing] = await db.orm.select({ orgnr: signers.orgnr }).from(signers).where(eq(signers.kid, kid));
  if (existing && existing.orgnr !== orgnr) throw new KollenError("CONFLICT", "this key is already registered for another organisation");
  if (existing) return { kid, orgnr };
  await db.batch([
    db.orm.insert(signers).values({ kid, orgnr, publicJwk: JSON.stringify(publicJwk), source: input.source ?? "admin", createdAt: now }),
    db.orm.insert(events).values({ at: now, type: "signer.registered", actor, subject: orgnr, data: JSON.stringify({ kid }) }),
  ]);
  return { kid, orgnr };
}

/**
 * Revokes a signer from `from`: packages signed or checked at or after it FAIL (SIGNER_REVOKED).
 * The reason (the admin's words, at most 500 characters) is kept with the key and in the audit log.
 * @example await revokeSigner(db, kid, now, now, "user:…", "the key left the organisation")
 */
export async function revokeSigner(db: DbPort, kid: string, from: Date, now: Date, actor = "admin", reason?: string): Promise<{ kid: string; orgnr: string; revokedFrom: Date }> {
  const why = reason?.trim() || null;
  if (why !== null && why.length > 500) throw new KollenError("BAD_INPUT", "the reason must be at most 500 characters");
  if (Number.isNaN(from.getTime())) throw new KollenError("BAD_INPUT", "not a valid date");
  const [existing] = await db.orm.select({ orgnr: signers.orgnr }).from(signers).where(eq(signers.kid, kid));
  if (!existing) throw new KollenError("NOT_FOUND", "no signer with that key id");
  await db.batch([
    db.orm.update(signers).set({ revokedFrom: from, revokeReason: why }).where(eq(signers.kid, kid)),
    db.orm.insert(events).values({ at: now, type: "signer.revoked", actor, subject: existing.orgnr, data: JSON.stringify({ kid, from: from.toISOString(), ...(why ? { reason: why } : {}) }) }),
  ]);
  return { kid, orgnr: existing.orgnr, revokedFrom: from };
}
