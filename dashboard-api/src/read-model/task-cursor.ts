import { z } from 'zod';

/** Orders the task list can be read in; each has an index (see db/schema.ts). */
export const TASK_SORTS = ['received_at', 'duration_ms', 'cost_usd'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

/**
 * The last row of a page: the next page starts strictly after it in (sort value, id). The sort
 * and order are part of it, so a cursor is never applied to a list read in another order.
 */
export interface TaskCursor {
  sort: TaskSort;
  order: SortOrder;
  /** ISO instant for received_at, a number for the others; null where the row has no value. */
  value: string | number | null;
  id: string;
}

const CursorSchema = z
  .tuple([z.enum(TASK_SORTS), z.enum(['asc', 'desc']), z.union([z.iso.datetime(), z.number(), z.null()]), z.string().min(1).max(100)])
  .refine(([sort, , value]) => (sort === 'received_at' ? typeof value === 'string' : typeof value !== 'string'), 'value does not fit the sort');

/** Opaque to callers: base64url of `[sort, order, value, id]`. */
export function encodeCursor(cursor: TaskCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.id])).toString('base64url');
}

/** null when the text is not a cursor this API wrote. */
export function decodeCursor(text: string): TaskCursor | null {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    const [sort, order, value, id] = parsed.data;
    return { sort, order, value, id };
  } catch {
    return null;
  }
}
