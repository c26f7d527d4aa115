// `npm run bench:kit`: the cost of an age header per recipient type (X25519 beside the
// post-quantum hybrid mlkem768x25519: scripts/bench/age-header.ts, `--header-ops N`, default 200),
// then throughput of `kollen age` against the `age` CLI on one random file (skipped with
// `--header-only`); `kollen age` also runs the file sealed to a hybrid key (age 1.1 cannot).
//
// Creates a random file (1 GiB unless --mib N) in a temp dir, encrypts and decrypts it with
// both tools in turn, age then kollen, --runs N times (default 5: with 3, one slow run in either tool moved the median ratio from 0.7× to 0.4× on this machine), checks every decrypted output
// equals the input, and prints median MB/s, the median of the kollen/age ratios pair by pair (the
// machine is shared: a pair sees the same load), the peak RSS of each process, the load average
// and whether the aim holds (issue 13: encrypt ≥ 0.5× age with peak RSS < 100 MiB). Builds the CLI
// (scripts/build.mjs) and runs `node bin/kollen.mjs age`; when the full build fails, bundles
// only the age command with esbuild into the temp dir.
import { spawnSync } from "node:child_process";
import { createHash, randomFillSync } from "node:crypto";
import { createReadStream, existsSync, mkdtempSync, openSync, closeSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { bundleAgeCli } from "./bench/bundle-age-cli.mjs";
import { loadText, median, medianRange, runMeasured } from "./bench/measure.mjs";
import { numberOption as opt } from "./bench/options.mjs";

const args = process.argv.slice(2);
const MIB = opt("--mib", 1024);
const RUNS = opt("--runs", 5);
const HEADER_OPS = opt("--header-ops", 200);
const root = new URL("..", import.meta.url).pathname;

// The header cost per recipient type, in its own process (a TypeScript script run through esbuild).
const header = spawnSync(process.execPath, [join(root, "scripts", "run-ts.mjs"), join(root, "scripts", "bench", "age-header.ts"), "--ops", String(HEADER_OPS)], {
  cwd: root,
  stdio: "inherit",
});
if (header.status !== 0) process.exit(header.status ?? 1);
if (args.includes("--header-only")) process.exit(0);
console.log("");

const dir = mkdtempSync(join(tmpdir(), "kollen-bench-"));

function sha256File(path) {
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on("data", (d) => h.update(d))
      .on("end", () => resolve(h.digest("hex")))
      .on("error", reject);
  });
}

/** Writes the page cache back before each timed run, so no run pays for the last one's writes. */
const settle = () => spawnSync("sync");

try {
  const ageBin = spawnSync("age", ["--version"], { encoding: "utf8" });
  if (ageBin.status !== 0) throw new Error("the `age` CLI is not installed (apt-get install age)");

  // Input: MIB MiB of random bytes, written in 1 MiB pieces.
  const input = join(dir, "input.bin");
  const fd = openSync(input, "w");
  const piece = Buffer.alloc(1 << 20);
  for (let i = 0; i < MIB; i++) writeSync(fd, randomFillSync(piece));
  closeSync(fd);
  const bytes = statSync(input).size;
  const inputHash = await sha256File(input);

  // Keys.
  const identity = join(dir, "key.txt");
  if (spawnSync("age-keygen", ["-o", identity]).status !== 0) throw new Error("age-keygen failed");
  const recipient = spawnSync("age-keygen", ["-y", identity], { encoding: "utf8" }).stdout.trim();

  // The kollen command.
  let kollen;
  const built = spawnSync(process.execPath, [join(root, "scripts", "build.mjs")], { cwd: root, encoding: "utf8" });
  if (built.status === 0 && existsSync(join(root, "dist", "kollen.mjs"))) {
    kollen = { cmd: process.execPath, pre: [join(root, "bin", "kollen.mjs"), "age"], label: "node bin/kollen.mjs age" };
  } else {
    const bundle = await bundleAgeCli(root, dir);
    kollen = { cmd: process.execPath, pre: [bundle], label: "esbuild bundle of client-kit/cli/age.node.ts (full build failed)" };
  }
  const tools = {
    age: { cmd: "age", pre: [], enc: ["-r", recipient], dec: ["-d", "-i", identity] },
    kollen: { cmd: kollen.cmd, pre: kollen.pre, enc: ["encrypt", "-r", recipient], dec: ["decrypt", "-i", identity] },
  };
  // The same file sealed to a hybrid key (needs the full build for `kollen keygen recipient --pq`).
  const pqIdentity = join(dir, "key-pq.txt");
  if (kollen.pre.length === 2) {
    const made = spawnSync(process.execPath, [kollen.pre[0], "keygen", "recipient", "--pq", "-o", pqIdentity], { encoding: "utf8" });
    if (made.status !== 0) throw new Error(`kollen keygen recipient --pq failed: ${made.stderr}`);
    tools["kollen-pq"] = { cmd: kollen.cmd, pre: kollen.pre, enc: ["encrypt", "-r", made.stdout.trim()], dec: ["decrypt", "-i", pqIdentity] };
  }

  const loadBefore = loadavg();
  const results = Object.fromEntries(Object.keys(tools).map((name) => [name, { enc: [], dec: [], rssEnc: 0, rssDec: 0 }]));
  for (let run = 0; run < RUNS; run++) {
    for (const [name, t] of Object.entries(tools)) {
      const r = results[name];
      const ct = join(dir, `${name}.age`);
      const out = join(dir, `${name}.out`);
      rmSync(ct, { force: true });
      settle();
      const e = await runMeasured(t.cmd, [...t.pre, ...t.enc, "-o", ct, input]);
      r.enc.push(e.seconds);
      r.rssEnc = Math.max(r.rssEnc, e.maxRssKiB);
      rmSync(out, { force: true });
      settle();
      const d = await runMeasured(t.cmd, [...t.pre, ...t.dec, "-o", out, ct]);
      r.dec.push(d.seconds);
      r.rssDec = Math.max(r.rssDec, d.maxRssKiB);
      if ((await sha256File(out)) !== inputHash) throw new Error(`${name}: decrypted output differs from the input`);
    }
  }
  // Cross-check once: each tool decrypts the other's file.
  for (const [a, b] of [["age", "kollen"], ["kollen", "age"]]) {
    const out = join(dir, `cross.out`);
    rmSync(out, { force: true });
    const t = tools[b];
    await runMeasured(t.cmd, [...t.pre, ...t.dec, "-o", out, join(dir, `${a}.age`)]);
    if ((await sha256File(out)) !== inputHash) throw new Error(`${b} could not decrypt ${a}'s file`);
  }

  const mbps = (s) => bytes / 1e6 / s;
  // speed ratio kollen/age of each pair = age's time / kollen's time
  const pairs = (k) => results.age[k].map((s, i) => s / results.kollen[k][i]);
  const ratio = (k) => medianRange(pairs(k));
  const line = (label, r) =>
    `${label.padEnd(9)} encrypt ${mbps(median(r.enc)).toFixed(0).padStart(5)} MB/s   decrypt ${mbps(median(r.dec)).toFixed(0).padStart(5)} MB/s   ` +
    `peak RSS enc ${(r.rssEnc / 1024).toFixed(0)} MiB, dec ${(r.rssDec / 1024).toFixed(0)} MiB`;
  const encRatio = median(pairs("enc"));
  const rssMiB = results.kollen.rssEnc / 1024;
  const report = [
    `bench:kit — ${MIB} MiB random file, medians of ${RUNS} pair(s) (age, then kollen), process start included, output to a file in ${tmpdir()}`,
    `load average before ${loadText(loadBefore)}, after ${loadText(loadavg())} (${availableParallelism()} cores; above that, other work shared them)`,
    `kollen = ${kollen.label}${process.env.KOLLEN_AGE_THREADS ? ` (KOLLEN_AGE_THREADS=${process.env.KOLLEN_AGE_THREADS})` : ""}`,
    line("age", results.age),
    line("kollen", results.kollen),
    ...(results["kollen-pq"] ? [line("kollen-pq", results["kollen-pq"])] : []),
    `ratio kollen/age (speed, pair by pair): encrypt ${ratio("enc")}, decrypt ${ratio("dec")}`,
    `aim (encrypt ≥ 0.50× age with peak RSS < 100 MiB): ${encRatio.toFixed(2)}×, ${rssMiB.toFixed(0)} MiB — ${encRatio >= 0.5 && rssMiB < 100 ? "met" : "NOT met"}`,
    "decrypted outputs equal the input (SHA-256), and each tool decrypts the other's file" +
      (results["kollen-pq"] ? " (kollen-pq: the file sealed to an mlkem768x25519 key, which age 1.1 cannot open)" : ""),
  ].join("\n");
  console.log(report);
  if (args.includes("--json")) writeFileSync(join(root, "bench-kit.json"), JSON.stringify({ bytes, results }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
