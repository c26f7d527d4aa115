/**
 * Trusts a CA certificate to name organisations: certificate signers whose chain ends at it sign
 * for the organisationsnummer their subject names (DESIGN.md § Keys, ETSI EN 319 412-1).
 * Only the PEM is stored; chain checks happen at verification (client-kit/package/verify-outer.ts).
 * A revoked CA names no one from then on: the trust store (./trust-store.ts) leaves it out.
 */
import { KollenError } from "../../schemas/errors.ts";
import { sha256Hex } from "../../encoding/sha256.ts";
import { eq } from "drizzle-orm";
import { cas, events } from "../db/schema.ts";
import type { DbPort } from "../ports.ts";
import { rowSlices } from "../lib/bound-lists.ts";

const PEM = /-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----/g;

/**
 * Stores each certificate in `pemText` (one or more PEM blocks). Returns their ids (SHA-256 of the PEM block).
 * @example await addCa(db, await readFile("ca.pem", "utf8"), "Test CA", now)
 */
export async function addCa(db: DbPort, pemText: string, label: string, now: Date, actor = "admin"): Promise<string[]> {
  const blocks = pemText.match(PEM);
  if (!blocks || blocks.length === 0) throw new KollenError("KEY_INVALID", "no PEM certificate found");
  const ids: string[] = [];
  const rows = [];
  for (const pem of blocks) {
    const normalised = pem.replace(/\r\n/g, "\n") + "\n";
    const id = await sha256Hex(new TextEncoder().encode(normalised));
    ids.push(id);
    rows.push({ id, pem: normalised, label: label.slice(0, 200), createdAt: now });
  }
  await db.batch([
    // in slices: D1 binds at most 100 parameters per statement, and a bundle may hold many
    ...rowSlices(rows).map((some) => db.orm.insert(cas).values(some).onConflictDoNothing()),
    db.orm.insert(events).values({ at: now, type: "ca.trusted", actor, subject: null, data: JSON.stringify({ ids, label: label.slice(0, 200) }) }),
  ]);
  return ids;
}

/**
 * Revokes a trusted CA: from `now` on, certificate signers whose chain ends at it are not trusted.
 * @example await revokeCa(db, id, "the CA was compromised", now, "user:…")
 * @throws KollenError NOT_FOUND (no such CA), BAD_INPUT (reason), CONFLICT (already revoked)
 */
export async function revokeCa(db: DbPort, id: string, reason: string, now: Date, actor = "admin"): Promise<{ id: string; revokedAt: Date }> {
  const why = reason.trim();
  if (why.length < 3 || why.length > 500) throw new KollenError("BAD_INPUT", "the reason must be 3–500 characters");
  const [existing] = await db.orm.select({ revokedAt: cas.revokedAt, label: cas.label }).from(cas).where(eq(cas.id, id));
  if (!existing) throw new KollenError("NOT_FOUND", "no CA with that id");
  if (existing.revokedAt) throw new KollenError("CONFLICT", "this CA is already revoked");
  await db.batch([
    db.orm.update(cas).set({ revokedAt: now, revokeReason: why }).where(eq(cas.id, id)),
    db.orm.insert(events).values({ at: now, type: "ca.revoked", actor, subject: null, data: JSON.stringify({ id, label: existing.label, reason: why }) }),
  ]);
  return { id, revokedAt: now };
}
