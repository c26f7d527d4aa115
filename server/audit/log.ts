/**
 * The audit log (DESIGN.md § Invitations, receipts, review): append-only events in the
 * `events` table, each holding the hash of the one before — SHA-256 over the canonical JSON
 * (RFC 8785) of {seq, at, type, actor, subject, data, prevHash}. A deleted, inserted or edited row
 * breaks the chain at the event after it; the newest event's seq and hash are also kept in
 * `settings` (audit.head), so removing events from the end is noticed too.
 *
 * Events are inserted first and sealed (prevHash, hash) right after, in seq order. Sealing is
 * deterministic, so two processes sealing at once (the server and a `kollen admin` command) write
 * the same values; each update only touches rows still unsealed. No interactive transaction is
 * needed (D1: fixed statement lists).
 */
import { and, asc, desc, eq, gt, isNotNull, isNull, lt } from "drizzle-orm";
import { canonicalJson } from "../../encoding/canonical-json.ts";
import { sha256Hex } from "../../encoding/sha256.ts";
import type { AuditEventName } from "../../schemas/audit-events.ts";
import { events, settings } from "../db/schema.ts";
import { Mutex } from "../lib/mutex.ts";
import type { AppDeps, Statement } from "../ports.ts";

const GENESIS = "0".repeat(64);
const HEAD_KEY = "audit.head";
/** events sealed per batch (D1 counts every statement of a batch against its per-request limits) */
const SEAL_PAGE = 100;

export interface AuditEvent {
  /** `user:<id>`, `org:<orgnr>`, `cli`, `anonymous` */
  actor: string;
  /** what was done (schemas/audit-events.ts): `review.decision`, `auth.login`, `user.add`, … */
  action: AuditEventName;
  /** what it is about: a submission id, a user id, a campaign id */
  subject?: string;
  /** log-safe facts only: never passwords, tokens or plaintext */
  detail?: Record<string, unknown>;
}

type Row = typeof events.$inferSelect;

/** The hash of one event given its predecessor's hash. */
async function eventHash(row: Pick<Row, "seq" | "at" | "type" | "actor" | "subject" | "data">, prevHash: string): Promise<string> {
  const body = { seq: row.seq, at: row.at.getTime(), type: row.type, actor: row.actor, subject: row.subject ?? null, data: JSON.parse(row.data) as unknown, prevHash };
  return sha256Hex(new TextEncoder().encode(canonicalJson(body)));
}

const mutexes = new WeakMap<object, Mutex>();

/**
 * Seals every event not yet sealed, in seq order (after inserts made elsewhere, e.g. a submission's batch).
 * @example await sealAudit(deps)
 */
export async function sealAudit(deps: Pick<AppDeps, "db">): Promise<void> {
  let m = mutexes.get(deps.db);
  // Stryker disable next-line ConditionalExpression: equivalent in outcome — sealing is deterministic and only touches unsealed rows, so concurrent sealers agree; the mutex saves the duplicate work
  if (!m) mutexes.set(deps.db, (m = new Mutex()));
  // in pages, so a long run of unsealed submission events does not become one huge batch
  while (await m.run(() => sealPage(deps))) {
    /* next page */
  }
}

async function sealPage(deps: Pick<AppDeps, "db">): Promise<boolean> {
  const [last] = await deps.db.orm.select().from(events).where(isNotNull(events.hash)).orderBy(desc(events.seq)).limit(1);
  const open = await deps.db.orm
    .select()
    .from(events)
    .where(and(isNull(events.hash), gt(events.seq, last?.seq ?? 0)))
    .orderBy(asc(events.seq))
    .limit(SEAL_PAGE);
  if (open.length === 0) return false;
  let prev = last?.hash ?? GENESIS;
  const statements: Statement[] = [];
  for (const row of open) {
    const hash = await eventHash(row, prev);
    statements.push(deps.db.orm.update(events).set({ prevHash: prev, hash }).where(and(eq(events.seq, row.seq), isNull(events.hash))));
    prev = hash;
  }
  const head = JSON.stringify({ seq: open.at(-1)!.seq, hash: prev });
  statements.push(deps.db.orm.insert(settings).values({ key: HEAD_KEY, value: head }).onConflictDoUpdate({ target: settings.key, set: { value: head } }));
  await deps.db.batch(statements);
  // Stryker disable next-line ConditionalExpression: equivalent (`true`): one more page finds nothing open and stops
  return open.length === SEAL_PAGE;
}

/**
 * Appends one event to the audit log and seals it into the chain.
 * @example await appendAudit(deps, { actor: `user:${user.id}`, action: "review.decision", subject: id, detail: { decision: "approve" } })
 */
export async function appendAudit(deps: Pick<AppDeps, "db" | "clock">, event: AuditEvent): Promise<void> {
  await deps.db.orm.insert(events).values({ at: deps.clock.now(), type: event.action, actor: event.actor, subject: event.subject ?? null, data: JSON.stringify(event.detail ?? {}) });
  await sealAudit(deps);
}

/** An audit event as the admin view and the CLI show it. */
export interface AuditEntry {
  seq: number;
  at: string;
  action: string;
  actor: string;
  subject: string | null;
  detail: unknown;
  hash: string | null;
}

/** The newest `limit` events, newest first. */
export async function listAudit(deps: Pick<AppDeps, "db">, opts: { limit: number; before?: number }): Promise<AuditEntry[]> {
  const rows = await deps.db.orm
    .select()
    .from(events)
    .where(opts.before ? lt(events.seq, opts.before) : undefined)
    .orderBy(desc(events.seq))
    .limit(opts.limit);
  return rows
    .map((r) => ({ seq: r.seq, at: r.at.toISOString(), action: r.type, actor: r.actor, subject: r.subject, detail: safeParse(r.data), hash: r.hash }));
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

export interface ChainReport {
  ok: boolean;
  events: number;
  /** events at the end not sealed yet (written by a batch whose sealing has not run) */
  unsealed: number;
  /** the first event where the chain breaks, and why */
  broken?: { seq: number; reason: "hash" | "prev_hash" | "data" | "unsealed_inside" | "head_missing" };
}

/**
 * Walks the whole chain from the first event.
 * @example const r = await verifyAuditChain(deps); if (!r.ok) console.log(r.broken)
 */
export async function verifyAuditChain(deps: Pick<AppDeps, "db">): Promise<ChainReport> {
  const rows = await deps.db.orm.select().from(events).orderBy(asc(events.seq));
  let prev = GENESIS;
  let sealed = 0;
  let lastSealedSeq = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.hash === null) {
      if (rows.slice(i).some((r) => r.hash !== null)) return { ok: false, events: rows.length, unsealed: 0, broken: { seq: row.seq, reason: "unsealed_inside" } };
      break;
    }
    if (row.prevHash !== prev) return { ok: false, events: rows.length, unsealed: 0, broken: { seq: row.seq, reason: "prev_hash" } };
    let hash: string;
    try {
      hash = await eventHash(row, prev);
    } catch {
      return { ok: false, events: rows.length, unsealed: 0, broken: { seq: row.seq, reason: "data" } };
    }
    if (hash !== row.hash) return { ok: false, events: rows.length, unsealed: 0, broken: { seq: row.seq, reason: "hash" } };
    prev = hash;
    sealed++;
    lastSealedSeq = row.seq;
  }
  const [head] = await deps.db.orm.select().from(settings).where(eq(settings.key, HEAD_KEY));
  if (head) {
    const h = safeParse(head.value) as { seq?: number; hash?: string } | null;
    const at = rows.find((r) => r.seq === h?.seq);
    // Stryker disable next-line OptionalChaining: equivalent — without a head object no row matches, and `!at` decides first
    if (!at || at.hash !== h?.hash) return { ok: false, events: rows.length, unsealed: 0, broken: { seq: h?.seq ?? lastSealedSeq + 1, reason: "head_missing" } };
  }
  return { ok: true, events: rows.length, unsealed: rows.length - sealed };
}
