import { defineConfig } from "vitest/config";

// `npm run test:faults`: crash consistency under load — `kollen serve` killed with SIGKILL while it
// receives uploads (test/faults/). Opt-in: FAULT_KILLS sets the number of kills (default 20).
export default defineConfig({
  test: {
    include: ["test/faults/**/*.test.ts"],
    testTimeout: 300_000,
    pool: "forks",
    globalSetup: ["test/global-build.ts"],
  },
});
