// `npm run test:mutation [NAME…]`: mutation testing (Stryker 9.6, vitest runner) of the security-critical
// modules, one Stryker run per file with only the tests that pin it, then the score per file.
// Opt-in and CPU-heavy (minutes per file): KOLLEN_MUTATION_CONCURRENCY (default 2) sets the workers.
// Reports: test-output/mutation/NAME.json (mutation-testing-report-schema). Exit 1 when a file is under 90 %.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";

const TARGETS = {
  dedup: { file: "server/submissions/dedup-coverage-rules.ts", tests: ["test/server/submissions/dedup-coverage-rules.test.ts"] },
  "verify-outer": { file: "client-kit/package/verify-outer.ts", tests: ["test/client-kit/package/verify-outer.test.ts", "test/client-kit/package/package.test.ts"] },
  "age-header": { file: "client-kit/age/lib/header.ts", tests: ["test/client-kit/age/header.test.ts", "test/client-kit/age/vectors.test.ts"] },
  audit: { file: "server/audit/log.ts", tests: ["test/server/audit/log.test.ts", "test/server/audit/audit.test.ts"] },
  orgnr: { file: "schemas/orgnr.ts", tests: ["test/schemas/orgnr.test.ts"] },
  // issue 10's payload check (PAYLOAD_NOT_AGE) and the stanza-type rule it applies
  "payload-header": { file: "client-kit/package/payload-header.ts", tests: ["test/client-kit/package/payload-header.test.ts"] },
  "stanza-types": { file: "client-kit/age/stanza-types.ts", tests: ["test/client-kit/age/hybrid.test.ts", "test/client-kit/package/payload-header.test.ts"] },
};
const AIM = 90;

const names = process.argv.slice(2);
for (const n of names) if (!TARGETS[n]) throw new Error(`unknown target ${n}; one of ${Object.keys(TARGETS).join(", ")}`);
mkdirSync("test-output/mutation", { recursive: true });
const rows = [];
for (const name of names.length ? names : Object.keys(TARGETS)) {
  const { file, tests } = TARGETS[name];
  const report = `test-output/mutation/${name}.json`;
  const started = Date.now();
  const r = spawnSync("npx", ["stryker", "run", "--mutate", file], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, KOLLEN_MUTATION_TESTS: tests.join(","), KOLLEN_MUTATION_REPORT: report },
  });
  if (r.status !== 0) throw new Error(`stryker failed for ${name} (exit ${r.status})`);
  const mutants = Object.values(JSON.parse(readFileSync(report, "utf8")).files).flatMap((f) => f.mutants);
  const count = (s) => mutants.filter((m) => m.status === s).length;
  const detected = count("Killed") + count("Timeout");
  const undetected = count("Survived") + count("NoCoverage");
  const score = (100 * detected) / Math.max(1, detected + undetected);
  rows.push({ name, file, mutants: mutants.length, killed: detected, survived: count("Survived"), noCoverage: count("NoCoverage"), ignored: count("Ignored"), score, seconds: Math.round((Date.now() - started) / 1000) });
}
console.log("\nmutation score per file (killed + timeout) / (killed + timeout + survived + no coverage):");
for (const r of rows)
  console.log(`  ${r.file.padEnd(44)} ${r.score.toFixed(1).padStart(5)} %  ${r.killed}/${r.killed + r.survived + r.noCoverage} killed, ${r.survived} survived, ${r.noCoverage} no coverage, ${r.ignored} ignored  (${r.seconds} s)`);
process.exitCode = rows.every((r) => r.score >= AIM) ? 0 : 1;
