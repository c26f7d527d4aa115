// drizzle-kit: `npx drizzle-kit generate` writes SQL migrations for the one sqlite-core schema into
// server/db/migrations/, which the Node entry applies at start and wrangler.toml points D1 at.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./server/db/schema.ts",
  out: "./server/db/migrations",
});
