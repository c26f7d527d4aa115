/**
 * The reads on the upload path as drizzle prepared statements, built once per database: drizzle
 * otherwise rebuilds each query's SQL on every call (a measurable share of a 100 KiB upload, see
 * scripts/bench-server.mjs). Variable-length lists are passed as JSON and read with json_each, which
 * SQLite and D1 both have, so every statement keeps one shape.
 */
import { and, desc, eq, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { campaigns, keyring, organisationCovers, organisations, signers, submissionCoverage, submissions } from "../db/schema.ts";
import type { DbPort } from "../ports.ts";
import { ACTIVE_STATUSES } from "../../schemas/submission.ts";

function build(db: DbPort) {
  const p = (name: string) => sql.placeholder(name);
  const o = db.orm;
  return {
    /** {sha} */
    byDigest: o.select({ id: submissions.id, status: submissions.status, receipt: submissions.receipt }).from(submissions).where(eq(submissions.packageSha256, p("sha"))).prepare(),
    /** {sha}: the package with these exact manifest bytes (FORMAT.md rule U1) */
    byManifest: o.select({ id: submissions.id, status: submissions.status, receipt: submissions.receipt }).from(submissions).where(eq(submissions.manifestSha256, p("sha"))).prepare(),
    /**
     * {pid}: any package under this packageId (rule U2). Rows with a manifest digest are found through
     * the partial unique index on package_id, the rest (rows from before the digest was kept, manual
     * registrations) through the index on manifest_sha256, which holds its nulls: a plain
     * `package_id = ?` can use neither index and read the whole table on every upload.
     */
    byPackageId: o
      .select({ id: submissions.id })
      .from(submissions)
      .where(and(eq(submissions.packageId, p("pid")), isNotNull(submissions.manifestSha256)))
      .unionAll(o.select({ id: submissions.id }).from(submissions).where(and(isNull(submissions.manifestSha256), eq(submissions.packageId, p("pid")))))
      .limit(1)
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
    otherCoverage: o
      .select({ submissionId: submissionCoverage.submissionId, orgnr: submissionCoverage.orgnr })
      .from(submissionCoverage)
      .innerJoin(submissions, eq(submissions.id, submissionCoverage.submissionId))
      .where(
        and(
          eq(submissionCoverage.campaign, p("campaign")),
          eq(submissionCoverage.orgnr, p("org")),
          eq(submissionCoverage.role, "covers"),
          ne(submissions.organisation, p("org")),
          inArray(submissions.status, [...ACTIVE_STATUSES]),
        ),
      )
      .unionAll(
        o
          .select({ submissionId: submissionCoverage.submissionId, orgnr: submissionCoverage.orgnr })
          .from(submissionCoverage)
          .innerJoin(submissions, eq(submissions.id, submissionCoverage.submissionId))
          .where(
            and(
              eq(submissionCoverage.campaign, p("campaign")),
              sql`${submissionCoverage.orgnr} in (select value from json_each(${p("others")}))`,
              ne(submissions.organisation, p("org")),
              inArray(submissions.status, [...ACTIVE_STATUSES]),
            ),
          ),
      )
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

const built = new WeakMap<DbPort, ReturnType<typeof build>>();

/** The prepared statements of `db` (built on first use). */
export function hotQueries(db: DbPort): ReturnType<typeof build> {
  let q = built.get(db);
  if (!q) {
    q = build(db);
    built.set(db, q);
  }
  return q;
}
