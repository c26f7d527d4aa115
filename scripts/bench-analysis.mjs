// `npm run bench:analysis`: `kollen analyze --results` on a synthetic population (10 000
// organisations unless --orgs N) answering the example Infosäkkollen model, with its registry.
//
// Builds the CLI (scripts/build.mjs), writes the population with `kollen demo-data` into a temp dir
// (not timed), then runs `kollen analyze` once per --runs N (default 1) and prints the wall time and
// peak RSS of the best run. Aim (issue 9): under 2 s and under 500 MiB.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runMeasured } from "./bench/measure.mjs";

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const ORGS = opt("--orgs", 10_000);
const RUNS = opt("--runs", 1);
const root = new URL("..", import.meta.url).pathname;
const model = join(root, "schemas/models/infosakkollen-example.json");
const kollen = join(root, "bin/kollen.mjs");
const dir = mkdtempSync(join(tmpdir(), "kollen-bench-analysis-"));

try {
  const build = spawnSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
  if (build.status !== 0) throw new Error("npm run build failed");
  const demo = spawnSync(process.execPath, [kollen, "demo-data", "--model", model, "--orgs", String(ORGS), "--seed", "1", "-o", join(dir, "demo")], { stdio: "inherit" });
  if (demo.status !== 0) throw new Error("kollen demo-data failed");

  let best;
  for (let i = 0; i < RUNS; i++) {
    const out = join(dir, `out-${i}`);
    const r = await runMeasured(process.execPath, [kollen, "analyze", "--model", model, "--results", join(dir, "demo", "results"), "--registry", join(dir, "demo", "registry.json"), "-o", out]);
    const pages = readdirSync(join(out, "feedback")).length;
    if (pages !== ORGS) throw new Error(`expected ${ORGS} feedback pages, got ${pages}`);
    if (!best || r.seconds < best.seconds) best = r;
  }
  const mib = best.maxRssKiB / 1024;
  console.log(`kollen analyze --results: ${ORGS} organisations (example model), best of ${RUNS}`);
  console.log(`  wall time  ${best.seconds.toFixed(2)} s   ${best.seconds < 2 ? "(aim < 2 s: met)" : "(aim < 2 s: NOT met)"}`);
  console.log(`  peak RSS   ${mib.toFixed(0)} MiB ${mib < 500 ? "(aim < 500 MiB: met)" : "(aim < 500 MiB: NOT met)"}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
