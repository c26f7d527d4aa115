/**
 * The database port over D1 through drizzle. D1 has no interactive transactions: `batch` is its one
 * atomic unit (CONVENTIONS.md habit 8), so every atomic change in shared code is a fixed statement list.
 */
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../db/schema.ts";
import type { Db, DbPort, Statement } from "../ports.ts";

/** The part of the D1 binding a batch goes through. */
interface D1Batching {
  prepare(sql: string): { bind(...params: unknown[]): unknown };
  batch(statements: unknown[]): Promise<unknown>;
}

/**
 * A batch is sent as D1's own: each statement's SQL and driver values, builders and bound prepared
 * statements alike (drizzle's batch takes builders only).
 * @example const db = d1Db(env.DB)
 */
export function d1Db(d1: unknown): DbPort {
  const binding = d1 as D1Batching;
  const orm = drizzle(d1 as never, { schema });
  return {
    orm: orm as unknown as Db,
    async batch(statements: Statement[]) {
      if (statements.length === 0) return;
      await binding.batch(
        statements.map((s) => {
          const q = s.toSQL();
          return binding.prepare(q.sql).bind(...q.params);
        }),
      );
    },
  };
}
