// `npm run bench:analysis`: `kollen analyze --results` on a synthetic population (10 000
// organisations unless --orgs N) answering the example Infosäkkollen model, with its registry.
//
// Builds the CLI (scripts/build.mjs), writes the population with `kollen demo-data` into a temp dir
// (not timed), then runs `kollen analyze` once per --runs N (default 1) and prints the wall time and
// peak RSS of the best run. Aim (issue 9): under 2 s and under 500 MiB.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { runMeasured } from "./bench/measure.mjs";

/** Wall time, peak RSS and CPU time (user + system) through /usr/bin/time; else measure.mjs (no CPU). */
function runTimed(cmd, args) {
  if (!existsSync("/usr/bin/time")) return runMeasured(cmd, args).then((r) => ({ ...r, cpuSeconds: undefined }));
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn("/usr/bin/time", ["-f", "KOLLEN_BENCH=%M %U %S", cmd, ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(" ")} exited ${code}: ${stderr.slice(-500)}`));
      const m = /KOLLEN_BENCH=(\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({ seconds, maxRssKiB: m ? Number(m[1]) : 0, cpuSeconds: m ? Number(m[2]) + Number(m[3]) : undefined });
    });
  });
}

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
    const r = await runTimed(process.execPath, [kollen, "analyze", "--model", model, "--results", join(dir, "demo", "results"), "--registry", join(dir, "demo", "registry.json"), "-o", out]);
    const pages = readdirSync(join(out, "feedback")).length;
    if (pages !== ORGS) throw new Error(`expected ${ORGS} feedback pages, got ${pages}`);
    if (!best || r.seconds < best.seconds) best = r;
  }
  const mib = best.maxRssKiB / 1024;
  console.log(`kollen analyze --results: ${ORGS} organisations (example model), best of ${RUNS}`);
  console.log(`  wall time  ${best.seconds.toFixed(2)} s   ${best.seconds < 2 ? "(aim < 2 s: met)" : "(aim < 2 s: NOT met)"}`);
  console.log(`  peak RSS   ${mib.toFixed(0)} MiB ${mib < 500 ? "(aim < 500 MiB: met)" : "(aim < 500 MiB: NOT met)"}`);
  if (best.cpuSeconds !== undefined) console.log(`  CPU time   ${best.cpuSeconds.toFixed(2)} s (user + system)`);
  console.log(`  machine    ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} (wall time grows with other load; CPU time much less)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
