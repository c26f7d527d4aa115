/**
 * Installs the authority's signed recipient keyring (public age recipients only; the server never
 * holds an identity). The caller has verified the JWS against the pinned keyring keys
 * (keys/keyring.ts verifyKeyring); the newest installed keyring is the current one: it is served at
 * GET /api/v1/recipients and decides which recipients are `current` or `retired`.
 */
import { desc } from "drizzle-orm";
import { z } from "zod";
import { KollenError } from "../../schemas/errors.ts";
import { RecipientKeyId } from "../../schemas/manifest.ts";
import { events, keyring } from "../db/schema.ts";
import type { DbPort } from "../ports.ts";

export const KeyringRecipient = z.object({
  id: RecipientKeyId,
  recipient: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, "an age1… X25519 recipient"),
  status: z.enum(["current", "retired"]),
});
export type KeyringRecipient = z.infer<typeof KeyringRecipient>;

export interface InstalledKeyring {
  jws: string;
  recipients: KeyringRecipient[];
  installedAt: Date;
}

/**
 * Stores a verified keyring as the current one.
 * @example await installKeyring(db, jws, payload.recipients, now)
 */
export async function installKeyring(db: DbPort, jws: string, recipients: unknown, now: Date, actor = "admin"): Promise<void> {
  const parsed = z.array(KeyringRecipient).min(1).max(64).safeParse(recipients);
  if (!parsed.success) throw new KollenError("KEYRING_INVALID", "the keyring's recipient list is not valid");
  if (!parsed.data.some((r) => r.status === "current")) throw new KollenError("KEYRING_INVALID", "the keyring has no current recipient");
  await db.batch([
    db.orm.insert(keyring).values({ jws, recipients: JSON.stringify(parsed.data), installedAt: now }),
    db.orm.insert(events).values({ at: now, type: "keyring.installed", actor, subject: null, data: JSON.stringify({ ids: parsed.data.map((r) => `${r.id}:${r.status}`) }) }),
  ]);
}

/** The current keyring, or undefined before one is installed. */
export async function currentKeyring(db: DbPort): Promise<InstalledKeyring | undefined> {
  const [row] = await db.orm.select().from(keyring).orderBy(desc(keyring.id)).limit(1);
  if (!row) return undefined;
  return { jws: row.jws, recipients: JSON.parse(row.recipients) as KeyringRecipient[], installedAt: row.installedAt };
}
