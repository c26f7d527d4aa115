import { defineConfig } from "vitest/config";

// `npm run test:workers`: the HTTP suites against the bundled Worker on workerd (Miniflare: D1, R2,
// static assets) — the same test files as `npm test`, with the target set to "workerd"
// (test/server/helpers.ts RUNTIMES), plus the Workers-only suites in test/workers/.
export default defineConfig({
  test: {
    include: [
      "test/server/submissions/submit.test.ts",
      "test/server/submissions/dedup.test.ts",
      "test/server/submissions/bad-input.test.ts",
      "test/server/submissions/retention.test.ts",
      "test/server/submissions/bad-catalogue.test.ts",
      "test/server/audit/audit.test.ts",
      "test/server/accounts/auth.test.ts",
      "test/server/accounts/bootstrap.test.ts",
      "test/server/registry/registry.test.ts",
      "test/server/review/review.test.ts",
      "test/server/invites/invites.test.ts",
      "test/workers/**/*.test.ts",
    ],
    env: { KOLLEN_TEST_TARGET: "workerd" },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    globalSetup: ["test/workers/global-setup.ts"],
  },
});
