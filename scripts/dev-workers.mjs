// `npm run dev:workers`: the Worker on the local workerd (wrangler dev) with local D1 and R2 under
// .wrangler/, the way it would run on Cloudflare. On the first run it writes .dev.vars (git-ignored)
// with a DEV receipt key, labelled as such; every run builds the pages (unless --pages-built) and
// applies the migrations.
// Offline: wrangler's metrics are off and nothing is downloaded.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";

process.env.WRANGLER_SEND_METRICS = "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false"; // no download of the `Request.cf` placeholder
const wrangler = (args, opts = {}) => execFileSync("npx", ["wrangler", ...args], { stdio: "inherit", ...opts });

// Options are wrangler dev's, plus `--vars FILE`: the secrets file in place of .dev.vars (made on first
// use the same way; given to wrangler as --env-file, a name Node 20 itself would take). `--persist-to DIR`
// also takes the migrations there. test/workers/dev.test.ts uses both, so a test leaves .dev.vars alone.
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const varsFile = option("--vars") ?? ".dev.vars";
if (option("--vars")) args.splice(args.indexOf("--vars"), 2, "--env-file", varsFile);
const persist = option("--persist-to");
// `--pages-built`: dist/web is already built (test/workers/dev.test.ts: the suite's global setup built
// it, and building again would empty dist/web under the workerd suites running beside it)
const pagesBuilt = args.includes("--pages-built");
if (pagesBuilt) args.splice(args.indexOf("--pages-built"), 1);

if (!existsSync(varsFile)) {
  const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const jwk = await exportJWK(privateKey);
  jwk.kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, "sha256");
  writeFileSync(varsFile, `# DEV receipt key made by npm run dev:workers — not for production\nRECEIPT_PRIVATE_JWK='${JSON.stringify(jwk)}'\n`, { mode: 0o600 });
  console.log(`wrote ${varsFile} with a DEV receipt key (kid ${jwk.kid}) — not for production`);
}
if (!pagesBuilt) execFileSync(process.execPath, ["scripts/build-web.mjs"], { stdio: "inherit" });
wrangler(["d1", "migrations", "apply", "kollen", "--local", ...(persist ? ["--persist-to", persist] : [])], { env: { ...process.env, CI: "true" } });
const dev = spawn("npx", ["wrangler", "dev", "--local", ...args], { stdio: "inherit" });
dev.on("exit", (code) => process.exit(code ?? 1));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => dev.kill(sig));
