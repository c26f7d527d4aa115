import { defineConfig } from "vitest/config";

// `npm test`: everything that needs nothing outside npm. Interop (age CLI), browser and workerd suites
// have their own configs and run from .ci/run.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/interop/**", "test/e2e/**", "test/faults/**", "test/load/**", "test/workers/**", "node_modules/**"],
    testTimeout: 30_000,
    pool: "forks",
    globalSetup: ["test/global-build.ts"],
  },
});
