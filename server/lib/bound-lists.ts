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
