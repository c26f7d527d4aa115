// Lint: typescript-eslint's recommended rules, plus the project's two structural rules —
// the directions in which the top folders may import each other (docs/ARCHITECTURE.md), and
// a Web-standard core: no `node:*` imports and no Buffer outside entry.*.ts, *.node.ts, tests and scripts.
import tseslint from "typescript-eslint";
import { importDirections } from "./scripts/eslint-import-directions.mjs";

/** What each top folder may import of ours (packages are not limited here). */
const ALLOWED = {
  encoding: [],
  schemas: ["encoding"],
  keys: ["schemas", "encoding"],
  "client-kit": ["keys", "schemas", "encoding"],
  analysis: ["schemas", "encoding"],
  server: ["client-kit", "keys", "schemas", "encoding", "analysis"],
  cli: ["server", "client-kit", "keys", "schemas", "encoding", "analysis"],
  scripts: ["cli", "server", "client-kit", "keys", "schemas", "encoding", "analysis", "test"],
  test: ["cli", "server", "client-kit", "keys", "schemas", "encoding", "analysis", "scripts"],
};

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", "test-output/", "bin/", "server/db/migrations/", ".wrangler/"] },
  ...tseslint.configs.recommended,
  {
    plugins: { kollen: { rules: { "import-directions": importDirections } } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "kollen/import-directions": ["error", { allowed: ALLOWED }],
    },
  },
  {
    files: ["encoding/**/*.ts", "schemas/**/*.ts", "keys/**/*.ts", "client-kit/**/*.ts", "server/**/*.ts", "analysis/**/*.ts", "cli/**/*.ts"],
    ignores: ["**/*.node.ts", "**/entry.*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["node:*"], message: "Node-only code lives in *.node.ts or entry.*.ts" }] }],
      "no-restricted-globals": ["error", { name: "Buffer", message: "Use Uint8Array; Buffer is Node-only" }],
    },
  },
);
