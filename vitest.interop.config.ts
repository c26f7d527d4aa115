import { defineConfig } from "vitest/config";

// Interop with the Debian `age` CLI: `npm run test:interop` (needs /usr/bin/age).
export default defineConfig({
  test: {
    include: ["test/interop/**/*.test.ts"],
    testTimeout: 120_000,
    pool: "forks",
    globalSetup: ["test/global-build.ts"],
  },
});
