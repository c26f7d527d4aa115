// Runs a command and measures its wall time and peak RSS: through /usr/bin/time when present
// (exact), else by polling VmHWM in /proc/<pid>/status.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const TIME = "/usr/bin/time";

/** Resolves { seconds, maxRssKiB }; rejects when the command fails. */
export function runMeasured(cmd, args) {
  return new Promise((resolve, reject) => {
    const viaTime = existsSync(TIME);
    const start = process.hrtime.bigint();
    const child = viaTime
      ? spawn(TIME, ["-f", "KOLLEN_BENCH_RSS=%M", cmd, ...args], { stdio: ["ignore", "ignore", "pipe"] })
      : spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let polled = 0;
    const poll = viaTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
            if (m) polled = Math.max(polled, Number(m[1]));
          } catch {
            // process already gone
          }
        }, 10);
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (poll) clearInterval(poll);
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(" ")} exited ${code}: ${stderr.slice(-500)}`));
      const m = /KOLLEN_BENCH_RSS=(\d+)/.exec(stderr);
      resolve({ seconds, maxRssKiB: m ? Number(m[1]) : polled });
    });
  });
}

/** The median of `xs` (NaN for none). */
export function median(xs) {
  const v = [...xs].sort((x, y) => x - y);
  if (v.length === 0) return NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

/** Ratios as "median× (min–max)", "—" for none. */
export function medianRange(xs, digits = 2) {
  return xs.length === 0 ? "—" : `${median(xs).toFixed(digits)}× (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
}

/** A load average as printed beside every figure. */
export const loadText = (l) => l.map((x) => x.toFixed(2)).join(" ");
