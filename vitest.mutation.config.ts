import { defineConfig } from "vitest/config";

// `npm run test:mutation` (scripts/mutation.mjs): Stryker runs this config once per target file, with
// only the tests that pin that file (KOLLEN_MUTATION_TESTS, comma-separated). No global build: the
// tests named here run the library in-process, never the compiled CLI.
export default defineConfig({
  test: {
    include: (process.env.KOLLEN_MUTATION_TESTS ?? "").split(",").filter(Boolean),
    testTimeout: 30_000,
  },
});
