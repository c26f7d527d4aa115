/**
 * Trusts a CA certificate to name organisations: certificate signers whose chain ends at it sign
 * for the organisationsnummer their subject names (DESIGN.md § Keys, ETSI EN 319 412-1).
 * Only the PEM is stored; chain checks happen at verification (client-kit/package/verify-outer.ts).
 */
import { KollenError } from "../../schemas/errors.ts";
import { sha256Hex } from "../../encoding/sha256.ts";
import { cas, events } from "../db/schema.ts";
import type { DbPort } from "../ports.ts";

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
    db.orm.insert(cas).values(rows).onConflictDoNothing(),
    db.orm.insert(events).values({ at: now, type: "ca.trusted", actor, subject: null, data: JSON.stringify({ ids, label: label.slice(0, 200) }) }),
  ]);
  return ids;
}
