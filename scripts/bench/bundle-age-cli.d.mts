/** Writes `<outDir>/kollen-age.mjs` (only `kollen age`, bundled with esbuild) and returns its path. */
export function bundleAgeCli(root: string, outDir: string): Promise<string>;
