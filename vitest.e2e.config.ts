import { defineConfig } from "vitest/config";

// The browser suite: `npm run test:e2e`. playwright-core drives Debian's Chromium (/usr/bin/chromium,
// installed by .ci/run) against a real Kollen server on 127.0.0.1. The global setup builds the web
// bundles into dist/web/ first. One file at a time: each starts its own server and browser.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    fileParallelism: false,
    globalSetup: ["test/e2e/global-setup.ts"],
  },
});
