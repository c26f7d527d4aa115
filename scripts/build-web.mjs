// Build the browser bundles of server/web/src into dist/web/ with esbuild: one script per page —
// portal, answer (the questionnaire), invite, login, admin, review, supervisor — (ESM, minified, code shared between them split
// into hashed chunks; libsodium's WASM rides inside its JS; the questionnaire loads exceljs only when
// a workbook is asked for), the stylesheet of server/web/static,
// and the shipped survey models (schemas/models) the pages fetch by id.
// Every asset is also written gzip-compressed (name.gz), served when the browser accepts gzip.
// Run directly (`node scripts/build-web.mjs`) or imported by scripts/build.mjs.
import { build } from "esbuild";
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { gzipSync, constants } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "web");

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    portal: "server/web/src/portal.ts",
    answer: "server/web/src/answer.ts",
    review: "server/web/src/review.ts",
    admin: "server/web/src/admin.ts",
    login: "server/web/src/login.ts",
    supervisor: "server/web/src/supervisor.ts",
    invite: "server/web/src/invite.ts",
    kollen: "server/web/static/kollen.css",
  },
  outdir,
  entryNames: "[name]",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "browser",
  target: ["chrome111", "edge111", "firefox115", "safari16.4"],
  minify: true,
  sourcemap: "linked",
  legalComments: "linked",
  // libsodium's Emscripten loader names Node modules on paths a browser never takes
  external: ["fs", "path", "crypto", "url", "module", "worker_threads"],
  define: { "process.env.NODE_ENV": '"production"' },
  // zod's jitless switch (server/web/src/lib/csp.ts) in front of every file, chunks included: with
  // code splitting a chunk that builds schemas can run before the chunk holding csp.ts, and zod
  // probes `new Function` when a schema is built, which the strict CSP reports as a violation
  banner: { js: "Object.assign((globalThis.__zod_globalConfig ??= {}), { jitless: true });" },
  logLevel: "warning",
});

const models = join(root, "schemas", "models");
await mkdir(join(outdir, "models"), { recursive: true });
for (const f of await readdir(models)) if (f.endsWith(".json")) await copyFile(join(models, f), join(outdir, "models", f));

// precompressed copies: the server sends them as-is (no compression work per request)
async function compressAll(dir) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await compressAll(p);
    else if (/\.(js|css|json)$/.test(e.name)) await writeFile(`${p}.gz`, gzipSync(await readFile(p), { level: constants.Z_BEST_COMPRESSION }));
  }
}
await compressAll(outdir);
