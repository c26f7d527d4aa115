// bench:server --stored N: the database as earlier rounds leave it before the run — N submissions
// of an earlier campaign from other organisations (one in five superseded, as resubmissions leave
// them), each with its coverage row — so that a query on the upload path reading more than its own
// rows shows in the figures: the packageId check once read the whole table, twice per upload.
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";

/** Writes `n` stored submissions of campaign `campaign` into the SQLite database at `path`. */
export function storeEarlierRounds(path, n, campaign = "bench-earlier") {
  const db = new Database(path);
  try {
    const submission = db.prepare(
      `insert into submissions (id, package_sha256, package_id, manifest_sha256, organisation, campaign, survey_model_id, created_at, received_at, status, signers, via, size)
       values (@id, @sha, @pid, @msha, @org, @campaign, 'bench-model', @at, @at, @status, '[]', 'upload', 102400)`,
    );
    const coverage = db.prepare(`insert into submission_coverage (submission_id, campaign, orgnr, role, state, seq) values (@id, @campaign, @org, 'self', 'confirmed', @seq)`);
    const t0 = Date.parse("2025-03-01T00:00:00Z");
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const id = crypto.randomUUID();
        const org = `55${String(i % 50_000).padStart(8, "0")}`; // clear of the benchmark's organisations
        const row = { id, sha: randomBytes(32).toString("hex"), pid: crypto.randomUUID(), msha: randomBytes(32).toString("hex"), org, campaign, at: t0 + i * 1000, status: i % 5 === 4 ? "superseded" : "verified" };
        submission.run(row);
        coverage.run({ id, campaign, org, seq: Math.floor(i / 50_000) + 1 });
      }
    })();
  } finally {
    db.close();
  }
}
