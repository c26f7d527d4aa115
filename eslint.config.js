// Lint: typescript-eslint's recommended rules, plus the project's one structural rule —
// a Web-standard core: no `node:*` imports and no Buffer outside entry.*.ts, *.node.ts, tests and scripts.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", "test-output/", "bin/", "server/db/migrations/", ".wrangler/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["schemas/**/*.ts", "keys/**/*.ts", "client-kit/**/*.ts", "server/**/*.ts", "analysis/**/*.ts"],
    ignores: ["**/*.node.ts", "**/entry.*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["node:*"], message: "Node-only code lives in *.node.ts or entry.*.ts" }] }],
      "no-restricted-globals": ["error", { name: "Buffer", message: "Use Uint8Array; Buffer is Node-only" }],
    },
  },
);
