/**
 * The reads on the upload path (server/submissions/queries.ts) find their rows through an index:
 * none reads a whole table of submissions, coverage rows, signers or organisations, which grow with
 * every campaign. A full scan here costs every upload time in proportion to all that was ever stored
 * (the packageId check once did, twice per upload).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hotQueries, uploadWrites } from "../../../server/submissions/queries.ts";
import { harness, type Harness } from "../helpers.ts";

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

/** The query plan of `query` with every parameter bound to a string. */
async function planOf(query: { sql: string; params: unknown[] }): Promise<string[]> {
  let i = 0;
  const text = query.sql.replace(/\?/g, () => `'p${i++}'`);
  return (await h.deps.db.orm.all<{ detail: string }>(sql.raw(`explain query plan ${text}`))).map((r) => r.detail);
}

const GROWING = /^SCAN (submissions|submission_coverage|signers|organisations|organisation_covers|campaigns)\b/;

describe("the upload path's queries", () => {
  it("each reads its rows through an index, never a whole growing table", async () => {
    const queries = Object.entries(hotQueries(h.deps.db));
    expect(queries.length).toBeGreaterThanOrEqual(12);
    for (const [name, prepared] of queries) {
      const plan = await planOf(prepared.getQuery());
      expect(plan.length, name).toBeGreaterThan(0);
      expect(plan.filter((line) => GROWING.test(line)), `${name}: ${plan.join(" | ")}`).toEqual([]);
    }
  });

  it("rules U1 and U2 are one read through the indexes on the bytes, the manifest and the packageId (with and without a manifest digest)", async () => {
    const plan = (await planOf(hotQueries(h.deps.db).identity.getQuery())).join(" | ");
    expect(plan).toMatch(/MULTI-INDEX OR/);
    expect(plan).toMatch(/USING INDEX submissions_package_sha256 \(package_sha256=\?\)/);
    expect(plan).toMatch(/USING INDEX submissions_package_id \(package_id=\?\)/);
    expect(plan.match(/USING INDEX submissions_manifest_sha256 \(manifest_sha256=\?\)/g)).toHaveLength(2); // the manifest, and the rows without one
  });

  // bench:server's organisations each submit hundreds of times: these three read the organisation's
  // whole history in the campaign on every upload (about 100, 40 and 20 µs at 250 submissions each)
  it("the placement reads neither the organisation's own coverage rows nor all its turns", async () => {
    const q = hotQueries(h.deps.db);
    const other = (await planOf(q.otherCoverage.getQuery())).join(" | ");
    expect(other).toMatch(/submission_coverage_campaign_org \(campaign=\? AND orgnr=\? AND role=\?\)/);
    const turns = (await planOf(q.turns.getQuery())).join(" | ");
    expect(turns).toMatch(/CORRELATED SCALAR SUBQUERY/);
    expect(turns).toMatch(/COVERING INDEX submission_coverage_turn/);
  });

  it("the quota sums stored bytes from the index that holds them", async () => {
    const plan = (await planOf(hotQueries(h.deps.db).storedBytes.getQuery())).join(" | ");
    expect(plan).toMatch(/USING INDEX submissions_org_campaign_stored \(organisation=\? AND campaign=\?\)/);
  });

  it("the upload's superseding update finds the older rows by their primary key", async () => {
    const plan = (await planOf(uploadWrites(h.deps.db).supersede("new", ["old-1", "old-2"]).toSQL())).join(" | ");
    expect(plan).toMatch(/SEARCH submissions USING INDEX sqlite_autoindex_submissions_1 \(id=\?\)/);
  });
});
