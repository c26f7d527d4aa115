/**
 * The reads on the upload path as drizzle prepared statements, built once per database: drizzle
 * otherwise rebuilds each query's SQL on every call (a measurable share of a 100 KiB upload, see
 * scripts/bench-server.mjs). Variable-length lists are passed as JSON and read with json_each, which
 * SQLite and D1 both have, so every statement keeps one shape. The upload's writes are prepared too
 * (`uploadWrites`): building an insert of 19 columns cost more than running it.
 */
import { and, desc, eq, fillPlaceholders, inArray, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { campaigns, events, keyring, organisationCovers, organisations, signers, submissionCoverage, submissions } from "../db/schema.ts";
import type { BoundStatement, DbPort } from "../ports.ts";
import { ACTIVE_STATUSES } from "../../schemas/submission.ts";

const p = (name: string) => sql.placeholder(name);

function build(db: DbPort) {
  const o = db.orm;
  /** Coverage rows in {campaign} of other organisations' active submissions ({org}'s own left out), for the orgnr `which` picks. */
  const othersActiveCoverage = (...which: SQL[]) =>
    o
      .select({ submissionId: submissionCoverage.submissionId, orgnr: submissionCoverage.orgnr })
      .from(submissionCoverage)
      .innerJoin(submissions, eq(submissions.id, submissionCoverage.submissionId))
      .where(and(eq(submissionCoverage.campaign, p("campaign")), ...which, ne(submissions.organisation, p("org")), inArray(submissions.status, [...ACTIVE_STATUSES])));
  return {
    /** {sha} */
    byDigest: o.select({ id: submissions.id, status: submissions.status, receipt: submissions.receipt }).from(submissions).where(eq(submissions.packageSha256, p("sha"))).prepare(),
    /**
     * {sha, msha, pid}: rules U1 and U2 in one read, the rows stored under these package bytes, this
     * manifest or this packageId (each through its index: MULTI-INDEX OR), for receive.ts to tell a
     * retry from a reused packageId
     */
    identity: o
      .select({
        id: submissions.id,
        status: submissions.status,
        receipt: submissions.receipt,
        packageSha256: submissions.packageSha256,
        manifestSha256: submissions.manifestSha256,
        packageId: submissions.packageId,
      })
      .from(submissions)
      .where(
        or(
          eq(submissions.packageSha256, p("sha")),
          eq(submissions.manifestSha256, p("msha")),
          and(eq(submissions.packageId, p("pid")), isNotNull(submissions.manifestSha256)),
          and(isNull(submissions.manifestSha256), eq(submissions.packageId, p("pid"))),
        ),
      )
      .prepare(),
    /** {kid, org}: whether a stored submission was signed by this key (a key signs only for its organisation: the org index narrows the scan) */
    signedBy: o.select({ id: submissions.id }).from(submissions).where(and(eq(submissions.organisation, p("org")), sql`exists (select 1 from json_each(${submissions.signers}) where value = ${p("kid")})`)).limit(1).prepare(),
    /**
     * {org, campaign}: the package bytes the organisation holds in the campaign (quota), blobs deleted
     * by retention excepted; summed from the partial index submissions_org_campaign_stored alone
     */
    storedBytes: o
      .select({ bytes: sql<number | null>`sum(${submissions.size})` })
      .from(submissions)
      .where(and(eq(submissions.organisation, p("org")), eq(submissions.campaign, p("campaign")), sql`blob_key is not null`))
      .prepare(),
    /** {id} */
    campaign: o.select().from(campaigns).where(eq(campaigns.id, p("id"))).prepare(),
    /** {org} */
    organisation: o.select({ orgnr: organisations.orgnr }).from(organisations).where(eq(organisations.orgnr, p("org"))).prepare(),
    /** {org} */
    registryCovers: o.select({ covered: organisationCovers.covered }).from(organisationCovers).where(eq(organisationCovers.umbrella, p("org"))).prepare(),
    /** {org, campaign} */
    sameOrganisation: o
      .select({ id: submissions.id, status: submissions.status })
      .from(submissions)
      .where(and(eq(submissions.organisation, p("org")), eq(submissions.campaign, p("campaign")), inArray(submissions.status, [...ACTIVE_STATUSES])))
      .prepare(),
    /**
     * {campaign, org, others: JSON array of the covered orgnr other than org}: the coverage of this
     * organisation and of those it covers by other organisations' active submissions. The organisation's
     * own `self` rows (its own submissions, its whole history in the campaign) are not read: for it only
     * the `covers` rows count (submission_coverage_campaign_org holds the role).
     */
    otherCoverage: othersActiveCoverage(eq(submissionCoverage.orgnr, p("org")), eq(submissionCoverage.role, "covers"))
      .unionAll(othersActiveCoverage(sql`${submissionCoverage.orgnr} in (select value from json_each(${p("others")}))`))
      .prepare(),
    /**
     * {campaign, ours: JSON array of orgnr}: the last placement turn of each organisation (receive.ts),
     * null where it has none; each a max() that SQLite answers from the end of submission_coverage_turn
     * rather than by reading the organisation's every turn
     */
    turns: o
      .select({
        orgnr: sql<string>`value`.as("orgnr"),
        seq: sql<number | null>`(select max(${submissionCoverage.seq}) from ${submissionCoverage} where ${submissionCoverage.campaign} = ${p("campaign")} and ${submissionCoverage.orgnr} = value)`.as("seq"),
      })
      .from(sql`json_each(${p("ours")})`)
      .prepare(),
    /** {kid} */
    signer: o.select().from(signers).where(eq(signers.kid, p("kid"))).prepare(),
    /** {} */
    currentKeyring: o.select().from(keyring).orderBy(desc(keyring.id)).limit(1).prepare(),
  };
}

/** The columns of a received upload's row, each a placeholder of the same name. */
const SUBMISSION_COLUMNS = [
  "id",
  "packageSha256",
  "packageId",
  "manifestSha256",
  "organisation",
  "campaign",
  "surveyModelId",
  "createdAt",
  "receivedAt",
  "status",
  "reasons",
  "covers",
  "supersededBy",
  "flags",
  "signers",
  "via",
  "blobKey",
  "size",
  "receipt",
] as const;

type SubmissionRow = { [K in (typeof SUBMISSION_COLUMNS)[number]]: (typeof submissions.$inferInsert)[K] };

function buildWrites(db: DbPort) {
  const o = db.orm;
  const submission = o
    .insert(submissions)
    .values(Object.fromEntries(SUBMISSION_COLUMNS.map((c) => [c, p(c)])) as never)
    .prepare();
  /** {submissionId, campaign, rows: JSON array of {orgnr, role, state, seq}}: one statement for any coverage, within D1's 100 parameters */
  const coverage = o
    .insert(submissionCoverage)
    .select(
      sql`select ${p("submissionId")}, ${p("campaign")}, json_extract(value, '$.orgnr'), json_extract(value, '$.role'), json_extract(value, '$.state'), json_extract(value, '$.seq') from json_each(${p("rows")})`,
    )
    .prepare();
  /** {by, ids: JSON array of submission ids}: the older submissions the new one supersedes, approved ones excepted */
  const supersede = o
    .update(submissions)
    .set({ status: "superseded", supersededBy: p("by") as never })
    .where(and(sql`${submissions.id} in (select value from json_each(${p("ids")}))`, ne(submissions.status, "approved")))
    .prepare();
  /** {at, actor, subject, data}: the audit event of a received upload */
  const received = o
    .insert(events)
    .values({ at: p("at") as never, type: "submission.received", actor: p("actor") as never, subject: p("subject") as never, data: p("data") as never })
    .prepare();
  return {
    submission: (row: SubmissionRow) => bind(submission as Prepared, row),
    coverage: (submissionId: string, campaign: string, rows: Array<{ orgnr: string; role: string; state: string; seq: number }>) =>
      bind(coverage as Prepared, { submissionId, campaign, rows: JSON.stringify(rows) }),
    supersede: (by: string, ids: string[]) => bind(supersede as Prepared, { by, ids: JSON.stringify(ids) }),
    received: (e: { at: Date; actor: string; subject: string; data: string }) => bind(received as Prepared, e),
  };
}

type Prepared = { run(values: Record<string, unknown>): unknown; getQuery(): { sql: string; params: unknown[] } };

/** `prepared` bound to `values`: run where it stands (better-sqlite3) or sent as SQL and values (D1). */
function bind(prepared: Prepared, values: Record<string, unknown>): BoundStatement {
  return {
    run: () => prepared.run(values),
    toSQL: () => {
      const q = prepared.getQuery();
      return { sql: q.sql, params: fillPlaceholders(q.params, values) };
    },
  };
}

/** `make(db)` once per database: its statements are prepared on first use and kept. */
function perDatabase<T>(make: (db: DbPort) => T): (db: DbPort) => T {
  const made = new WeakMap<DbPort, T>();
  return (db) => {
    let t = made.get(db);
    if (!t) {
      t = make(db);
      made.set(db, t);
    }
    return t;
  };
}

/** The prepared reads of the upload path of `db` (built on first use). */
export const hotQueries = perDatabase(build);

/** The statements a received upload writes, prepared once per database and bound at each call to their values. */
export const uploadWrites = perDatabase(buildWrites);
