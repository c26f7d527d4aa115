/**
 * The reviewers' queue and one submission's detail: filters by campaign, status,
 * actor group and flag; the detail holds the outer verification facts the server recorded, the
 * dedup/coverage flags, the coverage rows, the decisions so far and the history of the same
 * organisation in the same campaign (superseded versions included). Cleartext facts only.
 */
import { and, asc, desc, eq, inArray, like, sql, type SQL } from "drizzle-orm";
import { KollenError } from "../../schemas/errors.ts";
import type { QueueFilter } from "../../schemas/staff-api.ts";
import { events, organisations, reviewDecisions, signers, submissionCoverage, submissions } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { hasUnconfirmedLinkKey, signerOrigins } from "./signer-origin.ts";


const parseList = (s: string) => JSON.parse(s) as string[];

/** The queue, newest first. */
export async function listQueue(deps: Pick<AppDeps, "db">, f: QueueFilter) {
  const where: SQL[] = [];
  if (f.campaign) where.push(eq(submissions.campaign, f.campaign));
  if (f.status) where.push(eq(submissions.status, f.status));
  if (f.group) where.push(eq(organisations.actorGroup, f.group));
  if (f.flag) where.push(like(submissions.flags, `%"${f.flag}"%`));
  const rows = await deps.db.orm
    .select({ s: submissions, name: organisations.name, group: organisations.actorGroup, approvals: sql<number>`(select count(*) from review_decisions d where d.submission_id = ${submissions.id} and d.decision = 'approve')` })
    .from(submissions)
    .leftJoin(organisations, eq(organisations.orgnr, submissions.organisation))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(submissions.receivedAt))
    .limit(f.limit);
  const origins = await signerOrigins(deps, rows.flatMap((r) => parseList(r.s.signers)));
  return rows.map((r) => ({
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
  const decisions = await deps.db.orm.select().from(reviewDecisions).where(eq(reviewDecisions.submissionId, id)).orderBy(asc(reviewDecisions.id));
  const history = await deps.db.orm
    .select({ id: submissions.id, status: submissions.status, createdAt: submissions.createdAt, receivedAt: submissions.receivedAt, supersededBy: submissions.supersededBy, via: submissions.via })
    .from(submissions)
    .where(and(eq(submissions.organisation, s.organisation), eq(submissions.campaign, s.campaign)))
    .orderBy(asc(submissions.receivedAt));
  const kids = parseList(s.signers).filter((k) => !k.startsWith("x509:"));
  const keys = kids.length ? await deps.db.orm.select().from(signers).where(inArray(signers.kid, kids)) : [];
  const origins = await signerOrigins(deps, kids);
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
    signerOrigins: [...origins.values()],
    coverage: coverage.map((c) => ({ orgnr: c.orgnr, role: c.role, state: c.state })),
    decisions: decisions.map((d) => ({ reviewerId: d.reviewerId, decision: d.decision, reason: d.reason, at: d.at.toISOString() })),
    // createdAt is the signer's claim; the order is the server's receive order (FORMAT.md rule U4)
    history: history.map((h) => ({ id: h.id, status: h.status, createdAt: h.createdAt.toISOString(), receivedAt: h.receivedAt.toISOString(), supersededBy: h.supersededBy, via: h.via, current: h.id === id })),
    events: log.map((e) => ({ seq: e.seq, at: e.at.toISOString(), action: e.type, actor: e.actor })),
  };
}
