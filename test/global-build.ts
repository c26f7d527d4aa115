// Vitest global setup: compile the CLI once (as `npm ci` does via `prepare`) so CLI tests run the real binary.
import { execFileSync } from "node:child_process";

export default function setup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
}
