/**
 * The reviewers' queue and one submission's detail: filters by campaign, status,
 * actor group and flag; the detail holds the outer verification facts the server recorded, the
 * dedup/coverage flags, the coverage rows, the decisions so far and the history of the same
 * organisation in the same campaign (superseded versions included). Cleartext facts only.
 */
import { and, asc, desc, eq, like, or, sql, type SQL } from "drizzle-orm";
import { KollenError } from "../../schemas/errors.ts";
import type { QueueFilter } from "../../schemas/staff-api.ts";
import { events, organisations, reviewDecisions, submissionCoverage, submissions, users } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { hasUnconfirmedLinkKey, originOf, signerOrigins, signerRows } from "./signer-origin.ts";


const parseList = (s: string) => JSON.parse(s) as string[];

/** A LIKE pattern matching `text` anywhere, with the wildcards in it taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The conditions of a filter; `without` leaves out the status or group one (for the counts). */
function conditions(f: QueueFilter, without?: "status" | "group"): SQL[] {
  const where: SQL[] = [];
  if (f.campaign) where.push(eq(submissions.campaign, f.campaign));
  if (f.status && without !== "status") where.push(eq(submissions.status, f.status));
  if (f.group && without !== "group") where.push(eq(organisations.actorGroup, f.group));
  if (f.flag) where.push(like(submissions.flags, `%"${f.flag}"%`));
  if (f.q) {
    const digits = f.q.replace(/[\s-]/g, "");
    const byName = sql`${organisations.name} like ${containing(f.q)} escape '\\'`;
    where.push(/^\d+$/.test(digits) ? or(byName, sql`${submissions.organisation} like ${containing(digits)} escape '\\'`)! : byName);
  }
  return where;
}

/**
 * The orders of the queue, each ending in the id so a page boundary is stable. Received and status
 * read the indexes submissions_received (received_at, id) and submissions_status_received
 * (status, received_at, id) in order, so a page deep into 10 000 submissions sorts nothing.
 */
const ORDER = {
  received: [desc(submissions.receivedAt), desc(submissions.id)],
  organisation: [asc(sql`coalesce(${organisations.name}, ${submissions.organisation})`), asc(submissions.organisation), desc(submissions.receivedAt), desc(submissions.id)],
  status: [asc(submissions.status), asc(submissions.receivedAt), asc(submissions.id)],
} as const;

/** How many submissions per value of `column` match `where`. */
async function countBy(deps: Pick<AppDeps, "db">, column: typeof submissions.status | typeof organisations.actorGroup, where: SQL[]): Promise<Record<string, number>> {
  const rows = await deps.db.orm
    .select({ value: column, n: sql<number>`count(*)` })
    .from(submissions)
    .leftJoin(organisations, eq(organisations.orgnr, submissions.organisation))
    .where(where.length ? and(...where) : undefined)
    .groupBy(column);
  return Object.fromEntries(rows.map((r) => [r.value ?? "unknown", Number(r.n)]));
}

/** The query of one page of the queue (exported for the test that reads its plan). */
export function queuePage(deps: Pick<AppDeps, "db">, f: QueueFilter) {
  const where = conditions(f);
  return deps.db.orm
    .select({ s: submissions, name: organisations.name, group: organisations.actorGroup, approvals: sql<number>`(select count(*) from review_decisions d where d.submission_id = ${submissions.id} and d.decision = 'approve')` })
    .from(submissions)
    .leftJoin(organisations, eq(organisations.orgnr, submissions.organisation))
    .where(where.length ? and(...where) : undefined)
    .orderBy(...ORDER[f.sort])
    .limit(f.limit)
    .offset(f.offset);
}

/**
 * One page of the queue (newest first unless sorted otherwise), how many match in all, and the
 * counts per status and per actor group. Paged in the database (limit/offset over the indexed
 * columns), so a campaign of 10 000 submissions never travels whole.
 * @example await listQueue(deps, { q: "Kommun", sort: "organisation", limit: 50, offset: 0 })
 */
export async function listQueue(deps: Pick<AppDeps, "db">, f: QueueFilter) {
  const rows = await queuePage(deps, f);
  const counts = { status: await countBy(deps, submissions.status, conditions(f, "status")), group: await countBy(deps, organisations.actorGroup, conditions(f, "group")) };
  // the counts per status leave out only the status filter: their sum (or the filtered status's count) is the total
  const total = f.status ? (counts.status[f.status] ?? 0) : Object.values(counts.status).reduce((a, b) => a + b, 0);
  const origins = await signerOrigins(deps, rows.flatMap((r) => parseList(r.s.signers)));
  const page = rows.map((r) => ({
    id: r.s.id,
    organisation: r.s.organisation,
    organisationName: r.name ?? null,
    actorGroup: r.group ?? null,
    campaign: r.s.campaign,
    status: r.s.status,
    flags: parseList(r.s.flags),
    covers: parseList(r.s.covers),
    receivedAt: r.s.receivedAt.toISOString(),
    via: r.s.via,
    size: r.s.size,
    approvals: Number(r.approvals),
    keyFromLink: hasUnconfirmedLinkKey(parseList(r.s.signers).flatMap((k) => origins.get(k) ?? [])),
  }));
  return { submissions: page, total, counts };
}

/**
 * One submission for a reviewer.
 * @throws KollenError NOT_FOUND
 */
export async function submissionDetail(deps: Pick<AppDeps, "db">, id: string) {
  const [row] = await deps.db.orm.select({ s: submissions, name: organisations.name, group: organisations.actorGroup }).from(submissions).leftJoin(organisations, eq(organisations.orgnr, submissions.organisation)).where(eq(submissions.id, id));
  if (!row) throw new KollenError("NOT_FOUND", "no such submission");
  const s = row.s;
  const coverage = await deps.db.orm.select().from(submissionCoverage).where(eq(submissionCoverage.submissionId, id));
  const decisions = await deps.db.orm.select({ d: reviewDecisions, reviewer: users.username }).from(reviewDecisions).leftJoin(users, eq(users.id, reviewDecisions.reviewerId)).where(eq(reviewDecisions.submissionId, id)).orderBy(asc(reviewDecisions.id));
  const history = await deps.db.orm
    .select({ id: submissions.id, status: submissions.status, createdAt: submissions.createdAt, receivedAt: submissions.receivedAt, supersededBy: submissions.supersededBy, via: submissions.via })
    .from(submissions)
    .where(and(eq(submissions.organisation, s.organisation), eq(submissions.campaign, s.campaign)))
    .orderBy(asc(submissions.receivedAt));
  const keys = await signerRows(deps, parseList(s.signers));
  const log = await deps.db.orm.select().from(events).where(eq(events.subject, id)).orderBy(asc(events.seq));
  return {
    id: s.id,
    organisation: s.organisation,
    organisationName: row.name ?? null,
    actorGroup: row.group ?? null,
    campaign: s.campaign,
    surveyModelId: s.surveyModelId,
    packageId: s.packageId,
    packageSha256: s.via === "upload" ? s.packageSha256 : null,
    status: s.status,
    via: s.via,
    note: s.note,
    size: s.size,
    createdAt: s.createdAt.toISOString(),
    receivedAt: s.receivedAt.toISOString(),
    supersededBy: s.supersededBy,
    flags: parseList(s.flags),
    covers: parseList(s.covers),
    // only packages whose outer verification PASSED are stored (every refusal is answered, not kept)
    verification: s.via === "upload" ? { outcome: "PASSED", signers: parseList(s.signers), reasons: parseList(s.reasons) } : null,
    // the registered public keys of the signers, so the browser's own verification can say PASSED
    signerKeys: keys.map((k) => ({ kid: k.kid, orgnr: k.orgnr, publicJwk: JSON.parse(k.publicJwk) as Record<string, unknown> })),
    signerOrigins: keys.map(originOf),
    coverage: coverage.map((c) => ({ orgnr: c.orgnr, role: c.role, state: c.state })),
    decisions: decisions.map(({ d, reviewer }) => ({ reviewerId: d.reviewerId, reviewer: reviewer ?? null, decision: d.decision, reason: d.reason, at: d.at.toISOString() })),
    // createdAt is the signer's claim; the order is the server's receive order (FORMAT.md rule U4)
    history: history.map((h) => ({ id: h.id, status: h.status, createdAt: h.createdAt.toISOString(), receivedAt: h.receivedAt.toISOString(), supersededBy: h.supersededBy, via: h.via, current: h.id === id })),
    events: log.map((e) => ({ seq: e.seq, at: e.at.toISOString(), action: e.type, actor: e.actor })),
  };
}
