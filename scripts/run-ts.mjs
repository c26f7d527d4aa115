// Run a TypeScript script on Node 20 (which cannot strip types): bundle it with esbuild into a
// temporary file next to it, import it, remove it. Usage: node scripts/run-ts.mjs scripts/x.ts [args…]
import { build } from "esbuild";
import { rm } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { dirname, join, basename } from "node:path";

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/run-ts.mjs FILE.ts [args…]");
  process.exit(2);
}
const out = join(dirname(entry), `.${basename(entry, ".ts")}.${process.pid}.mjs`);
await build({ entryPoints: [entry], outfile: out, bundle: true, format: "esm", platform: "node", target: "node20", packages: "external", logLevel: "warning" });
process.argv = [process.argv[0], entry, ...args];
try {
  await import(pathToFileURL(out).href);
} finally {
  await rm(out, { force: true });
}
