/**
 * Installs the authority's signed recipient keyring (kollen-keyring/1, keys/keyring.ts): public age
 * recipients only, the server never holds an identity. The JWS is verified against the pinned
 * keyring keys before it is stored; the newest installed keyring is the current one. It is served
 * as-is at GET /api/v1/recipients and decides which recipients a package may be sealed to.
 */
import type { JWK } from "jose";
import { currentRecipients, verifyKeyring, type KeyringPayload } from "../../keys/keyring.ts";
import { events, keyring } from "../db/schema.ts";
import type { DbPort } from "../ports.ts";
import { hotQueries } from "../submissions/queries.ts";

export interface InstalledKeyring {
  jws: string;
  payload: KeyringPayload;
  installedAt: Date;
}

/**
 * Verifies `jws` against `pinned` and stores it as the current keyring.
 * @example await installKeyring(db, jws, PINNED_KEYRING_KEYS, now)
 */
export async function installKeyring(db: DbPort, jws: string, pinned: readonly JWK[], now: Date, actor = "admin"): Promise<KeyringPayload> {
  const text = jws.trim();
  const payload = await verifyKeyring(text, pinned);
  await db.batch([
    db.orm.insert(keyring).values({ jws: text, recipients: JSON.stringify(payload), installedAt: now }),
    db.orm.insert(events).values({ at: now, type: "keyring.installed", actor, subject: null, data: JSON.stringify({ issuedAt: payload.issuedAt, ids: payload.recipients.map((r) => `${r.id}:${r.status}`) }) }),
  ]);
  return payload;
}

/** The current keyring, or undefined before one is installed. */
export async function currentKeyring(db: DbPort): Promise<InstalledKeyring | undefined> {
  const [row] = await hotQueries(db).currentKeyring.all();
  if (!row) return undefined;
  return { jws: row.jws, payload: JSON.parse(row.recipients) as KeyringPayload, installedAt: row.installedAt };
}

/**
 * The keyring as verification sees it at `now`: a recipient is `current` only while it is marked
 * current and inside its from/until window; otherwise it counts as retired.
 */
export function keyringView(k: InstalledKeyring, now: Date): { recipients: Array<{ id: string; recipient: string; status: "current" | "retired" }> } {
  const live = new Set(currentRecipients(k.payload, now).map((r) => r.id));
  return { recipients: k.payload.recipients.map((r) => ({ id: r.id, recipient: r.recipient, status: live.has(r.id) ? "current" : "retired" })) };
}
