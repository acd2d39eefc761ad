import type { z } from 'zod';

/**
 * The rows of a raw `db.execute()` result, checked. node-postgres and PGlite both answer
 * `{ rows }`, but drizzle types the result per driver, so the shape is verified here.
 */
export function rowsOf<T extends z.ZodType>(result: unknown, row: T): Array<z.infer<T>> {
  if (typeof result !== 'object' || result === null || !('rows' in result) || !Array.isArray(result.rows)) {
    throw new Error('database result has no rows array');
  }
  return result.rows.map((value: unknown) => row.parse(value));
}
