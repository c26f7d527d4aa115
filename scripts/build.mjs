// Compile the `kollen` CLI (cli/kollen.node.ts → dist/) with esbuild, then the browser bundles
// (./build-web.mjs → dist/web/). Run by `npm ci` via `prepare`.
// Subcommands stay as lazily loaded chunks so `kollen --help` starts fast.
import { build } from "esbuild";

await build({
  entryPoints: { kollen: "cli/kollen.node.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
await import("./build-web.mjs"); // the browser bundles of server/web → dist/web/
