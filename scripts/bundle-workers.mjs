// `npm run bundle:workers`: the Worker bundled by `wrangler deploy --dry-run --outdir` (offline, nothing
// uploaded), its size printed raw and gzipped, and a failure past Workers' 3 MiB gzip limit (Free plan).
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const OUT = ".wrangler/deploy-bundle";
const LIMIT = 3 * 1024 * 1024;
rmSync(OUT, { recursive: true, force: true });
if (!readdirSync("dist").includes("web")) execFileSync(process.execPath, ["scripts/build-web.mjs"], { stdio: "inherit" });
execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", OUT], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
});
const code = readdirSync(OUT).filter((f) => f.endsWith(".js"));
const bytes = Buffer.concat(code.map((f) => readFileSync(join(OUT, f))));
const gz = gzipSync(bytes, { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`workers bundle: ${code.join(", ")} ${kib(bytes.length)}, gzip ${kib(gz)} (limit ${kib(LIMIT)} gzip)`);
const nodeImports = [...bytes.toString("utf8").matchAll(/from\s*["'](node:[a-z_/]+)["']/g)].map((m) => m[1]);
if (nodeImports.length > 0) {
  console.error(`the bundle imports Node modules: ${[...new Set(nodeImports)].join(", ")}`);
  process.exit(1);
}
if (gz >= LIMIT) {
  console.error("the bundle is over the limit");
  process.exit(1);
}
