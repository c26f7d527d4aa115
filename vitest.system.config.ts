import { defineConfig } from "vitest/config";

// The whole-system suites, each against `kollen serve` as its own process on loopback:
// `npm run test:faults` (SIGKILL under concurrent uploads; FAULT_KILLS, default 20) and
// `npm run test:load` (concurrent submitters and logins; LOAD_UPLOADS, LOAD_CONCURRENCY).
export default defineConfig({
  test: {
    include: ["test/faults/**/*.test.ts", "test/load/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
    globalSetup: ["test/global-build.ts"],
  },
});
