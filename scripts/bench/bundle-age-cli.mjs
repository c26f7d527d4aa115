// Bundles only `kollen age` (client-kit/cli/age.node.ts) into one ESM file, for benchmarks
// and interop tests that must not depend on the whole CLI building.
import { build } from "esbuild";
import { join } from "node:path";

/** Writes `<outDir>/kollen-age.mjs` and returns its path. Run it as `node FILE encrypt|decrypt …`. */
export async function bundleAgeCli(root, outDir) {
  const outfile = join(outDir, "kollen-age.mjs");
  await build({
    stdin: {
      contents: `import { age } from ${JSON.stringify(join(root, "client-kit/cli/age.node.ts"))};
import { reportError } from ${JSON.stringify(join(root, "client-kit/cli/io.node.ts"))};
try { process.exitCode = await age(process.argv.slice(2)); } catch (e) { process.exitCode = reportError(e); }
`,
      resolveDir: root,
      loader: "ts",
    },
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // The file runs from outDir, where no node_modules resolves: bundle the pure-JS packages
    // (@noble/post-quantum for the hybrid recipient); libsodium is only imported by the sodium
    // backend, which the node command never selects.
    external: ["libsodium-wrappers"],
    nodePaths: [join(root, "node_modules")],
    logLevel: "warning",
  });
  return outfile;
}
