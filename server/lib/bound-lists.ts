/**
 * Lists bound into one SQL statement in slices: D1 binds at most 100 parameters per statement
 * (SQLite itself allows far more), so a `where x in (…)` over a list of any length is asked slice by
 * slice, leaving room for the statement's other parameters.
 */

/** Parameters of one list in one statement, below D1's 100 with room for the others. */
export const LIST_SLICE = 90;

/**
 * Runs `query` for each slice of `items` and joins the answers.
 * @example const rows = await inSlices(orgnrs, (some) => db.select().from(t).where(inArray(t.orgnr, some)))
 */
export async function inSlices<T, R>(items: readonly T[], query: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += LIST_SLICE) out.push(...(await query(items.slice(i, i + LIST_SLICE))));
  return out;
}

/**
 * `rows` in slices small enough for one multi-row INSERT each, within the same budget: a row binds
 * one parameter per field (the first row's fields count for all). Fewer statements than one per
 * row, which matters too: a Worker may run at most 1 000 D1 queries per invocation (each statement
 * of a batch counts).
 * @example statements.push(...rowSlices(rows).map((some) => db.orm.insert(t).values(some)))
 */
export function rowSlices<T extends object>(rows: readonly T[]): T[][] {
  const columns = rows[0] ? Object.keys(rows[0]).length : 1;
  const per = Math.max(1, Math.floor(LIST_SLICE / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += per) out.push(rows.slice(i, i + per));
  return out;
}
