/**
 * What the Node server does at start, done on a schedule on Workers (cron in wrangler.toml): remove
 * R2 objects under `uploads/` that no submission row points at (an upload cut off, refused after a
 * crash, or a crash between the blob and the row: DESIGN.md § Server, "either a complete submission
 * or nothing"), expired login sessions, and expired invitations nobody used (a used one stays: its
 * supervisor's list shows who used it), and the blobs the retention rule lets go.
 *
 * An object younger than the body timeout plus a margin may still be an upload in progress, and is
 * left for the next run.
 */
import { and, inArray, lt, notExists, eq } from "drizzle-orm";
import { invites, inviteUses, sessions, submissions } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { UPLOAD_PREFIX, type R2Like } from "./r2-blob-store.workers.ts";
import { applyRetention } from "../submissions/retention.ts";
import { inSlices } from "../lib/bound-lists.ts";

export interface SweepReport {
  blobsDeleted: number;
  /** blobs of superseded and rejected packages past the retention period (../submissions/retention.ts) */
  retained: number;
  sessionsDeleted: number;
  invitesDeleted: number;
}

/** Margin beyond the body timeout before an unreferenced upload counts as left over. */
const MARGIN_MS = 15 * 60 * 1000;

/**
 * @example ctx.waitUntil(sweep(env, await workersDeps(env)))
 */
export async function sweep(env: { BLOBS: R2Like }, deps: AppDeps): Promise<SweepReport> {
  const now = deps.clock.now();
  const olderThan = now.getTime() - deps.config.bodyTimeoutMs - MARGIN_MS;
  let blobsDeleted = 0;
  if (env.BLOBS.list) {
    let cursor: string | undefined;
    do {
      const page = await env.BLOBS.list({ prefix: UPLOAD_PREFIX, limit: 500, ...(cursor ? { cursor } : {}) });
      const old = page.objects.filter((o) => new Date(o.uploaded).getTime() < olderThan).map((o) => o.key);
      if (old.length > 0) {
        const referenced = new Set((await inSlices(old, (some) => deps.db.orm.select({ key: submissions.blobKey }).from(submissions).where(inArray(submissions.blobKey, some)))).map((r) => r.key));
        const leftovers = old.filter((k) => !referenced.has(k));
        if (leftovers.length > 0) await env.BLOBS.delete(leftovers);
        blobsDeleted += leftovers.length;
      }
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  }
  const o = deps.db.orm;
  const expiredSessions = await o.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ t: sessions.tokenHash });
  const expiredInvites = await o
    .delete(invites)
    .where(and(lt(invites.expiresAt, now), notExists(o.select({ id: inviteUses.inviteId }).from(inviteUses).where(eq(inviteUses.inviteId, invites.id)))))
    .returning({ id: invites.id });
  const retained = await applyRetention(deps);
  return { blobsDeleted, retained, sessionsDeleted: expiredSessions.length, invitesDeleted: expiredInvites.length };
}
