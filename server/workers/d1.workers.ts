/**
 * The database port over D1 through drizzle. D1 has no interactive transactions: `batch` is its one
 * atomic unit (CONVENTIONS.md habit 8), so every atomic change in shared code is a fixed statement list.
 */
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../db/schema.ts";
import type { Db, DbPort, Statement } from "../ports.ts";

/**
 * @example const db = d1Db(env.DB)
 */
export function d1Db(d1: unknown): DbPort {
  const orm = drizzle(d1 as never, { schema });
  return {
    orm: orm as unknown as Db,
    async batch(statements: Statement[]) {
      if (statements.length === 0) return;
      await orm.batch(statements as [Statement, ...Statement[]]);
    },
  };
}
