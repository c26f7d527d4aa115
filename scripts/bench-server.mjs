// `npm run bench:server`: the Kollen server against a plain node:http baseline, both on loopback in
// this process tree, so the overhead of our checks is measured apart from the network.
//
//   1. 100 KiB packages (each distinct, so every one is fully verified and stored): requests/s and
//      p50/p99 latency at concurrency 8, in --rounds rounds, each round the baselines then Kollen.
//   2. 64 MiB packages, one at a time: MB/s, each file to plain, plain+fsync, then Kollen (and --vs).
//   3. 8 concurrent 64 MiB uploads: the server's peak RSS (sampled from /proc, and VmHWM).
//
// Baselines: `plain` only streams the body to a file and hashes it (as the issue defines it);
// `plain+fsync` also fsyncs before answering — what Kollen must do before it sends a receipt.
// Kollen runs as `node bin/kollen.mjs serve` on a fresh DEV data folder (SQLite WAL + an fdatasync
// per group of commits, fsync'd blobs). Ratios are taken pair by pair (the same round) and their
// median printed, with the load average before and after: the machine is shared.
// Options: --small N (default 1000), --rounds N (5), --big N (3), --concurrency N (8), --warm N (400
// unmeasured uploads to each server first),
// --cpu-prof DIR (runs the Kollen server under node --cpu-prof, profile written to DIR at exit),
// --vs DIR (another checkout, built, e.g. main: its server runs in every round too, on a copy of
// the same data folder, and the ratio this/that is printed pair by pair),
// --stored N (0: N submissions of an earlier round in the database before the run, as a real
// deployment holds them: bench/stored-rows.mjs),
// --target workers (also the 100 KiB and 64 MiB uploads against the Worker on the local workerd:
// bench/workers-target.mjs).
import { spawn, spawnSync } from "node:child_process";
import { randomFillSync } from "node:crypto";
import { cpSync, createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { loadText, median, medianRange } from "./bench/measure.mjs";
import { numberOption as opt } from "./bench/options.mjs";
import { storeEarlierRounds } from "./bench/stored-rows.mjs";
import { startWorkersTarget, workersReport, workersTargetRequested } from "./bench/workers-target.mjs";

const N_SMALL = opt("--small", 1000);
const ROUNDS = Math.max(1, opt("--rounds", 5));
const N_BIG = opt("--big", 3);
const CONC = opt("--concurrency", 8);
const STORED = opt("--stored", 0);
// each server first takes WARM uploads unmeasured: with 100, the plain servers were still compiling
// (300 measured uploads gave plain + fsync 865 req/s against ~2 400 warm, and kollen 0.54× of it)
const WARM = Math.max(1, opt("--warm", 400));
const profIdx = process.argv.indexOf("--cpu-prof");
const CPU_PROF = profIdx >= 0 ? process.argv[profIdx + 1] : undefined;
const vsIdx = process.argv.indexOf("--vs");
const VS = vsIdx >= 0 ? process.argv[vsIdx + 1] : undefined;
const ROOT = new URL("..", import.meta.url).pathname;
const BIN = join(ROOT, "bin/kollen.mjs");
const dir = mkdtempSync(join(tmpdir(), "kollen-bench-server-"));
const MiB = 1024 * 1024;
const children = [];

const log = (s) => process.stderr.write(`${s}\n`);
function kollen(...a) {
  const r = spawnSync(process.execPath, [BIN, ...a], { cwd: dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`kollen ${a.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/** The plain baseline: stream the body to a file while hashing it (optionally fsync), answer 201. */
const BASELINE = `
import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { open, unlink } from "node:fs/promises";
const [dir, fsyncArg] = process.argv.slice(1);
const doSync = fsyncArg === "fsync";
let n = 0;
const server = createServer(async (req, res) => {
  const path = dir + "/b" + (n++) + ".bin";
  const fh = await open(path, "w");
  const h = createHash("sha256");
  let size = 0;
  for await (const chunk of req) { h.update(chunk); size += chunk.length; await fh.write(chunk); }
  if (doSync) await fh.sync();
  await fh.close();
  await unlink(path);
  res.writeHead(201, { "content-type": "application/json" });
  res.end(JSON.stringify({ sha256: h.digest("hex"), size }));
});
server.listen(0, "127.0.0.1", () => process.stdout.write("listening on http://127.0.0.1:" + server.address().port + "\\n"));
`;

function startChild(argv, cwd) {
  const child = spawn(process.execPath, argv, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => reject(new Error(`child exited ${code}: ${err.slice(-500)}`)));
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
/** Another agent for a target's address (the Workers target brings its own). */
const agents = new Map();

/** One upload; resolves with the status and the latency in ms. */
function upload(url, body, size) {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const u = new URL("/api/v1/submissions", url);
    const req = request(
      { agent: agents.get(url) ?? agent, host: u.hostname, port: u.port, path: u.pathname, method: "POST", headers: { "content-type": "application/vnd.kollen.package", "content-length": size } },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - t0) / 1e6, text }));
      },
    );
    req.on("error", reject);
    if (typeof body === "string") createReadStream(body, { highWaterMark: 256 * 1024 }).pipe(req);
    else req.end(body);
  });
}

/** CPU seconds a process has used so far: its main thread and all its threads (from /proc; clock ticks of 10 ms). */
function cpuOf(pid) {
  const ticks = (file) => {
    const text = readFileSync(file, "utf8");
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100; // utime + stime
  };
  return { main: ticks(`/proc/${pid}/task/${pid}/stat`), all: ticks(`/proc/${pid}/stat`) };
}

async function runSmall(url, packages, pid) {
  const cpu0 = pid ? cpuOf(pid) : undefined;
  const client0 = process.cpuUsage();
  const lat = [];
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      while (next < packages.length) {
        const p = packages[next++];
        const r = await upload(url, p, p.length);
        if (r.status !== 201) throw new Error(`unexpected ${r.status}: ${r.text.slice(0, 300)}`);
        lat.push(r.ms);
      }
    }),
  );
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  lat.sort((a, b) => a - b);
  const cpu1 = pid ? cpuOf(pid) : undefined;
  const client = process.cpuUsage(client0);
  const perReq = (s) => (s * 1e6) / packages.length; // µs of CPU per request
  const cpu = cpu1 && {
    main: perReq(cpu1.main - cpu0.main),
    other: perReq(cpu1.all - cpu1.main - (cpu0.all - cpu0.main)),
    client: (client.user + client.system) / packages.length,
  };
  return { cpu, rps: packages.length / secs, p50: lat[Math.floor(lat.length * 0.5)], p99: lat[Math.min(lat.length - 1, Math.floor(lat.length * 0.99))] };
}

async function runBig(url, files) {
  let bytes = 0;
  const t0 = process.hrtime.bigint();
  for (const f of files) {
    const size = statSync(f).size;
    const r = await upload(url, f, size);
    if (r.status !== 201) throw new Error(`unexpected ${r.status}: ${r.text.slice(0, 300)}`);
    bytes += size;
  }
  return bytes / MiB / (Number(process.hrtime.bigint() - t0) / 1e9);
}

function rssOf(pid) {
  const s = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
}

async function concurrentBig(url, pid, files) {
  const before = rssOf(pid).rss;
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid).rss)), 20);
  const t0 = process.hrtime.bigint();
  const rs = await Promise.all(files.map((f) => upload(url, f, statSync(f).size)));
  clearInterval(timer);
  for (const r of rs) if (r.status !== 201) throw new Error(`unexpected ${r.status}: ${r.text.slice(0, 300)}`);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  return { before, peak: Math.max(peak, rssOf(pid).rss), hwm: rssOf(pid).hwm, mbps: (files.length * statSync(files[0]).size) / MiB / secs };
}

try {
  log("building the CLI and a package generator …");
  spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { stdio: "inherit" });
  const cache = join(ROOT, "node_modules/.cache/kollen-bench");
  mkdirSync(cache, { recursive: true });
  const helper = join(cache, "bench-server-helper.mjs");
  await build({
    stdin: {
      contents: `export { buildPackage } from "./client-kit/package/build.ts"; export { useNodeCrypto } from "./client-kit/cli/node-crypto.node.ts";`,
      resolveDir: ROOT,
      loader: "ts",
      sourcefile: "bench-server-helper.ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile: helper,
    logLevel: "warning",
  });
  const { buildPackage, useNodeCrypto } = await import(helper);
  useNodeCrypto();

  log("initialising a DEV data folder and the registry …");
  // several organisations, each submitting a few times (new versions supersede old ones), as in a
  // real campaign; one signer key per organisation
  const ORGS = ["2120000001", "2120000019", "2120000027", "2120000035", "2120000043", "2120000050", "2321000008", "2321000016", "2021000001", "2021000019"];
  const CAMPAIGN = "bench-2026";
  const recipient = kollen("admin", "init", "--data", "data").trim().split("\n").find((l) => l.startsWith("age1"));
  const keys = {};
  for (const org of ORGS) {
    kollen("admin", "org", "add", "--data", "data", "--org", org, "--name", `Benchmark ${org}`);
    kollen("keygen", "signer", "--org", org, "-o", `signer-${org}.jwk`);
    kollen("admin", "signer", "add", "--data", "data", "--org", org, "--jwk", `signer-${org}.jwk.pub`);
    keys[org] = JSON.parse(readFileSync(join(dir, `signer-${org}.jwk`), "utf8"));
  }
  kollen("admin", "campaign", "add", "--data", "data", "--id", CAMPAIGN, "--survey", "bench-model");
  if (STORED > 0) {
    log(`storing ${STORED} submissions of an earlier round …`);
    storeEarlierRounds(join(dir, "data", "kollen.sqlite"), STORED);
  }
  let clock = Date.parse("2026-01-01T00:00:00Z");
  let turn = 0;
  const pack = (attachment) => {
    const ORG = ORGS[turn++ % ORGS.length];
    const privateJwk = keys[ORG];
    return buildPackage({
      result: new TextEncoder().encode(JSON.stringify({ bench: true, n: clock })),
      attachments: [{ name: "bilaga.bin", bytes: attachment }],
      organisation: ORG,
      campaign: CAMPAIGN,
      surveyModel: { id: "bench-model", sha256: "0".repeat(64) },
      signers: [{ kind: "jwk", privateJwk }],
      recipients: [recipient],
      now: new Date((clock += 1000)),
    });
  };

  log(`building ${N_SMALL + WARM} distinct 100 KiB packages …`);
  const smallAttachment = randomFillSync(new Uint8Array(96 * 1024));
  const small = [];
  for (let i = 0; i < N_SMALL + WARM; i++) {
    smallAttachment[0] = i & 255;
    smallAttachment[1] = i >> 8;
    small.push(await pack(smallAttachment));
  }
  log(`building ${N_BIG + 8} distinct 64 MiB packages on disk …`);
  const bigAttachment = randomFillSync(new Uint8Array(64 * MiB - 8 * 1024));
  const bigFiles = [];
  for (let i = 0; i < (N_BIG > 0 ? N_BIG + 8 : 0); i++) {
    bigAttachment[0] = i;
    const f = join(dir, `big${i}.kollen`);
    writeFileSync(f, await pack(bigAttachment));
    bigFiles.push(f);
  }

  mkdirSync(join(dir, "plain"));
  const plain = await startChild(["--input-type=module", "-e", BASELINE, join(dir, "plain"), "nosync"], dir);
  const plainSync = await startChild(["--input-type=module", "-e", BASELINE, join(dir, "plain"), "fsync"], dir);
  const profFlags = CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", CPU_PROF] : [];
  if (VS) cpSync(join(dir, "data"), join(dir, "data-vs"), { recursive: true });
  const server = await startChild([...profFlags, BIN, "serve", "--data", "data", "--port", "0"], dir);
  const other = VS ? await startChild([join(VS, "bin/kollen.mjs"), "serve", "--data", "data-vs", "--port", "0"], dir) : undefined;
  const loadBefore = loadavg();

  log("warming up …");
  const warm = small.slice(N_SMALL);
  await runSmall(plain.url, warm);
  await runSmall(plainSync.url, warm);
  await runSmall(server.url, warm);
  if (other) await runSmall(other.url, warm);

  log(`100 KiB packages, ${ROUNDS} rounds …`);
  const per = Math.floor(N_SMALL / ROUNDS);
  const sPlain = [];
  const sSync = [];
  const sKollen = [];
  const sOther = [];
  for (let r = 0; r < ROUNDS; r++) {
    const slice = small.slice(r * per, (r + 1) * per);
    sPlain.push(await runSmall(plain.url, slice, plain.child.pid));
    sSync.push(await runSmall(plainSync.url, slice, plainSync.child.pid));
    sKollen.push(await runSmall(server.url, slice, server.child.pid));
    if (other) sOther.push(await runSmall(other.url, slice, other.child.pid));
  }

  log("64 MiB packages, one at a time …");
  const bPlain = [];
  const bSync = [];
  const bKollen = [];
  const bOther = [];
  for (const file of bigFiles.slice(0, N_BIG)) {
    bPlain.push(await runBig(plain.url, [file]));
    bSync.push(await runBig(plainSync.url, [file]));
    bKollen.push(await runBig(server.url, [file]));
    if (other) bOther.push(await runBig(other.url, [file]));
  }

  log("8 concurrent 64 MiB uploads …");
  const none = { before: NaN, peak: NaN, hwm: NaN, mbps: NaN };
  const cSync = N_BIG > 0 ? await concurrentBig(plainSync.url, plainSync.child.pid, bigFiles.slice(N_BIG, N_BIG + 8)) : none;
  const cKollen = N_BIG > 0 ? await concurrentBig(server.url, server.child.pid, bigFiles.slice(N_BIG, N_BIG + 8)) : none;
  const cOther = N_BIG > 0 && other ? await concurrentBig(other.url, other.child.pid, bigFiles.slice(N_BIG, N_BIG + 8)) : none;
  const loadAfter = loadavg();

  const f = (n, d = 0) => n.toFixed(d);
  let workersLines = [];
  if (workersTargetRequested()) {
    log("the Worker on the local workerd: 100 KiB and 64 MiB packages …");
    const signers = Object.fromEntries(ORGS.map((org) => [org, JSON.parse(readFileSync(join(dir, `signer-${org}.jwk.pub`), "utf8"))]));
    const w = await startWorkersTarget({ dir, nodeUrl: server.url, signers, campaign: CAMPAIGN, surveyModelId: "bench-model" });
    agents.set(w.url, w.agent);
    try {
      await runSmall(w.url, warm);
      const measured = small.slice(0, per * ROUNDS);
      const workers = { small: await runSmall(w.url, measured), big: await runBig(w.url, bigFiles.slice(0, N_BIG)) };
      const node = { small: { rps: median(sKollen.map((x) => x.rps)) }, big: median(bKollen) };
      workersLines = workersReport({ node, workers, nSmall: measured.length, nBig: N_BIG });
    } finally {
      await w.stop();
    }
  }

  const ratios = (xs, ys, k = (v) => v) => xs.map((x, i) => k(x) / k(ys[i]));
  const row = (label, runs) =>
    `  ${label.padEnd(22)} ${f(median(runs.map((x) => x.rps))).padStart(6)} req/s   p50 ${f(median(runs.map((x) => x.p50)), 1).padStart(6)} ms   p99 ${f(median(runs.map((x) => x.p99)), 1).padStart(6)} ms`;
  const cpuRow = (label, runs) =>
    `  ${label.padEnd(22)} server main thread ${f(median(runs.map((x) => x.cpu.main))).padStart(5)} µs   its other threads ${f(median(runs.map((x) => x.cpu.other))).padStart(5)} µs   load generator ${f(median(runs.map((x) => x.cpu.client))).padStart(5)} µs`;
  const rpsRatio = ratios(sKollen, sSync, (x) => x.rps);
  const p99Ratio = ratios(sKollen, sSync, (x) => x.p99);
  const bigRatio = ratios(bKollen, bSync);
  const met = (ok) => (ok ? "met" : "NOT met");
  const out = [
    "",
    `Kollen server benchmark (${new Date().toISOString()}, node ${process.version}, concurrency ${CONC}${CPU_PROF ? ", server under --cpu-prof" : ""}${VS ? `, --vs ${VS}` : ""})`,
    `load average before ${loadText(loadBefore)}, after ${loadText(loadAfter)} (${availableParallelism()} cores)`,
    "",
    `100 KiB packages (${per * ROUNDS} distinct, verified + stored${STORED > 0 ? `, beside ${STORED} of an earlier round` : ""}; medians of ${ROUNDS} rounds of ${per}):`,
    row("plain node:http", sPlain),
    row("plain + fsync", sSync),
    row("kollen", sKollen),
    ...(other ? [row(`kollen --vs`, sOther)] : []),
    `  ratio kollen/plain ${medianRange(ratios(sKollen, sPlain, (x) => x.rps))}   kollen/plain+fsync ${medianRange(rpsRatio)}   p99 kollen/plain+fsync ${medianRange(p99Ratio)}`,
    ...(other ? [`  ratio kollen/kollen --vs: req/s ${medianRange(ratios(sKollen, sOther, (x) => x.rps))}   p99 ${medianRange(ratios(sKollen, sOther, (x) => x.p99))}`] : []),
    "  CPU time per request (from /proc, 10 ms ticks; the load generator runs on the same cores):",
    cpuRow("plain node:http", sPlain),
    cpuRow("plain + fsync", sSync),
    cpuRow("kollen", sKollen),
    ...(other ? [cpuRow("kollen --vs", sOther)] : []),
    "",
    ...(N_BIG > 0
      ? [
          `64 MiB packages, sequential (${N_BIG}, each to plain, plain+fsync, then kollen):`,
          `  plain node:http        ${f(median(bPlain)).padStart(6)} MB/s`,
          `  plain + fsync          ${f(median(bSync)).padStart(6)} MB/s`,
          `  kollen                 ${f(median(bKollen)).padStart(6)} MB/s`,
          ...(other ? [`  kollen --vs            ${f(median(bOther)).padStart(6)} MB/s`] : []),
          `  ratio kollen/plain ${medianRange(ratios(bKollen, bPlain))}   kollen/plain+fsync ${medianRange(bigRatio)}${other ? `   kollen/kollen --vs ${medianRange(ratios(bKollen, bOther))}` : ""}`,
          "",
          "8 concurrent 64 MiB uploads:",
          `  plain + fsync          peak RSS ${f(cSync.peak).padStart(4)} MiB (${f(cSync.before)} MiB before)   ${f(cSync.mbps)} MB/s aggregate`,
          `  kollen                 peak RSS ${f(cKollen.peak).padStart(4)} MiB (${f(cKollen.before)} MiB before)   ${f(cKollen.mbps)} MB/s aggregate   (VmHWM over the whole run ${f(cKollen.hwm)} MiB)`,
          ...(other ? [`  kollen --vs            peak RSS ${f(cOther.peak).padStart(4)} MiB (${f(cOther.before)} MiB before)   ${f(cOther.mbps)} MB/s aggregate`] : []),
          "",
        ]
      : ["Large uploads skipped (--big 0).", ""]),
    ...workersLines,
    "Aims (issue 13), medians of the pairs above:",
    `  100 KiB: ≥ 0.70× plain+fsync req/s: ${f(median(rpsRatio), 2)}× ${met(median(rpsRatio) >= 0.7)}; p99 ≤ 2× plain+fsync: ${f(median(p99Ratio), 2)}× ${met(median(p99Ratio) <= 2)}`,
    ...(N_BIG > 0
      ? [
          `  64 MiB sequential: ≥ 0.90× plain+fsync: ${f(median(bigRatio), 2)}× ${met(median(bigRatio) >= 0.9)}`,
          `  8 × 64 MiB: peak RSS ≤ 120 MiB: ${f(cKollen.peak)} MiB ${met(cKollen.peak <= 120)}`,
        ]
      : []),
    `  (a load average above ${availableParallelism()} means other work shared these cores: the ratios are then noisy)`,
    "",
  ];
  process.stdout.write(out.join("\n"));
} finally {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 300));
  rmSync(dir, { recursive: true, force: true });
}
