// Global setup of `npm run test:workers`: the pages (dist/web) and the CLI built as `npm ci` builds them,
// then the test Worker bundled by wrangler exactly as `wrangler deploy` bundles (offline, no metrics).
import { execFileSync } from "node:child_process";
import { BUNDLE_DIR } from "./workerd.ts";

export default function setup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  execFileSync("npx", ["wrangler", "deploy", "test/workers/entry.test.workers.ts", "--dry-run", "--outdir", BUNDLE_DIR, "--name", "kollen-test"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
  });
}
