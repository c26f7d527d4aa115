// Stryker (mutation testing) for `npm run test:mutation`; scripts/mutation.mjs passes `--mutate`
// (one file per run) and the tests of that file (KOLLEN_MUTATION_TESTS). Opt-in, not in CI.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  coverageAnalysis: "perTest",
  concurrency: Number(process.env.KOLLEN_MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 20_000,
  reporters: ["clear-text", "json"],
  jsonReporter: { fileName: process.env.KOLLEN_MUTATION_REPORT ?? "test-output/mutation/report.json" },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: "test-output/stryker-tmp",
  ignorePatterns: ["dist", "data", "test-output", "coverage", ".wrangler", "docs/screenshots", "test/e2e", "test/e2e-http", "test/interop", "test/faults", "test/load"],
  cleanTempDir: "always",
  incremental: false,
};
