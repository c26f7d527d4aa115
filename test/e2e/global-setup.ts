// Global setup of the browser suite: Chromium must be there (.ci/run installs Debian's), and the
// web bundles are built into dist/web/ exactly as `npm run build` builds them.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { CHROMIUM } from "./browser.ts";

export default function setup(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  execFileSync(process.execPath, ["scripts/build-web.mjs"], { stdio: "inherit" });
}
